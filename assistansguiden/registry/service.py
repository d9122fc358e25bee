"""The one way into the provider registry for every process: chat, command line, website.

Nothing connects at import: the engine is made on first use and kept for the life of the
service (pool_pre_ping copes with a restarted database). Any database failure becomes
RegistryUnavailable, which each edge turns into its own Swedish "cannot check right now";
only the error's type is logged, since its text may carry what the person typed.
"""

from __future__ import annotations

import logging
import os
import threading
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from assistansguiden.law import Decision, ProviderRecord
from assistansguiden.privacy.masking import contains_personal_number
from assistansguiden.registry.db import (
    ENV_URL,
    SAMPLE_CSV,
    create_schema,
    default_url,
    make_engine,
    provider_count,
    session_factory,
)
from assistansguiden.registry.errors import RegistryUnavailable
from assistansguiden.registry.importer import ImportReport, import_providers
from assistansguiden.registry.lookup import Question, decide
from assistansguiden.registry.names import distinctive, name_key
from assistansguiden.registry.repository import ProviderRepository

logger = logging.getLogger(__name__)


def ensure_sample_loaded(engine: Engine) -> bool:
    """On first run, fill an empty SQLite registry with the fictional sample.

    Returns True when the sample was loaded now. A PostgreSQL registry is the production one
    and is never filled with fictional providers: an empty one stays empty until staff
    import the real list.
    """
    create_schema(engine)
    if engine.dialect.name != "sqlite" or not SAMPLE_CSV.exists() or provider_count(engine) > 0:
        return False
    try:
        import_providers(engine, SAMPLE_CSV)
    except IntegrityError:  # another process loaded it between our count and our insert
        return False
    return True


def current_url() -> str:
    return os.environ.get(ENV_URL) or default_url()


class RegistryService:
    """Decisions and imports over one database, with one error type for every failure."""

    def __init__(self, url: str | None = None, *, load_sample: bool = True) -> None:
        self.url = url or current_url()
        self._load_sample = load_sample
        self._engine: Engine | None = None
        self._sessions: sessionmaker | None = None
        self._lock = threading.Lock()

    def _session_factory(self) -> sessionmaker:
        with self._lock:
            if self._sessions is None:
                engine = make_engine(self.url)
                try:
                    if self._load_sample:
                        ensure_sample_loaded(engine)  # a fresh checkout answers with the sample
                    else:
                        create_schema(engine)
                except BaseException:
                    engine.dispose()  # not kept: the next call tries again
                    raise
                self._engine = engine
                self._sessions = session_factory(engine)
            return self._sessions

    def decide(
        self,
        query: str,
        on: date,
        *,
        question: Question = "provider",
        personkrets: int | None = None,
        age_group: str | None = None,
        informed: date | None = None,
    ) -> Decision:
        """The registry's and the law's Decision for a name or an organisation number."""
        try:
            with self._session_factory()() as session:
                return decide(
                    ProviderRepository(session),
                    query,
                    on,
                    question=question,
                    personkrets=personkrets,
                    age_group=age_group,
                    informed=informed,
                )
        except (SQLAlchemyError, OSError) as error:
            raise self._unavailable(error) from error

    def named_in(self, text: str) -> str | None:
        """The organisation number of the one provider whose whole registered name stands in
        `text` ("kan vi fortsätta med Avslutad Assistans Exempel AB?"), else None (no name,
        or several, or only a name of generic words): what a classifier cut short or missed
        is still found whole. A sole trader's organisation number is a personnummer: it is
        never handed out from a sentence."""
        found = self.provider_named_in(text)
        if found is None or contains_personal_number(found.org_nr):
            return None
        return found.org_nr

    def provider_named_in(self, text: str) -> ProviderRecord | None:
        """The provider of named_in(), with its registered name."""
        try:
            with self._session_factory()() as session:
                found = ProviderRepository(session).names_in(text, limit=3)
        except (SQLAlchemyError, OSError) as error:
            raise self._unavailable(error) from error
        # "Personlig Assistans AB" in a sentence is more likely words than that provider.
        named = [record for record in found if distinctive(name_key(record.name))]
        return named[0] if len(named) == 1 else None

    def import_csv(
        self, path: str | Path, *, replace: bool = False, progress: bool = False
    ) -> ImportReport:
        """All or nothing (ImportFailed names the bad row); RegistryUnavailable on failure."""
        try:
            self._session_factory()
            assert self._engine is not None
            return import_providers(self._engine, path, replace=replace, progress=progress)
        except (SQLAlchemyError, OSError) as error:
            raise self._unavailable(error) from error

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
            self._engine = None
            self._sessions = None

    @staticmethod
    def _unavailable(error: BaseException) -> RegistryUnavailable:
        logger.warning("Provider registry unavailable: %s", type(error).__name__)
        return RegistryUnavailable("Registret kan inte läsas just nu.")


_SERVICES: dict[str, RegistryService] = {}
_SERVICES_LOCK = threading.Lock()


def shared_service() -> RegistryService:
    """The process's service for the current ASSISTANS_DB_URL (one per URL)."""
    url = current_url()
    with _SERVICES_LOCK:
        if url not in _SERVICES:
            _SERVICES[url] = RegistryService(url)
        return _SERVICES[url]


def clear_cache() -> None:
    """Forget the services and their engines (tests, or after the database URL changed)."""
    with _SERVICES_LOCK:
        for service in _SERVICES.values():
            service.close()
        _SERVICES.clear()
