"""Registry benchmark: 10,000 generated providers on SQLite (and PostgreSQL if reachable).

Prints import time, rule decisions per second, and look-up latency (p50/p99) through
`decide()`, the same path the chat and the CLI use. Not a test; figures only.

    .venv/bin/python -m bench.registry_bench [--rows 10000] [--lookups 1000]

PostgreSQL: $ASSISTANS_TEST_PG_URL (default postgresql+psycopg2://postgres@127.0.0.1:5432/test),
in a temporary schema that is dropped afterwards.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.future import create_engine

from assistansguiden.law import ProviderRecord, provider_decision, with_check_digit
from assistansguiden.registry import (
    ProviderRepository,
    decide,
    import_providers,
    make_engine,
    session_factory,
)
from assistansguiden.registry.csvfile import COLUMNS

PG_DEFAULT_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/test"
ON = date(2026, 11, 23)
SYLLABLES = ["sol", "tall", "björk", "vik", "strand", "berg", "ängs", "lind", "ek", "gran",
             "sjö", "holm", "dal", "mo", "ås", "näs", "lund", "by", "hem", "ro"]  # fmt: skip
WORDS = ["Assistans", "Omsorg", "Omsorgshjälpen", "Vård", "Personlig Assistans", "Stöd"]
PLACES = ["i Norr", "i Söder", "Väst", "Öst", "Mitt", "Skåne", "Norrland", ""]


def generate_rows(n: int, rng: random.Random) -> list[dict[str, str]]:
    rows = []
    for i in range(n):
        digits = with_check_digit(f"559{i:06d}")
        made_up = "".join(rng.sample(SYLLABLES, 3)).capitalize()
        name = f"{made_up} {rng.choice(WORDS)} {rng.choice(PLACES)} AB".replace("  ", " ")
        permit = rng.random() > 0.05
        revoked = permit and rng.random() < 0.05
        rows.append({
            "org_nr": f"{digits[:6]}-{digits[6:]}",
            "name": name,
            "kind": "private",
            "permit_from": f"20{rng.randint(10, 26)}-0{rng.randint(1, 9)}-15" if permit else "",
            "permit_revoked": "2026-10-01" if revoked else "",
            "personkrets": rng.choice(["1;2;3", "1;2", "1"]) if permit else "",
            "age_groups": rng.choice(["children;adults", "adults", "children"]) if permit else "",
            "f_skatt": rng.choice(["true"] * 9 + ["false"]),
            "employer_registered": rng.choice(["true"] * 9 + ["false"]),
        })  # fmt: skip
    return rows


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def name_queries(rows: list[dict[str, str]], n: int, rng: random.Random) -> list[str]:
    """What people type: the made-up word without å/ä/ö, sometimes with a second word."""
    queries = []
    for row in rng.sample(rows, n):
        words = row["name"].split()
        plain = words[0].lower().translate(str.maketrans("åäö", "aao"))
        queries.append(plain if rng.random() < 0.5 else f"{plain} {words[1].lower()}")
    return queries


def percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[98] * 1000  # milliseconds


def timed(queries: list[str], look_up: Callable[[str], object]) -> tuple[float, float]:
    samples = []
    for query in queries:
        start = time.perf_counter()
        look_up(query)
        samples.append(time.perf_counter() - start)
    return percentiles(samples)


def rules_per_second(rows: list[dict[str, str]], seconds: float = 1.0) -> float:
    records = [
        ProviderRecord(
            org_nr=r["org_nr"], name=r["name"], kind=r["kind"],
            permit_from=date.fromisoformat(r["permit_from"]) if r["permit_from"] else None,
            permit_revoked=date.fromisoformat(r["permit_revoked"]) if r["permit_revoked"] else None,
            personkrets=frozenset(int(p) for p in r["personkrets"].split(";") if p),
            age_groups=frozenset(a for a in r["age_groups"].split(";") if a),
            f_skatt=r["f_skatt"] == "true", employer_registered=r["employer_registered"] == "true",
        )
        for r in rows[:1000]
    ]  # fmt: skip
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for record in records:
            provider_decision(record, ON, personkrets=1, age_group="adults")
        count += len(records)
    return count / (time.perf_counter() - start)


@contextmanager
def pg_engine() -> Iterator[Engine | None]:
    url = os.environ.get("ASSISTANS_TEST_PG_URL", PG_DEFAULT_URL)
    schema = f"bench_registry_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, future=True, connect_args={"connect_timeout": 3})
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except SQLAlchemyError as error:
        print(f"PostgreSQL: hoppas över ({str(error).splitlines()[0]})")
        admin.dispose()
        yield None
        return
    scoped = make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    engine = make_engine(scoped.render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def bench(label: str, engine: Engine, path: Path, rows: list[dict[str, str]], lookups: int) -> None:
    rng = random.Random(7)
    start = time.perf_counter()
    report = import_providers(engine, path)
    import_seconds = time.perf_counter() - start
    numbers = [row["org_nr"].replace("-", "") for row in rng.sample(rows, lookups)]
    names = name_queries(rows, lookups, rng)
    with session_factory(engine)() as session:
        repo = ProviderRepository(session)
        codes: dict[str, int] = {}

        def by_name(query: str) -> None:
            code = decide(repo, query, ON).codes[0]
            codes[code] = codes.get(code, 0) + 1

        number_p50, number_p99 = timed(numbers, lambda q: decide(repo, q, ON))
        name_p50, name_p99 = timed(names, by_name)
    print(f"{label}: import of {report.total} rows {import_seconds:.2f} s "
          f"({report.total / import_seconds:,.0f} rows/s)")  # fmt: skip
    print(
        f"{label}: by number p50 {number_p50:.2f} ms, p99 {number_p99:.2f} ms ({lookups} look-ups)"
    )
    print(f"{label}: by name   p50 {name_p50:.2f} ms, p99 {name_p99:.2f} ms ({lookups} look-ups; "
          f"outcomes {dict(sorted(codes.items()))})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark of the provider registry.")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--lookups", type=int, default=1_000)
    args = parser.parse_args()
    rng = random.Random(42)
    rows = generate_rows(args.rows, rng)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_csv(Path(tmp) / "providers.csv", rows)
        print(f"rules only: {rules_per_second(rows):,.0f} provider decisions/s")
        sqlite = make_engine(f"sqlite:///{Path(tmp) / 'registry.sqlite'}")
        bench("SQLite", sqlite, path, rows, args.lookups)
        sqlite.dispose()
        with pg_engine() as pg:
            if pg is not None:
                bench("PostgreSQL", pg, path, rows, args.lookups)


if __name__ == "__main__":
    main()
