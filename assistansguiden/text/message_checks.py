"""Messages the assistant cannot read as a question: empty, no words, or far too long.

Pure Python, shared by the NLU guard (Rasa server) and the answer (action server).
"""

from __future__ import annotations

import unicodedata
from enum import Enum

from assistansguiden.law.refs import FK_PHONE

MAX_MESSAGE_CHARS = 2000  # a long, rambling question fits; a pasted document does not


class Unusual(str, Enum):
    EMPTY = "empty"
    NO_WORDS = "no_words"
    TOO_LONG = "too_long"


def unusual_message(text: str | None) -> Unusual | None:
    """Why a message cannot be read as a question, or None for an ordinary message."""
    if text is None or not text.strip():
        return Unusual.EMPTY
    if len(text) > MAX_MESSAGE_CHARS:
        return Unusual.TOO_LONG
    if not any(unicodedata.category(char)[0] in "LN" for char in text):
        return Unusual.NO_WORDS  # emoji, punctuation, control characters only
    return None


ANSWERS = {
    Unusual.EMPTY: (
        "Jag fick inget meddelande. Skriv din fråga med några ord, till exempel "
        '"Hur ansöker jag om assistansersättning?"'
    ),
    Unusual.NO_WORDS: (
        "Jag kan bara läsa frågor skrivna med ord. Skriv vad du undrar över, till exempel "
        '"Vad är timbeloppet i år?"'
    ),
    Unusual.TOO_LONG: (
        f"Ditt meddelande är för långt för mig (mer än {MAX_MESSAGE_CHARS} tecken). Skriv "
        "din fråga kort, i en eller två meningar. Vill du berätta mer om din situation kan "
        f"du ringa Försäkringskassan på {FK_PHONE}."
    ),
}
