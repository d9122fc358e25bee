"""Search keys for provider names.

People type names from memory, on phones, often without å, ä, ö and without
the company form, so both the stored name and the query are reduced to the
same key before they are compared.
"""

from __future__ import annotations

import re
import unicodedata

# Company forms say nothing about which provider is meant. "ek för" is the
# short form of "ekonomisk förening"; it arrives here already as "ek for".
_LEGAL_FORMS = re.compile(r"\b(?:aktiebolag|ab|hb|kb|ek for)\b")
_SPACES = re.compile(r"\s+")


def _strip_accents(text: str) -> str:
    # NFKD splits å/ä/ö/é/ü into a base letter and a combining mark; dropping
    # the marks gives a/a/o/e/u, which is what people type without a Swedish keyboard.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def name_key(name: str) -> str:
    """The normalised form of a provider name used for search.

    >>> name_key("Solstrålen Assistans AB")
    'solstralen assistans'
    >>> name_key("Omsorgshjälpen i Norr, ek. för.")
    'omsorgshjalpen i norr'
    """
    text = _strip_accents(name.casefold())
    # Punctuation is removed, not turned into space: "A.B." and "AB" must agree.
    text = "".join(ch for ch in text if ch.isalnum() or ch.isspace())
    text = _SPACES.sub(" ", text)
    text = _LEGAL_FORMS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


# Words that many providers' names share and that ordinary questions use: a name made
# only of these ("Personlig Assistans AB") is not taken as named inside a sentence.
GENERIC_WORDS = frozenset(
    {
        "assistans",
        "assistansen",
        "personlig",
        "personliga",
        "omsorg",
        "omsorgen",
        "vard",
        "hjalp",
        "stod",
        "service",
        "lss",
        "kommun",
        "kommunen",
        "sverige",
        "i",
        "och",
        "for",
        "av",
        "med",
        "din",
        "min",
        "var",
    }
)


def distinctive(key: str) -> bool:
    """A name key of at least two words, one of them not a generic word: such a name in a
    sentence means that provider ("kan vi fortsätta med Avslutad Assistans Exempel?").

    >>> distinctive("avslutad assistans exempel"), distinctive("personlig assistans")
    (True, False)
    """
    words = key.split()
    return len(words) >= 2 and any(word not in GENERIC_WORDS for word in words)


_WORD = re.compile(r"\w+")


def without_name(text: str, name: str) -> str:
    """`text` with the words of a provider's `name` blanked out, matched the way search
    keys match (case, å/ä/ö and the company form do not matter): the words of a name say
    nothing about the person ("Exempelassistans Barn och Unga AB" is no child).

    >>> without_name("ha barn och unga ab?", "Barn och Unga AB").split()
    ['ha', 'ab?']
    """
    target = name_key(name).split()
    words = [(m.start(), m.end(), name_key(m.group())) for m in _WORD.finditer(text)]
    words = [(start, end, key) for start, end, key in words if key]
    for i in range(len(words) - len(target) + 1):
        if target and [key for _, _, key in words[i : i + len(target)]] == target:
            start, end = words[i][0], words[i + len(target) - 1][1]
            return text[:start] + " " * (end - start) + without_name(text[end:], name)
    return text
