"""What every handler of the website's API shares: reading a field, answering in JSON.

Errors are Swedish, for the person at the staff view: {"error": "...", "field": "q"}.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import date
from typing import Any

from aiohttp import web

json_dumps = functools.partial(json.dumps, ensure_ascii=False)
NO_STORE = {"Cache-Control": "no-store"}


class BadInputError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def iso_date(field: str, text: str) -> date:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise BadInputError(field, f"{text!r} är inget giltigt datum. Skriv det som ÅÅÅÅ-MM-DD.")


def reply(body: Any) -> web.Response:
    return web.json_response(body, headers=NO_STORE, dumps=json_dumps)


def error(status: int, message: str, field: str | None = None) -> web.Response:
    body: dict[str, Any] = {"error": message}
    if field:
        body["field"] = field
    return web.json_response(body, status=status, headers=NO_STORE, dumps=json_dumps)
