"""The production stack (docker-compose.yml, deploy/), checked without a Docker engine.

`docker compose config` validates docker-compose.yml and resolves it with .env.example
(copied to a temporary .env, never into the repository); the tests read its output. The
checker is the Docker Compose v2 plugin that `bash deploy/install_compose_checker.sh`
installs (Debian's docker-compose 1.29 also works). Without it these tests skip with the
reason printed, and fail instead when CI is set. nginx.conf, the Dockerfiles and
.env.example are read directly.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import tomli
import yaml

from tests.conftest import REPO_ROOT, skip_or_fail
from web.server import RASA_URL_PLACEHOLDER, build_parser

COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
ENV_EXAMPLE = REPO_ROOT / ".env.example"
NGINX_CONF = REPO_ROOT / "deploy" / "nginx.conf"
RASA_DOCKERFILE = REPO_ROOT / "deploy" / "rasa.Dockerfile"
ACTIONS_DOCKERFILE = REPO_ROOT / "deploy" / "actions.Dockerfile"
ENDPOINTS_PROD = REPO_ROOT / "bot" / "endpoints.prod.yml"
INSTALL_HINT = "bash deploy/install_compose_checker.sh"

SERVICES = {"rasa", "actions", "web", "postgres", "redis", "nginx"}
ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}")
SECRET_NAME = re.compile(r"PASSWORD|TOKEN|SECRET|_SID|VERIFY|_KEY")
REGISTRY_SEARCH_PATH = "?options=-csearch_path%3Dregistry"


# --- helpers -----------------------------------------------------------------------


def read_env_example() -> dict[str, str]:
    values: dict[str, str] = {}
    for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        assert sep, f".env.example: not NAME=value: {line!r}"
        assert name not in values, f".env.example defines {name} twice"
        values[name] = value
    return values


def expanded(values: dict[str, str]) -> dict[str, str]:
    """${NAME} replaced by the value defined above it, as compose and a shell do."""
    result: dict[str, str] = {}
    for name, value in values.items():
        result[name] = ENV_REFERENCE.sub(lambda ref: result.get(ref.group(1), ""), value)
    return result


def endpoints_variables() -> set[str]:
    return set(ENV_REFERENCE.findall(ENDPOINTS_PROD.read_text(encoding="utf-8")))


def readme_channel_variables() -> set[str]:
    """The variables in the table of README.md's "Messaging channels" section."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Messaging channels\n(.*?)(?=^## )", text, re.M | re.S)
    assert match, "README.md has no 'Messaging channels' section"
    table = "\n".join(line for line in match.group(1).splitlines() if line.startswith("|"))
    return set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))


def raw_compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def as_args(command: Any) -> list[str]:
    if isinstance(command, str):  # docker-compose 1.x may print a string
        return command.split()
    return [str(part) for part in command or []]


def mounts(service: dict[str, Any]) -> list[tuple[str, str]]:
    """(source, target) of each volume; docker-compose 1.x prints the short syntax."""
    result = []
    for volume in service.get("volumes") or []:
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source", ""), volume["target"]
        result.append((source, target))
    return result


def all_strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [text for value in node.values() for text in all_strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in all_strings(value)]
    return [str(node)]


def value_after(args: list[str], flag: str) -> str:
    assert flag in args, f"{flag} missing in {args}"
    index = args.index(flag)
    assert index + 1 < len(args), f"{flag} has no value in {args}"
    return args[index + 1]


@cache
def find_checker() -> tuple[str, ...] | None:
    """`docker compose`, else the v2 plugin binary on its own, else `docker-compose`."""
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run(
            [docker, "compose", "version"], capture_output=True, text=True, timeout=30
        )
        if probe.returncode == 0:
            return (docker, "compose")
    config_dir = Path(os.environ.get("DOCKER_CONFIG") or Path.home() / ".docker")
    plugin = config_dir / "cli-plugins" / "docker-compose"
    if plugin.is_file() and os.access(plugin, os.X_OK):
        return (str(plugin),)
    standalone = shutil.which("docker-compose")
    return (standalone,) if standalone else None


# --- nginx.conf, a small parser -------------------------------------------------------

Block = list[tuple[str, list[str], Any]]


