"""Delete conversations whose last event is older than N days.

    # DB_* variables (production):
    python -m assistansguiden.privacy.purge --older-than-days 90
    python -m assistansguiden.privacy.purge --older-than-days 90 --db-url postgresql://127.0.0.1/test

A conversation is deleted whole, never cut in the middle: one still in use keeps its
older events. Works on the tables of Rasa's SQL tracker store (PostgreSQL or SQLite).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy import create_engine, delete, func, inspect, select
from sqlalchemy.sql.schema import MetaData, Table

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class PurgeResult:
    conversations: int
    events: int


def tracker_db_url_from_environment() -> str | None:
    host = os.environ.get("DB_HOST")
    if not host:
        return None
    user = quote(os.environ.get("DB_USER", ""), safe="")
    password = quote(os.environ.get("DB_PASSWORD", ""), safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = os.environ.get("DB_PORT", "5432")
    return f"postgresql://{credentials}{host}:{port}/{os.environ.get('DB_NAME', 'rasa')}"


def purge_conversations(
    db_url: str, older_than_days: float, now: float | None = None
) -> PurgeResult:
    if older_than_days < 0:
        raise ValueError("older_than_days must be 0 or more")
    cutoff = (time.time() if now is None else now) - older_than_days * SECONDS_PER_DAY
    engine = create_engine(db_url, future=True)
    try:
        if not inspect(engine).has_table("events"):
            return PurgeResult(0, 0)
        events = Table("events", MetaData(), autoload_with=engine)
        stale = (
            select(events.c.sender_id)
            .group_by(events.c.sender_id)
            .having(func.max(events.c.timestamp) < cutoff)
        )
        with engine.begin() as connection:
            senders = connection.execute(stale).scalars().all()
            if not senders:
                return PurgeResult(0, 0)
            deleted = connection.execute(delete(events).where(events.c.sender_id.in_(stale)))
            return PurgeResult(len(senders), int(deleted.rowcount or 0))
    finally:
        engine.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistansguiden.privacy.purge",
        description="Radera samtal vars senaste händelse är äldre än N dagar.",
    )
    parser.add_argument("--older-than-days", type=float, required=True, metavar="N")
    parser.add_argument("--db-url", help="tracker-databasen (standard: DB_*-variablerna)")
    args = parser.parse_args(argv)
    db_url = args.db_url or tracker_db_url_from_environment()
    if not db_url:
        print(
            "Ange --db-url eller sätt DB_HOST, DB_NAME, DB_USER och DB_PASSWORD.", file=sys.stderr
        )
        return 2
    if args.older_than_days < 0:
        print("--older-than-days måste vara 0 eller mer.", file=sys.stderr)
        return 2
    result = purge_conversations(db_url, args.older_than_days)
    print(
        f"Raderade {result.conversations} samtal ({result.events} händelser) "
        f"äldre än {args.older_than_days:g} dagar."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
