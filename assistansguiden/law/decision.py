"""Value types shared by the rules: what a provider is and what a decision says."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

PRIVATE = "private"
MUNICIPAL_KIND = "municipal"
CHILDREN = "children"
ADULTS = "adults"


@dataclass(frozen=True)
class ProviderRecord:
    org_nr: str  # normalised "NNNNNN-NNNN"
    name: str
    kind: str  # "private" | "municipal"
    permit_from: date | None
    permit_revoked: date | None
    personkrets: frozenset[int]  # subset of {1, 2, 3}
    age_groups: frozenset[str]  # subset of {"children", "adults"}
    f_skatt: bool
    employer_registered: bool

    @property
    def ref(self) -> ProviderRef:
        return ProviderRef(org_nr=self.org_nr, name=self.name)


@dataclass(frozen=True)
class ProviderRef:
    org_nr: str
    name: str

    def to_json(self) -> dict[str, str]:
        return {"org_nr": self.org_nr, "name": self.name}


class Step(str):
    """A next step: the Swedish sentence (it *is* the string) and the code edges choose by.

    A str, so the decision JSON and every reader of the text stay as they were; the chat,
    the command line and the staff view decide what to show by `code`, never by wording.
    """

    code: str

    def __new__(cls, code: str, text: str) -> Step:
        step = super().__new__(cls, text)
        step.code = code
        return step

    def __reduce__(self) -> tuple[type[Step], tuple[str, str]]:
        return (Step, (self.code, str(self)))


@dataclass(frozen=True)
class Reason:
    code: str  # the finding's code (OK, NO_PERMIT, ...) or a check name
    met: bool  # the condition holds
    text: str  # plain Swedish sentence
    legal_ref: str  # "51 kap. 16 b § socialförsäkringsbalken (2010:110)"
    url: str  # link to the exact section
    # The values the sentence states (dates, groups), so an edge can say the same in other
    # words (the chat's lättläst) without reading the sentence. Not part of the JSON.
    facts: Mapping[str, object] = field(default_factory=dict, compare=False)

    def render(self) -> str:
        # "Text (ref)." reads better than "Text. (ref)" in chat bubbles and on the CLI.
        if not self.legal_ref:
            return self.text
        return f"{self.text.rstrip().rstrip('.')} ({self.legal_ref})."


@dataclass(frozen=True)
class Decision:
    question: str  # "provider" | "payee" | "eligibility"
    ok: bool
    codes: tuple[str, ...]
    as_of: date  # the day the assistance is performed
    summary: str
    reasons: tuple[Reason, ...]
    next_steps: tuple[Step, ...]
    provider: ProviderRef | None = None
    candidates: tuple[ProviderRef, ...] = ()
    # The parameter values used, with refs; for staff views, not part of the JSON contract.
    parameters: Mapping[str, object] = field(default_factory=dict)
    # What the person typed when the provider was found by a similar name (a misspelling);
    # the chat then asks "Menade du …?" before it answers.
    interpreted_from: str | None = None

    def legal_refs(self) -> list[str]:
        """Unique legal references of the reasons, in the order they appear."""
        return list(dict.fromkeys(r.legal_ref for r in self.reasons if r.legal_ref))

    def to_json(self) -> dict[str, Any]:
        """Exactly the decision JSON of DESIGN.md (+ "candidates" when AMBIGUOUS)."""
        result: dict[str, Any] = {
            "question": self.question,
            "ok": self.ok,
            "codes": list(self.codes),
            "provider": self.provider.to_json() if self.provider else None,
            "as_of": self.as_of.isoformat(),
            "summary": self.summary,
            "reasons": [r.render() for r in self.reasons],
            "legal_refs": self.legal_refs(),
            "next_steps": [str(s) for s in self.next_steps],
        }
        if "AMBIGUOUS" in self.codes:
            result["candidates"] = [c.to_json() for c in self.candidates]
        return result