def parse_nginx(text: str) -> Block:
    """Directives as (name, args, children or None)."""
    text = re.sub(r"#[^\n]*", "", text)
    # ${NAME}: a variable the image's template step fills in (not a block).
    tokens = re.findall(r'"[^"]*"|\'[^\']*\'|\$\{\w+\}|[{};]|[^\s{};]+', text)
    stack: list[Block] = [[]]
    words: list[str] = []
    for token in tokens:
        if token == ";":
            stack[-1].append((words[0], words[1:], None))
            words = []
        elif token == "{":
            children: Block = []
            stack[-1].append((words[0], words[1:], children))
            stack.append(children)
            words = []
        elif token == "}":
            assert not words, f"nginx.conf: unterminated directive {words}"
            stack.pop()
        else:
            words.append(token.strip("\"'"))
    assert len(stack) == 1 and not words, "nginx.conf: unbalanced braces"
    return stack[0]


def directives(block: Block, name: str) -> list[list[str]]:
    return [args for key, args, _ in block if key == name]


def nginx_blocks(block: Block, name: str) -> dict[str, Block]:
    return {" ".join(args): children for key, args, children in block if key == name}


@pytest.fixture(scope="module")
def nginx() -> Block:
    return parse_nginx(NGINX_CONF.read_text(encoding="utf-8"))


def server_block(nginx: Block) -> Block:
    servers = [children for key, _, children in nginx if key == "server"]
    assert len(servers) == 1, "deploy/nginx.conf should have one server block"
    return servers[0]


def upstream_of(location: Block) -> str:
    (args,) = directives(location, "proxy_pass")
    match = re.fullmatch(r"http://([^/:]+)/?", args[0])
    assert match, f"proxy_pass to an upstream expected, got {args[0]}"
    return match.group(1)


# --- the resolved configuration ------------------------------------------------------


