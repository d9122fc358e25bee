"""How easy a Swedish text is to read: LIX, and what a lättläst text must not contain.

LIX (läsbarhetsindex, Björnsson 1968) = words per sentence + 100 × the share of words
longer than six letters. About 30 reads like a plain news text, 40 like a newspaper,
above 50 like an official document. LIX depends on how a text is cut into words and
sentences, so the choices are fixed here and used by every test and report:

- A word is a run of letters. Letters joined by a hyphen, an apostrophe or a colon before
  an ending are one word ("e-tjänsten", "F-skatt", "IVO:s"); its length is its letters.
- A number ("2026", "0771-524", "347,70", "2010:110") is one word and never a long one: a
  figure is read as a unit, and a section reference's numbers are no hard words.
- A web address ("forsakringskassan.se") is one word, long when the part before its
  first dot has more than six letters.
- An abbreviation with full stops ("t.ex.", "m.m.", "kap.") is one short word.
- Signs that are no words (§, %, –, quotation marks, emoji) are not counted.
- A sentence ends at . ! ? or : followed by a space or the end, and at every line break,
  so each bullet of a list is a sentence. The full stops inside an abbreviation, a number
  or a web address end nothing.
- A text without words has LIX 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LONG_WORD_LETTERS = 6  # a word with more letters than this is long

# Text is read a chunk (a run of non-space characters) at a time: each pattern is simple
# and anchored, so a long hostile text costs linear time (tests/privacy/test_linear_patterns).
_CHUNKS = re.compile(r"\n|\S+")
_WEB_ADDRESS = re.compile(r"\A(?:https?://\S+|(?:[\w-]+\.)+(?:se|nu|com|org|net|eu))\Z")
_DOTTED = re.compile(r"\A(?:[^\W\d_]{1,3}\.){2,}\Z")  # t.ex. m.m. fr.o.m.
_ONE_DOT = frozenset({"kap", "dvs", "ca", "nr", "resp", "jfr", "osv", "etc", "tel", "st"})
_PARTS = re.compile(r"[^\W\d_]+(?:[-'’:][^\W\d_]+)*|\d+(?:[-:.,/]\d+)*")
_LEAD = "([{\"'“”‘’«»"
_TAIL = ".,;:!?)]}\"'“”’»…"
_ENDS = frozenset(".!?:")
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def _letters(text: str) -> int:
    return len(_LETTERS.findall(text))


def _words(core: str, tail: str, more: bool) -> tuple[list[str], str]:
    """The words of a chunk without its brackets and quotes, and what ends it."""
    if _WEB_ADDRESS.match(core):
        host = re.sub(r"^https?://(www\.)?", "", core)
        return [re.split(r"[./]", host)[0]], tail
    if tail.startswith(".") and (_DOTTED.match(core + ".") or (more and core.lower() in _ONE_DOT)):
        return ["0"], tail[1:]  # an abbreviation: a short word, and its dot ends nothing
    # A number is a short word whatever it spells.
    return ["0" if part[0].isdigit() else part for part in _PARTS.findall(core)], tail


def sentences(text: str) -> list[list[str]]:
    """The words of each sentence, as LIX counts them (see the module's notes)."""
    found: list[list[str]] = []
    current: list[str] = []
    chunks = _CHUNKS.findall(text)
    for index, chunk in enumerate(chunks):
        if chunk != "\n":
            core = chunk.lstrip(_LEAD)
            bare = core.rstrip(_TAIL)
            more = index + 1 < len(chunks) and chunks[index + 1] != "\n"
            words, tail = _words(bare, core[len(bare) :], more)
            current += words
        if chunk == "\n" or _ENDS & set(tail):
            if current:
                found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def readability(text: str) -> Readability:
    parts = sentences(text)
    words = [word for sentence in parts for word in sentence]
    long_words = sum(1 for word in words if _letters(word) > LONG_WORD_LETTERS)
    return Readability(words=len(words), sentences=len(parts), long_words=long_words)


def lix(text: str) -> float:
    """The LIX of a text, e.g. 'Ring oss. Vi svarar gärna.' -> 2.5."""
    return readability(text).lix


def longest_sentence(text: str) -> int:
    """The number of words of the longest sentence."""
    return max((len(sentence) for sentence in sentences(text)), default=0)


# --- lättläst -------------------------------------------------------------------------

# What a lättläst text leaves out: section numbers and abbreviations a reader must know.
# An abbreviation of the list is accepted when the text explains it, in brackets right
# after it ("EU (Europeiska unionen)"), which is how lättläst explains a word once.
_SECTION_SIGNS = (
    ("§", re.compile(r"§")),
    ("kap.", re.compile(r"\bkap\.")),
    ("ett SFS-nummer", re.compile(r"\(\d{4}:\d+\)")),
)
EASY_READ_ABBREVIATIONS = (
    "t.ex.",
    "m.m.",
    "bl.a.",
    "s.k.",
    "d.v.s.",
    "dvs",
    "osv",
    "ca",
    "resp.",
    "jfr",
    "etc",
    "fr.o.m.",
    "t.o.m.",
    "kr",
    "nr",
    "LSS",
    "SFB",
    "SFS",
    "IVO",
    "FK",
    "EU",
    "EES",
    "F-skatt",
)


def _abbreviation(abbreviation: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(any use of it, a use explained in brackets)."""
    core = re.escape(abbreviation.rstrip("."))
    dot = r"\.?" if abbreviation.endswith(".") else ""
    flags = 0 if any(c.isupper() for c in abbreviation) else re.IGNORECASE
    # Not inside a word or a web address ("ivo.se").
    used = rf"(?<![\w.-]){core}{dot}(?![\w-]|\.\w)"
    return re.compile(used, flags), re.compile(used + r"(?::\w+)? \([^\W\d_]", flags)


_ABBREVIATION_PATTERNS = tuple((a, *_abbreviation(a)) for a in EASY_READ_ABBREVIATIONS)


def easy_read_problems(text: str) -> list[str]:
    """What keeps a text from being lättläst besides its LIX: section numbers and
    unexplained abbreviations (an empty list when there are none)."""
    problems = [f"innehåller {name}" for name, pattern in _SECTION_SIGNS if pattern.search(text)]
    problems += [
        f"förkortningen {name}"
        for name, used, explained in _ABBREVIATION_PATTERNS
        if used.search(text) and not explained.search(text)
    ]
    return problems
