"""Is this Swedish? Language identification for the message guard, with nothing downloaded.

py3langid carries its model inside the package; it is read on first use, never at import.
Short messages are where language identification guesses ("hej", "tack", "hemtjänst" and
"schablonbelopp 2026" all come out as something else), so a message is called not Swedish
only on strong evidence: a script other than Latin, or at least three words with none (or
almost none) of the words that mark Swedish, and another language identified.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

SCANDINAVIAN = frozenset({"sv", "no", "nb", "nn", "da"})
# The languages people in Sweden most often write to public services in, besides Swedish;
# limiting the candidates makes identification on short texts far steadier. (The model
# has no Somali or Tigrinya; those are caught by having no Swedish word at all.)
CANDIDATES = (
    "sv", "en", "de", "fi", "ar", "pl", "es", "fa", "tr", "fr", "da", "no", "it",
    "ru", "uk", "sr", "hr", "bs", "ro", "pt", "nl", "et", "ku", "am", "sq", "hu", "lt",
)  # fmt: skip
MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+")
# Common Swedish words, also as typed without å, ä and ö, leaving out those that are common
# words of English or German too ("for", "far", "man", "die", "so").
_SWEDISH_WORDS = frozenset(
    """
    och att jag det som är ar en ett inte har kan ska vill min mitt mina din ditt hur vad
    när nar vem vilken vilka får måste maste om till från fran med på pa av för eller men
    också ocksa bara nu hon han hen vi ni dem oss sin sitt sina barn son dotter mamma pappa
    sambo fru make jobbar hjälp hjalp pengar fick kommer ring ringa prata tack hej nej ja
    gäller galler finns gör gor blir varje månad manad år vecka dag dagar timme timmar
    """.split()
)
# Stems of the assistant's own subject: a keyword query of these is Swedish, whatever the
# identifier makes of it ("nordljus assistans ab organisationsnummer").
_SUBJECT_STEMS = (
    "assistans", "ersättning", "ersattning", "lss", "försäkringskass", "forsakringskass",
    "anordnar", "blankett", "tillstånd", "tillstand", "ivo", "kommun", "ansök", "ansok",
    "redovis", "schablon", "belopp", "betalning", "personkrets", "handläggar", "handlaggar",
    "omsorg", "funktionsned", "insats", "beslut", "ombud", "fullmakt", "återkrav", "aterkrav",
)  # fmt: skip


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages([c for c in CANDIDATES if c in identifier.nb_classes])
    return identifier


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters)


def swedish_evidence(words: list[str]) -> int:
    """How many of the words mark Swedish: common Swedish words and the subject's stems."""
    lowered = [w.lower() for w in words]
    return sum(1 for w in lowered if w in _SWEDISH_WORDS or w.startswith(_SUBJECT_STEMS))


def not_swedish(text: str) -> str | None:
    """The language code of a message that is clearly not Swedish, else None.

    Calling a Swedish message foreign is the worse mistake (the person is told we only read
    Swedish), so without a single Swedish word the identifier must still be confident.
    """
    letters = sum(1 for c in text if c.isalpha())
    if letters >= 4 and _latin_share(text) < 0.5:
        return "other-script"
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS or "å" in text.lower():
        return None  # too short to tell; å is Scandinavian
    evidence = swedish_evidence(words)
    if evidence / len(words) >= 0.34:
        return None  # plainly Swedish: no need to ask the identifier
    language, probability = _identifier().classify(text.lower())
    if language in SCANDINAVIAN:
        return None  # Norwegian and Danish readers read Swedish answers
    if evidence == 0 and probability >= 0.9:
        return str(language)
    if probability >= 0.99 and evidence / len(words) < 0.25:
        return str(language)
    return None