@pytest.fixture(scope="module")
def resolved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    checker = find_checker()
    if checker is None:
        skip_or_fail(
            "neither `docker compose` nor `docker-compose` is installed; "
            f"install it with `{INSTALL_HINT}`"
        )
    assert checker is not None
    env_file = tmp_path_factory.mktemp("compose") / ".env"
    shutil.copyfile(ENV_EXAMPLE, env_file)
    # Only what the checker needs: no variable of this process may leak into the result.
    env = {key: os.environ[key] for key in ("PATH", "HOME", "DOCKER_CONFIG") if key in os.environ}
    result = subprocess.run(
        [*checker, "--env-file", str(env_file), "-f", str(COMPOSE_FILE), "config"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, f"{' '.join(checker)} config failed:\n{result.stderr}"
    config = yaml.safe_load(result.stdout)
    assert isinstance(config, dict) and "services" in config, result.stdout
    return config


def test_the_six_services_exist(resolved: dict[str, Any]) -> None:
    assert set(resolved["services"]) >= SERVICES


def test_rasa_runs_the_production_endpoints_with_token_and_cors(
    resolved: dict[str, Any],
) -> None:
    env = read_env_example()
    args = as_args(resolved["services"]["rasa"]["command"])
    assert args[0] == "run"
    assert value_after(args, "--endpoints") == "bot/endpoints.prod.yml"
    assert value_after(args, "--credentials") == "bot/credentials.yml"
    assert value_after(args, "--model") == "models/assistansguiden.tar.gz"
    assert value_after(args, "--auth-token") == env["RASA_AUTH_TOKEN"]
    assert value_after(args, "--cors") == env["SITE_ORIGIN"]
    assert value_after(args, "--port") == "5005"
    assert "--enable-api" in args


def test_rasa_is_ready_to_scale(resolved: dict[str, Any]) -> None:
    rasa = resolved["services"]["rasa"]
    assert rasa["deploy"]["replicas"] == 2
    # A fixed name or a host port would stop a second replica from starting.
    assert "container_name" not in rasa
    assert not rasa.get("ports")


def test_images_and_dockerfiles(resolved: dict[str, Any]) -> None:
    services = resolved["services"]
    assert services["rasa"]["build"]["dockerfile"] == "deploy/rasa.Dockerfile"
    for name in ("actions", "web"):
        assert services[name]["build"]["dockerfile"] == "deploy/actions.Dockerfile"
    # The tag, with or without its digest (tests/deploy/test_image_pins.py).
    assert services["postgres"]["image"].split("@")[0] == "postgres:15"
    assert services["redis"]["image"].split("@")[0] == "redis:7"
    assert services["nginx"]["image"].split("@")[0] == "nginx:1.27"


def test_postgres_and_redis_have_health_checks(resolved: dict[str, Any]) -> None:
    services = resolved["services"]
    assert "pg_isready" in " ".join(as_args(services["postgres"]["healthcheck"]["test"]))
    assert "ping" in as_args(services["redis"]["healthcheck"]["test"])
    # A named volume (a host path would start with /).
    assert ("postgres-data", "/var/lib/postgresql/data") in mounts(services["postgres"])
    for name in ("rasa", "actions", "web"):
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert services["rasa"]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_only_nginx_publishes_a_port(resolved: dict[str, Any]) -> None:
    published = {name for name, service in resolved["services"].items() if service.get("ports")}
    assert published == {"nginx"}
    nginx_mounts = mounts(resolved["services"]["nginx"])
    # A template: the image fills in NGINX_* variables into conf.d/default.conf.
    assert (str(NGINX_CONF), "/etc/nginx/templates/default.conf.template") in nginx_mounts


def test_endpoint_variables_come_from_env_example_to_rasa(resolved: dict[str, Any]) -> None:
    needed = endpoints_variables()
    assert {"ACTION_ENDPOINT_URL", "DB_HOST", "REDIS_HOST"} <= needed
    env = read_env_example()
    assert needed <= set(env), f"missing in .env.example: {sorted(needed - set(env))}"
    rasa_env = resolved["services"]["rasa"]["environment"]
    assert needed <= set(rasa_env), f"not passed to rasa: {sorted(needed - set(rasa_env))}"
    assert rasa_env["DB_HOST"] == "postgres"
    assert rasa_env["REDIS_HOST"] == "redis"
    assert rasa_env["ACTION_ENDPOINT_URL"] == "http://actions:5055/webhook"
    # DB_* refer to the POSTGRES_* the database was created with.
    postgres_env = resolved["services"]["postgres"]["environment"]
    assert rasa_env["DB_USER"] == postgres_env["POSTGRES_USER"]
    assert rasa_env["DB_PASSWORD"] == postgres_env["POSTGRES_PASSWORD"]
    assert rasa_env["DB_NAME"] == postgres_env["POSTGRES_DB"]


def test_channel_variables_come_from_env_example_to_rasa(resolved: dict[str, Any]) -> None:
    channel_vars = readme_channel_variables()
    assert {"TELEGRAM_ACCESS_TOKEN", "SLACK_SIGNING_SECRET", "FACEBOOK_SECRET"} <= channel_vars
    env = read_env_example()
    assert channel_vars <= set(env), f"missing in .env.example: {channel_vars - set(env)}"
    rasa_env = resolved["services"]["rasa"]["environment"]
    assert channel_vars <= set(rasa_env), f"not passed to rasa: {channel_vars - set(rasa_env)}"


def test_actions_and_web_use_the_postgresql_registry(resolved: dict[str, Any]) -> None:
    services = resolved["services"]
    env = expanded(read_env_example())
    # The action server writes the registry schema; the website only reads it, as its own
    # role (deploy/postgres-init.sh), never as the database's owner.
    writer = (
        "postgresql+psycopg2://{DB_USER}:{DB_PASSWORD}@{DB_HOST}:{DB_PORT}/{DB_NAME}"
        + REGISTRY_SEARCH_PATH
    )
    reader = (
        "postgresql+psycopg2://{REGISTRY_READER_USER}:{REGISTRY_READER_PASSWORD}"
        "@{DB_HOST}:{DB_PORT}/{DB_NAME}"
    )
    assert services["actions"]["environment"]["ASSISTANS_DB_URL"] == writer.format(**env)
    assert services["web"]["environment"]["ASSISTANS_DB_URL"] == reader.format(**env)
    assert env["REGISTRY_READER_USER"] not in (env["DB_USER"], env["POSTGRES_USER"])
    postgres = services["postgres"]
    assert (
        str(REPO_ROOT / "deploy" / "postgres-init.sh"),
        "/docker-entrypoint-initdb.d/10-registry.sh",
    ) in mounts(postgres)
    assert postgres["environment"]["REGISTRY_READER_USER"] == env["REGISTRY_READER_USER"]
    assert as_args(services["actions"]["command"])[:3] == ["start", "--actions", "actions"]
    assert value_after(as_args(services["actions"]["command"]), "--port") == "5055"


def test_web_serves_the_page_with_socketio_on_the_public_origin(
    resolved: dict[str, Any],
) -> None:
    web = resolved["services"]["web"]
    assert as_args(web["entrypoint"]) == ["python", "-m", "web.server"]
    # Only flags the real command line knows (argparse exits on anything else).
    options = build_parser().parse_args(as_args(web["command"]))
    assert options.host == "0.0.0.0"
    assert options.port == 8080
    assert options.rasa_url == read_env_example()["SITE_ORIGIN"]
    # The page takes the Rasa address from the placeholder the server fills in, and the
    # widget opens socket.io under that address's path: <SITE_ORIGIN>/socket.io/.
    for page in ("index.html", "staff.html"):
        text = (REPO_ROOT / "web" / "static" / page).read_text(encoding="utf-8")
        assert RASA_URL_PLACEHOLDER in text
    assert '"/socket.io"' in (REPO_ROOT / "web" / "static" / "chat.js").read_text(encoding="utf-8")


# --- the files themselves --------------------------------------------------------------


def test_compose_file_holds_no_secret() -> None:
    placeholders = {v for v in read_env_example().values() if len(v) > 6 and "${" not in v}
    assert not placeholders & set(all_strings(raw_compose())), "a value of .env.example"
    for name, service in raw_compose()["services"].items():
        for key, value in (service.get("environment") or {}).items():
            value = str(value)
            assert "${" in value, f"{name}.{key}: a literal value; use ${{VAR}} from .env"
            rest = ENV_REFERENCE.sub("", value).replace("postgresql+psycopg2://", "")
            rest = rest.replace(REGISTRY_SEARCH_PATH, "")
            assert re.fullmatch(r"[:@/]*", rest), f"{name}.{key}: literal text {rest!r}"
    rasa_args = as_args(raw_compose()["services"]["rasa"]["command"])
    assert value_after(rasa_args, "--auth-token").startswith("${RASA_AUTH_TOKEN")
    assert value_after(rasa_args, "--cors").startswith("${SITE_ORIGIN")


def test_env_example_has_placeholders_only() -> None:
    env = read_env_example()
    for name, value in env.items():
        if SECRET_NAME.search(name):
            assert value in ("", "change-me") or value.startswith("${"), (
                f".env.example: {name} must be empty, change-me or a ${{reference}}"
            )
    for required in ("RASA_AUTH_TOKEN", "SITE_ORIGIN", "POSTGRES_USER", "POSTGRES_PASSWORD"):
        assert env.get(required), f".env.example: {required} needs a value"
    # Every variable has its comment line.
    lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if "=" in line and not line.startswith("#"):
            assert index > 0 and lines[index - 1].startswith("#"), f"no comment above {line!r}"


def test_every_compose_variable_is_in_env_example() -> None:
    used = set(ENV_REFERENCE.findall(COMPOSE_FILE.read_text(encoding="utf-8")))
    missing = used - set(read_env_example())
    assert not missing, f"docker-compose.yml uses variables .env.example lacks: {missing}"


def test_nginx_socketio_is_sticky_and_upgrades_websockets(nginx: Block) -> None:
    upstreams = nginx_blocks(nginx, "upstream")
    server = server_block(nginx)
    locations = nginx_blocks(server, "location")
    socketio = locations["/socket.io/"]
    upstream = upstreams[upstream_of(socketio)]
    assert directives(upstream, "server") == [["rasa:5005"]]
    sticky = directives(upstream, "ip_hash") or [
        args for args in directives(upstream, "hash") if "$cookie_" in " ".join(args)
    ]
    assert sticky, "the socket.io upstream needs ip_hash (or a hash on a cookie)"
    headers = {args[0].lower(): args[1] for args in directives(socketio, "proxy_set_header")}
    assert headers["upgrade"] == "$http_upgrade"
    assert headers["connection"] in ("$connection_upgrade", "upgrade")
    versions = directives(socketio, "proxy_http_version") or directives(
        server, "proxy_http_version"
    )
    assert versions == [["1.1"]]
    maps = [args for key, args, _ in nginx if key == "map"]
    if headers["connection"] == "$connection_upgrade":
        assert ["$http_upgrade", "$connection_upgrade"] in maps


def test_nginx_routes_webhooks_to_rasa_and_the_rest_to_web(nginx: Block) -> None:
    upstreams = nginx_blocks(nginx, "upstream")
    locations = nginx_blocks(server_block(nginx), "location")
    webhooks = upstreams[upstream_of(locations["/webhooks/"])]
    assert directives(webhooks, "server") == [["rasa:5005"]]
    for path in ("^~ /api", "/"):
        assert directives(upstreams[upstream_of(locations[path])], "server") == [["web:8080"]]
    # The staff API has no login: intranet addresses only.
    assert directives(locations["^~ /api"], "deny") == [["all"]]


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), " ".join(rest.split())))
    return instructions


