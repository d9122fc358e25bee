"""deploy/nginx.conf against hostile requests: which location answers a path, the limits,
and the same requests sent to a real nginx (Debian's, `make nginx-checker`) in front of a
stand-in for Rasa and the website, and one for oauth2-proxy (the staff view's login).

The location choice follows nginx's rules (exact match, else the longest prefix, which
wins outright with ^~, else the first matching regex) on the path as nginx sees it:
percent-decoded, slashes merged, dot segments resolved.
"""

from __future__ import annotations

import http.client
import posixpath
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest

from deploy.prod_local import free_port
from tests.conftest import skip_or_fail
from tests.deploy.test_compose import (
    ENV_EXAMPLE,
    NGINX_CONF,
    Block,
    directives,
    parse_nginx,
    read_env_example,
    server_block,
)

STAFF_PATHS = [
    "/staff.html",
    "/staff.js",
    "/staff.html/",
    "/staff.html%2f",
    "/staff.html%2F",
    "/%73taff.html",
    "//staff.html",
    "/vendor/../staff.html",
    "/api/provider?q=559901-0013",
    "/api",
    "/api%2fprovider",
    "/staff-insights.html",
    "/staff-insights.js",
    "/api/insights?days=30",
    "/api/amounts?year=2026",
]
REST_PATHS = ["/webhooks/rest/webhook", "/webhooks/%72est/webhook", "/webhooks//rest/webhook"]
# The stand-in oauth2-proxy says 202 to a request with this cookie, else 401.
SIGNED_IN = "_oauth2_proxy=signed-in"


@pytest.fixture(scope="module")
def server() -> Block:
    return server_block(parse_nginx(NGINX_CONF.read_text(encoding="utf-8")))


def normalised(path: str) -> str:
    path = unquote(path.split("?", 1)[0])
    path = re.sub(r"/+", "/", path)
    resolved = posixpath.normpath(path)
    return resolved + "/" if path.endswith("/") and resolved != "/" else resolved


def location_for(server: Block, raw_path: str) -> Block:
    """The location block nginx picks for a request path."""
    path = normalised(raw_path)
    exact, prefixes, regexes = None, [], []
    for key, args, children in server:
        if key != "location":
            continue
        if args[0] == "=":
            exact = children if args[1] == path else exact
        elif args[0] in ("~", "~*"):
            regexes.append((re.compile(args[1], re.I if args[0] == "~*" else 0), children))
        else:
            prefix = args[-1]
            if path.startswith(prefix):
                prefixes.append((len(prefix), args[0] == "^~", children))
    if exact is not None:
        return exact
    longest = max(prefixes, key=lambda item: item[0], default=None)
    if longest and longest[1]:
        return longest[2]
    for pattern, children in regexes:
        if pattern.search(path):
            return children
    assert longest, f"no location for {raw_path}"
    return longest[2]


def denies_all(location: Block) -> bool:
    return ["all"] in directives(location, "deny")


@pytest.mark.parametrize("path", STAFF_PATHS)
def test_staff_view_and_api_are_intranet_only_however_the_path_is_written(
    server: Block, path: str
) -> None:
    location = location_for(server, path)
    assert denies_all(location), f"{path} reaches a location without the allow list"
    assert ["10.0.0.0/8"] in directives(location, "allow")
    assert directives(location, "auth_request") == [["/oauth2/auth"]], f"{path}: no login"


def test_the_login_subrequest_is_internal_and_carries_no_body(server: Block) -> None:
    top = parse_nginx(NGINX_CONF.read_text(encoding="utf-8"))
    subrequest = location_for(server, "/oauth2/auth")
    assert directives(subrequest, "internal") == [[]]
    assert directives(subrequest, "proxy_pass_request_body") == [["off"]]
    assert ["Content-Length", ""] in directives(subrequest, "proxy_set_header")
    upstreams = {" ".join(args): children for key, args, children in top if key == "upstream"}
    for location in (subrequest, location_for(server, "/oauth2/sign_in")):
        (args,) = directives(location, "proxy_pass")
        assert args == ["http://oauth2_proxy"]
    assert directives(upstreams["oauth2_proxy"], "server") == [["oauth2-proxy:4180"]]
    # A page without a sign-in goes to the sign-in, by a relative redirect.
    assert ["401", "=", "@staff_sign_in"] in directives(
        location_for(server, "/staff.html"), "error_page"
    )
    assert directives(server, "absolute_redirect") == [["off"]]


