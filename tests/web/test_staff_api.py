"""The staff view's look-ups besides providers: the command line's JSON with its legal
references, and the very texts the chat says (compared with what the actions send)."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from actions.answers import ActionAnswerHigherAmount, ActionAnswerHourlyAmount
from actions.decisions import ActionAgeDates, ActionChangeDeadline
from assistansguiden.law import age_stage, hourly_amounts, report_deadline
from tests.actions.form_helpers import make_tracker, run_action, texts
from tests.conftest import REPO_ROOT, TrackerDatabase
from tests.insights import known
from tests.web.conftest import RASA
from web.server import create_app


def get(app: Any, *paths: str) -> list[tuple[int, Any]]:
    async def run() -> list[tuple[int, Any]]:
        async with TestClient(TestServer(app)) as client:
            replies = []
            for path in paths:
                response = await client.get(path)
                assert response.headers["Cache-Control"] == "no-store"
                replies.append((response.status, json.loads(await response.read())))
            return replies

    return asyncio.run(run())


@pytest.fixture
def staff_app(registry_url: str, tmp_path: Path) -> Any:
    return create_app(
        rasa_url=RASA, db_url=registry_url, tracker_db_url=f"sqlite:///{tmp_path}/none.sqlite"
    )


def chat_said(action: Any, tracker: Any) -> list[str]:
    """The texts the chat shows, one per message (no staff payloads)."""
    _, messages = run_action(action, tracker)
    return [texts([m]) for m in messages if m.get("text") or m.get("response")]


# --- hourly amounts ----------------------------------------------------------------


def test_amounts_of_a_year_with_the_chat_texts(staff_app: Any) -> None:
    [(status, body)] = get(staff_app, "/api/amounts?year=2026")
    assert status == 200
    chat = body.pop("chat")
    assert body == {"question": "amounts", **hourly_amounts(2026).to_json()}
    assert any("5 § förordningen (1993:1091)" in ref for ref in body["legal_refs"])
    asked = make_tracker("vad är timbeloppet 2026", intent="ask_hourly_amount")
    higher = make_tracker("förhöjt timbelopp 2026", intent="ask_higher_amount")
    assert chat == [
        {
            "intent": "ask_hourly_amount",
            "title": "Timbeloppet i år",
            "texts": chat_said(ActionAnswerHourlyAmount(), asked),
        },
        {
            "intent": "ask_higher_amount",
            "title": "Högre timbelopp",
            "texts": chat_said(ActionAnswerHigherAmount(), higher),
        },
    ]
    assert "347,70" in chat[0]["texts"][0]


def test_amounts_default_to_this_year(staff_app: Any) -> None:
    [(status, body)] = get(staff_app, "/api/amounts")
    assert status == 200 and body["year"] == 2026  # ASSISTANS_TODAY of the tests


@pytest.mark.parametrize(("year", "says"), [("20x6", "inget årtal"), ("1999", "inte känt")])
def test_amounts_of_an_unusable_year_are_explained(staff_app: Any, year: str, says: str) -> None:
    [(status, body)] = get(staff_app, f"/api/amounts?year={year}")
    assert status == 400 and body["field"] == "year" and says in body["error"]


# --- reporting deadline ------------------------------------------------------------


def test_deadline_with_its_move_and_the_chat_texts(staff_app: Any) -> None:
    # 14 days after 2026-12-11 is a Friday, Christmas Day: moved to Monday 28 December.
    [(status, body)] = get(staff_app, "/api/deadline?change_date=2026-12-11")
    assert status == 200
    chat = body.pop("chat")
    expected = report_deadline(date(2026, 12, 11)).to_json()
    assert {k: body[k] for k in expected} == expected
    assert body["question"] == "deadline" and body["codes"] == [expected["move"]]
    assert body["deadline"] == "2026-12-28" and body["legal_refs"] == expected["legal_refs"]
    tracker = make_tracker("", intent="report_change", slots={"change_date": "2026-12-11"})
    assert chat == [
        {
            "intent": "report_change",
            "title": "Anmäla en ändring",
            "texts": chat_said(ActionChangeDeadline(), tracker),
        }
    ]
    assert "0771-524 524" in chat[0]["texts"][-1]


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("", "Skriv dagen"),
        ("?change_date=11/12", "inget giltigt datum"),
        ("?change_date=2026-02-30", "inget giltigt datum"),
    ],
)
def test_deadline_without_a_usable_date_is_explained(staff_app: Any, query: str, says: str) -> None:
    [(status, body)] = get(staff_app, f"/api/deadline{query}")
    assert status == 400 and body["field"] == "change_date" and says in body["error"]


# --- age dates ---------------------------------------------------------------------


def test_age_dates_with_both_chat_answers(staff_app: Any) -> None:
    (status, body), (_, today_body) = get(
        staff_app,
        "/api/age?birth_date=2008-05-14&today=2026-03-01",
        "/api/age?birth_date=2008-05-14",
    )
    assert status == 200
    chat = body.pop("chat")
    stage = age_stage(date(2008, 5, 14), date(2026, 3, 1))
    assert body == {"question": "age", **stage.to_json(), "legal_refs": list(stage.legal_refs)}
    assert body["turns_18"] == "2026-05-14" and body["stage"] == "child"
    said = {}
    for intent in ("ask_turning_18", "ask_turning_66"):
        tracker = make_tracker("", intent=intent, slots={"birth_date": "2008-05-14"})
        said[intent] = chat_said(ActionAgeDates(), tracker)
    # The chat's answers are dated ASSISTANS_TODAY (2026-11-23): compared on that day.
    assert [c["texts"] for c in today_body["chat"]] == [
        said["ask_turning_18"],
        said["ask_turning_66"],
    ]
    assert [c["title"] for c in chat] == ["När barnet fyller 18", "Åldersgränsen för assistans"]
    assert "14 maj 2026" in chat[0]["texts"][0]


@pytest.mark.parametrize(
    ("query", "field", "says"),
    [
        ("", "birth_date", "födelsedatum"),
        ("?birth_date=14 maj 2008", "birth_date", "inget giltigt datum"),
        ("?birth_date=2030-01-01", "birth_date", "efter dagens datum"),
        ("?birth_date=2008-05-14&today=igår", "today", "inget giltigt datum"),
    ],
)
def test_age_of_an_unusable_birth_date_is_explained(
    staff_app: Any, query: str, field: str, says: str
) -> None:
    [(status, body)] = get(staff_app, f"/api/age{query}")
    assert status == 400 and body["field"] == field and says in body["error"]


def test_a_wrong_fixed_today_is_a_server_error(
    staff_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTANS_TODAY", "i morgon")
    [(status, body)] = get(staff_app, "/api/amounts")
    assert status == 500 and "ASSISTANS_TODAY" in body["error"]


# --- insights ----------------------------------------------------------------------


def test_insights_are_the_report_with_the_topics_titles(
    registry_url: str, tracker_database: TrackerDatabase
) -> None:
    known.write(tracker_database.store_kwargs)
    app = create_app(rasa_url=RASA, db_url=registry_url, tracker_db_url=tracker_database.url)
    [(status, body)] = get(app, "/api/insights?days=7")
    assert status == 200
    titles = body.pop("titles")
    assert body == known.EXPECTED
    assert titles["check_provider"] == "Kolla en anordnares tillstånd"
    assert set(titles) == {t["intent"] for t in body["topics"]} | {"ask_apply", "check_provider"}


@pytest.mark.parametrize("days", ["0", "367", "tio", "-1"])
def test_insights_for_an_unusable_number_of_days(staff_app: Any, days: str) -> None:
    [(status, body)] = get(staff_app, f"/api/insights?days={days}")
    assert status == 400 and body["field"] == "days"


def test_insights_of_an_empty_store_and_of_one_that_does_not_answer(
    staff_app: Any, registry_url: str
) -> None:
    [(status, body)] = get(staff_app, "/api/insights")
    assert status == 200 and body["period"]["days"] == 30 and body["messages"] == 0
    down = create_app(
        rasa_url=RASA,
        db_url=registry_url,
        tracker_db_url="postgresql+psycopg2://nobody@127.0.0.1:1/none",
    )
    [(status, body)] = get(down, "/api/insights")
    assert status == 503 and "Samtalsdatabasen" in body["error"]


# --- the pages -----------------------------------------------------------------------


def test_the_staff_pages_are_served_with_their_scripts(staff_app: Any) -> None:
    async def run() -> dict[str, tuple[int, str, str]]:
        async with TestClient(TestServer(staff_app)) as client:
            served = {}
            for path in ("/staff-insights.html", "/staff-insights.js", "/staff.html"):
                response = await client.get(path)
                body = (await response.read()).decode("utf-8")
                served[path] = (response.status, response.headers["Content-Type"], body)
            return served

    served = asyncio.run(run())
    assert all(status == 200 for status, _, _ in served.values())
    assert served["/staff-insights.js"][1].startswith("text/javascript")
    assert "api/insights" in served["/staff-insights.js"][2]
    page = served["/staff.html"][2]
    for form in ("amounts", "deadline", "age"):
        assert f'data-fact-form="{form}"' in page
    assert 'href="staff-insights.html"' in page


def test_the_web_image_has_the_chat_texts_it_shows() -> None:
    """The staff view reads bot/domain (actions/chat_text.py): the image must copy it."""
    dockerfile = (REPO_ROOT / "deploy" / "actions.Dockerfile").read_text(encoding="utf-8")
    assert "COPY --chown=1001:0 bot/domain/ bot/domain/" in dockerfile
