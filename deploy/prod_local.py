"""The production configuration without Docker: N Rasa servers and one action server on
loopback, sharing the local PostgreSQL (tracker store, provider registry) and Redis (lock
store), with bot/endpoints.prod.yml exactly as docker-compose.yml uses it.

    python -m deploy.prod_local --servers 2        # `make prod-local`

Also used by the scale-out test and the load benchmark.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

REPO_ROOT = Path(__file__).resolve().parent.parent
MODEL = REPO_ROOT / "models" / "assistansguiden.tar.gz"
SAMPLE_CSV = REPO_ROOT / "data" / "providers" / "sample_providers.csv"
PG_HOST, PG_PORT, PG_USER = "127.0.0.1", 5432, "postgres"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def executable(name: str) -> str:
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else name


def _as_admin(statement: str, params: tuple[str, ...] = ()) -> bool:
    """Runs one statement on the maintenance database; True when it returned a row."""
    import psycopg2

    connection = psycopg2.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres")
    connection.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.description is not None and cursor.fetchone() is not None
    finally:
        connection.close()


def create_database(name: str) -> None:
    if not _as_admin("select 1 from pg_database where datname = %s", (name,)):
        _as_admin(f'create database "{name}"')


def drop_database(name: str) -> None:
    _as_admin(f'drop database if exists "{name}" with (force)')


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise RuntimeError(f"{url} not up after {timeout_s:.0f} s:\n{log.read_text()[-3000:]}")


@dataclass
class ProdStack:
    """Context manager: starts the stack on enter, stops every process on exit."""

    workdir: Path
    servers: int = 2
    database: str = "assistansguiden"
    redis_db: int = 0
    drop_database_after: bool = False
    extra_env: dict[str, str] = field(default_factory=dict)
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    # One HMAC key for the platforms' person ids, shared by every server of the stack.
    id_key: str = field(default_factory=lambda: secrets.token_hex(32))
    site_origin: str = "http://localhost:8080"
    rasa_urls: list[str] = field(default_factory=list)
    action_url: str = ""
    _processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def registry_url(self) -> str:
        return f"postgresql+psycopg2://{PG_USER}@{PG_HOST}:{PG_PORT}/{self.database}"

    @property
    def tracker_url(self) -> str:
        return f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/{self.database}"

    def environment(self, actions_port: int) -> dict[str, str]:
        return dict(
            os.environ,
            ACTION_ENDPOINT_URL=f"http://127.0.0.1:{actions_port}/webhook",
            DB_HOST=PG_HOST,
            DB_PORT=str(PG_PORT),
            DB_NAME=self.database,
            DB_USER=PG_USER,
            DB_PASSWORD="",
            REDIS_HOST="127.0.0.1",
            REDIS_PORT="6379",
            REDIS_DB=str(self.redis_db),
            REDIS_PASSWORD=os.environ.get("REDIS_PASSWORD", ""),  # the local Redis: none
            ASSISTANS_ID_KEY=os.environ.get("ASSISTANS_ID_KEY") or self.id_key,
            ASSISTANS_ENV="production",  # no development fallback for a missing secret
            ASSISTANS_DB_URL=self.registry_url,
            RASA_AUTH_TOKEN=self.token,
            SITE_ORIGIN=self.site_origin,
            SQLALCHEMY_SILENCE_UBER_WARNING="1",
            TF_CPP_MIN_LOG_LEVEL="2",
            **self.extra_env,
        )

    def __enter__(self) -> ProdStack:
        if not MODEL.exists():
            raise RuntimeError(f"no trained model at {MODEL}; run `make train` first")
        self.workdir.mkdir(parents=True, exist_ok=True)
        create_database(self.database)
        actions_port = free_port()
        env = self.environment(actions_port)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "assistansguiden.cli",
                "import-providers",
                str(SAMPLE_CSV),
                "--replace",
            ],
            env=env,
            cwd=REPO_ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        try:
            self.action_url = f"http://127.0.0.1:{actions_port}"
            action_log = self.workdir / "actions.log"
            action_server = self._start(
                [
                    executable("rasa"),
                    "run",
                    "actions",
                    "--actions",
                    "actions",
                    "--port",
                    str(actions_port),
                ],
                env,
                action_log,
            )
            started = []
            for index in range(self.servers):
                port = free_port()
                log = self.workdir / f"rasa-{index}.log"
                process = self._start(
                    [
                        executable("rasa"),
                        "run",
                        "--model",
                        str(MODEL),
                        "--port",
                        str(port),
                        "--enable-api",
                        "--auth-token",
                        self.token,
                        "--cors",
                        self.site_origin,
                        "--endpoints",
                        "bot/endpoints.prod.yml",
                        "--credentials",
                        "bot/credentials.yml",
                    ],
                    env,
                    log,
                )
                self.rasa_urls.append(f"http://127.0.0.1:{port}")
                started.append((f"http://127.0.0.1:{port}/", process, log))
            wait_until_up(f"{self.action_url}/health", action_server, action_log, 120)
            for url, process, log in started:
                wait_until_up(url, process, log, 400)
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self, command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, env=env, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT
            )
        self._processes.append(process)
        return process

    def rasa_process(self, index: int) -> subprocess.Popen[bytes]:
        return self._processes[1 + index]

    def kill_server(self, index: int) -> None:
        """Kills a Rasa server hard (SIGKILL), as a crash would."""
        process = self.rasa_process(index)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def stop(self) -> None:
        for process in self._processes:
            if process.poll() is None:
                process.terminate()
        for process in self._processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.drop_database_after:
            drop_database(self.database)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--database", default="assistansguiden")
    args = parser.parse_args()
    stack = ProdStack(
        REPO_ROOT / ".data" / "prod-local", servers=args.servers, database=args.database
    )
    with stack:
        print(f"Action server: {stack.action_url}")
        for url in stack.rasa_urls:
            print(f"Rasa server:   {url}  (REST: {url}/webhooks/rest/webhook)")
        print(f"API token:     {stack.token}")
        print(f"Logs:          {stack.workdir}")
        print("Ctrl-C stops everything.")
        try:
            while all(p.poll() is None for p in stack._processes):
                time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
