"""The website in a real browser (Debian's Chromium, driven by Playwright).

Most tests talk to the one real Rasa server of the session (`servers`); a few use a
stand-in socket.io server for what the real bot never sends (HTML in a message,
custom decision payloads). Screenshots go to results/screenshots/.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO_ROOT
from tests.e2e.browser import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    STUB_DECISION,
    STUB_HTML,
    BackgroundApps,
    StubRasa,
    copy_for_readme,
    focused,
    horizontal_overflow,
    open_page,
    require_browser,
    run_axe,
    screenshot,
    website,
)
from tests.e2e.conftest import Servers
from tests.e2e.rest import RestClient

REPLY_MS = 30_000
README_SCREENSHOT = REPO_ROOT / "docs" / "screenshot-chat.png"
PAGES = {"chat": "/", "staff": "/staff.html"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(servers: Servers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The website (python -m web.server) in front of the session's Rasa server."""
    with website(servers.rasa_url, servers.db_url, tmp_path_factory.mktemp("web")) as url:
        yield url


class Stub:
    def __init__(self, web_url: str, rasa_url: str, rasa: StubRasa) -> None:
        self.web_url, self.rasa_url, self.rasa = web_url, rasa_url, rasa

    def url(self, page: str) -> str:
        # ?rasa= points the page at the stand-in (a configured origin, another port).
        return f"{self.web_url}{PAGES[page]}?rasa={self.rasa_url}"


@pytest.fixture(scope="module")
def stub(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stub]:
    """The website without --rasa-url, and a stand-in Rasa; no model needed."""
    from web.server import create_app

    db_url = f"sqlite:///{tmp_path_factory.mktemp('stub') / 'registry.sqlite'}"
    apps = BackgroundApps()
    try:
        rasa = StubRasa()
        rasa_url = apps.serve(rasa.app())
        # ?rasa= may pick only a configured origin: the stand-in is one.
        web_url = apps.serve(create_app(rasa_url=None, rasa_origins=[rasa_url], db_url=db_url))
        yield Stub(web_url, rasa_url, rasa)
    finally:
        apps.close()


def send(page: Any, text: str) -> None:
    page.locator("#chat-input").fill(text)
    page.locator("#chat-input").press("Enter")


def bot_messages(page: Any) -> Any:
    return page.locator(".chat__log .msg--bot")


def wait_for_bot(page: Any, count: int) -> Any:
    """The count-th bot message (1-based), once it is there."""
    message = bot_messages(page).nth(count - 1)
    message.wait_for(timeout=REPLY_MS)
    return message


def stored_session(page: Any, key: str = "public") -> Any:
    """What the page keeps of its session: {"id", "until"} in sessionStorage, or None."""
    return page.evaluate(
        f"() => JSON.parse(sessionStorage.getItem('assistansguiden.session.{key}') || 'null')"
    )


def session_id(page: Any, key: str = "public") -> str:
    return str((stored_session(page, key) or {}).get("id"))


# --- with the real Rasa server ------------------------------------------------------------


def test_chat_answers_shows_buttons_and_keeps_history_over_reload(
    browser: Any, site: str, servers: Servers
) -> None:
    context, page, problems = open_page(browser, site + "/")
    try:
        send(page, "hej")
        greeting = wait_for_bot(page, 1)
        assert "assistansersättning" in greeting.locator(".msg__text").inner_text()
        button = greeting.get_by_role("button", name="Hur ansöker jag?")
        assert button.evaluate("b => b.tagName") == "BUTTON"

        button.click()
        # The title is shown as the user's message; the payload went to Rasa.
        assert page.locator(".msg--user").nth(1).inner_text().endswith("Hur ansöker jag?")
        answer = wait_for_bot(page, 2)
        assert "3062" in answer.inner_text()
        # A complete answer is followed by "Hjälpte svaret?" (kept over the reload too).
        page.locator(".msg--feedback").wait_for(timeout=REPLY_MS)

        before = page.locator(".chat__log .msg").all_inner_texts()
        sender = session_id(page)
        page.reload()
        page.locator("[data-chat][data-chat-ready]").wait_for(timeout=20_000)
        assert page.locator(".chat__log .msg").all_inner_texts() == before
        assert session_id(page) == sender

        # The conversation goes on in the same Rasa conversation after the reload.
        send(page, "tack")
        wait_for_bot(page, 3)
        # The conversation is the session id's first part (its issue time and signature
        # follow, assistansguiden/privacy/sessions.py).
        conversation = sender.split(".")[0]
        tracker = RestClient(servers.rasa_url, conversation, servers.token).tracker()
        said = [e["text"] for e in tracker["events"] if e["event"] == "user"]
        assert said == ["hej", "/ask_apply", "tack"]

        # Nothing from other hosts, nothing refused by the page's own CSP.
        hosts = {urlsplit(u).netloc for u in problems.requests if u.startswith("http")}
        assert hosts <= {urlsplit(site).netloc, urlsplit(servers.rasa_url).netloc}
        assert problems.csp_violations() == []
        assert problems.errors == []
    finally:
        context.close()


