"""Reading and checking a provider CSV (DESIGN.md, "The provider registry CSV").

Every row is checked before anything is written, so the first problem found
is reported with its line number and the registry is left as it was.
"""

from __future__ import annotations

import csv
import errno
import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from assistansguiden.law import parse_org_nr
from assistansguiden.registry.names import name_key

COLUMNS = (
    "org_nr",
    "name",
    "kind",
    "permit_from",
    "permit_revoked",
    "personkrets",
    "age_groups",
    "f_skatt",
    "employer_registered",
)
KINDS = ("private", "municipal")
GROUPS = ("1", "2", "3")
AGE_GROUPS = ("children", "adults")
NAME_MAX = 200
# Exactly ten digits, hyphen optional: the file is written by staff tools, not
# typed by people, so the "16" prefix and spaces the chat accepts are refused.
_ORG_SHAPE = re.compile(r"^\d{6}-?\d{4}$")
_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OS_ERRORS = {
    errno.ENOENT: "filen finns inte",
    errno.EACCES: "behörighet saknas",
    errno.EISDIR: "det är en mapp, inte en fil",
}


class ImportFailed(Exception):  # noqa: N818 (name fixed by the internal API)
    """A file that cannot be imported; line 0 means the file as a whole."""

    def __init__(self, line_number: int, reason: str) -> None:
        super().__init__(line_number, reason)
        self.line_number = line_number
        self.reason = reason

    def __str__(self) -> str:
        if self.line_number <= 0:
            return self.reason
        return f"Rad {self.line_number}: {self.reason}"


def read_provider_rows(path: str | Path) -> list[dict[str, Any]]:
    """All rows of the file as column values ready for the providers table."""
    text = _read_text(Path(path))
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        raise ImportFailed(1, "Filen är tom: rubrikraden saknas.")
    positions = _check_header([h.strip() for h in header])

    rows: list[dict[str, Any]] = []
    first_line: dict[str, int] = {}
    for fields in reader:
        line = reader.line_num
        if not any(f.strip() for f in fields):
            continue  # blank lines, e.g. at the end of the file
        if len(fields) != len(header):
            raise ImportFailed(
                line, f"Raden har {len(fields)} fält men rubrikraden har {len(header)}."
            )
        row = _check_row({col: fields[i].strip() for col, i in positions.items()}, line)
        if row["org_nr"] in first_line:
            earlier = first_line[row["org_nr"]]
            raise ImportFailed(
                line, f"Organisationsnumret {row['org_nr']} finns redan på rad {earlier}."
            )
        first_line[row["org_nr"]] = line
        rows.append(row)
    if not rows:
        raise ImportFailed(2, "Filen innehåller inga anordnare, bara rubrikraden.")
    return rows


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        why = _OS_ERRORS.get(error.errno or 0, error.strerror or str(error))
        raise ImportFailed(0, f"Filen {path} kunde inte läsas: {why}.") from error
    try:
        return data.decode("utf-8-sig")  # with or without byte order mark
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFailed(line, "Filen är inte sparad som UTF-8.") from error


def _check_header(header: list[str]) -> dict[str, int]:
    for col in header:
        if header.count(col) > 1:
            raise ImportFailed(1, f"Kolumnen {col!r} finns mer än en gång i rubrikraden.")
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise ImportFailed(1, f"Okänd kolumn i rubrikraden: {', '.join(unknown)}.")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFailed(1, f"Kolumn saknas i rubrikraden: {', '.join(missing)}.")
    return {col: header.index(col) for col in COLUMNS}


def _check_row(raw: dict[str, str], line: int) -> dict[str, Any]:
    def fail(reason: str) -> ImportFailed:
        return ImportFailed(line, reason)

    if not _ORG_SHAPE.match(raw["org_nr"]):
        raise fail(
            f"Organisationsnumret {raw['org_nr']!r} ska ha tio siffror (bindestreck valfritt)."
        )
    org_nr = parse_org_nr(raw["org_nr"])
    if not org_nr.valid:
        raise fail(f"Organisationsnumret {raw['org_nr']} har fel kontrollsiffra.")

    name = raw["name"]
    if not name:
        raise fail("Namnet saknas.")
    if len(name) > NAME_MAX:
        raise fail(f"Namnet är längre än {NAME_MAX} tecken.")
    if raw["kind"] not in KINDS:
        raise fail(f"kind ska vara private eller municipal, inte {raw['kind']!r}.")

    permit_from = _date(raw, "permit_from", fail)
    permit_revoked = _date(raw, "permit_revoked", fail)
    if permit_revoked is not None and permit_from is None:
        raise fail("permit_revoked är ifyllt men permit_from saknas.")
    if permit_from and permit_revoked and permit_revoked < permit_from:
        raise fail(f"permit_revoked ({permit_revoked}) är före permit_from ({permit_from}).")

    return {
        "org_nr": org_nr.normalized,
        "name": name,
        "name_key": name_key(name),
        "kind": raw["kind"],
        "permit_from": permit_from,
        "permit_revoked": permit_revoked,
        "personkrets": _subset(raw, "personkrets", GROUPS, "1, 2 och 3", fail),
        "age_groups": _subset(raw, "age_groups", AGE_GROUPS, "children och adults", fail),
        "f_skatt": _bool(raw, "f_skatt", fail),
        "employer_registered": _bool(raw, "employer_registered", fail),
    }


def _date(raw: dict[str, str], col: str, fail: Any) -> date | None:
    value = raw[col]
    if not value:
        return None
    try:
        if not _DATE_SHAPE.match(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{col} ska vara ett datum som ÅÅÅÅ-MM-DD, inte {value!r}.") from None


def _subset(raw: dict[str, str], col: str, allowed: tuple[str, ...], words: str, fail: Any) -> str:
    value = raw[col]
    if not value:
        return ""
    parts = [p.strip() for p in value.split(";")]
    if any(p not in allowed for p in parts):
        raise fail(f"{col} får bara innehålla {words}, åtskilda med semikolon, inte {value!r}.")
    return ";".join(sorted(set(parts)))


def _bool(raw: dict[str, str], col: str, fail: Any) -> bool:
    value = raw[col]
    if value not in ("true", "false"):
        raise fail(f"{col} ska vara true eller false, inte {value!r}.")
    return value == "true"