@pytest.mark.parametrize("path", [*REST_PATHS, "/webhooks/telegram/set_webhook"])
def test_rest_channel_and_set_webhook_are_not_published(server: Block, path: str) -> None:
    location = location_for(server, path)
    assert denies_all(location) and not directives(location, "allow")


@pytest.mark.parametrize(
    "path", ["/webhooks/twilio/webhook", "/webhooks/telegram/webhook", "/socket.io/"]
)
def test_public_doors_are_rate_and_connection_limited(server: Block, path: str) -> None:
    location = location_for(server, path)
    assert not denies_all(location)
    assert directives(location, "limit_req") and directives(location, "limit_conn")


def test_zones_size_limit_and_real_client_address(server: Block) -> None:
    top = parse_nginx(NGINX_CONF.read_text(encoding="utf-8"))
    zones = {args[1].split("=")[1].split(":")[0] for args in directives(top, "limit_req_zone")}
    used = {
        args[0].split("=")[1]
        for _, _, children in server
        if children
        for args in directives(children, "limit_req")
    }
    assert used and used <= zones
    assert directives(top, "limit_conn_zone")
    assert directives(server, "client_max_body_size") == [["16k"]]
    # The proxy to believe comes from the environment (the image's envsubst templates).
    assert directives(top, "set_real_ip_from") == [["${NGINX_REAL_IP_FROM}"]]
    assert directives(top, "real_ip_header") == [["X-Forwarded-For"]]
    assert directives(top, "real_ip_recursive") == [["on"]]
    assert read_env_example()["NGINX_REAL_IP_FROM"] == "127.0.0.1/32"
    assert "NGINX_REAL_IP_FROM" in ENV_EXAMPLE.read_text(encoding="utf-8")


# --- a real nginx -----------------------------------------------------------------------


