"""Which other service a message names, so an out-of-scope answer can point the right way.

"Hur ansöker jag om färdtjänst?" is not about assistansersättning, but the person deserves
more than "I cannot answer that": one sentence on who handles it. The table maps the words
people use to a kind of handler; the answer texts are the `utter_out_of_scope_<handler>`
responses in bot/domain/smalltalk.yml, filled with the service's name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MUNICIPALITY = "municipality"  # kommunens socialtjänst or its other offices
FORSAKRINGSKASSAN = "forsakringskassan"  # another benefit of Försäkringskassan
REGION = "region"  # healthcare and aids: regionen, 1177
PENSION = "pension"  # Pensionsmyndigheten
EMPLOYMENT = "employment"  # the assistant's own job: employer, union


@dataclass(frozen=True)
class OtherService:
    name: str  # as it is written in the answer: "färdtjänst"
    handler: str


# (stems as typed, folded: no å/ä/ö; the service's name; who handles it). First match wins,
# so longer and more specific stems come first.
_TABLE: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("tillfallig foraldrapenning", "vab"), "tillfällig föräldrapenning (vab)", FORSAKRINGSKASSAN),
    (("foraldrapenning", "foraldraledig", "pappaledig", "mammaledig"), "föräldrapenning",
     FORSAKRINGSKASSAN),
    (("sjukersattning",), "sjukersättning", FORSAKRINGSKASSAN),
    (("sjukpenning", "sjukskriv", "sjuklon"), "sjukpenning", FORSAKRINGSKASSAN),
    (("aktivitetsersattning",), "aktivitetsersättning", FORSAKRINGSKASSAN),
    (("bostadsbidrag",), "bostadsbidrag", FORSAKRINGSKASSAN),
    (("bostadstillagg",), "bostadstillägg", PENSION),
    (("underhallsstod",), "underhållsstöd", FORSAKRINGSKASSAN),
    (("omvardnadsbidrag", "vardbidrag"), "omvårdnadsbidrag", FORSAKRINGSKASSAN),
    (("merkostnadsersattning",), "merkostnadsersättning", FORSAKRINGSKASSAN),
    (("bilstod", "anpassa bilen", "bilanpassning"), "bilstöd", FORSAKRINGSKASSAN),
    (("barnbidrag", "flerbarnstillagg"), "barnbidrag", FORSAKRINGSKASSAN),
    (("bostadsanpassning",), "bostadsanpassningsbidrag", MUNICIPALITY),
    (("fardtjanst", "riksfardtjanst"), "färdtjänst", MUNICIPALITY),
    (("hemtjanst",), "hemtjänst", MUNICIPALITY),
    (("ledsagar",), "ledsagarservice", MUNICIPALITY),
    (("korttidsvistelse", "korttidsboende", "avlosning", "avlastning"), "korttidsvistelse",
     MUNICIPALITY),
    (("korttidstillsyn", "fritidshem"), "korttidstillsyn", MUNICIPALITY),
    (("daglig verksamhet", "dagverksamhet"), "daglig verksamhet", MUNICIPALITY),
    (("gruppbostad", "lss-boende", "lss boende", "bostad med sarskild service",
      "serviceboende", "sarskilt boende", "aldreboende"), "ett boende", MUNICIPALITY),
    (("kontaktperson", "kontaktfamilj"), "kontaktperson", MUNICIPALITY),
    (("trygghetslarm",), "trygghetslarm", MUNICIPALITY),
    (("ekonomiskt bistand", "forsorjningsstod", "socialbidrag"), "ekonomiskt bistånd",
     MUNICIPALITY),
    (("hjalpmedel", "rullstol", "rollator", "horapparat"), "hjälpmedel", REGION),
    (("vardcentral", "1177", "lakare", "tandlak", "habilitering"), "vård", REGION),
    # "pension " and "pensionen", never "pensionär": the age limit is one of our topics.
    (("garantipension", "allman pension", "tjanstepension", "pensionsmyndighet",
      "pensionen", "pension "), "pension", PENSION),
    (("lon ", "lonen", "timlon", "loneavtal", "lonespec", "semester", "ob-tillagg",
      "ob tillagg", "kollektivavtal", "fackforbund", "facket", "kommunal ", "schema",
      "anstallningsavtal", "uppsagning", "jobba som personlig assistent",
      "jobb som personlig assistent", "tjanar en personlig assistent",
      "tjanar man som personlig assistent", "arbeta som assistent"),
     "ditt arbete som personlig assistent", EMPLOYMENT),
)  # fmt: skip


def fold(text: str) -> str:
    """Lower case, without accents, one space between words: 'Färdtjänst?' -> 'fardtjanst?'."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


_PATTERNS = tuple(
    (re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in stems) + ")"), name, handler)
    for stems, name, handler in _TABLE
)


def other_service(text: str) -> OtherService | None:
    """The first service of the table that the message names, or None."""
    folded = fold(text) + " "
    for pattern, name, handler in _PATTERNS:
        if pattern.search(folded):
            return OtherService(name=name, handler=handler)
    return None


_ABOUT_ASSISTANCE = re.compile(r"(?<!\w)(?:assist|personlig assist|lss-assist)")
_OVERRIDABLE = frozenset({MUNICIPALITY, FORSAKRINGSKASSAN, PENSION})


def only_another_service(text: str) -> OtherService | None:
    """The other service a message asks about, when it says nothing of assistance at all.

    "Hur ansöker jag om hemtjänst?" is then out of scope whatever the classifier makes of
    its "hur ansöker jag"; "kan jag ha hemtjänst och assistans samtidigt?" is not. Care and
    aids (regionen) and an assistant's own job share too many words with real topics
    (a hospital stay, a relative's pay) to be decided by words alone.
    """
    service = other_service(text)
    if service is None or service.handler not in _OVERRIDABLE:
        return None
    return None if _ABOUT_ASSISTANCE.search(fold(text)) else service


# "Exempelstad kommun", "Sundsvalls kommun", "Mölndals stad", "det är Ale kommun": a
# municipality named alone, as people answer "Vilken anordnare gäller det?". (The
# bracketed note of the sample registry, "(fiktiv kommun)", is dropped first.)
_BRACKETED = re.compile(r"\([^()]{0,60}\)")
_MUNICIPALITY_ALONE = re.compile(
    r"^(?:det ar |vi har |den ar )?([a-z-]{2,30}(?: [a-z-]{2,30}){0,2}) (?:kommun|stad)[.!]?$"
)
_QUESTION_WORDS = frozenset(
    {
        "vad",
        "vem",
        "vilken",
        "vilket",
        "hur",
        "nar",
        "var",
        "varfor",
        "kan",
        "far",
        "ska",
        "eller",
        "forsakringskassan",
        "fk",
        "min",
        "mitt",
        "er",
        "ert",
        "ansvar",
    }
)


def only_a_municipality(text: str) -> bool:
    """The message is a municipality's name and nothing more: an answer naming a provider
    (a municipality is one), never the question whether the kommun or Försäkringskassan
    decides."""
    found = _MUNICIPALITY_ALONE.match(fold(_BRACKETED.sub(" ", text)))
    return found is not None and not (set(found.group(1).split()) & _QUESTION_WORDS)
