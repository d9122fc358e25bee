"""Does a message ask for the standard text again, rather than lättläst?

The NLU marks it with the entity text_style "standard" ("skriv som vanligt igen"); this
catches the plainest ways of saying it when the entity was missed. Only clear phrases count:
"jag förstår inte vanlig svenska" asks for lättläst, not for the standard text.
"""

from __future__ import annotations

import re

from assistansguiden.text.other_services import fold

STANDARD = "standard"

_EASY = r"(lattlast|latt last|latlast|lattlasta|enkel svenska|enklare svenska)"
_OFF = re.compile(
    rf"\b(stang av|sla av|ta bort|sluta med|avsluta|behover inte|vill inte ha)\s+{_EASY}"
    rf"|\b{_EASY}\s+av\b"
    r"|\b(som vanligt|som forut|vanlig text|vanliga texter|vanliga svar|normal text|standardtext)\b"
    r"|\bskriv(a)? (normalt|vanligt)\b",
)


def asks_for_standard_text(text: str) -> bool:
    """'Stäng av lättläst', 'skriv som vanligt igen', 'lättläst av' -> True."""
    return _OFF.search(fold(text)) is not None