def test_keyboard_only_conversation(browser: Any, site: str) -> None:
    context, page, problems = open_page(browser, site + "/")
    try:
        # The first Tab stop is the skip link; it is visible when focused and leads
        # straight to the question field.
        page.keyboard.press("Tab")
        skip = focused(page)
        assert skip["text"] == "Hoppa till chattfältet" and skip["top"] >= 0
        assert skip["outline"] != "none" and skip["outlineWidth"] >= 2
        page.keyboard.press("Enter")
        assert focused(page)["id"] == "chat-input"

        # Without the skip link, Tab alone reaches the field too.
        page.reload()
        page.locator("[data-chat][data-chat-ready]").wait_for(timeout=20_000)
        for _ in range(10):
            page.keyboard.press("Tab")
            if focused(page)["id"] == "chat-input":
                break
        assert focused(page)["id"] == "chat-input"
        assert focused(page)["outline"] != "none"

        page.keyboard.type("hej")
        page.keyboard.press("Enter")
        wait_for_bot(page, 1).get_by_role("button").last.wait_for(timeout=REPLY_MS)
        assert focused(page)["id"] == "chat-input"  # ready for the next question

        # The answer's buttons sit just above the field: Shift+Tab reaches them.
        for _ in range(10):
            page.keyboard.press("Shift+Tab")
            if focused(page)["text"] == "Hur ansöker jag?":
                break
        now = focused(page)
        assert now["tag"] == "button" and now["text"] == "Hur ansöker jag?"
        assert now["outline"] != "none" and now["outlineWidth"] >= 2
        page.keyboard.press("Enter")
        wait_for_bot(page, 2).get_by_role("button").last.wait_for(timeout=REPLY_MS)
        assert page.locator(".msg--user").last.inner_text().endswith("Hur ansöker jag?")
        page.locator(".msg--feedback").wait_for(timeout=REPLY_MS)  # "Hjälpte svaret?"

        # Onwards with Tab into the newest buttons (Ja / Nej), and Space to press one.
        for _ in range(15):
            page.keyboard.press("Tab")
            if focused(page)["inLatestBot"]:
                break
        chosen = focused(page)
        assert chosen["tag"] == "button" and chosen["inLatestBot"], chosen
        assert chosen["text"] == "Ja", chosen
        page.keyboard.press("Space")
        wait_for_bot(page, 3)
        assert page.locator(".msg--user").last.inner_text().endswith("Ja, svaret hjälpte")
        assert problems.errors == []
    finally:
        context.close()


def _converse(page: Any, name: str) -> None:
    send(page, "hej")
    wait_for_bot(page, 1).get_by_role("button").last.wait_for(timeout=REPLY_MS)
    if name == "staff":
        page.locator("#lookup-query").fill("exempel")
        page.locator("#lookup-query").press("Enter")
        page.locator(".candidates button").first.wait_for(timeout=5_000)


@pytest.mark.parametrize("width", [1280, 360], ids=["desktop", "phone"])
@pytest.mark.parametrize("name", ["chat", "staff"])
def test_axe_finds_no_violations(browser: Any, site: str, name: str, width: int) -> None:
    context, page, problems = open_page(browser, site + PAGES[name], width=width, height=800)
    try:
        _converse(page, name)
        violations = run_axe(page)
        shot = screenshot(page, f"{name}-{'desktop' if width > 1000 else 'phone'}")
        if name == "chat" and width > 1000:
            copy_for_readme(shot, README_SCREENSHOT)
        assert violations == [], violations
        assert horizontal_overflow(page)["wide"] == []
        assert problems.csp_violations() == []
    finally:
        context.close()


