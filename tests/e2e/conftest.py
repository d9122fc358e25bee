"""One action server and one Rasa server for the whole e2e session.

A Rasa server needs about a minute and 1.3 GB to start, so it is started once here and
shared by every end-to-end test, never per test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from deploy.prod_local import free_port, wait_until_up
from tests.conftest import FIXED_TODAY, REPO_ROOT, skip_or_fail
from tests.e2e.platforms import TEST_SECRETS, PlatformStandIn
from tests.e2e.rest import RestClient

API_TOKEN = "e2e-api-token"  # Rasa's HTTP API runs only with a token, in tests too
MODEL = REPO_ROOT / "models" / "assistansguiden.tar.gz"
SAMPLE_CSV = REPO_ROOT / "data" / "providers" / "sample_providers.csv"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@dataclass
class ActionServer:
    """The session's action server, which a test may stop and start again."""

    command: list[str]
    env: dict[str, str]
    log: Path
    url: str
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                self.command, env=self.env, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT
            )
        wait_until_up(f"{self.url}/health", self.process, self.log, 120)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


@dataclass(frozen=True)
class Servers:
    rasa_url: str
    actions_url: str
    db_url: str
    actions: ActionServer
    token: str = API_TOKEN


@pytest.fixture(scope="session")
def platforms() -> Iterator[PlatformStandIn]:
    """The messaging platforms' APIs, stood in for on loopback (before Rasa starts)."""
    stand_in = PlatformStandIn()
    stand_in.start()
    yield stand_in
    stand_in.stop()


@pytest.fixture(scope="session")
def servers(
    tmp_path_factory: pytest.TempPathFactory, platforms: PlatformStandIn
) -> Iterator[Servers]:
    if not MODEL.exists():
        skip_or_fail(f"no trained model at {MODEL}; run `make train` first")
    workdir = tmp_path_factory.mktemp("e2e")
    db_url = f"sqlite:///{workdir / 'registry.sqlite'}"
    env = dict(
        os.environ,
        ASSISTANS_DB_URL=db_url,
        ASSISTANS_TODAY=FIXED_TODAY,
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        TF_CPP_MIN_LOG_LEVEL="2",
        **TEST_SECRETS,
        **platforms.environment(),
    )
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
        check=True,
        cwd=REPO_ROOT,
    )
    rasa = shutil.which("rasa", path=str(Path(sys.executable).parent)) or "rasa"
    actions_port, rasa_port = free_port(), free_port()
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
        "tracker_store:\n  type: bot.addons.tracker_store.MaskingInMemoryTrackerStore\n",
        encoding="utf-8",
    )
    actions_log, rasa_log = workdir / "actions.log", workdir / "rasa.log"
    action_server = ActionServer(
        [rasa, "run", "actions", "--actions", "actions", "--port", str(actions_port)],
        env,
        actions_log,
        f"http://127.0.0.1:{actions_port}",
    )
    with rasa_log.open("wb") as r_out:
        rasa_server = subprocess.Popen(
            [
                rasa,
                "run",
                "--model",
                str(MODEL),
                "--enable-api",
                "--auth-token",
                API_TOKEN,
                "--port",
                str(rasa_port),
                "--endpoints",
                str(endpoints),
                "--credentials",
                "bot/credentials.yml",
            ],
            env=env,
            cwd=REPO_ROOT,
            stdout=r_out,
            stderr=subprocess.STDOUT,
        )
        try:
            action_server.start()
            wait_until_up(
                f"http://127.0.0.1:{rasa_port}/status?token={API_TOKEN}", rasa_server, rasa_log, 300
            )
            yield Servers(f"http://127.0.0.1:{rasa_port}", action_server.url, db_url, action_server)
        finally:
            rasa_server.terminate()
            action_server.stop()
            try:
                rasa_server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                rasa_server.kill()


@pytest.fixture()
def chat(servers: Servers, request: pytest.FixtureRequest) -> RestClient:
    """A fresh conversation (its own sender id) per test."""
    return RestClient(
        servers.rasa_url, sender=f"e2e-{request.node.name}-{time.time_ns()}", token=servers.token
    )
