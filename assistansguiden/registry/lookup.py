"""From what a person typed to a Decision: the registry finds, the rules decide.

The CLI and the chat actions both call `decide()`, so they cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Literal

from assistansguiden.law import (
    Decision,
    ProviderRecord,
    ambiguous_decision,
    invalid_org_nr_decision,
    mask_personnummer,
    not_found_decision,
    parse_org_nr,
    payee_decision,
    provider_decision,
)
from assistansguiden.registry.repository import FUZZY_TIE, ProviderRepository

Question = Literal["provider", "payee"]

# Digits with the separators people type: "556677-8899", "16 556677 8899".
# Anything made only of these is meant as a number, even with the wrong
# length, and gets the INVALID_ORG_NR explanation rather than a name search.
_NUMBER_LIKE = re.compile(r"^[\d\s-]*\d[\d\s-]*$")


def decide(
    repo: ProviderRepository,
    query: str,
    on: date,
    *,
    question: Question = "provider",
    personkrets: int | None = None,
    age_group: str | None = None,
    informed: date | None = None,
) -> Decision:
    query = query.strip()
    rule = payee_decision if question == "payee" else provider_decision

    def decided(record: ProviderRecord) -> Decision:
        return rule(record, on, personkrets=personkrets, age_group=age_group, informed=informed)

    if _NUMBER_LIKE.match(query):
        org_nr = parse_org_nr(query)
        if not org_nr.valid or org_nr.normalized is None:
            return invalid_org_nr_decision(query, on, question)
        record = repo.find_by_org_nr(org_nr.normalized)
        if record is None:
            return not_found_decision(org_nr.normalized, on, question)
        return decided(record)

    matches = repo.search_by_name(query)
    if len(matches) > 1:
        return ambiguous_decision(query, tuple(m.ref for m in matches), on, question)
    if matches:
        return decided(matches[0])
    inside = repo.names_in(query)
    if len(inside) == 1:
        return decided(inside[0])
    if len(inside) > 1:
        return ambiguous_decision(query, tuple(r.ref for r in inside), on, question)
    close = repo.close_names(query)
    if not close:
        return not_found_decision(query, on, question)
    best = close[0][1]
    tied = [record for record, score in close if best - score <= FUZZY_TIE]
    if len(tied) > 1:
        return ambiguous_decision(query, tuple(r.ref for r in tied), on, question)
    return interpreted(decided(tied[0]), query)


def interpreted(decision: Decision, query: str) -> Decision:
    """The decision for the provider a misspelled name was taken as, saying so first."""
    assert decision.provider is not None
    taken = (
        f"Jag hittade ingen anordnare som heter exakt ”{mask_personnummer(query)}”, men "
        f"{decision.provider.name} ({decision.provider.org_nr}) har ett liknande namn. Svaret "
        "gäller den."
    )
    return replace(decision, summary=f"{taken} {decision.summary}", interpreted_from=query)