@pytest.mark.parametrize(
    ("label", "width", "scale"),
    [("zoom200", 640, 2), ("phone", 360, 1), ("reflow320", 320, 1)],
)
@pytest.mark.parametrize("name", ["chat", "staff"])
def test_zoom_and_narrow_screens_need_no_sideways_scrolling(
    browser: Any, site: str, name: str, label: str, width: int, scale: float
) -> None:
    """200 % zoom of a 1280 px window is a 640 CSS px viewport at device scale 2;
    320 CSS px is WCAG 1.4.10's reflow width (400 % zoom)."""
    context, page, _ = open_page(browser, site + PAGES[name], width=width, height=800, scale=scale)
    try:
        _converse(page, name)
        overflow = horizontal_overflow(page)
        assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow
        assert overflow["wide"] == [], overflow
        if label == "zoom200":
            screenshot(page, f"{name}-zoom200")
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_text_at_200_percent_still_fits(browser: Any, site: str, width: int) -> None:
    """WCAG 1.4.4: text alone enlarged to 200 % (browser text-size setting)."""
    context, page, _ = open_page(browser, site + "/", width=width, height=800)
    try:
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        _converse(page, "chat")
        overflow = horizontal_overflow(page)
        assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow
    finally:
        context.close()


def test_staff_lookup_lists_candidates_and_looks_one_up(browser: Any, site: str) -> None:
    context, page, problems = open_page(browser, site + "/staff.html")
    try:
        query = page.get_by_label("Organisationsnummer eller namn")
        query.fill("exempel")
        started = time.perf_counter()
        page.get_by_role("button", name="Slå upp", exact=True).click()
        candidate = page.get_by_role("button", name="Slå upp Exempelassistans Solstrålen AB")
        candidate.wait_for(timeout=5_000)
        assert time.perf_counter() - started < 1.0
        assert "AMBIGUOUS" in page.locator("[data-lookup-result] .decision__codes").inner_text()

        started = time.perf_counter()
        candidate.click()
        title = page.locator("[data-lookup-result] .decision__title")
        title.filter(has_text="Exempelassistans Solstrålen AB").wait_for(timeout=5_000)
        assert time.perf_counter() - started < 1.0
        result = page.locator("[data-lookup-result]").inner_text()
        assert "OK" in result and "Besked: ja." in result
        assert "51 kap. 16 b § socialförsäkringsbalken" in result
        assert "Nästa steg" in result
        assert focused(page)["cls"] == "decision__title"  # the answer is read from its title
        assert query.input_value() == "559901-0013"
        assert problems.errors == []
    finally:
        context.close()


def test_staff_lookup_explains_bad_input_in_swedish(browser: Any, site: str) -> None:
    context, page, _ = open_page(browser, site + "/staff.html")
    try:
        page.get_by_role("button", name="Slå upp", exact=True).click()
        error = page.locator('[data-field-error="q"]')
        assert "organisationsnummer" in error.inner_text()
        assert focused(page)["id"] == "lookup-query"
        assert page.locator("#lookup-query").get_attribute("aria-invalid") == "true"
    finally:
        context.close()


# --- with the stand-in socket.io server -----------------------------------------------------


def test_markup_in_a_bot_message_is_shown_as_text(browser: Any, stub: Stub) -> None:
    context, page, problems = open_page(browser, stub.url("chat"))
    try:
        send(page, "html")
        message = wait_for_bot(page, 1)
        assert message.locator(".msg__text").text_content() == STUB_HTML
        assert page.locator(".chat__log img, .chat__log b, .chat__log script").count() == 0
        assert page.evaluate("() => window.__pwned") is None
        assert problems.csp_violations() == []
    finally:
        context.close()


def test_public_page_ignores_decision_payloads(browser: Any, stub: Stub) -> None:
    context, page, _ = open_page(browser, stub.url("chat"))
    try:
        send(page, "beslut")
        wait_for_bot(page, 1)
        send(page, "knappar")  # the next answer proves the payload was read and skipped
        wait_for_bot(page, 2).get_by_role("button", name="Stubbknapp").wait_for()
        assert bot_messages(page).count() == 2
        assert page.locator(".decision").count() == 0
        stored = page.evaluate("() => sessionStorage.getItem('assistansguiden.transcript.public')")
        assert "NO_PERMIT" not in stored
    finally:
        context.close()


def test_staff_chat_shows_codes_and_legal_refs_of_decisions(browser: Any, stub: Stub) -> None:
    context, page, problems = open_page(browser, stub.url("staff"))
    try:
        send(page, "beslut")
        send(page, "beslut2")  # both shapes Rasa 3.6 can deliver
        panels = page.locator(".chat__log .decision")
        panels.nth(1).wait_for(timeout=REPLY_MS)
        for i in range(2):
            text = panels.nth(i).inner_text()
            assert "NO_PERMIT" in text
            assert STUB_DECISION["legal_refs"][0] in text
            assert "Underlag för handläggare" in text
        assert run_axe(page) == []
        screenshot(page, "staff-chat-decisions")

        page.reload()
        page.locator("[data-chat][data-chat-ready]").wait_for(timeout=20_000)
        assert page.locator(".chat__log .decision").count() == 2
        assert problems.csp_violations() == []
    finally:
        context.close()