class _Upstream(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = f"upstream {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815 (http.server's naming)

    def log_message(self, *_: object) -> None:
        return None


class _AuthProxy(BaseHTTPRequestHandler):
    """oauth2-proxy as nginx sees it: /oauth2/auth says 202 or 401, the rest are its pages."""

    asked: list[dict[str, str]] = []  # the headers of each subrequest

    def _answer(self) -> None:
        if self.path.startswith("/oauth2/auth"):
            _AuthProxy.asked.append(dict(self.headers.items()))
            signed_in = SIGNED_IN in (self.headers.get("Cookie") or "")
            self.send_response(202 if signed_in else 401)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = f"oauth2-proxy {self.path} {self.headers.get('X-Auth-Request-Redirect')}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815 (http.server's naming)

    def log_message(self, *_: object) -> None:
        return None


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    binary = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if Path(p).exists()), None
    )
    if binary is None:
        skip_or_fail("nginx is not installed; `make nginx-checker` installs Debian's")
    assert binary is not None
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    backend = f"127.0.0.1:{upstream.server_address[1]}"
    auth = ThreadingHTTPServer(("127.0.0.1", 0), _AuthProxy)
    threading.Thread(target=auth.serve_forever, daemon=True).start()
    port = free_port()
    work = tmp_path_factory.mktemp("nginx")
    site = NGINX_CONF.read_text(encoding="utf-8")
    # The stand-in is the proxy in front: it may name the client in X-Forwarded-For.
    site = site.replace("${NGINX_REAL_IP_FROM}", "127.0.0.1")
    site = re.sub(r"server (rasa:5005|web:8080);", f"server {backend};", site)
    site = site.replace("server oauth2-proxy:4180;", f"server 127.0.0.1:{auth.server_address[1]};")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    (work / "site.conf").write_text(site, encoding="utf-8")
    (work / "nginx.conf").write_text(
        f"pid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\nhttp {{\n"
        f"  access_log off;\n  client_body_temp_path {work}/body;\n"
        f"  proxy_temp_path {work}/proxy;\n  include {work}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [binary, "-e", str(work / "error.log"), "-p", str(work), "-c", str(work / "nginx.conf")]
        + ["-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        upstream.shutdown()
        auth.shutdown()


def exchange(
    port: int,
    method: str,
    path: str,
    body: bytes = b"",
    client: str | None = None,
    cookie: str | None = None,
) -> tuple[int, str, str]:
    """(status, Location header, body) of one request through nginx."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"X-Forwarded-For": client} if client else {}
    if cookie:
        headers["Cookie"] = cookie
    connection.request(method, path, body=body or None, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    return response.status, response.getheader("Location") or "", text


def request(
    port: int, method: str, path: str, body: bytes = b"", client: str | None = None
) -> tuple[int, str]:
    status, _, text = exchange(port, method, path, body, client)
    return status, text


@pytest.mark.parametrize("path", STAFF_PATHS)
def test_live_staff_paths_are_refused_for_an_internet_client(nginx: int, path: str) -> None:
    # Refused even when signed in: the allow list holds as well as the login.
    assert exchange(nginx, "GET", path, client="203.0.113.7", cookie=SIGNED_IN)[0] == 403
    # A client that writes an intranet address itself is not believed: the proxy in front
    # appends the real one, and nginx takes the last address it does not trust.
    assert request(nginx, "GET", path, client="10.0.0.5, 203.0.113.7")[0] == 403
    status, _, body = exchange(nginx, "GET", path, client="10.1.2.3", cookie=SIGNED_IN)
    assert status == 200 and body.startswith("upstream")


@pytest.mark.parametrize("cookie", [None, "_oauth2_proxy=forged", "session=signed-in"])
@pytest.mark.parametrize("path", STAFF_PATHS)
def test_live_staff_paths_need_a_sign_in_from_the_intranet_too(
    nginx: int, path: str, cookie: str | None
) -> None:
    status, location, body = exchange(nginx, "GET", path, client="10.1.2.3", cookie=cookie)
    assert "upstream" not in body  # never reached the website
    if normalised(path).startswith("/api"):
        assert status == 401  # a script or fetch() gets the status, not a login page
    else:
        assert status == 302
        assert location == f"/oauth2/sign_in?rd={path}"


def test_live_the_login_subrequest_sends_no_body_and_is_not_public(nginx: int) -> None:
    _AuthProxy.asked.clear()
    status, _, _ = exchange(
        nginx, "POST", "/api/provider", b'{"q": "x"}', client="10.1.2.3", cookie=SIGNED_IN
    )
    assert status == 200
    [asked] = _AuthProxy.asked
    assert (
        asked.get("Content-Length") in (None, "0") and asked["X-Forwarded-Uri"] == "/api/provider"
    )
    # Asking nginx for the subrequest's location from outside finds nothing.
    assert request(nginx, "GET", "/oauth2/auth", client="10.1.2.3")[0] == 404


def test_live_the_sign_in_pages_are_oauth2_proxys(nginx: int) -> None:
    status, body = request(nginx, "GET", "/oauth2/sign_in?rd=/staff.html", client="203.0.113.7")
    assert status == 200 and body.startswith("oauth2-proxy /oauth2/sign_in?rd=/staff.html")


@pytest.mark.parametrize("path", [*REST_PATHS, "/webhooks/telegram/set_webhook"])
def test_live_rest_and_set_webhook_are_refused(nginx: int, path: str) -> None:
    assert request(nginx, "POST", path, b'{"sender":"+46701234567","message":"hej"}')[0] == 403


def test_live_body_over_16_kb_is_413_and_a_small_one_passes(nginx: int) -> None:
    assert request(nginx, "POST", "/webhooks/twilio/webhook", b"x" * 17_000)[0] == 413
    assert request(nginx, "POST", "/socket.io/?EIO=4", b"x" * 2_000_000)[0] == 413
    assert request(nginx, "POST", "/webhooks/twilio/webhook", b"Body=hej")[0] == 200


def test_live_a_flood_from_one_client_gets_429(nginx: int) -> None:
    statuses = [
        request(nginx, "GET", "/socket.io/?EIO=4", client="198.51.100.9")[0] for _ in range(80)
    ]
    assert 429 in statuses and statuses[0] == 200
    # Another client is not affected.
    assert request(nginx, "GET", "/socket.io/?EIO=4", client="198.51.100.10")[0] == 200
