"""Load benchmark: bounded load on loopback against the production configuration.

20 concurrent conversations for 60 s, first against one Rasa server, then against two
servers sharing the PostgreSQL tracker store and the Redis lock store (each turn of a
conversation goes to the other server). Prints throughput, errors and latency
percentiles, the CPU used by the load generator itself, by each server and by the whole
machine during each run, and the ratio of two servers to one from the same run. Not a
test: `make bench` runs it; figures depend on the machine (2 cores here, shared by the
load generator, the servers and the databases: see the README on what the ratio means).

    python bench/load_bench.py --users 20 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.servers import cpu_seconds  # noqa: E402
from deploy.prod_local import ProdStack  # noqa: E402

# One conversation: static answers, a figure from the rules, and a form that decides
# against the registry in PostgreSQL.
CONVERSATION = [
    "hej",
    "vad är timbeloppet 2025",
    "kan du kolla om min anordnare har tillstånd från IVO?",
    "559901-0013",
    '/inform{"personkrets":"1"}',
    '/inform{"age_group":"adults"}',
    "hur ansöker jag?",
    "tack",
]


@dataclass
class Results:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    conversations: int = 0
    client_cpu_s: float = 0.0  # the load generator's own CPU time (this process)
    machine_busy: float = 0.0  # share of all cores busy during the run (/proc/stat)
    server_cpu_s: dict[str, float] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.latencies_ms)


def machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return sum(values) - idle, sum(values)


async def user(
    session: aiohttp.ClientSession, urls: list[str], deadline: float, results: Results
) -> None:
    while time.monotonic() < deadline:
        sender = f"load-{uuid.uuid4().hex}"
        servers = itertools.cycle(urls)
        for message in CONVERSATION:
            if time.monotonic() >= deadline:
                return
            url = f"{next(servers)}/webhooks/rest/webhook"
            started = time.perf_counter()
            try:
                async with session.post(
                    url,
                    json={"sender": sender, "message": message},
                    timeout=aiohttp.ClientTimeout(total=60),
                ) as response:
                    replies = await response.json()
                    ok = response.status == 200 and bool(replies)
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                ok = False
            results.latencies_ms.append((time.perf_counter() - started) * 1000)
            if not ok:
                results.errors += 1
        results.conversations += 1


async def run_load(
    urls: list[str], users: int, seconds: float, pids: dict[str, int] | None = None
) -> tuple[Results, float]:
    results = Results()
    pids = pids or {}
    connector = aiohttp.TCPConnector(limit=users * 2)
    servers_before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    client_before, (busy_before, total_before) = time.process_time(), machine_ticks()
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(*(user(session, urls, deadline, results) for _ in range(users)))
        elapsed = time.monotonic() - started
    busy_after, total_after = machine_ticks()
    results.client_cpu_s = time.process_time() - client_before
    results.machine_busy = (busy_after - busy_before) / max(1, total_after - total_before)
    results.server_cpu_s = {n: cpu_seconds(p) - servers_before[n] for n, p in pids.items()}
    return results, elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(label: str, results: Results, elapsed: float) -> None:
    count = len(results.latencies_ms)
    if not count:
        print(f"{label}: no requests completed")
        return
    lat = results.latencies_ms
    print(
        f"{label:<28} {count / elapsed:6.1f} msg/s  {count:5d} msgs  "
        f"{results.conversations:4d} conv  errors {results.errors:3d} "
        f"({results.errors / count:.1%})  p50 {percentile(lat, 0.50):6.0f} ms  "
        f"p95 {percentile(lat, 0.95):6.0f} ms  p99 {percentile(lat, 0.99):6.0f} ms  "
        f"mean {statistics.fmean(lat):6.0f} ms"
    )
    servers = ", ".join(f"{n} {cpu / elapsed:.2f}" for n, cpu in results.server_cpu_s.items())
    print(
        f"{'':<28} CPU in cores: load generator {results.client_cpu_s / elapsed:.2f}, "
        f"{servers}; whole machine {results.machine_busy:.0%} busy "
        f"({results.machine_busy * (os.cpu_count() or 1):.2f} of {os.cpu_count()} cores)"
    )


def compare(one: tuple[Results, float], two: tuple[Results, float]) -> None:
    """Two servers against one, from the same run."""
    (first, first_s), (second, second_s) = one, two
    if not first.count or not second.count:
        return
    throughput = (second.count / second_s) / (first.count / first_s)
    p95 = percentile(second.latencies_ms, 0.95) / percentile(first.latencies_ms, 0.95)
    print(
        f"{'two servers / one server':<28} throughput x{throughput:.2f}, p95 x{p95:.2f} "
        f"(same run; on {os.cpu_count()} cores the servers share the CPUs with the load "
        "generator and the databases, see README)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    print(
        f"Load: {args.users} concurrent conversations, {args.seconds:.0f} s each run, "
        f"{os.cpu_count()} CPU cores shared by load generator, servers and databases."
    )
    database = f"assistans_load_{uuid.uuid4().hex[:8]}"
    with (
        tempfile.TemporaryDirectory() as workdir,
        ProdStack(
            Path(workdir), servers=2, database=database, redis_db=4, drop_database_after=True
        ) as stack,
    ):
        asyncio.run(run_load(stack.rasa_urls, 2, 5))  # warm-up: models, connections
        pids = {"actions": stack._processes[0].pid} | {
            f"rasa-{index}": stack.rasa_process(index).pid for index in range(2)
        }
        runs = []
        for label, urls in (
            ("one server", stack.rasa_urls[:1]),
            ("two servers, shared stores", stack.rasa_urls),
        ):
            results, elapsed = asyncio.run(run_load(urls, args.users, args.seconds, pids))
            report(label, results, elapsed)
            runs.append((results, elapsed))
        compare(runs[0], runs[1])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