def test_new_conversation_forgets_the_old_one(browser: Any, stub: Stub) -> None:
    context, page, _ = open_page(browser, stub.url("chat"))
    try:
        send(page, "första")
        wait_for_bot(page, 1)
        old = session_id(page)
        page.get_by_role("button", name="Ny konversation").click()
        assert page.locator(".chat__log .msg").count() == 0
        assert "ny konversation" in page.locator("[data-chat-status]").inner_text()
        page.locator("[data-chat][data-chat-ready]").wait_for(timeout=20_000)
        send(page, "andra")
        wait_for_bot(page, 1)
        assert session_id(page) not in (old, "None")
        assert stub.rasa.received[-1] == {"message": "andra", "session_id": session_id(page)}
    finally:
        context.close()


def test_a_transcript_without_its_session_is_not_redrawn(browser: Any, stub: Stub) -> None:
    context, page, _ = open_page(browser, stub.url("chat"))
    try:
        send(page, "gammal fråga")
        wait_for_bot(page, 1)
        page.evaluate("() => sessionStorage.removeItem('assistansguiden.session.public')")
        page.reload()
        page.locator("[data-chat][data-chat-ready]").wait_for(timeout=20_000)
        assert page.locator(".chat__log .msg").count() == 0
        send(page, "ny fråga")
        assert wait_for_bot(page, 1).inner_text().endswith("Du skrev: ny fråga")
    finally:
        context.close()


def test_the_session_belongs_to_the_tab_and_never_to_local_storage(
    browser: Any, stub: Stub
) -> None:
    context, page, _ = open_page(browser, stub.url("chat"))
    try:
        send(page, "hej")
        wait_for_bot(page, 1)
        stored = stored_session(page)
        assert stored and stored["id"]
        # The stand-in's ids carry no issue time: a day from when it was given.
        left_ms = stored["until"] - page.evaluate("() => Date.now()")
        assert 23 * 3600 * 1000 < left_ms <= 24 * 3600 * 1000
        kept = page.evaluate("() => Object.values(localStorage).join(' ')")
        assert stored["id"] not in kept
        # Another tab (as after closing this one) starts a conversation of its own.
        other = context.new_page()
        other.goto(stub.url("chat"))
        other.locator("[data-chat][data-chat-ready]").wait_for(timeout=20_000)
        assert stub.rasa.session_requests[-1] is None
        assert session_id(other) not in (stored["id"], "None")
    finally:
        context.close()


def test_an_expired_session_is_dropped_on_load_and_while_the_page_is_open(
    browser: Any, stub: Stub
) -> None:
    context, page, _ = open_page(browser, stub.url("chat"))
    try:
        send(page, "första")
        wait_for_bot(page, 1)
        old = session_id(page)
        # On load: a kept session past its time is not presented again.
        page.evaluate(
            "() => sessionStorage.setItem('assistansguiden.session.public',"
            f" JSON.stringify({{id: '{old}', until: Date.now() - 1}}))"
        )
        page.reload()
        page.locator("[data-chat][data-chat-ready]").wait_for(timeout=20_000)
        assert stub.rasa.session_requests[-1] is None
        reloaded = session_id(page)
        assert reloaded not in (old, "None")
        # While open: a day later the next message first asks for a new session.
        page.clock.set_fixed_time(datetime.now() + timedelta(hours=24, minutes=1))
        send(page, "andra")
        wait_for_bot(page, 1)
        assert stub.rasa.session_requests[-1] is None
        assert session_id(page) not in (reloaded, "None")
        # (The jump in time also makes socket.io reconnect, which may confirm yet another.)
        sent = stub.rasa.received[-1]
        assert sent["message"] == "andra" and sent["session_id"] not in (old, reloaded)
    finally:
        context.close()


@pytest.mark.parametrize(
    "rasa", ["http://elsewhere.invalid:5005", "http://127.0.0.1:7777"], ids=["host", "port"]
)
def test_rasa_address_from_the_query_must_be_a_configured_origin(
    browser: Any, stub: Stub, rasa: str
) -> None:
    context, page, _ = open_page(browser, f"{stub.web_url}/?rasa={rasa}", wait_ready=False)
    try:
        assert page.evaluate("() => Assistansguiden.rasaUrl()") == "http://127.0.0.1:5005"
    finally:
        context.close()
