"""Decisions made before any rule can run: the provider was not found, the
organisation number is invalid, or a name matches several providers.

They are Decisions too, so the chat and the CLI explain them like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from assistansguiden.law.dates import mask_personnummer
from assistansguiden.law.decision import Decision, ProviderRecord, ProviderRef
from assistansguiden.law.findings import Findings
from assistansguiden.law.orgnr import parse_org_nr
from assistansguiden.law.refs import FK_PHONE, IVO_REGISTER, LSS_23, ORGNR_LAW

QUESTIONS = ("provider", "payee")


def _shown(query: str, question: str) -> str:
    if question not in QUESTIONS:
        raise ValueError("Frågan måste vara provider eller payee.")
    # Whatever people type may hold a personnummer; it is never echoed back whole.
    return mask_personnummer(" ".join(query.split()))


def not_found_decision(query: str, on: date, question: str = "provider") -> Decision:
    """No provider in the registry matches the name or organisation number."""
    shown = _shown(query, question)
    f = Findings()
    text = (
        f"Ingen anordnare i vårt register passar in på ”{shown}”. Det betyder inte säkert att "
        "tillstånd saknas. Alla anordnare finns kanske inte i registret."
    )
    f.fail("NOT_FOUND", text, LSS_23, query=shown)
    f.step("CHECK_SPELLING", "Kontrollera stavningen eller organisationsnumret och försök igen.")
    f.step("SEARCH_IVO_REGISTER", f"Sök efter anordnaren i {IVO_REGISTER}.")
    f.step("PHONE", f"Har du frågor kan du ringa Försäkringskassan på {FK_PHONE}.")
    summary = f"Vi hittade ingen anordnare som passar in på ”{shown}”."
    return f.decision(question, False, on, None, summary, ("NOT_FOUND",))


def invalid_org_nr_decision(raw: str, on: date, question: str = "provider") -> Decision:
    """The text was meant as an organisation number but is not a valid one."""
    shown = _shown(raw, question)
    parsed = parse_org_nr(raw)
    if parsed.well_formed:
        text = f"{parsed.normalized} har fel kontrollsiffra (sista siffran). Något är felskrivet."
        facts: dict[str, object] = {"org_nr": parsed.normalized}
    else:
        text = f"”{shown}” är inte ett organisationsnummer. Det har tio siffror, som 556036-0793."
        facts = {"query": shown}
    f = Findings()
    f.fail("INVALID_ORG_NR", text, ORGNR_LAW, **facts)
    f.step(
        "CHECK_ORG_NR",
        "Titta efter numret i avtalet med anordnaren eller på en faktura. Skriv det sedan igen.",
    )
    f.step("TRY_NAME", "Du kan också skriva anordnarens namn i stället.")
    summary = f"”{shown}” är inte ett giltigt organisationsnummer."
    return f.decision(question, False, on, None, summary, ("INVALID_ORG_NR",))


def ambiguous_decision(
    query: str,
    candidates: Sequence[ProviderRef | ProviderRecord],
    on: date,
    question: str = "provider",
) -> Decision:
    """Several providers match the name; the person has to choose one."""
    shown = _shown(query, question)
    refs = tuple(c.ref if isinstance(c, ProviderRecord) else c for c in candidates)
    names = ", ".join(f"{r.name} ({r.org_nr})" for r in refs)
    f = Findings()
    f.fail("AMBIGUOUS", f"Flera anordnare passar in på ”{shown}”: {names}.", LSS_23, query=shown)
    f.step("CHOOSE_CANDIDATE", "Välj en av anordnarna, eller skriv organisationsnumret.")
    summary = f"Flera anordnare passar in på ”{shown}”. Vi behöver veta vilken du menar."
    return f.decision(question, False, on, None, summary, ("AMBIGUOUS",), candidates=refs)
