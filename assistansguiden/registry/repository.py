"""Finding providers by organisation number or by name."""

from __future__ import annotations

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from assistansguiden.law import ProviderRecord, normalize_org_nr
from assistansguiden.registry.models import Provider
from assistansguiden.registry.names import name_key


class ProviderRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

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
