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
