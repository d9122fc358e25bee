"""A small aiohttp server for the website chat and the staff look-up API.

Serves the static files in web/static/ (nothing from other hosts) and

    GET /api/provider?q=...&date=YYYY-MM-DD&personkrets=1&age_group=adults&question=provider

which answers with the decision JSON of `assistansguiden.registry.lookup.decide()`, the same
function the command line and the chat actions call; /api/amounts, /api/deadline, /api/age
and /api/insights do what the rest of the command line does (web/staff_api.py). Every
response carries a Content-Security-Policy that allows only this server plus the configured
Rasa origins (for the socket.io connection). The policy is written from parsed parts
(scheme, host, port), never from text of the request: a `?rasa=` link may choose among the
configured origins (--rasa-url and each --rasa-origin), nothing else.

    python -m web.server --port 8080 --rasa-url http://localhost:5005
"""

from __future__ import annotations

import argparse
import asyncio
import html
import ipaddress
import logging
import mimetypes
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from assistansguiden import settings
from assistansguiden.privacy.logs import install_log_masking
from assistansguiden.registry.errors import RegistryUnavailable
from assistansguiden.registry.service import RegistryService
from web import staff_api
from web.replies import BadInputError, reply
from web.replies import error as _error
from web.replies import iso_date as _iso_date

LOG = logging.getLogger("web")

REPO_ROOT = Path(__file__).resolve().parent.parent
WEB_ROOT = REPO_ROOT / "web" / "static"
DEFAULT_RASA_PORT = 5005
# A registry that does not answer within this time counts as unreachable (503).
DB_TIMEOUT_S = 5.0
MAX_QUERY_LENGTH = 200

# Only these files types are served from web/static/; package.json, copy scripts and
# node_modules are not part of the site.
STATIC_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
}
RASA_URL_PLACEHOLDER = 'data-rasa-url=""'

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


_HOST_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
DEFAULT_PORTS = {"http": 80, "https": 443}


def _valid_host(host: str) -> bool:
    """A DNS name (letters, digits, hyphens, dots) or an IP address, nothing else."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.removesuffix(".").split(".")
    return len(host) <= 253 and all(_HOST_LABEL.fullmatch(label) for label in labels)


@dataclass(frozen=True)
class Origin:
    """An http(s) origin taken apart: what a Content-Security-Policy may name."""

    scheme: str  # "http" | "https"
    host: str  # lower case; an IPv6 address without brackets
    port: int

    @classmethod
    def parse(cls, url: str) -> Origin:
        """ValueError unless url is http(s)://host[:port][/path] with a plain host."""
        parts = urlsplit(url.strip())
        if parts.scheme not in DEFAULT_PORTS:
            raise ValueError(f"{url!r} är ingen http- eller https-adress")
        if parts.username is not None or parts.password is not None:
            raise ValueError(f"{url!r}: användarnamn i adressen är inte tillåtet")
        host = parts.hostname or ""
        if not _valid_host(host):
            raise ValueError(f"{url!r}: ogiltigt värdnamn")
        port = parts.port  # ValueError for a port that is not a number in range
        return cls(parts.scheme, host, port or DEFAULT_PORTS[parts.scheme])

    def _text(self, scheme: str) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = self.port == DEFAULT_PORTS[self.scheme]
        return f"{scheme}://{host}" if default else f"{scheme}://{host}:{self.port}"

    @property
    def http(self) -> str:
        """As a browser writes it (URL.origin): the default port left out."""
        return self._text(self.scheme)

    @property
    def websocket(self) -> str:
        return self._text("wss" if self.scheme == "https" else "ws")


class Config:
    def __init__(
        self, web_root: Path, rasa_url: str | None, rasa_origins: Iterable[str] = ()
    ) -> None:
        self.web_root = web_root.resolve()
        self.rasa_url = normalise_http_url(rasa_url) if rasa_url else None
        origins = [Origin.parse(self.rasa_url)] if self.rasa_url else []
        origins += [Origin.parse(url) for url in rasa_origins]
        # Where the page may open socket.io: --rasa-url, then each --rasa-origin.
        self.rasa_origins = tuple(dict.fromkeys(origins))


def normalise_http_url(url: str) -> str:
    Origin.parse(url)  # ValueError for anything but http(s)://host[:port][/path]
    return url.strip().rstrip("/")


# --- the registry ------------------------------------------------------------------


def warm_up_registry() -> None:
    """Import SQLAlchemy and the rules and read the parameter table (no database).

    Makes the first look-up as fast as the others (about 0.6 s otherwise).
    """
    from assistansguiden.law import load_parameters

    load_parameters()


