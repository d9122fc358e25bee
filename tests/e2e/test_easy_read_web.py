"""The "Lättläst" toggle in a real browser (as tests/e2e/test_web.py): it switches the
bot's answers, is announced, is kept for the tab, follows a request in words, and keeps
axe-core at 0 violations. The staff view keeps the standard text and the citations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.browser import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    BackgroundApps,
    StubRasa,
    open_page,
    require_browser,
    run_axe,
    screenshot,
    website,
)
from tests.e2e.conftest import Servers

REPLY_MS = 30_000
READY = "[data-chat][data-chat-ready]"
TOGGLE = "[data-chat-easy-read]"
# Only the lättläst variation of utter_ask_apply says this (bot/domain/apply.yml) …
EASY_APPLY = "Pappret heter blankett 3062."
# … and only the standard one this.
STANDARD_APPLY = "blankett 3062, som har samma namn"


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
    with website(servers.rasa_url, servers.db_url, tmp_path_factory.mktemp("web")) as url:
        yield url


@pytest.fixture(scope="module")
def stub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, StubRasa]]:
    """The website in front of a stand-in socket.io server: the page's own mechanics."""
    from web.server import create_app

    db_url = f"sqlite:///{tmp_path_factory.mktemp('stub') / 'registry.sqlite'}"
    apps = BackgroundApps()
    try:
        rasa = StubRasa()
        rasa_url = apps.serve(rasa.app())
        web_url = apps.serve(create_app(rasa_url=None, rasa_origins=[rasa_url], db_url=db_url))
        yield f"{web_url}/?rasa={rasa_url}", rasa
    finally:
        apps.close()


# The bot's answers, without "Hjälpte svaret?" (which goes away when the talk goes on).
ANSWERS = ".chat__log .msg--bot:not(.msg--feedback) .msg__text"


def bot_texts(page: Any) -> list[str]:
    return [str(t) for t in page.locator(ANSWERS).all_inner_texts()]


def wait_for_bot_text(page: Any, count: int) -> str:
    """The text of the count-th answer with text (1-based), once it is there."""
    message = page.locator(ANSWERS).nth(count - 1)
    message.wait_for(timeout=REPLY_MS)
    return str(message.inner_text())


def ask(page: Any, text: str) -> None:
    page.locator("#chat-input").fill(text)
    page.locator("#chat-input").press("Enter")


def pressed(page: Any) -> str | None:
    value = page.locator(TOGGLE).get_attribute("aria-pressed")
    return None if value is None else str(value)


# --- with the real Rasa server ------------------------------------------------------------


def test_the_toggle_makes_the_next_answer_lättläst_and_axe_stays_clean(
    browser: Any, site: str
) -> None:
    context, page, problems = open_page(browser, site + "/")
    try:
        page.locator(READY).wait_for(timeout=20_000)
        toggle = page.get_by_role("button", name="Lättläst")
        assert toggle.evaluate("b => b.tagName") == "BUTTON" and pressed(page) == "false"

        toggle.click()
        assert pressed(page) == "true"
        assert "Lättläst är på" in page.locator("[data-chat-status]").inner_text()
        assert "Nu skriver jag lättläst." in wait_for_bot_text(page, 1)

        ask(page, "hur ansöker jag om assistansersättning")
        answer = wait_for_bot_text(page, 2)
        assert EASY_APPLY in answer and STANDARD_APPLY not in answer

        violations = run_axe(page)
        screenshot(page, "chat-easy-read")
        assert violations == [], violations

        # Kept for the tab: after a reload the toggle is still on, the bot still lättläst.
        page.reload()
        page.locator(READY).wait_for(timeout=20_000)
        assert pressed(page) == "true"
        before = len(bot_texts(page))
        ask(page, "vem kan få assistansersättning")
        assert "Två saker måste stämma" in wait_for_bot_text(page, before + 1)

        # Off again: the standard answer.
        page.get_by_role("button", name="Lättläst").click()
        assert pressed(page) == "false"
        assert "Nu får du vanlig text igen." in wait_for_bot_text(page, before + 2)
        ask(page, "hur ansöker jag om assistansersättning")
        assert STANDARD_APPLY in wait_for_bot_text(page, before + 3)
        assert problems.csp_violations() == [] and problems.errors == []
    finally:
        context.close()


def test_asking_in_words_switches_the_toggle_too(browser: Any, site: str) -> None:
    context, page, _ = open_page(browser, site + "/")
    try:
        page.locator(READY).wait_for(timeout=20_000)
        ask(page, "kan du skriva enklare")
        assert "Nu skriver jag lättläst." in wait_for_bot_text(page, 1)
        page.locator(f'{TOGGLE}[aria-pressed="true"]').wait_for(timeout=REPLY_MS)
        assert "Lättläst är på" in page.locator("[data-chat-status]").inner_text()
    finally:
        context.close()


def test_the_staff_view_has_no_toggle_and_shows_the_standard_text(browser: Any, site: str) -> None:
    context, page, _ = open_page(browser, site + "/staff.html")
    try:
        page.locator(READY).wait_for(timeout=20_000)
        assert page.locator(TOGGLE).count() == 0
        ask(page, "hur ansöker jag om assistansersättning")
        assert STANDARD_APPLY in wait_for_bot_text(page, 1)
    finally:
        context.close()


# --- with the stand-in socket.io server -----------------------------------------------------


def test_a_new_conversation_asks_for_lättläst_again(browser: Any, stub: Any) -> None:
    url, rasa = stub
    context, page, _ = open_page(browser, url)
    try:
        page.locator(READY).wait_for(timeout=20_000)
        page.get_by_role("button", name="Lättläst").click()
        wait_for_bot_text(page, 1)
        first = rasa.received[-1]
        assert first["message"] == "/request_easy_read"
        # The person's bubble says what was asked, not the payload.
        assert page.locator(".msg--user").last.inner_text().endswith("Lättläst, tack")

        page.get_by_role("button", name="Ny konversation").click()
        page.locator(READY).wait_for(timeout=20_000)
        wait_for_bot_text(page, 1)
        again = rasa.received[-1]
        assert again["message"] == "/request_easy_read"
        assert again["session_id"] != first["session_id"]
        assert pressed(page) == "true"

        page.get_by_role("button", name="Lättläst").click()
        wait_for_bot_text(page, 2)
        assert rasa.received[-1]["message"] == '/request_easy_read{"text_style":"standard"}'
        assert pressed(page) == "false"
    finally:
        context.close()
