"""Load benchmark: bounded load on loopback against the production configuration.

20 concurrent conversations for 60 s, first against one Rasa server, then against two
servers sharing the PostgreSQL tracker store and the Redis lock store (each turn of a
conversation goes to the other server). Prints throughput, errors and latency
percentiles. Not a test: `make bench` runs it; figures depend on the machine (2 cores
here, shared by the load generator, the servers and the databases).

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


async def run_load(urls: list[str], users: int, seconds: float) -> tuple[Results, float]:
    results = Results()
    connector = aiohttp.TCPConnector(limit=users * 2)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(*(user(session, urls, deadline, results) for _ in range(users)))
        return results, time.monotonic() - started


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
        asyncio.run(run_load(stack.rasa_urls[:1], 2, 5))  # warm-up: models, connections
        for label, urls in (
            ("one server", stack.rasa_urls[:1]),
            ("two servers, shared stores", stack.rasa_urls),
        ):
            results, elapsed = asyncio.run(run_load(urls, args.users, args.seconds))
            report(label, results, elapsed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