CONFIG_KEY = web.AppKey("config", Config)
REGISTRY_KEY = web.AppKey("registry", RegistryService)


# --- input checking ----------------------------------------------------------------


AGE_GROUPS = {"children": "children", "adults": "adults", "barn": "children", "vuxna": "adults"}


def parse_provider_query(params: Any) -> tuple[str, date | None, dict[str, Any]]:
    """(query, date or None for today, keyword options for decide()); BadInputError if unusable."""
    query = " ".join(params.get("q", "").split())
    if not query:
        raise BadInputError("q", "Skriv ett organisationsnummer eller ett namn på en anordnare.")
    if len(query) > MAX_QUERY_LENGTH:
        raise BadInputError("q", f"Sökningen är för lång (högst {MAX_QUERY_LENGTH} tecken).")
    options: dict[str, Any] = {}

    on = None
    if raw := params.get("date", "").strip():
        on = _iso_date("date", raw)
    if raw := params.get("informed", "").strip():
        options["informed"] = _iso_date("informed", raw)

    if raw := params.get("personkrets", "").strip():
        if raw not in ("1", "2", "3"):
            raise BadInputError("personkrets", "Personkrets måste vara 1, 2 eller 3.")
        options["personkrets"] = int(raw)

    if raw := params.get("age_group", "").strip().lower():
        if raw not in AGE_GROUPS:
            raise BadInputError(
                "age_group", "Åldersgrupp måste vara barn (children) eller vuxna (adults)."
            )
        options["age_group"] = AGE_GROUPS[raw]

    question = params.get("question", "").strip() or "provider"
    if question not in ("provider", "payee"):
        raise BadInputError(
            "question", "Frågan måste vara provider (anordnare) eller payee (utbetalning)."
        )
    options["question"] = question
    return query, on, options


# --- handlers ----------------------------------------------------------------------


async def provider_api(request: web.Request) -> web.Response:
    from assistansguiden.settings import today

    try:
        query, on, options = parse_provider_query(request.query)
    except BadInputError as error:
        return _error(400, error.message, error.field)
    try:
        on = on or today()
    except ValueError:
        return _error(500, "ASSISTANS_TODAY är felinställt; skriv datumet som ÅÅÅÅ-MM-DD.")

    registry = request.app[REGISTRY_KEY]
    loop = asyncio.get_running_loop()
    try:
        decision = await asyncio.wait_for(
            loop.run_in_executor(None, lambda: registry.decide(query, on, **options).to_json()),
            timeout=DB_TIMEOUT_S,
        )
    except (RegistryUnavailable, asyncio.TimeoutError) as error:
        LOG.warning("registry unavailable: %s", type(error).__name__)
        return _error(
            503,
            "Anordnarregistret går inte att nå just nu. Försök igen om en stund; "
            "kvarstår felet, kontakta IT-supporten.",
        )
    return reply(decision)


async def api_not_found(request: web.Request) -> web.Response:
    return _error(404, "Det finns ingen sådan adress i API:et.")


async def static_file(request: web.Request) -> web.StreamResponse:
    config = request.app[CONFIG_KEY]
    name = request.match_info.get("path", "") or "index.html"
    target = (config.web_root / name).resolve()
    suffix = target.suffix.lower()
    if (
        config.web_root not in target.parents
        # Only a file's own path: not "staff.html/" or "vendor/../staff.html", which a
        # proxy's rules for "/staff.html" would not recognise.
        or target.relative_to(config.web_root).as_posix() != name
        or suffix not in STATIC_TYPES
        or "node_modules" in target.parts
        or not target.is_file()
    ):
        raise web.HTTPNotFound(text="Sidan finns inte.", content_type="text/plain")
    headers = {"Cache-Control": "no-cache"}
    if suffix == ".html":
        page = target.read_text(encoding="utf-8")
        attributes = f'data-rasa-url="{html.escape(config.rasa_url or "")}"'
        if config.rasa_origins:
            origins = " ".join(origin.http for origin in config.rasa_origins)
            attributes += f' data-rasa-origins="{html.escape(origins)}"'
        page = page.replace(RASA_URL_PLACEHOLDER, attributes, 1)
        return web.Response(text=page, content_type="text/html", charset="utf-8", headers=headers)
    headers["Content-Type"] = STATIC_TYPES[suffix]
    return web.FileResponse(target, headers=headers)


# --- security headers --------------------------------------------------------------


