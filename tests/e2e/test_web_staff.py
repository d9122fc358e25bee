"""In a real browser: "Hjälpte svaret?" on the chat page, the staff view's look-ups of
amounts, deadlines and ages, and the insights page (Debian's Chromium, Playwright).

Most tests need no model: a stand-in socket.io server answers the chat and the website
runs in this process (the staff look-ups and insights need only the website). One test
plays the feedback flow with the session's real Rasa server. Every new page and state is
checked with axe-core, with the keyboard only and at 320 CSS px.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import FIXED_TODAY
from tests.e2e.browser import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    BackgroundApps,
    StubRasa,
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
from tests.insights import known

REPLY_MS = 30_000
FEEDBACK = '/feedback{"feedback_value":"%s","rated_intent":"ask_apply"}'


class FeedbackStub(StubRasa):
    """The stand-in Rasa, answering as the real one does around "Hjälpte svaret?"."""

    @staticmethod
    def answers(message: str) -> list[dict[str, Any]]:
        if message == "ansöka":
            return [
                {"text": "Du ansöker hos Försäkringskassan."},
                {"feedback": {"intent": "ask_apply"}},  # json_message {"data": {...}}
            ]
        if message.startswith("/feedback"):
            return [{"text": "Tack för ditt svar! Fråga gärna något mer."}]
        return [{"text": f"Du skrev: {message}"}]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Stub:
    def __init__(self, web_url: str, rasa_url: str, rasa: FeedbackStub) -> None:
        self.web_url, self.rasa_url, self.rasa = web_url, rasa_url, rasa

    def url(self, page: str) -> str:
        return f"{self.web_url}/{page}?rasa={self.rasa_url}"


@pytest.fixture(scope="module")
def stub(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stub]:
    """The website in this process, over the known conversations, and a stand-in Rasa."""
    from web.server import create_app

    folder = tmp_path_factory.mktemp("staff")
    trackers = folder / "conversations.sqlite"
    known.write({"dialect": "sqlite", "db": str(trackers)})
    before = os.environ.get("ASSISTANS_TODAY")
    os.environ["ASSISTANS_TODAY"] = FIXED_TODAY  # the website runs in this process
    apps = BackgroundApps()
    try:
        rasa = FeedbackStub()
        rasa_url = apps.serve(rasa.app())
        app = create_app(
            rasa_url=None,
            rasa_origins=[rasa_url],
            db_url=f"sqlite:///{folder / 'registry.sqlite'}",
            tracker_db_url=f"sqlite:///{trackers}",
        )
        yield Stub(apps.serve(app), rasa_url, rasa)
    finally:
        apps.close()
        if before is None:
            os.environ.pop("ASSISTANS_TODAY", None)
        else:
            os.environ["ASSISTANS_TODAY"] = before


def send(page: Any, text: str) -> None:
    page.locator("#chat-input").fill(text)
    page.locator("#chat-input").press("Enter")


def no_sideways_scrolling(page: Any) -> None:
    overflow = horizontal_overflow(page)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow
    assert overflow["wide"] == [], overflow


def tab_to(page: Any, key: str, wanted: Any, presses: int = 40) -> dict[str, Any]:
    for _ in range(presses):
        page.keyboard.press(key)
        now = focused(page)
        if wanted(now):
            return now
    raise AssertionError(f"{key} never reached the element; last: {focused(page)}")


# --- "Hjälpte svaret?" ----------------------------------------------------------------


def test_feedback_is_asked_after_a_complete_answer_and_sent_by_keyboard(
    browser: Any, stub: Stub
) -> None:
    context, page, problems = open_page(browser, stub.url("index.html"))
    try:
        send(page, "hej")
        page.locator(".msg--bot").first.wait_for(timeout=REPLY_MS)
        assert page.locator(".msg--feedback").count() == 0  # no answer to rate

        send(page, "ansöka")
        prompt = page.locator(".msg--feedback")
        prompt.wait_for(timeout=REPLY_MS)
        group = prompt.get_by_role("group", name="Hjälpte svaret?")
        assert group.get_by_role("button").all_inner_texts() == ["Ja", "Nej"]
        assert run_axe(page) == []
        screenshot(page, "chat-feedback")

        # The buttons sit just above the field: Shift+Tab reaches them, Enter presses.
        assert focused(page)["id"] == "chat-input"
        tab_to(page, "Shift+Tab", lambda f: f["text"] == "Nej")
        page.keyboard.press("Shift+Tab")
        assert focused(page)["text"] == "Ja" and focused(page)["outline"] != "none"
        page.keyboard.press("Enter")
        page.locator(".msg--bot").nth(2).wait_for(timeout=REPLY_MS)
        assert stub.rasa.received[-1]["message"] == FEEDBACK % "ja"
        assert page.locator(".msg--user").last.inner_text().endswith("Ja, svaret hjälpte")
        assert page.locator(".msg--feedback").count() == 0  # answered: the question goes
        assert focused(page)["id"] == "chat-input"
        stored = page.evaluate("() => sessionStorage.getItem('assistansguiden.transcript.public')")
        assert "ask_apply" not in stored
        assert problems.errors == [] and problems.csp_violations() == []
    finally:
        context.close()


def test_an_unanswered_feedback_question_goes_when_the_talk_goes_on(
    browser: Any, stub: Stub
) -> None:
    context, page, _ = open_page(browser, stub.url("index.html"), width=320, height=700)
    try:
        send(page, "ansöka")
        page.locator(".msg--feedback").wait_for(timeout=REPLY_MS)
        no_sideways_scrolling(page)
        page.reload()  # kept with the transcript while it is unanswered
        page.locator("[data-chat][data-chat-ready]").wait_for(timeout=20_000)
        assert page.locator(".msg--feedback").count() == 1
        send(page, "något annat")
        page.locator(".msg--bot").nth(1).wait_for(timeout=REPLY_MS)
        assert page.locator(".msg--feedback").count() == 0
        assert all(not m["message"].startswith("/feedback") for m in stub.rasa.received[-2:])
    finally:
        context.close()


def test_the_staff_chat_does_not_ask_for_feedback(browser: Any, stub: Stub) -> None:
    context, page, _ = open_page(browser, stub.url("staff.html"))
    try:
        send(page, "ansöka")
        send(page, "hej")
        page.locator(".chat__log .msg--bot").nth(1).wait_for(timeout=REPLY_MS)
        assert page.locator(".msg--feedback").count() == 0
    finally:
        context.close()


# --- the staff view: amounts, deadline, age ---------------------------------------------


def look_up(page: Any, heading: str, fields: dict[str, str], button: str) -> Any:
    section = page.locator("section.lookup").filter(has=page.get_by_role("heading", name=heading))
    for label, value in fields.items():
        section.get_by_label(label, exact=True).fill(value)
    section.get_by_role("button", name=button).click()
    result = section.locator("[data-fact-result] .decision")
    result.wait_for(timeout=5_000)
    return result


@pytest.mark.parametrize("width", [1280, 320])
def test_staff_looks_up_amounts_deadlines_and_ages_with_the_chat_texts(
    browser: Any, stub: Stub, width: int
) -> None:
    context, page, problems = open_page(browser, stub.url("staff.html"), width=width, height=900)
    try:
        amounts = look_up(page, "Timbelopp för ett år", {"År": "2026"}, "Visa timbelopp")
        text = amounts.inner_text()
        assert "347,70 kr per timme" in text and "389,42 kr per timme" in text
        assert "5 § förordningen (1993:1091)" in text
        assert "Så svarar chatten" in text and "För 2026 är schablonbeloppet 347,70 kr" in text
        assert focused(page)["cls"] == "decision__title"

        deadline = look_up(
            page,
            "Sista dag att anmäla en ändring",
            {"Dag då personen fick veta om ändringen": "2026-12-11"},
            "Visa sista dag",
        )
        text = deadline.inner_text()
        assert "måndag 28 december 2026" in text and "MOVED_HOLIDAY" in text
        assert "110 kap. 47 § socialförsäkringsbalken" in text and "0771-524 524" in text

        age = look_up(page, "18 år och åldersgränsen", {"Födelsedatum": "2008-05-14"}, "Visa datum")
        text = age.inner_text()
        assert "torsdag 14 maj 2026" in text and "67 år" in text
        assert "När barnet fyller 18" in text and "Åldersgränsen för assistans" in text

        assert run_axe(page) == []
        no_sideways_scrolling(page)
        if width > 1000:
            screenshot(page, "staff-lookups")
        assert problems.errors == [] and problems.csp_violations() == []
    finally:
        context.close()


def test_staff_lookups_explain_bad_input_and_work_by_keyboard(browser: Any, stub: Stub) -> None:
    context, page, _ = open_page(browser, stub.url("staff.html"))
    try:
        tab_to(page, "Tab", lambda f: f["id"] == "amounts-year")
        page.keyboard.type("20x6")
        page.keyboard.press("Enter")
        error = page.locator('[data-field-error="year"]')
        error.filter(has_text="årtal").wait_for(timeout=5_000)
        assert focused(page)["id"] == "amounts-year"
        assert page.locator("#amounts-year").get_attribute("aria-invalid") == "true"
        assert run_axe(page) == []

        page.keyboard.press("Control+A")
        page.keyboard.type("2025")
        page.keyboard.press("Enter")
        page.locator("[data-fact-result] .decision__title").first.wait_for(timeout=5_000)
        assert focused(page)["cls"] == "decision__title"
        assert page.locator("#amounts-year").get_attribute("aria-invalid") is None

        page.locator("#age-birth-date").fill("2030-01-01")
        page.get_by_role("button", name="Visa datum").click()
        page.locator('[data-field-error="birth_date"]').filter(has_text="efter dagens").wait_for(
            timeout=5_000
        )
    finally:
        context.close()


# --- insights -----------------------------------------------------------------------------


def show_week(page: Any) -> Any:
    page.get_by_label("Period").select_option("7")
    page.get_by_role("button", name="Visa insikter").click()
    status = page.locator("[data-insights-status]")
    status.filter(has_text="Visar 10 samtal").wait_for(timeout=10_000)
    return page.locator("[data-insights-report]")


def row_of(report: Any, caption: str, first_cell: str) -> list[str]:
    table = report.locator("table").filter(has=report.page.locator(f"caption:text-is('{caption}')"))
    row = table.locator("tbody tr").filter(has=report.page.locator(f"th:text-is('{first_cell}')"))
    return [cell.strip() for cell in row.locator("th, td").all_inner_texts()]


@pytest.mark.parametrize("width", [1280, 320])
def test_insights_page_shows_the_report_as_tables_and_charts(
    browser: Any, stub: Stub, width: int
) -> None:
    context, page, problems = open_page(
        browser, f"{stub.web_url}/staff-insights.html", width=width, height=900, wait_ready=False
    )
    try:
        report = show_week(page)
        text = report.inner_text()
        summary = report.locator("dl").first
        terms, values = summary.locator("dt"), summary.locator("dd")
        figures = dict(zip(terms.all_inner_texts(), values.all_inner_texts(), strict=True))
        assert figures["Samtal"] == "10" and figures["Meddelanden"] == "25"
        assert figures["Inte förstått"] == "4 (16 %)"
        assert figures["… och ett förslag valdes"] == "1 (50 %)"
        assert row_of(report, "Frågor och svar per ämne", "Kolla en anordnares tillstånd") == [
            "Kolla en anordnares tillstånd",
            "2",
            "1",
            "50 %",
        ]
        assert row_of(report, "Samtal och meddelanden per dag", "23 november 2026") == [
            "23 november 2026",
            "5",
            "11",
        ]
        assert row_of(report, "Svar på ”Hjälpte svaret?” per ämne", "Hur ansöker jag?") == [
            "Hur ansöker jag?",
            "1",
            "0",
            "100 %",
        ]
        assert row_of(report, "Meddelanden utan svar", "vad kostar en hund") == [
            "vad kostar en hund",
            "4",
            "4",
        ]
        assert "mitt personnummer är [personnummer]" in text
        assert "ring mig" not in text and "sender-" not in text and "1234" not in text
        charts = report.locator("svg[role=img]")
        assert charts.count() == 2
        names = [
            chart.evaluate(
                "s => s.getAttribute('aria-labelledby').split(' ')"
                ".map(id => document.getElementById(id).textContent).join(' ')"
            )
            for chart in charts.all()
        ]
        assert names[0].startswith("Meddelanden per dag Flest meddelanden 23 november: 11.")
        assert names[1].startswith("Frågor och besvarade frågor per ämne Flest frågor om")
        assert run_axe(page) == []
        no_sideways_scrolling(page)
        screenshot(page, f"insights-{'desktop' if width > 1000 else 'phone'}")
        assert problems.errors == [] and problems.csp_violations() == []
    finally:
        context.close()


def test_insights_page_by_keyboard(browser: Any, stub: Stub) -> None:
    context, page, _ = open_page(browser, f"{stub.web_url}/staff-insights.html", wait_ready=False)
    try:
        page.keyboard.press("Tab")
        assert focused(page)["text"] == "Hoppa till valet av period"
        page.keyboard.press("Enter")
        assert focused(page)["id"] == "insights-days"
        page.keyboard.press("Home")  # the first option: 7 days
        page.keyboard.press("Tab")
        assert focused(page)["text"] == "Visa insikter"
        page.keyboard.press("Enter")
        page.locator("[data-insights-status]").filter(has_text="Visar 10 samtal").wait_for(
            timeout=10_000
        )
    finally:
        context.close()


# --- with the real Rasa server ------------------------------------------------------------


@pytest.fixture(scope="module")
def site(servers: Servers, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with website(servers.rasa_url, servers.db_url, tmp_path_factory.mktemp("web")) as url:
        yield url


def test_feedback_flow_with_the_real_assistant(browser: Any, site: str, servers: Servers) -> None:
    context, page, problems = open_page(browser, site + "/")
    try:
        send(page, "hej")
        page.locator(".msg--bot").first.wait_for(timeout=REPLY_MS)
        send(page, "Hur ansöker jag om assistansersättning?")
        prompt = page.locator(".msg--feedback")
        prompt.wait_for(timeout=REPLY_MS)
        assert page.locator(".msg--feedback").count() == 1
        prompt.get_by_role("button", name="Nej").click()
        help_ = page.locator(".msg--bot").filter(has_text="Menade du")
        help_.wait_for(timeout=REPLY_MS)
        answer = page.locator(".chat__log").inner_text()
        assert "0771-524 524" in answer
        assert help_.get_by_role("button", name="Inget av dem").count() == 1
        assert run_axe(page) == []

        sender = page.evaluate(
            "() => JSON.parse(sessionStorage.getItem('assistansguiden.session.public')).id"
        )
        tracker = RestClient(servers.rasa_url, str(sender).split(".")[0], servers.token).tracker()
        slots = [(e["name"], e["value"]) for e in tracker["events"] if e["event"] == "slot"]
        assert ("feedback_value", "nej") in slots and ("rated_intent", "ask_apply") in slots

        # A form: no question while it asks, one when it has answered.
        count = page.locator(".msg--bot").count()
        send(page, "Kan du kolla en anordnare?")
        page.locator(".msg--bot").nth(count).wait_for(timeout=REPLY_MS)
        page.wait_for_timeout(1_000)  # a feedback question would follow at once
        assert page.locator(".msg--feedback").count() == 0
        assert problems.errors == []
    finally:
        context.close()
