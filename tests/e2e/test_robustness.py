"""Bad input gets a clear Swedish answer (or a clean 4xx for a malformed request), and the
server stays healthy; an action server that is down is explained, and nothing is lost."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from bot.addons.action_fallback import ACTION_SERVER_DOWN
from tests.actions.form_helpers import domain_responses
from tests.conftest import REPO_ROOT
from tests.e2e.conftest import Servers
from tests.e2e.rest import RestClient

SWEDISH_LETTERS = set("åäöÅÄÖ")


def post_raw(servers: Servers, body: bytes) -> tuple[int, str]:
    request = urllib.request.Request(
        f"{servers.rasa_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def assert_healthy(servers: Servers) -> None:
    with urllib.request.urlopen(f"{servers.rasa_url}/", timeout=10) as response:
        assert response.status == 200
    check = RestClient(servers.rasa_url, f"health-{time.time_ns()}")
    assert "kr" in check.text("vad är timbeloppet 2025")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("", "inget meddelande"),
        ("   \n\t  ", "inget meddelande"),
        ("hej " * 2500, "för långt"),
        ("😀🙈👍", "med ord"),
        ("?!?! ...", "med ord"),
        ("<script>alert('x')</script><img src=x onerror=alert(1)>", None),
        ("\x00\x07hej\x1b[31m assistans", None),
        ("ﷺ 𝕳𝖊𝖏 \u202e", None),
    ],
    ids=[
        "empty",
        "whitespace",
        "10000-chars",
        "emoji",
        "punctuation",
        "html-script",
        "control-chars",
        "odd-unicode",
    ],
)
def test_bad_messages_get_a_swedish_answer(
    servers: Servers, message: str, expected: str | None
) -> None:
    status, body = post_raw(
        servers, json.dumps({"sender": f"bad-{time.time_ns()}", "message": message}).encode()
    )
    assert status == 200
    texts = " ".join(str(part.get("text", "")) for part in json.loads(body))
    assert texts and SWEDISH_LETTERS & set(texts), texts
    if expected:
        assert expected in texts
    assert "<script" not in texts and "onerror" not in texts
    assert_healthy(servers)


@pytest.mark.parametrize(
    "body",
    [
        b'{"sender":"bad","message":"\xff\xfe"}',
        b"not json at all",
        b"[]",
        b'"just a string"',
        b'{"sender":"bad"}',
        b'{"sender":"bad","message":123}',
        b'{"sender":{"id":1},"message":"hej"}',
    ],
    ids=[
        "invalid-utf8",
        "not-json",
        "list",
        "string",
        "no-message",
        "number-message",
        "object-sender",
    ],
)
def test_malformed_requests_get_a_clean_400_in_swedish(servers: Servers, body: bytes) -> None:
    status, text = post_raw(servers, body)
    assert status == 400
    error = json.loads(text)["error"]
    assert SWEDISH_LETTERS & set(error) or "Förfrågan" in error
    assert_healthy(servers)


def test_sql_in_a_provider_name_is_only_a_name(chat: RestClient, servers: Servers) -> None:
    chat.text("kan du kolla om min anordnare har tillstånd?")
    answer = chat.text("'; DROP TABLE providers; --")
    assert answer and SWEDISH_LETTERS & set(answer)
    found = subprocess.run(
        [sys.executable, "-m", "assistansguiden.cli", "provider", "559901-0013", "--json"],
        env={"ASSISTANS_DB_URL": servers.db_url, "PATH": ""},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["codes"] == ["OK"]  # the table is still there


@pytest.fixture()
def action_server_down(servers: Servers) -> Iterator[None]:
    servers.actions.stop()
    try:
        yield
    finally:
        servers.actions.start()


def test_action_server_down_is_explained_and_the_conversation_kept(
    servers: Servers, chat: RestClient, request: pytest.FixtureRequest
) -> None:
    chat.text("hej")
    request.getfixturevalue("action_server_down")
    answer = chat.text("kan du kolla om min anordnare har tillstånd från IVO?")
    assert ACTION_SERVER_DOWN in answer and "0771-524 524" in answer
    assert "ansöker" in chat.text("hur ansöker jag?")  # still answers from the model

    servers.actions.start()
    again = chat.text("kan du kolla om min anordnare har tillstånd från IVO?")
    assert "anordnare" in again.lower() and ACTION_SERVER_DOWN not in again
    user_texts = [e.get("text") for e in chat.tracker()["events"] if e["event"] == "user"]
    assert user_texts[0] == "hej" and len(user_texts) == 4  # nothing lost


def restart_actions_with_registry(servers: Servers, db_url: str) -> None:
    servers.actions.stop()
    servers.actions.env["ASSISTANS_DB_URL"] = db_url
    servers.actions.start()


def test_registry_down_is_explained_and_the_conversation_kept(
    servers: Servers, chat: RestClient
) -> None:
    question = "kan du kolla om min anordnare har tillstånd från IVO?"
    restart_actions_with_registry(servers, "postgresql+psycopg2://nobody@127.0.0.1:1/none")
    try:
        chat.text(question)
        answer = chat.text("559901-0013")
        unavailable = " ".join(domain_responses()["utter_registry_unavailable"].split())
        assert unavailable in " ".join(answer.split()) and "0771-524 524" in answer
    finally:
        restart_actions_with_registry(servers, servers.db_url)
    chat.text(question)
    chat.text("559901-0013")
    chat.text('/inform{"personkrets":"1"}')
    decision = chat.text('/inform{"age_group":"adults"}')
    assert "Ja." in decision and "kan få assistansersättning" in decision
    user_texts = [e.get("text") for e in chat.tracker()["events"] if e["event"] == "user"]
    assert user_texts[:2] == [question, "559901-0013"] and len(user_texts) == 6