@pytest.mark.parametrize(
    ("dockerfile", "base"),
    [(RASA_DOCKERFILE, "rasa/rasa:3.6.21-full"), (ACTIONS_DOCKERFILE, "rasa/rasa-sdk:3.6.2")],
)
def test_dockerfile_base_pins_and_user(dockerfile: Path, base: str) -> None:
    instructions = dockerfile_instructions(dockerfile)
    assert [rest.split("@")[0] for keyword, rest in instructions if keyword == "FROM"] == [base]
    users = [rest for keyword, rest in instructions if keyword == "USER"]
    assert users and users[-1] == "1001", "the image must not run as root"
    runs = " ".join(rest for keyword, rest in instructions if keyword == "RUN")
    assert "pip install" in runs and "-c /tmp/constraints.txt" in runs
    pinned = {
        line.partition("==")[0].strip().lower()
        for line in (REPO_ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line
    }
    installed = pip_installed_names(runs)
    assert installed, "nothing installed"
    for name in installed:
        assert not re.search(r"[=<>~]", name), f"{name}: versions belong in constraints.txt"
        assert name.lower() in pinned, f"{name} is not pinned in constraints.txt"


def pip_installed_names(runs: str) -> list[str]:
    """The requirement names after `pip install ... -c /tmp/constraints.txt` in RUN lines."""
    names: list[str] = []
    for command in re.findall(r"pip install (.*?)(?:&&|$)", runs):
        words = command.replace("\\", " ").split()
        names += [
            w.strip('"') for w in words if not w.startswith("-") and w != "/tmp/constraints.txt"
        ]
    return names


def test_rasa_image_has_every_project_dependency_and_a_trained_model() -> None:
    project = tomli.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    runs = " ".join(rest for key, rest in dockerfile_instructions(RASA_DOCKERFILE) if key == "RUN")
    installed = {name.lower() for name in pip_installed_names(runs)}
    for requirement in project["project"]["dependencies"]:
        name = re.split(r"[\[=<>~ ]", requirement, maxsplit=1)[0]
        if name == "rasa":
            continue  # the base image's
        assert name.lower() in installed, f"deploy/rasa.Dockerfile lacks {name}"
    assert "python scripts/build_spacy_model.py .data/spacy-sv" in runs
    assert (
        "rasa train --config bot/config.yml --domain bot/domain --data data --out models "
        "--fixed-model-name assistansguiden" in runs
    )
    copies = [rest for key, rest in dockerfile_instructions(RASA_DOCKERFILE) if key == "COPY"]
    for source in ("bot/", "data/", "assistansguiden/", "scripts/build_spacy_model.py"):
        assert any(f" {source} " in f" {copy} " for copy in copies), f"{source} not copied"


def local_packages() -> set[str]:
    return {path.parent.name for path in REPO_ROOT.glob("*/__init__.py")}


def copied_packages(dockerfile: Path) -> set[str]:
    copies = [rest.split() for key, rest in dockerfile_instructions(dockerfile) if key == "COPY"]
    sources = {part.strip("/") for args in copies for part in args[:-1] if not part.startswith("-")}
    return sources & local_packages()


def imported_local_packages(package: str) -> set[str]:
    """Local top-level packages that the modules of `package` import."""
    names: set[str] = set()
    for path in (REPO_ROOT / package).rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"^\s*(?:from|import)\s+([A-Za-z_]\w*)", text, re.M))
    return names & local_packages()


