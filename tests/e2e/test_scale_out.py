"""The production configuration scaled out: two Rasa servers sharing the PostgreSQL
tracker store and the Redis lock store hold one conversation between them, and lose
nothing when one of them dies in the middle."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from deploy.prod_local import ProdStack
from tests.conftest import skip_or_fail
from tests.e2e.rest import RestClient
from tests.e2e.test_decisions import ADULT, PERSONKRETS_1


def reachable(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProdStack]:
    for name, port in (("PostgreSQL", 5432), ("Redis", 6379)):
        if not reachable(port):
            skip_or_fail(f"{name} svarar inte på 127.0.0.1:{port}")
    workdir: Path = tmp_path_factory.mktemp("prod")
    database = f"assistans_scale_{uuid.uuid4().hex[:8]}"
    with ProdStack(
        workdir, servers=2, database=database, redis_db=3, drop_database_after=True
    ) as running:
        yield running


def stored_events(stack: ProdStack, sender: str) -> list[dict[str, object]]:
    engine = create_engine(stack.tracker_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("select data from events where sender_id = :s order by id"), {"s": sender}
        ).all()
    engine.dispose()
    return [json.loads(row[0]) for row in rows]


def test_one_conversation_across_two_servers_survives_losing_one(stack: ProdStack) -> None:
    sender = f"scale-{uuid.uuid4().hex}"
    first, second = (RestClient(url, sender, stack.token) for url in stack.rasa_urls)
    turns = [
        (first, "kan du kolla om min anordnare har tillstånd från IVO?"),
        (second, "Exempelassistans Barn och Unga AB"),
        (first, PERSONKRETS_1),
    ]
    answers = [server.text(message) for server, message in turns]
    assert "personkrets" in answers[1].lower()  # the second server continued the form

    stack.kill_server(0)
    decision = second.text(ADULT)  # the form goes on where the dead server left it
    assert "IVO" in decision and "inte" in decision.lower()
    sent = [message for _, message in turns] + [ADULT]

    events = stored_events(stack, sender)
    user_texts = [event["text"] for event in events if event["event"] == "user"]
    assert user_texts == sent  # every turn, in order, once
    keys = [(event["event"], event["timestamp"]) for event in events]
    assert len(keys) == len(set(keys)), "an event was stored twice"
    timestamps = [float(str(event["timestamp"])) for event in events]
    assert timestamps == sorted(timestamps)
    assert any(event["event"] == "bot" and "IVO" in str(event.get("text")) for event in events)

    api_events = second.tracker()["events"]
    assert [(e["event"], e["timestamp"]) for e in api_events] == keys


def request_status(
    url: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_http_api_needs_the_token_and_cors_allows_only_the_site(stack: ProdStack) -> None:
    base = stack.rasa_urls[-1]
    assert request_status(f"{base}/status")[0] == 401
    assert request_status(f"{base}/status?token=wrong")[0] == 401
    assert request_status(f"{base}/status?token={stack.token}")[0] == 200
    assert request_status(f"{base}/conversations/x/tracker")[0] == 401

    def allowed_origin(origin: str) -> str | None:
        _, headers = request_status(
            f"{base}/webhooks/rest/webhook",
            method="OPTIONS",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        return {k.lower(): v for k, v in headers.items()}.get("access-control-allow-origin")

    assert allowed_origin(stack.site_origin) == stack.site_origin
    assert allowed_origin("https://evil.example") is None
