"""Browser helpers for the website tests: Debian's Chromium driven by Playwright.

Playwright's own browser download is never used: Chromium comes from Debian
(`apt-get install chromium`, /usr/bin/chromium) and is started with the flags this
machine needs (no background networking: the network is closed).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conftest import FIXED_TODAY, REPO_ROOT, skip_or_fail
from tests.e2e.conftest import free_port, wait_until_up

CHROMIUM = Path(os.environ.get("ASSISTANS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCREENSHOTS = REPO_ROOT / "results" / "screenshots"


def require_browser() -> None:
    """Skip (locally) or fail (CI) when Chromium or Playwright is missing."""
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium saknas ({CHROMIUM}); installera med `apt-get install -y chromium`")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_or_fail("Python-paketet playwright saknas; `make` installerar det i .venv")


# --- pages -------------------------------------------------------------------------


@dataclass
class PageProblems:
    """What the page complained about: CSP refusals, script errors, other hosts asked."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return [m for m in self.console if "Content Security Policy" in m]


def open_page(
    browser: Any,
    url: str,
    *,
    width: int = 1280,
    height: int = 900,
    scale: float = 1,
    wait_ready: bool = True,
) -> tuple[Any, Any, PageProblems]:
    """(context, page, problems): a fresh context (its own storage) at the given size."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=scale,
        locale="sv-SE",
        timezone_id="Europe/Stockholm",
    )
    page = context.new_page()
    problems = PageProblems()
    page.on("console", lambda m: problems.console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: problems.errors.append(str(e)))
    page.on("request", lambda r: problems.requests.append(r.url))
    page.goto(url)
    if wait_ready:
        page.locator("[data-chat][data-chat-ready]").wait_for(timeout=20_000)
    return context, page, problems


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations for the page as it is now (WCAG 2.x A/AA + best practice).

    Evaluated through the DevTools protocol, so the page's CSP (script-src 'self')
    stays on and is not weakened for the test.
    """
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }""",
        AXE_TAGS,
    )
    return list(result)


def horizontal_overflow(page: Any) -> dict[str, Any]:
    """Page width vs. viewport width, and elements reaching past the right edge."""
    return dict(
        page.evaluate(
            """() => {
                const doc = document.documentElement;
                const limit = doc.clientWidth + 1;
                const wide = [...document.querySelectorAll("body *")]
                    .filter(e => e.getClientRects().length
                                 && e.getBoundingClientRect().right > limit)
                    .slice(0, 5)
                    .map(e => e.tagName.toLowerCase() + "." + e.className + " → "
                              + Math.round(e.getBoundingClientRect().right));
                return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide};
            }"""
        )
    )


def focused(page: Any) -> dict[str, Any]:
    """The focused element: tag, id, classes, text and its focus ring."""
    return dict(
        page.evaluate(
            """() => {
                const e = document.activeElement;
                const s = getComputedStyle(e);
                const box = e.getBoundingClientRect();
                return {
                    tag: e.tagName.toLowerCase(), id: e.id, cls: e.className,
                    text: (e.textContent || "").trim(),
                    outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
                    inLatestBot: !!e.closest(".msg--bot") &&
                        e.closest(".msg--bot") === [...document.querySelectorAll(".msg--bot")]
                            .filter(m => m.querySelector("button")).pop(),
                    top: box.top, bottom: box.bottom,
                };
            }"""
        )
    )


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- the website server ----------------------------------------------------------------


@contextmanager
def website(rasa_url: str | None, db_url: str, workdir: Path) -> Iterator[str]:
    """`python -m web.server` on a free port; yields its base URL."""
    port = free_port()
    log = workdir / f"webchat-{port}.log"
    args = [sys.executable, "-m", "web.server", "--host", "127.0.0.1", "--port", str(port)]
    args += ["--db-url", db_url]
    if rasa_url:
        args += ["--rasa-url", rasa_url]
    env = dict(os.environ, ASSISTANS_TODAY=FIXED_TODAY, SQLALCHEMY_SILENCE_UBER_WARNING="1")
    with log.open("wb") as out:
        process = subprocess.Popen(
            args, env=env, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", process, log, 30)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


# --- a stand-in for Rasa's socket.io channel -------------------------------------------

STUB_HTML = '<img src=x onerror="window.__pwned=1"><b>fet</b> & <script>window.__pwned=2</script>'
STUB_DECISION: dict[str, Any] = {
    "question": "provider",
    "ok": False,
    "codes": ["NO_PERMIT"],
    "provider": {"org_nr": "559901-0039", "name": "Exempelbolaget Utan Tillstånd AB"},
    "as_of": FIXED_TODAY,
    "summary": "Assistansersättning kan inte betalas för assistans från bolaget.",
    "reasons": ["Bolaget saknar tillstånd från IVO (51 kap. 16 b § socialförsäkringsbalken)."],
    "legal_refs": ["51 kap. 16 b § socialförsäkringsbalken (2010:110)"],
    "next_steps": ["Välj en anordnare med tillstånd."],
}


class StubRasa:
    """Rasa's socket.io protocol (session_request → session_confirm, user_uttered →
    bot_uttered to the session's room) with canned answers the real bot never gives:
    HTML in the text and custom decision payloads, as Rasa 3.6 delivers them.

    "html"     → a text full of markup
    "beslut"   → a text, then {"decision": {...}} (json_message={"data": {"decision": ...}})
    "beslut2"  → a text, then {"custom": {"decision": {...}}}
    "knappar"  → a text with quick_replies
    otherwise  → "Du skrev: <message>"
    """

    def __init__(self) -> None:
        import socketio

        self.sio = socketio.AsyncServer(async_mode="aiohttp", cors_allowed_origins="*")
        self.received: list[dict[str, Any]] = []
        self.session_requests: list[Any] = []  # the session_id each request named
        sio = self.sio

        @sio.on("session_request")
        async def session_request(sid: str, data: dict[str, Any] | None) -> None:
            self.session_requests.append((data or {}).get("session_id"))
            session_id = (data or {}).get("session_id") or uuid.uuid4().hex
            sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        @sio.on("user_uttered")
        async def user_uttered(sid: str, data: dict[str, Any]) -> None:
            self.received.append(dict(data))
            room = data.get("session_id")
            message = str(data.get("message", ""))
            for answer in self.answers(message):
                await sio.emit("bot_uttered", answer, room=room)

    @staticmethod
    def answers(message: str) -> list[dict[str, Any]]:
        if message == "html":
            return [{"text": STUB_HTML}]
        if message == "beslut":
            return [{"text": "Nej, inte från det bolaget."}, {"decision": STUB_DECISION}]
        if message == "beslut2":
            return [
                {"text": "Nej, inte från det bolaget."},
                {"custom": {"decision": STUB_DECISION}},
            ]
        if message == "knappar":
            return [
                {
                    "text": "Välj ett alternativ.",
                    "quick_replies": [
                        {"content_type": "text", "title": "Stubbknapp", "payload": "/stub"}
                    ],
                }
            ]
        return [{"text": f"Du skrev: {message}"}]

    def app(self) -> Any:
        from aiohttp import web

        app = web.Application()
        self.sio.attach(app)
        return app


class BackgroundApps:
    """aiohttp applications served on free ports from one thread of their own."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.runners: list[Any] = []
        self.thread.start()

    def serve(self, app: Any) -> str:
        from aiohttp import web

        port = free_port()

        async def start() -> None:
            runner = web.AppRunner(app)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()
            self.runners.append(runner)

        asyncio.run_coroutine_threadsafe(start(), self.loop).result(timeout=30)
        return f"http://127.0.0.1:{port}"

    def close(self) -> None:
        async def stop() -> None:
            for runner in self.runners:
                await runner.cleanup()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


def copy_for_readme(source: Path, target: Path) -> None:
    """Refresh the README screenshot only when it is missing or asked for, so that
    test runs do not rewrite a committed binary file each time."""
    if not target.exists() or os.environ.get("ASSISTANS_UPDATE_SCREENSHOT"):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
