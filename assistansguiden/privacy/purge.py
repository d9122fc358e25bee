"""Delete conversations whose last event is older than N days.

    python -m assistansguiden.privacy.purge --older-than-days 90
    python -m assistansguiden.privacy.purge --older-than-days 90 --db-url postgresql://127.0.0.1/test

Without --db-url: $ASSISTANS_TRACKER_DB_URL, else the production store from the DB_*
variables, else the SQLite file `make run` writes (assistansguiden.settings.tracker_db_url).
A conversation is deleted whole, never cut in the middle: one still in use keeps its
older events. Works on the tables of Rasa's SQL tracker store (PostgreSQL or SQLite).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from assistansguiden.settings import tracker_db_url
from assistansguiden.trackers import events_table, missing_sqlite_file, tracker_engine

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class PurgeResult:
    conversations: int
    events: int


def purge_conversations(
    db_url: str, older_than_days: float, now: float | None = None
) -> PurgeResult:
    if older_than_days < 0:
        raise ValueError("older_than_days must be 0 or more")
    cutoff = (time.time() if now is None else now) - older_than_days * SECONDS_PER_DAY
    if missing_sqlite_file(db_url):
        return PurgeResult(0, 0)  # nothing stored yet; an empty file is not made
    with tracker_engine(db_url) as engine:
        events = events_table(engine)
        if events is None:
            return PurgeResult(0, 0)
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistansguiden.privacy.purge",
        description="Radera samtal vars senaste händelse är äldre än N dagar.",
    )
    parser.add_argument("--older-than-days", type=float, required=True, metavar="N")
    parser.add_argument(
        "--db-url",
        help="samtalsdatabasen (standard: ASSISTANS_TRACKER_DB_URL, DB_*-variablerna "
        "eller .data/conversations.sqlite)",
    )
    args = parser.parse_args(argv)
    db_url = args.db_url or tracker_db_url()
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
