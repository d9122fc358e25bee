"""A small builder that collects a decision's findings in the law's order.

Only used inside a rule function while it decides; the result is a frozen Decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from assistansguiden.law.decision import Decision, ProviderRef, Reason, Step
from assistansguiden.law.refs import LegalRef


class Findings:
    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.codes: list[str] = []
        self.steps: list[Step] = []
        self.parameters: dict[str, object] = {}
        self.has_unchecked = False

    def _add(
        self, code: str, met: bool, text: str, law: LegalRef, facts: dict[str, object]
    ) -> None:
        reason = Reason(code=code, met=met, text=text, legal_ref=law.ref, url=law.url, facts=facts)
        self.reasons.append(reason)

    def met(self, code: str, text: str, law: LegalRef, **facts: object) -> None:
        """A condition that holds; not listed among the codes."""
        self._add(code, True, text, law, facts)

    def fail(self, code: str, text: str, law: LegalRef, **facts: object) -> None:
        """A condition that does not hold; listed among the codes."""
        self._add(code, False, text, law, facts)
        self.codes.append(code)

    def finding(self, code: str, text: str, law: LegalRef, **facts: object) -> None:
        """A notable outcome that still allows payment (MUNICIPAL, REVOKED_GRACE_PERIOD)."""
        self._add(code, True, text, law, facts)
        self.codes.append(code)

    def unchecked(self, code: str, text: str, law: LegalRef, **facts: object) -> None:
        """A condition we could not check for lack of information."""
        self._add(code, False, text, law, facts)
        self.has_unchecked = True

    def step(self, code: str, text: str) -> None:
        if all(s.code != code for s in self.steps):
            self.steps.append(Step(code, text))

    def used(self, name: str, value: object) -> None:
        self.parameters[name] = value

    def decision(
        self,
        question: str,
        ok: bool,
        on: date,
        provider: ProviderRef | None,
        summary: str,
        codes: Iterable[str],
        tail: Iterable[Step] = (),
        candidates: tuple[ProviderRef, ...] = (),
    ) -> Decision:
        for step in tail:
            self.step(step.code, step)
        return Decision(
            question=question,
            ok=ok,
            codes=tuple(codes),
            as_of=on,
            summary=summary,
            reasons=tuple(self.reasons),
            next_steps=tuple(self.steps),
            provider=provider,
            candidates=candidates,
            parameters=dict(self.parameters),
        )