def page_origin(request: web.Request) -> Origin | None:
    """The page's own host on Rasa's default port (development), if the Host is plain."""
    # request.url is not used: aiohttp 3.9 with the pinned yarl rejects a Host with a port.
    try:
        own = Origin.parse(f"{request.scheme}://{request.host}")
    except ValueError:
        return None
    return Origin(own.scheme, own.host, DEFAULT_RASA_PORT)


def rasa_origins(request: web.Request, config: Config) -> list[Origin]:
    """Where the page may open its socket.io connection. With no --rasa-url, the page's
    own host on port 5005 as well. Never anything the request names itself: a `?rasa=`
    link can only pick one of these (chat.js checks it against data-rasa-origins)."""
    origins = list(config.rasa_origins)
    if config.rasa_url is None and (own := page_origin(request)) and own not in origins:
        origins.insert(0, own)
    return origins


def _host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def content_security_policy(request: web.Request, config: Config) -> str:
    allowed = rasa_origins(request, config)
    connect = " ".join(
        ["'self'", *(text for origin in allowed for text in (origin.http, origin.websocket))]
    )
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "font-src 'self'",
            f"connect-src {connect}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as error:
        response = error
    response.headers["Content-Security-Policy"] = content_security_policy(
        request, request.app[CONFIG_KEY]
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    if isinstance(response, web.HTTPException):
        raise response
    return response


# --- the application -----------------------------------------------------------------


def create_app(
    *,
    rasa_url: str | None = None,
    rasa_origins: Iterable[str] = (),
    db_url: str | None = None,
    tracker_db_url: str | None = None,
    web_root: Path = WEB_ROOT,
) -> web.Application:
    """The website. rasa_url None: the page talks to port 5005 on its own host.

    rasa_origins: further Rasa servers a `?rasa=` link may point the page at.
    db_url None: $ASSISTANS_DB_URL, else the SQLite file in .data/ (make_engine()).
    tracker_db_url None: the conversations of assistansguiden.settings.tracker_db_url().
    """
    mimetypes.add_type("text/javascript", ".js")
    app = web.Application(middlewares=[security_headers])
    app[CONFIG_KEY] = Config(web_root, rasa_url, rasa_origins)
    registry = RegistryService(db_url)
    app[REGISTRY_KEY] = registry

    async def warm_up(_: web.Application) -> None:
        try:
            await asyncio.get_running_loop().run_in_executor(None, warm_up_registry)
        except Exception:  # noqa: BLE001 - a failing warm-up must not stop the site
            LOG.exception("warm-up failed; the first look-up will report the error")

    async def close_registry(_: web.Application) -> None:
        registry.close()

    app.on_startup.append(warm_up)  # type: ignore[arg-type]  # aiohttp 3.9 stubs
    app.on_cleanup.append(close_registry)  # type: ignore[arg-type]
    app.router.add_get("/api/provider", provider_api)
    staff_api.add_routes(app, tracker_db_url or settings.tracker_db_url())
    app.router.add_route("*", "/api/{rest:.*}", api_not_found)
    app.router.add_get("/", static_file)
    app.router.add_get("/{path:.+}", static_file)
    return app


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m web.server",
        description="Webbplatsen: chatten (web/) och handläggarnas uppslag (/api/provider).",
    )
    parser.add_argument("--host", default="localhost", help="värd att lyssna på (localhost)")
    parser.add_argument("--port", type=int, default=8080, help="port (8080)")
    parser.add_argument(
        "--rasa-url",
        default=None,
        help="Rasa-serverns adress för socket.io (standard: sidans egen värd, port 5005)",
    )
    parser.add_argument(
        "--rasa-origin",
        action="append",
        default=[],
        metavar="URL",
        help="ytterligare Rasa-server som en länk med ?rasa= får välja (kan upprepas)",
    )
    parser.add_argument(
        "--db-url", default=None, help="registrets databas (standard: $ASSISTANS_DB_URL)"
    )
    parser.add_argument(
        "--tracker-db-url",
        default=None,
        help="samtalsdatabasen för insikter (standard: $ASSISTANS_TRACKER_DB_URL, DB_* "
        "eller .data/conversations.sqlite)",
    )
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    install_log_masking()  # the website's process starts here: every log line masked
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        app = create_app(
            rasa_url=args.rasa_url,
            rasa_origins=args.rasa_origin,
            db_url=args.db_url,
            tracker_db_url=args.tracker_db_url,
        )
    except ValueError as error:
        raise SystemExit(f"--rasa-url/--rasa-origin: {error}") from None
    print(f"Assistansguiden webb: http://{_host(args.host)}:{args.port}/", flush=True)
    web.run_app(app, host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
