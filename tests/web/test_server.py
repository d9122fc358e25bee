"""The website server without Rasa or a browser: static files, headers, /api/provider."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from assistansguiden.registry import (
    ProviderRepository,
    decide,
    make_engine,
    session_factory,
)
from tests.conftest import FIXED_TODAY, REPO_ROOT
from tests.web.conftest import RASA
from web.server import REGISTRY_KEY, build_parser, create_app, parse_provider_query

WEB = REPO_ROOT / "web" / "static"


class Reply:
    def __init__(self, status: int, headers: Any, body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.body)


def fetch(app: Any, *paths: str) -> list[Reply]:
    """GET each path from one running instance of the app (one engine for all)."""

    async def run() -> list[Reply]:
        async with TestClient(TestServer(app)) as client:
            replies = []
            for path in paths:
                response = await client.get(path)
                replies.append(Reply(response.status, response.headers, await response.read()))
            return replies

    return asyncio.run(run())


def get(app: Any, path: str) -> Reply:
    """One GET; an app runs only once, so each call needs its own app."""
    return fetch(app, path)[0]


def expected(registry_url: str, query: str, on: date, **options: Any) -> dict[str, Any]:
    engine = make_engine(registry_url)
    try:
        with session_factory(engine)() as session:
            return decide(ProviderRepository(session), query, on, **options).to_json()
    finally:
        engine.dispose()


# --- static files and headers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "content_type", "marker"),
    [
        ("/", "text/html", '<html lang="sv"'),
        ("/index.html", "text/html", "Skriv din fråga"),
        ("/staff.html", "text/html", "Slå upp anordnare"),
        ("/chat.js", "text/javascript", "session_request"),
        ("/staff.js", "text/javascript", "api/provider"),
        ("/chat.css", "text/css", ":focus-visible"),
        ("/vendor/socket.io.min.js", "text/javascript", "Socket.IO v"),
    ],
)
def test_serves_the_site(app: Any, path: str, content_type: str, marker: str) -> None:
    reply = get(app, path)
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith(content_type)
    assert marker in reply.text


@pytest.mark.parametrize(
    "path",
    [
        "/vendor/package.json",
        "/vendor/copy.js/../package-lock.json",
        "/../pyproject.toml",
        "/%2e%2e/pyproject.toml",
        "/vendor/node_modules/socket.io-client/dist/socket.io.min.js",
        "/nothing-here.html",
    ],
)
def test_serves_nothing_else(app: Any, path: str) -> None:
    reply = get(app, path)
    assert reply.status == 404
    assert "tomlkit" not in reply.text and "[project]" not in reply.text


def test_security_headers_allow_only_this_site_and_rasa(app: Any) -> None:
    for reply in fetch(app, "/", "/chat.js", "/api/provider?q=559901-0013", "/missing.html"):
        headers = reply.headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        policy = dict(
            (part.split(" ", 1) + [""])[:2]
            for part in headers["Content-Security-Policy"].split("; ")
        )
        assert policy["default-src"] == "'self'"
        assert policy["script-src"] == "'self'"
        assert policy["style-src"] == "'self'"
        assert policy["connect-src"] == f"'self' {RASA} ws://127.0.0.1:5105"
        assert policy["frame-ancestors"] == "'none'"
        assert "unsafe" not in headers["Content-Security-Policy"]


def test_the_configured_rasa_url_is_given_to_the_page(registry_url: str) -> None:
    page = get(create_app(rasa_url='http://a.example:5005/"x', db_url=registry_url), "/").text
    assert 'data-rasa-url="http://a.example:5005/&quot;x"' in page
    assert get(create_app(db_url=registry_url), "/").text.count('data-rasa-url=""') == 1


def test_without_a_rasa_url_the_policy_names_port_5005_of_the_page_host(
    registry_url: str,
) -> None:
    policy = get(create_app(db_url=registry_url), "/").headers["Content-Security-Policy"]
    assert "connect-src 'self' http://127.0.0.1:5005 ws://127.0.0.1:5005;" in policy


def connect_src(reply: Reply) -> str:
    policy = reply.headers["Content-Security-Policy"]
    return next(part for part in policy.split("; ") if part.startswith("connect-src "))


@pytest.mark.parametrize(
    "rasa",
    [
        "http://127.0.0.1:7777",  # the same host on another port: not configured
        "http://evil.example:7777",
        # The old check looked at the host name only and copied the rest of the netloc:
        "http://x;%20script-src%20*%20'unsafe-inline'@127.0.0.1:5105",
        "http://127.0.0.1:5105%20'unsafe-eval'",
        "http://127.0.0.1:5105;%20script-src%20*",
        "javascript:alert(1)",
    ],
)
def test_a_rasa_query_parameter_cannot_change_the_policy(registry_url: str, rasa: str) -> None:
    plain, linked = fetch(create_app(rasa_url=RASA, db_url=registry_url), "/", f"/?rasa={rasa}")
    assert linked.headers["Content-Security-Policy"] == plain.headers["Content-Security-Policy"]
    assert connect_src(linked) == f"connect-src 'self' {RASA} ws://127.0.0.1:5105"


def test_configured_origins_are_allowed_and_written_into_the_page(registry_url: str) -> None:
    app = create_app(
        rasa_url=RASA,
        rasa_origins=["https://chat.example", "http://[::1]:5005/x"],
        db_url=registry_url,
    )
    reply = get(app, "/?rasa=https://chat.example")
    assert connect_src(reply) == (
        f"connect-src 'self' {RASA} ws://127.0.0.1:5105 https://chat.example wss://chat.example"
        " http://[::1]:5005 ws://[::1]:5005"
    )
    origins = 'data-rasa-origins="http://127.0.0.1:5105 https://chat.example http://[::1]:5005"'
    assert origins in reply.text


def test_a_host_header_cannot_write_into_the_policy(registry_url: str) -> None:
    async def run() -> str:
        async with TestClient(TestServer(create_app(db_url=registry_url))) as client:
            response = await client.get("/", headers={"Host": "evil;script-src *"})
            return response.headers["Content-Security-Policy"]

    policy = asyncio.run(run())
    assert "evil" not in policy and "script-src 'self';" in policy
    assert "connect-src 'self';" in policy


@pytest.mark.parametrize(
    "url",
    [
        "http://user:secret@127.0.0.1:5005",
        "http://a b.example",
        "http://127.0.0.1:99999",
        "http://exa;mple.org",
        "ftp://127.0.0.1",
    ],
)
def test_unusable_rasa_addresses_are_refused_at_start(url: str) -> None:
    with pytest.raises(ValueError):
        create_app(rasa_url=url)
    with pytest.raises(ValueError):
        create_app(rasa_origins=[url])


def test_the_staff_page_is_served_only_under_its_own_path(app: Any) -> None:
    ok, slash = fetch(app, "/staff.html", "/staff.html/")
    assert ok.status == 200 and slash.status == 404


def test_pages_load_nothing_from_other_hosts() -> None:
    for page in WEB.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="([^"]*)"', text):
            assert not re.match(r"^(https?:)?//", url), f"{page.name}: {url}"
        assert "<script>" not in text and "style=" not in text, page.name  # CSP: no inline
    for css in WEB.glob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text and "url(" not in text


def test_vendored_socket_io_client_is_the_pinned_version() -> None:
    package = json.loads((WEB / "vendor" / "package.json").read_text())
    lock = json.loads((WEB / "vendor" / "package-lock.json").read_text())
    pinned = package["dependencies"]["socket.io-client"]
    assert re.fullmatch(r"4\.\d+\.\d+", pinned)  # socket.io protocol 5 = Rasa's python-socketio 5
    assert lock["packages"]["node_modules/socket.io-client"]["version"] == pinned
    head = (WEB / "vendor" / "socket.io.min.js").read_text(encoding="utf-8")[:200]
    assert f"Socket.IO v{pinned}" in head


# --- /api/provider ------------------------------------------------------------------------


def test_provider_lookup_answers_with_the_decision_json(app: Any, registry_url: str) -> None:
    reply = get(app, "/api/provider?q=559901-0013&date=2026-11-23&personkrets=1&age_group=adults")
    assert reply.status == 200
    assert reply.headers["Cache-Control"] == "no-store"
    body = reply.json()
    assert body == expected(
        registry_url, "559901-0013", date(2026, 11, 23), personkrets=1, age_group="adults"
    )
    assert body["codes"] == ["OK"] and body["ok"] is True
    assert body["provider"]["name"] == "Exempelassistans Solstrålen AB"
    assert body["legal_refs"] and body["next_steps"]


def test_a_name_matching_several_providers_lists_the_candidates(app: Any) -> None:
    body = get(app, "/api/provider?q=exempel").json()
    assert body["codes"] == ["AMBIGUOUS"]
    assert {"org_nr": "559901-0013", "name": "Exempelassistans Solstrålen AB"} in body["candidates"]


def test_payee_question_and_default_date(app: Any, registry_url: str) -> None:
    body = get(app, "/api/provider?q=Solstr%C3%A5len&question=payee").json()
    assert body["question"] == "payee"
    assert body["as_of"] == FIXED_TODAY  # assistansguiden.settings.today()
    assert body == expected(
        registry_url, "Solstrålen", date.fromisoformat(FIXED_TODAY), question="payee"
    )


@pytest.mark.parametrize(
    ("query", "code"),
    [("559901-0014", "INVALID_ORG_NR"), ("Finns Inte AB", "NOT_FOUND")],
)
def test_unknown_providers_are_decisions_not_errors(app: Any, query: str, code: str) -> None:
    reply = get(app, f"/api/provider?q={query}")
    assert reply.status == 200
    assert reply.json()["codes"] == [code]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("", "q"),
        ("q=%20%20", "q"),
        ("q=" + "a" * 201, "q"),
        ("q=559901-0013&date=2026-02-30", "date"),
        ("q=559901-0013&date=23/11/2026", "date"),
        ("q=559901-0013&personkrets=4", "personkrets"),
        ("q=559901-0013&personkrets=ett", "personkrets"),
        ("q=559901-0013&age_group=seniors", "age_group"),
        ("q=559901-0013&question=eligibility", "question"),
        ("q=559901-0013&informed=igår", "informed"),
    ],
)
def test_bad_input_is_400_with_a_swedish_explanation(app: Any, query: str, field: str) -> None:
    reply = get(app, f"/api/provider?{query}")
    assert reply.status == 400
    body = reply.json()
    assert body["field"] == field
    assert re.search(r"[åäöÅÄÖ]|Skriv|måste", body["error"]), body


def test_swedish_age_group_words_are_understood() -> None:
    _, _, options = parse_provider_query({"q": "x", "age_group": "Barn"})
    assert options["age_group"] == "children"


@pytest.mark.parametrize(
    "db_url",
    [
        "sqlite:////nonexistent-dir/assistans/registry.sqlite",
        "postgresql+psycopg2://nobody@127.0.0.1:1/none?connect_timeout=2",
        "nosuchdialect://x",
    ],
    ids=["sqlite-no-dir", "postgres-closed-port", "unknown-dialect"],
)
def test_unreachable_registry_is_503_in_swedish(db_url: str) -> None:
    reply = get(create_app(rasa_url=RASA, db_url=db_url), "/api/provider?q=559901-0013")
    assert reply.status == 503
    assert "Anordnarregistret går inte att nå" in reply.json()["error"]


def test_unknown_api_paths_are_json_404(app: Any) -> None:
    reply = get(app, "/api/providers")
    assert reply.status == 404
    assert "error" in reply.json()


def test_the_staff_api_answers_and_closes_its_engine_with_the_app(registry_url: str) -> None:
    app = create_app(rasa_url=RASA, db_url=registry_url)
    queries = ["exempel", "559901-0013", "Solstrålen", "212000-9994", "559901-0021"] * 4
    replies = fetch(app, *[f"/api/provider?q={q}" for q in queries])
    assert all(r.status == 200 for r in replies)
    registry = app[REGISTRY_KEY]
    assert registry._engine is None  # closed with the app, made again on next use


def test_engine_is_made_lazily_once(monkeypatch: pytest.MonkeyPatch, registry_url: str) -> None:
    import assistansguiden.registry.service

    made: list[str | None] = []
    real = assistansguiden.registry.service.make_engine

    def counting(url: str | None = None) -> Any:
        made.append(url)
        return real(url)

    monkeypatch.setattr(assistansguiden.registry.service, "make_engine", counting)
    app = create_app(rasa_url=RASA, db_url=registry_url)
    assert made == []  # nothing at start-up
    fetch(app, "/", "/api/provider?q=exempel", "/api/provider?q=559901-0013")
    assert made == [registry_url]


def test_a_fresh_sqlite_registry_gets_the_sample(tmp_path: Path) -> None:
    app = create_app(rasa_url=RASA, db_url=f"sqlite:///{tmp_path / 'new.sqlite'}")
    assert get(app, "/api/provider?q=559901-0013").json()["codes"] == ["OK"]


def test_command_line_options() -> None:
    args = build_parser().parse_args(
        ["--port", "8080", "--rasa-url", "http://localhost:5005", "--host", "0.0.0.0"]
    )
    assert (args.port, args.rasa_url, args.host) == (8080, "http://localhost:5005", "0.0.0.0")
    defaults = build_parser().parse_args([])
    assert (defaults.port, defaults.host, defaults.rasa_url) == (8080, "localhost", None)
    with pytest.raises(ValueError):
        create_app(rasa_url="ftp://x")
