"""The staff view's look-ups besides providers: what the command line does, and insights.

    GET /api/amounts?year=YYYY                            (default: this year)
    GET /api/deadline?change_date=YYYY-MM-DD
    GET /api/age?birth_date=YYYY-MM-DD&today=YYYY-MM-DD   (today: default the real date)
    GET /api/insights?days=N                              (default 30)

Each answers with the JSON of `assistans amounts|deadline|age --json` (DESIGN.md), with its
legal references, plus "chat": what the chat says for the same question, as it says it
(the standard text, never lättläst), each under the topic's title. The decision comes
from the same function as in the command line and the chat (assistansguiden.law), and the
words from the chat's own rendering (actions/render.py, actions/chat_text.py). Insights
are `assistans insights --json` with the topics' titles.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from aiohttp import web

from actions.chat_text import amount_values, message_texts, response_text
from actions.render import deadline_payload, render_age, render_deadline
from actions.topics import TOPIC_TITLES
from assistansguiden.law import (
    ParameterNotDecided,
    UnknownYear,
    age_limit_in_force,
    age_stage,
    hourly_amounts,
    report_deadline,
)
from web.replies import BadInputError, error, iso_date, reply

LOG = logging.getLogger("web")
TRACKER_DB_KEY = web.AppKey("tracker_db_url", str)
INSIGHTS_TIMEOUT_S = 30.0
MAX_DAYS = 366
Answer = Callable[[Mapping[str, str]], dict[str, Any]]


class MisconfiguredError(Exception):
    """The server's own setting is wrong (ASSISTANS_TODAY); the message is Swedish."""


def _today() -> date:
    from assistansguiden.settings import today

    try:
        return today()
    except ValueError:
        raise MisconfiguredError(
            "ASSISTANS_TODAY är felinställt; skriv datumet som ÅÅÅÅ-MM-DD."
        ) from None


def _field(query: Mapping[str, str], name: str) -> str:
    return str(query.get(name, "")).strip()


def _required_date(query: Mapping[str, str], name: str, missing: str) -> date:
    raw = _field(query, name)
    if not raw:
        raise BadInputError(name, missing)
    return iso_date(name, raw)


def _chat(intent: str, texts: list[str]) -> dict[str, Any]:
    return {"intent": intent, "title": TOPIC_TITLES[intent], "texts": texts}


# --- the answers -------------------------------------------------------------------


def amounts_answer(query: Mapping[str, str]) -> dict[str, Any]:
    raw = _field(query, "year")
    if raw and not (raw.isdigit() and len(raw) == 4):
        raise BadInputError("year", f"{raw!r} är inget årtal. Skriv det som ÅÅÅÅ.")
    try:
        amounts = hourly_amounts(int(raw) if raw else _today().year)
    except UnknownYear as unknown:
        raise BadInputError("year", str(unknown)) from None
    values = amount_values(amounts)
    return {
        "question": "amounts",
        **amounts.to_json(),
        "chat": [
            _chat("ask_hourly_amount", [response_text("utter_hourly_amount", **values)]),
            _chat("ask_higher_amount", [response_text("utter_higher_amount", **values)]),
        ],
    }


def deadline_answer(query: Mapping[str, str]) -> dict[str, Any]:
    day = _required_date(query, "change_date", "Skriv dagen då personen fick veta om ändringen.")
    try:
        deadline = report_deadline(day)
    except ParameterNotDecided as undecided:
        raise BadInputError("change_date", str(undecided)) from None
    chat = message_texts(render_deadline(deadline, _today(), ""))
    return {**deadline_payload(deadline, ""), "chat": [_chat("report_change", chat)]}


def age_answer(query: Mapping[str, str]) -> dict[str, Any]:
    born = _required_date(query, "birth_date", "Skriv personens födelsedatum.")
    raw = _field(query, "today")
    on = iso_date("today", raw) if raw else _today()
    try:
        stage = age_stage(born, on)
        adult_age = age_limit_in_force(on).adult_age
    except (ValueError, ParameterNotDecided) as refused:
        raise BadInputError("birth_date", str(refused)) from None
    return {
        "question": "age",
        **stage.to_json(),
        "legal_refs": list(stage.legal_refs),
        "chat": [
            _chat("ask_turning_18", message_texts(render_age(stage, "18", adult_age))),
            _chat("ask_turning_66", message_texts(render_age(stage, "66", adult_age))),
        ],
    }


def answering(answer: Answer) -> Callable[[web.Request], Any]:
    """A handler for a look-up that decides at once (no database)."""

    async def handle(request: web.Request) -> web.Response:
        try:
            return reply(answer(request.query))
        except BadInputError as bad:
            return error(400, bad.message, bad.field)
        except MisconfiguredError as wrong:
            return error(500, str(wrong))

    return handle


# --- insights ----------------------------------------------------------------------


def _days(query: Mapping[str, str]) -> int:
    raw = _field(query, "days") or "30"
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_DAYS:
        raise BadInputError("days", f"Antal dagar ska vara ett heltal från 1 till {MAX_DAYS}.")
    return int(raw)


def insights_report(db_url: str, days: int, last: date) -> dict[str, Any]:
    from assistansguiden.insights import Period, read_report

    body = read_report(db_url, Period.ending(last, days)).to_json()
    named = {t["intent"] for t in body["topics"]} | {f["intent"] for f in body["feedback"]}
    body["titles"] = {intent: TOPIC_TITLES.get(intent, intent) for intent in sorted(named)}
    return body


async def insights_api(request: web.Request) -> web.Response:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        days, last = _days(request.query), _today()
    except BadInputError as bad:
        return error(400, bad.message, bad.field)
    except MisconfiguredError as wrong:
        return error(500, str(wrong))
    db_url = request.app[TRACKER_DB_KEY]
    loop = asyncio.get_running_loop()
    try:
        body = await asyncio.wait_for(
            loop.run_in_executor(None, insights_report, db_url, days, last),
            timeout=INSIGHTS_TIMEOUT_S,
        )
    except (SQLAlchemyError, asyncio.TimeoutError) as failure:
        LOG.warning("tracker store unavailable: %s", type(failure).__name__)
        return error(
            503,
            "Samtalsdatabasen går inte att nå just nu. Försök igen om en stund; kvarstår "
            "felet, kontakta IT-supporten.",
        )
    return reply(body)


def add_routes(app: web.Application, tracker_db_url: str) -> None:
    app[TRACKER_DB_KEY] = tracker_db_url
    app.router.add_get("/api/amounts", answering(amounts_answer))
    app.router.add_get("/api/deadline", answering(deadline_answer))
    app.router.add_get("/api/age", answering(age_answer))
    app.router.add_get("/api/insights", insights_api)