def modules_named_in_bot() -> set[str]:
    """Top-level packages of the custom classes bot/ names (pipeline, channels, stores)."""
    config = yaml.safe_load((REPO_ROOT / "bot" / "config.yml").read_text(encoding="utf-8"))
    named = [item["name"] for key in ("pipeline", "policies") for item in config.get(key) or []]
    credentials = yaml.safe_load((REPO_ROOT / "bot" / "credentials.yml").read_text("utf-8"))
    named += list(credentials)
    endpoints = yaml.safe_load(ENDPOINTS_PROD.read_text(encoding="utf-8"))
    named += [str(section.get("type", "")) for section in endpoints.values() if section]
    return {name.split(".")[0] for name in named if "." in name}


@pytest.mark.parametrize(
    "dockerfile", [RASA_DOCKERFILE, ACTIONS_DOCKERFILE], ids=["rasa", "actions"]
)
def test_images_copy_every_local_package_they_import(dockerfile: Path) -> None:
    roots = modules_named_in_bot() if dockerfile == RASA_DOCKERFILE else {"actions", "web"}
    copied = copied_packages(dockerfile)
    assert roots, "nothing to check"
    needed = set(roots)
    pending = list(roots)
    while pending:
        for package in imported_local_packages(pending.pop()) - needed:
            needed.add(package)
            pending.append(package)
    assert needed <= copied, f"{dockerfile.name} does not copy {sorted(needed - copied)}"


