"""The changes a person reports to Försäkringskassan: one table for buttons and parsing.

The keys are what the `change_kind` slot holds and what the buttons send
(`/inform{"change_kind":"flytt"}`); the labels follow the seed's lists for adults and for
children. Free text is matched on keywords; anything else becomes "annat", so the
person's own words (which may be personal) are never kept.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

CHILDREN = "children"
ADULTS = "adults"
OTHER = "annat"


@dataclass(frozen=True)
class ChangeKind:
    key: str
    adults: str | None  # the label for adults, None when the kind is only for children
    children: str | None  # the label for children, None when only for adults
    keywords: str  # a regex over accent-free lower-case text

    def label(self, age_group: str | None) -> str:
        first, second = (self.children, self.adults)
        if age_group != CHILDREN:
            first, second = second, first
        return first or second or self.key


# Order matters: the first kind whose keywords match wins, so "flytta ihop" is samboskap
# before it is flytt, and "förskola" is matched before plain "skola".
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    ChangeKind(
        "samboskap",
        "Flyttar ihop med eller isär från en partner",
        None,
        r"sambo|ihop|isar|separer|skilj|gifte?r|partner|sarbo",
    ),
    ChangeKind("flytt", "Flyttar", "Barnet flyttar till en annan bostad", r"flytt|ny adress"),
    ChangeKind(
        "forskola_skola",
        None,
        "Börjar, slutar eller byter förskola eller skola",
        r"forskola|dagis",
    ),
    ChangeKind(
        "skola",
        "Börjar, slutar eller byter skola eller daglig verksamhet",
        None,
        r"skola|plugg|studer|utbildning|daglig verksamhet|gymnasi",
    ),
    ChangeKind("arbete", "Börjar, slutar eller byter jobb", None, r"jobb|arbet|anstall"),
    ChangeKind(
        "egenvard",
        "Egenvård börjar göras som sjukvård",
        "Egenvård börjar göras som sjukvård",
        r"egenvard|sjukvard",
    ),
    ChangeKind("sjukhus", "Vård på sjukhus", "Vård på sjukhus", r"sjukhus|inlagd|lasarett"),
    ChangeKind(
        "utlandsvistelse",
        "Längre tid utomlands",
        "Längre tid utomlands",
        r"utomlands|utland|utrikes|reser|resa\b",
    ),
    ChangeKind(
        "stod",
        "Nytt eller ändrat stöd från kommunen eller regionen",
        "Nytt eller ändrat stöd från kommunen eller regionen",
        r"stod|kommun|region|hemtjanst|korttids|boende",
    ),
    ChangeKind(
        "behov",
        "Annat hjälpbehov",
        "Annat hjälpbehov",
        r"behov|mer hjalp|mindre hjalp|samre|battre|forsamrat|forbattrat",
    ),
    ChangeKind(OTHER, "Något annat", "Något annat", r"(?!)"),
)
BY_KEY = {kind.key: kind for kind in CHANGE_KINDS}


def _plain(text: str) -> str:
    # People type on phones without å, ä, ö; compare both forms the same way.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def kinds_for(age_group: str | None) -> list[ChangeKind]:
    """The kinds offered for an age group (both lists when the group is not known)."""
    if age_group == CHILDREN:
        return [k for k in CHANGE_KINDS if k.children]
    if age_group == ADULTS:
        return [k for k in CHANGE_KINDS if k.adults]
    return list(CHANGE_KINDS)


def change_kind_buttons(age_group: str | None) -> list[dict[str, str]]:
    """Buttons that send the kind as an entity, for the domain or an action."""
    return [
        {
            "title": kind.label(age_group),
            "payload": "/inform" + json.dumps({"change_kind": kind.key}, separators=(",", ":")),
        }
        for kind in kinds_for(age_group)
    ]


def match_change_kind(text: str, age_group: str | None = None) -> str | None:
    """The key a text names (a key itself, or by keywords), or None when nothing matches."""
    plain = _plain(text).strip()
    if plain in BY_KEY:
        return plain
    for kind in CHANGE_KINDS:
        if re.search(kind.keywords, plain):
            # "Skola" means förskola/skola for a child; the table keeps one key per list.
            if kind.key == "skola" and age_group == CHILDREN:
                return "forskola_skola"
            if kind.key == "forskola_skola" and age_group == ADULTS:
                return "skola"
            return kind.key
    return None


def change_kind_label(key: str | None, age_group: str | None = None) -> str:
    kind = BY_KEY.get(key or "", BY_KEY[OTHER])
    return kind.label(age_group)
