"""The provider table."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, String, Table
from sqlalchemy.orm import registry

from assistansguiden.law import ProviderRecord

# A decorator-mapped class (not declarative_base) keeps mypy happy without a plugin.
mapper_registry = registry()
metadata = mapper_registry.metadata

# Stored as "1;2;3" and "adults;children": plain strings keep the table the same
# on SQLite and PostgreSQL and readable in any SQL console.
_SEP = ";"


def split_set(text: str) -> list[str]:
    return text.split(_SEP) if text else []


@mapper_registry.mapped
class Provider:
    __tablename__ = "providers"

    org_nr = Column(String(11), primary_key=True)  # "NNNNNN-NNNN"
    name = Column(String(200), nullable=False)
    name_key = Column(String(200), nullable=False, index=True)
    kind = Column(String(16), nullable=False)
    permit_from = Column(Date, nullable=True)
    permit_revoked = Column(Date, nullable=True)
    personkrets = Column(String(16), nullable=False, default="")
    age_groups = Column(String(32), nullable=False, default="")
    f_skatt = Column(Boolean, nullable=False)
    employer_registered = Column(Boolean, nullable=False)

    __table__: Table  # set by the mapping; declared for type checkers

    def to_record(self) -> ProviderRecord:
        return ProviderRecord(
            org_nr=self.org_nr,
            name=self.name,
            kind=self.kind,
            permit_from=self.permit_from,
            permit_revoked=self.permit_revoked,
            personkrets=frozenset(int(p) for p in split_set(self.personkrets)),
            age_groups=frozenset(split_set(self.age_groups)),
            f_skatt=bool(self.f_skatt),
            employer_registered=bool(self.employer_registered),
        )