def test_dockerignore_keeps_local_state_and_secrets_out() -> None:
    ignored = {
        line.strip()
        for line in (REPO_ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".venv", "models", ".data", "results", ".git", "node_modules", ".env"} <= ignored


# --- the staff login, the scheduled purge, production mode -------------------------------


def flags(args: list[str]) -> dict[str, str]:
    """--name=value arguments as a mapping."""
    return dict(arg[2:].split("=", 1) for arg in args if arg.startswith("--") and "=" in arg)


def test_oauth2_proxy_signs_staff_in_at_the_identity_provider(resolved: dict[str, Any]) -> None:
    env = expanded(read_env_example())
    services = resolved["services"]
    proxy = services["oauth2-proxy"]
    assert proxy["image"].split("@")[0].startswith("quay.io/oauth2-proxy/oauth2-proxy:v7.")
    options = flags(as_args(proxy["command"]))
    assert options["provider"] == "oidc"
    assert options["http-address"] == "0.0.0.0:4180"  # nginx.conf: server oauth2-proxy:4180
    assert options["reverse-proxy"] == "true"  # behind nginx: it believes X-Forwarded-*
    assert options["upstream"] == "static://202"  # it answers nginx, proxies nothing
    assert options["redirect-url"] == env["SITE_ORIGIN"] + "/oauth2/callback"
    settings = proxy["environment"]
    assert settings["OAUTH2_PROXY_OIDC_ISSUER_URL"] == env["STAFF_OIDC_ISSUER_URL"]
    assert settings["OAUTH2_PROXY_CLIENT_ID"] == env["STAFF_OIDC_CLIENT_ID"]
    assert settings["OAUTH2_PROXY_CLIENT_SECRET"] == env["STAFF_OIDC_CLIENT_SECRET"]
    assert settings["OAUTH2_PROXY_COOKIE_SECRET"] == env["STAFF_COOKIE_SECRET"]
    assert settings["OAUTH2_PROXY_EMAIL_DOMAINS"] == env["STAFF_EMAIL_DOMAINS"]
    assert settings["OAUTH2_PROXY_COOKIE_SECURE"] == "true"
    assert "OAUTH2_PROXY_ALLOWED_GROUPS" in settings
    assert not proxy.get("ports")  # reached through nginx only
    assert set(proxy["networks"]) == {"frontend"}
    assert services["nginx"]["depends_on"]["oauth2-proxy"]["condition"] == "service_started"


def test_the_staff_login_secrets_must_be_set(tmp_path: Path) -> None:
    checker = find_checker()
    if checker is None:
        skip_or_fail(f"no compose checker; install it with `{INSTALL_HINT}`")
    assert checker is not None
    for name in ("STAFF_OIDC_ISSUER_URL", "STAFF_OIDC_CLIENT_SECRET", "STAFF_COOKIE_SECRET"):
        lines = ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
        env_file = tmp_path / ".env"
        env_file.write_text(
            "\n".join(line for line in lines if not line.startswith(f"{name}=")) + "\n",
            encoding="utf-8",
        )
        env = {k: os.environ[k] for k in ("PATH", "HOME", "DOCKER_CONFIG") if k in os.environ}
        result = subprocess.run(
            [*checker, "--env-file", str(env_file), "-f", str(COMPOSE_FILE), "config"],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode != 0 and name in result.stderr, name


def purge_script(resolved: dict[str, Any]) -> str:
    """The purge service's shell loop, with compose's $$ turned into the shell's $."""
    (script,) = as_args(resolved["services"]["purge"]["command"])
    return script.replace("$$", "$")


def test_purge_runs_on_a_schedule(resolved: dict[str, Any]) -> None:
    services = resolved["services"]
    purge = services["purge"]
    assert as_args(purge["entrypoint"]) == ["sh", "-c"]
    script = purge_script(resolved)
    assert 'python -m assistansguiden.privacy.purge --older-than-days "$PURGE_AFTER_DAYS"' in script
    assert 'sleep "$PURGE_INTERVAL_SECONDS"' in script
    env = purge["environment"]
    assert env["PURGE_AFTER_DAYS"] == "90" and env["PURGE_INTERVAL_SECONDS"] == "86400"
    # The same tracker store as Rasa (assistansguiden.settings.tracker_db_url).
    for name in ("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD"):
        assert env[name] == services["rasa"]["environment"][name], name
    assert purge["image"] == services["actions"]["image"]  # has assistansguiden/ and psycopg2
    assert purge["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert set(purge["networks"]) == {"backend"} and not purge.get("ports")
    assert purge["restart"] == "unless-stopped"


def test_the_purge_loop_runs_at_once_then_every_interval_and_stops_when_told(
    resolved: dict[str, Any], tmp_path: Path
) -> None:
    # A stand-in `python` that notes its arguments: the loop itself runs in a real sh.
    calls = tmp_path / "calls"
    fake = tmp_path / "bin" / "python"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$*" >> {calls}\n', encoding="utf-8")
    fake.chmod(0o755)
    env = {
        "PATH": f"{fake.parent}:/usr/bin:/bin",
        "PURGE_AFTER_DAYS": "90",
        "PURGE_INTERVAL_SECONDS": "1",
    }
    loop = subprocess.Popen(["sh", "-c", purge_script(resolved)], env=env)
    try:
        time.sleep(2.5)
        assert loop.poll() is None, "the loop ended by itself"
        loop.terminate()  # docker compose stop: the loop ends cleanly
        assert loop.wait(timeout=5) == 0
    finally:
        loop.kill()
    runs = calls.read_text(encoding="utf-8").splitlines()
    assert 2 <= len(runs) <= 4
    assert set(runs) == {"-m assistansguiden.privacy.purge --older-than-days 90"}


@pytest.mark.parametrize("interval", ["", "soon", "0", "-5"])
def test_the_purge_loop_refuses_an_unusable_interval(
    resolved: dict[str, Any], interval: str
) -> None:
    env = {"PATH": "/usr/bin:/bin", "PURGE_AFTER_DAYS": "90", "PURGE_INTERVAL_SECONDS": interval}
    result = subprocess.run(
        ["sh", "-c", purge_script(resolved)], env=env, capture_output=True, text=True, timeout=10
    )
    assert result.returncode == 2 and "PURGE_INTERVAL_SECONDS" in result.stderr


def test_rasa_runs_in_production_mode(resolved: dict[str, Any]) -> None:
    # No development key for the web chat's session ids (assistansguiden/privacy/sessions.py).
    assert resolved["services"]["rasa"]["environment"]["ASSISTANS_ENV"] == "production"
    assert read_env_example()["ASSISTANS_ENV"] == "production"
