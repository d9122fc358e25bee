"""Finding providers by organisation number or by name."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from assistansguiden.law import ProviderRecord, normalize_org_nr
from assistansguiden.registry.models import Provider
from assistansguiden.registry.names import name_key

# A word within this similarity (0-100) of a registered name's word is taken as a
# misspelling of it; two names within FUZZY_TIE of the best are both candidates.
FUZZY_CUTOFF = 80.0
FUZZY_TIE = 4.0
FUZZY_MIN_LENGTH = 4  # letters in the whole query
FUZZY_MIN_WORD = 4  # shorter words must be exact


def _word_similarity(a: str, b: str, **kwargs: object) -> float:
    """Edit similarity of two words; a typed word may also be the end of a compound
    ("asistans" in "exempelassistans"), but only when it is long enough to mean something."""
    score = fuzz.ratio(a, b)
    if len(a) >= 6 and len(b) > len(a):
        score = max(score, fuzz.partial_ratio(a, b) - 10)
    return float(score)


class ProviderRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._name_keys: dict[str, str] | None = None

    def _all_name_keys(self) -> dict[str, str]:
        """org_nr -> name key of every provider, read once per repository (session): the
        look-ups that compare a text with every name (names_in, close_names) share it."""
        if self._name_keys is None:
            rows = self.session.execute(select(Provider.org_nr, Provider.name_key)).all()
            self._name_keys = {org_nr: key for org_nr, key in rows}
        return self._name_keys

    def find_by_org_nr(self, org_nr: str) -> ProviderRecord | None:
        """Look up by number; hyphen, spaces and a "16" prefix are accepted."""
        normalized = normalize_org_nr(org_nr)
        if normalized is None:
            return None
        row = self.session.get(Provider, normalized)
        return row.to_record() if row is not None else None

    def search_by_name(self, query: str, limit: int = 10) -> list[ProviderRecord]:
        """Providers whose name matches `query`, most relevant first.

        An exact match of the whole key wins outright. Otherwise every word of
        the query must occur somewhere in the name ("omsorg norr" finds
        "Omsorgshjälpen i Norr AB").
        """
        key = name_key(query)
        if not key:
            return []
        exact = self._rows(Provider.name_key == key, limit)
        if exact:
            return exact
        words = list(dict.fromkeys(key.split()))
        contains = and_(*(Provider.name_key.contains(w, autoescape=True) for w in words))
        return self._rows(contains, limit, _relevance(key, words))

    def names_in(self, text: str, limit: int = 5) -> list[ProviderRecord]:
        """Providers whose whole name stands in a longer text ("kan vi fortsätta med
        Avslutad Assistans Exempel AB?"), longest name first: the name a classifier cut
        short ("Exempel") is then still found whole."""
        padded = f" {name_key(text)} "
        if len(padded.split()) < 2:
            return []
        inside = sorted(
            (
                (org_nr, key)
                for org_nr, key in self._all_name_keys().items()
                if key and f" {key} " in padded
            ),
            key=lambda item: -len(item[1]),
        )
        if not inside:
            return []
        # A name inside a longer name found here ("exempelstad" in "exempelstad kommun")
        # is the same mention, not a second provider.
        longest = [
            (org_nr, key)
            for org_nr, key in inside
            if not any(key in other for _, other in inside if other != key)
        ]
        rows = [self.session.get(Provider, org_nr) for org_nr, _ in longest[:limit]]
        return [row.to_record() for row in rows if row is not None]

    def close_names(self, query: str, limit: int = 5) -> list[tuple[ProviderRecord, float]]:
        """Providers whose name is close to a misspelled `query`, with a similarity (0-100),
        best first.

        Like the plain search, every word of the query must be found in the name, but a word
        may be misspelled ("nordljs asistans" finds "Nordljus Assistans AB"): each query word
        is matched against the words of the registered names with rapidfuzz, and a name's
        score is the mean of its words' best matches. Short words must match exactly.
        """
        words = list(dict.fromkeys(name_key(query).split()))
        if not words or sum(len(w) for w in words) < FUZZY_MIN_LENGTH:
            return []
        names = self._all_name_keys()
        vocabulary = sorted({w for key in names.values() for w in key.split()})
        close: list[dict[str, float]] = []
        for word in words:
            if len(word) < FUZZY_MIN_WORD:
                close.append({word: 100.0} if word in vocabulary else {})
                continue
            found = process.extract(
                word, vocabulary, scorer=_word_similarity, score_cutoff=FUZZY_CUTOFF, limit=None
            )
            close.append({match: float(score) for match, score, _ in found})
        if not all(close):
            return []
        scored: list[tuple[float, str]] = []
        for org_nr, key in names.items():
            name_words = set(key.split())
            best = [max((s for w, s in c.items() if w in name_words), default=0.0) for c in close]
            if all(best):
                scored.append((sum(best) / len(best), org_nr))
        scored.sort(key=lambda item: (-item[0], item[1]))
        found_rows = []
        for score, org_nr in scored[:limit]:
            row = self.session.get(Provider, org_nr)
            if row is not None:
                found_rows.append((row.to_record(), score))
        return found_rows

    def _rows(
        self,
        where: ColumnElement[bool],
        limit: int,
        relevance: ColumnElement[int] | None = None,
    ) -> list[ProviderRecord]:
        stmt = select(Provider).where(where)
        if relevance is not None:
            stmt = stmt.order_by(relevance.desc())
        stmt = stmt.order_by(func.length(Provider.name_key), Provider.name, Provider.org_nr)
        rows = self.session.execute(stmt.limit(limit)).scalars()
        return [row.to_record() for row in rows]


def _relevance(key: str, words: list[str]) -> ColumnElement[int]:
    """A score computed in SQL, so the database sorts and limits (10,000 rows).

    Names that start with the query's words rank first, then names where the
    query's words are whole words, then where they begin a word; ties go to
    the shorter name (fewer other words), then alphabetically.
    """
    padded = literal(" ") + Provider.name_key + literal(" ")
    score: ColumnElement[int] = case(
        (Provider.name_key.startswith(f"{key} ", autoescape=True), 100), else_=0
    )
    for word in words:
        score = score + case((padded.contains(f" {word} ", autoescape=True), 10), else_=0)
        score = score + case((padded.contains(f" {word}", autoescape=True), 1), else_=0)
    return score
