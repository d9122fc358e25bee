"""Starting the assistant and the bare `rasa init` bot on loopback, for the benchmarks.

The assistant runs as `make run` and the e2e tests run it: the action server, and Rasa with
the project's model, bot/endpoints.yml (its action endpoint moved to a free port) and
bot/credentials.yml. The bare bot is what `rasa init --no-prompt` creates and trains, kept
in .data/bare-bot/ and reused; it gets its own `rasa run`, and an action server only when
its endpoints.yml names one (the generated one does not).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from deploy.prod_local import free_port  # noqa: E402

RASA = str(Path(sys.executable).with_name("rasa"))
MODEL = REPO / "models" / "assistansguiden.tar.gz"
BARE_DIR = REPO / ".data" / "bare-bot"
SAMPLE_CSV = REPO / "data" / "providers" / "sample_providers.csv"
TOKEN = "bench-api-token"
TODAY = "2026-11-23"  # the date the e2e scenarios are written for


def quiet_env(**extra: str) -> dict[str, str]:
    return dict(
        os.environ,
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        TF_CPP_MIN_LOG_LEVEL="2",
        PYTHONWARNINGS="ignore",
        **extra,
    )


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (psutil when installed, else /proc)."""
    try:
        import psutil

        return int(psutil.Process(pid).memory_info().rss)
    except ImportError:
        pass
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (/proc, Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    """One process of a bot, started in the background and logged to a file."""

    name: str
    command: list[str]
    cwd: Path
    env: dict[str, str]
    log: Path
    ready_url: str
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                self.command, cwd=self.cwd, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def wait_ready(self, timeout_s: float = 600) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                tail = self.log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{self.name} exited early:\n{tail}")
            try:
                with urllib.request.urlopen(self.ready_url, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.25)
        raise RuntimeError(f"{self.name}: {self.ready_url} not up after {timeout_s:.0f} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)


@dataclass
class Bot:
    """A bot's processes; `url` is its Rasa server."""

    label: str
    rasa: Server
    actions: Server | None = None
    startup_s: float = 0.0
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.rasa.ready_url.split("/status")[0]

    @property
    def servers(self) -> list[Server]:
        return [s for s in (self.actions, self.rasa) if s is not None]

    def start(self) -> None:
        """Starts every process at once and waits until Rasa's /status answers."""
        started = time.perf_counter()
        for server in self.servers:
            server.start()
        for server in self.servers:
            server.wait_ready()
        self.startup_s = time.perf_counter() - started

    def stop(self) -> None:
        for server in self.servers:
            server.stop()

    def rss_mb(self) -> dict[str, float]:
        return {s.name: rss_bytes(s.pid) / 1e6 for s in self.servers}

    def cpu_s(self) -> dict[str, float]:
        return {s.name: cpu_seconds(s.pid) for s in self.servers}


def rasa_command(model: Path, port: int, endpoints: Path, credentials: Path) -> list[str]:
    return [
        RASA,
        "run",
        "--model",
        str(model),
        "--port",
        str(port),
        "--enable-api",
        "--auth-token",
        TOKEN,
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(credentials),
    ]


def assistant(workdir: Path, model: Path = MODEL, endpoints_yml: Path | None = None) -> Bot:
    """The assistant as `make run` starts it (a registry of its own with the sample), with
    bot/endpoints.yml or another endpoints file (its action endpoint moved)."""
    workdir.mkdir(parents=True, exist_ok=True)
    actions_port, rasa_port = free_port(), free_port()
    env = quiet_env(
        ASSISTANS_DB_URL=f"sqlite:///{workdir / 'registry.sqlite'}", ASSISTANS_TODAY=TODAY
    )
    subprocess.run(
        [sys.executable, "-m", "assistansguiden.cli", "import-providers", str(SAMPLE_CSV)]
        + ["--replace"],
        cwd=REPO,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    endpoints_yml = endpoints_yml or REPO / "bot" / "endpoints.yml"
    endpoints = yaml.safe_load(endpoints_yml.read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{actions_port}/webhook"
    store = endpoints.get("tracker_store") or {}
    if store.get("dialect") == "sqlite":  # a file of its own, not make run's conversations
        store["db"] = str(workdir / "conversations.sqlite")
    endpoints_file = workdir / "endpoints.yml"
    endpoints_file.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    actions = Server(
        "actions",
        [RASA, "run", "actions", "--actions", "actions", "--port", str(actions_port)],
        REPO,
        env,
        workdir / "actions.log",
        f"http://127.0.0.1:{actions_port}/health",
    )
    rasa = Server(
        "rasa",
        rasa_command(model, rasa_port, endpoints_file, REPO / "bot" / "credentials.yml"),
        REPO,
        env,
        workdir / "rasa.log",
        f"http://127.0.0.1:{rasa_port}/status?token={TOKEN}",
    )
    return Bot("assistant", rasa, actions)


def bare_model(bare_dir: Path = BARE_DIR) -> Path | None:
    models = sorted((bare_dir / "models").glob("*.tar.gz"))
    return models[-1] if models else None


def ensure_bare_bot(bare_dir: Path = BARE_DIR) -> float | None:
    """Creates and trains the `rasa init` bot once; the seconds it took, None when cached."""
    if bare_model(bare_dir) is not None:
        return None
    bare_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with (bare_dir / "init.log").open("wb") as log:
        subprocess.run(
            [RASA, "init", "--no-prompt", "--init-dir", str(bare_dir)],
            cwd=bare_dir,
            env=quiet_env(),
            check=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    if bare_model(bare_dir) is None:
        raise RuntimeError(f"rasa init trained no model in {bare_dir / 'models'}")
    return time.perf_counter() - started


def bare_bot(workdir: Path, bare_dir: Path = BARE_DIR) -> Bot:
    workdir.mkdir(parents=True, exist_ok=True)
    model = bare_model(bare_dir)
    if model is None:
        raise RuntimeError("no bare bot; call ensure_bare_bot first")
    rasa_port = free_port()
    endpoints = yaml.safe_load((bare_dir / "endpoints.yml").read_text(encoding="utf-8")) or {}
    env = quiet_env()
    actions = None
    if endpoints.get("action_endpoint"):  # `rasa init` leaves it commented out
        actions_port = free_port()
        endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{actions_port}/webhook"
        actions = Server(
            "actions",
            [RASA, "run", "actions", "--actions", "actions", "--port", str(actions_port)],
            bare_dir,
            env,
            workdir / "bare-actions.log",
            f"http://127.0.0.1:{actions_port}/health",
        )
    endpoints_file = workdir / "bare-endpoints.yml"
    endpoints_file.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    rasa = Server(
        "rasa",
        rasa_command(model, rasa_port, endpoints_file, bare_dir / "credentials.yml"),
        bare_dir,
        env,
        workdir / "bare-rasa.log",
        f"http://127.0.0.1:{rasa_port}/status?token={TOKEN}",
    )
    return Bot("bare", rasa, actions)
