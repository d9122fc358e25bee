"""Messages the assistant cannot read as a question: empty, no words, far too long, nonsense
(keyboard mash, one letter repeated, digits that are no date or number, lorem ipsum), or
clearly not Swedish.

Pure Python, shared by the NLU guard (Rasa server) and the answer (action server).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import Enum

from assistansguiden.law.dates import parse_swedish_date
from assistansguiden.law.refs import FK_PHONE
from assistansguiden.text.swedish import not_swedish

MAX_MESSAGE_CHARS = 2000  # a long, rambling question fits; a pasted document does not


class Unusual(str, Enum):
    EMPTY = "empty"
    NO_WORDS = "no_words"
    TOO_LONG = "too_long"
    NONSENSE = "nonsense"
    NOT_SWEDISH = "not_swedish"


_KEYBOARD_ROWS = ("qwertyuiopå", "asdfghjklöä", "zxcvbnm", "1234567890")
_VOWELS = frozenset("aeiouyåäöéü")
_LETTERS = re.compile(r"[^\W\d_]+")
_NUMBERISH = re.compile(r"[\d\s+\-./]+")
_REPEATED_UNIT = re.compile(r"(.{1,3}?)\1{2,}")


def _mash(word: str) -> bool:
    """'asdfgh', 'qwerty', 'sdfkjh', 'asdasd': typed to test, or by accident."""
    w = word.lower()
    if len(w) < 4:
        return False
    if not _VOWELS & set(w):
        return True
    if any(w in row or w[::-1] in row for row in _KEYBOARD_ROWS):
        return True
    return _REPEATED_UNIT.fullmatch(w) is not None


def _plausible_number(digits: str) -> bool:
    """A bare number that can answer or ask something: a group, an age, a year or a form's
    number ("3079"), a date, an organisation or personal number. Anything else made only of
    digits is not a question."""
    n = len(digits)
    if n <= 4 or n in (10, 12):
        return True
    if n in (6, 8):
        year = int(digits[: n - 4])
        year += (2000 if year <= 50 else 1900) if n == 6 else 0
        try:
            date(year, int(digits[-4:-2]), int(digits[-2:]))
        except ValueError:
            return False
        return True
    return False


def nonsense(text: str) -> bool:
    lowered = text.lower()
    if "lorem ipsum" in lowered:
        return True
    letters = [c for c in lowered if c.isalpha()]
    if _NUMBERISH.fullmatch(text.strip()):
        if parse_swedish_date(text, date.today()) is not None:
            return False  # "30/6 2007", "15/1": a date is an answer
        return not _plausible_number(re.sub(r"\D", "", text))
    if len(letters) == 1 and not any(c.isdigit() for c in text):
        return True  # "a", "x"
    if len(letters) >= 6 and len(set(letters)) <= 2:
        return True  # "aaaaaaaa", "hahahaha"
    words = _LETTERS.findall(text)
    return bool(words) and all(_mash(w) for w in words)


def unusual_message(text: str | None) -> Unusual | None:
    """Why a message cannot be read as a question, or None for an ordinary message."""
    if text is None or not text.strip():
        return Unusual.EMPTY
    if len(text) > MAX_MESSAGE_CHARS:
        return Unusual.TOO_LONG
    if not any(unicodedata.category(char)[0] in "LN" for char in text):
        return Unusual.NO_WORDS  # emoji, punctuation, control characters only
    if nonsense(text):
        return Unusual.NONSENSE
    if not_swedish(text):
        return Unusual.NOT_SWEDISH
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
    Unusual.NONSENSE: (
        "Jag förstod inte det du skrev. Skriv din fråga med vanliga ord, till exempel "
        '"Vem kan få assistansersättning?"'
    ),
    Unusual.NOT_SWEDISH: (
        "Jag förstår bara svenska. Du kan ringa Försäkringskassan på "
        f"{FK_PHONE} och be om tolk. På forsakringskassan.se finns information på andra "
        "språk.\n"
        "I only understand Swedish. You can call Försäkringskassan on "
        f"+46 771 524 524 and ask for an interpreter. Forsakringskassan.se has information "
        "in other languages."
    ),
}
# The same answers in lättläst (slot easy_read): short sentences, everyday words.
EASY_ANSWERS = {
    Unusual.EMPTY: (
        "Jag fick inget meddelande.\nSkriv din fråga med några ord.\n"
        'Skriv till exempel "Hur söker jag pengar för assistans?"'
    ),
    Unusual.NO_WORDS: (
        "Jag kan bara läsa ord.\nSkriv vad du undrar över.\n"
        'Skriv till exempel "Hur mycket pengar får jag per timme?"'
    ),
    Unusual.TOO_LONG: (
        f"Ditt meddelande är för långt för mig.\nDet får vara {MAX_MESSAGE_CHARS} tecken.\n"
        "Skriv din fråga kort.\nVill du berätta mer?\n"
        f"Ring Försäkringskassan på {FK_PHONE}."
    ),
    Unusual.NONSENSE: (
        "Jag förstod inte det du skrev.\nSkriv din fråga med vanliga ord.\n"
        'Skriv till exempel "Vem kan få pengar för assistans?"'
    ),
    Unusual.NOT_SWEDISH: (
        "Jag förstår bara svenska.\n"
        f"Ring Försäkringskassan på {FK_PHONE}.\nBe om tolk.\n"
        "I only understand Swedish. You can call Försäkringskassan on "
        "+46 771 524 524 and ask for an interpreter."
    ),
}
