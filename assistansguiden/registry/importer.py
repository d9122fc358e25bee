"""Importing a provider CSV into the registry, all or nothing."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Engine
from tqdm import tqdm

from assistansguiden.registry.csvfile import ImportFailed, read_provider_rows
from assistansguiden.registry.db import create_schema
from assistansguiden.registry.models import Provider

__all__ = ["ImportFailed", "ImportReport", "import_providers"]

_TABLE = Provider.__table__
_CHUNK = 500
_PROGRESS_FROM = 1000  # rows; smaller files are done before a bar would be read


@dataclass(frozen=True)
class ImportReport:
    inserted: int  # new organisation numbers
    updated: int  # already in the registry, now overwritten
    total: int  # rows in the file
    removed: int = 0  # in the registry but not in the file (only with replace)


def import_providers(
    engine: Engine, path: str | Path, *, replace: bool = False, progress: bool = False
) -> ImportReport:
    """Check every row of the file, then write them all in one transaction.

    With `replace`, the providers not in the file are deleted in that same
    transaction, so a failure at any point leaves the registry as it was.
    """
    rows = read_provider_rows(path)
    create_schema(engine)
    bar = tqdm(
        total=len(rows),
        desc="Importerar",
        unit=" anordnare",
        file=sys.stderr,
        disable=not (progress and len(rows) > _PROGRESS_FROM),
    )
    with bar, engine.begin() as conn:
        before = set(conn.execute(select(_TABLE.c.org_nr)).scalars())
        in_file = {row["org_nr"] for row in rows}
        if replace:
            conn.execute(delete(_TABLE))
        to_update = set() if replace else in_file & before
        new = [row for row in rows if row["org_nr"] not in to_update]
        old = [{**row, "key_org_nr": row["org_nr"]} for row in rows if row["org_nr"] in to_update]
        for chunk in _chunks(new):
            conn.execute(insert(_TABLE), chunk)
            bar.update(len(chunk))
        stmt = update(_TABLE).where(_TABLE.c.org_nr == bindparam("key_org_nr"))
        for chunk in _chunks(old):
            conn.execute(stmt, chunk)
            bar.update(len(chunk))
    return ImportReport(
        inserted=len(in_file - before),
        updated=len(in_file & before),
        total=len(rows),
        removed=len(before - in_file) if replace else 0,
    )


def _chunks(rows: Sequence[dict[str, Any]]) -> Iterator[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), _CHUNK):
        yield rows[start : start + _CHUNK]
