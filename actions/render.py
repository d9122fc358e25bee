"""Decisions, ages and deadlines as short chat messages in plain Swedish.

A chat bubble is read on a phone: the answer first (yes or no and one sentence), then
at most three reasons and at most three things to do. Full legal references belong to
the staff tool; the chat shows at most one short "Regel:" line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistansguiden.law import (
    AgeStage,
    Deadline,
    Decision,
    Reason,
    Step,
    format_date,
    moved_sentence,
)
from assistansguiden.law.deadline import AHEAD, PASSED
from assistansguiden.law.provider import PERMIT_CODES, STEP_PHONE
from assistansguiden.text.change_kinds import OTHER, change_kind_label

OTHER_LABEL = change_kind_label(OTHER)
MAX_REASONS = 3
MAX_STEPS = 3
PHONE_STEP = STEP_PHONE
# Findings that still allow payment but are the point of the answer.
NOTABLE = frozenset({"MUNICIPAL", "REVOKED_GRACE_PERIOD"})
# The rules ask the CLI user for the day they were told; the chat has no such question,
# so that step is replaced by one the person can act on.
_SWITCH_STEP = (
    "Byt till en anordnare med tillstånd, eller till kommunen, så snart du kan. Assistans "
    "kan inte ersättas om den utförs mer än {days} dagar efter dagen då du fick beskedet."
)
_SWITCH_CODES = frozenset({"SWITCH_PROVIDER", "SWITCH_PROVIDER_BY"})
_SOURCE_PAGE = re.compile(r"\s*\((?:[\w-]+\.)+se\b[^)]*\)$")
_PAYEE_FIRST = {"PERMIT": 0, "F_SKATT": 1, "EMPLOYER": 2}
_SHORT_LAWS = (
    ("socialförsäkringsbalken (2010:110)", "SFB"),
    ("lagen (1993:387) om stöd och service till vissa funktionshindrade", "LSS"),
)


@dataclass(frozen=True)
class ChatMessage:
    """Either a text built here from a decision, or a response of bot/domain by name."""

    text: str = ""
    buttons: list[dict[str, str]] = field(default_factory=list)
    response: str = ""

    def kwargs(self) -> dict[str, Any]:
        """Arguments for dispatcher.utter_message."""
        said: dict[str, Any] = {"response": self.response} if self.response else {"text": self.text}
        if self.buttons:
            said["buttons"] = self.buttons
        return said


def intent_payload(intent: str, **entities: str) -> str:
    """'/check_provider{"age_group":"adults"}': a button that also sets entities."""
    if not entities:
        return f"/{intent}"
    return f"/{intent}" + json.dumps(entities, separators=(",", ":"), ensure_ascii=False)


def short_ref(legal_ref: str) -> str:
    """'51 kap. 16 b § socialförsäkringsbalken (2010:110)' -> '51 kap. 16 b § SFB'; a
    condition's source page in brackets is left to the staff view."""
    for long, short in _SHORT_LAWS:
        legal_ref = legal_ref.replace(long, short)
    return _SOURCE_PAGE.sub("", legal_ref)


def bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def reasons_shown(decision: Decision) -> list[Reason]:
    """The reasons worth a line: what stops payment first, then what was not checked."""
    failing = [r for r in decision.reasons if not r.met and r.code in decision.codes]
    notable = [r for r in decision.reasons if r.code in NOTABLE]
    unchecked = [r for r in decision.reasons if not r.met and r.code not in decision.codes]
    if failing or notable:
        chosen = failing + notable + unchecked
    else:
        met = [r for r in decision.reasons if r.met]
        if decision.question == "payee":
            met.sort(key=lambda r: _PAYEE_FIRST.get(r.code, len(_PAYEE_FIRST)))
        chosen = met[: MAX_REASONS - min(len(unchecked), 1)] + unchecked
    return chosen[:MAX_REASONS]


def grace_days(decision: Decision) -> object:
    used = decision.parameters.get("revocation_grace_days")
    return used.get("value") if isinstance(used, dict) else None


def steps_shown(decision: Decision) -> list[Step]:
    """At most three steps, the phone number kept last because it always helps."""
    steps: list[Step] = []
    for step in decision.next_steps:
        if step.code == "TELL_INFORMED_DATE":
            days = grace_days(decision)
            if not days:
                continue
            step = Step("SWITCH_PROVIDER", _SWITCH_STEP.format(days=days))
        if all(s.code != step.code for s in steps):
            steps.append(step)
    phone = [s for s in steps if s.code == "PHONE"]
    others = [s for s in steps if s.code != "PHONE"]
    # A step that says "byt anordnare" makes "välj en annan anordnare" say it twice.
    if any(s.code in _SWITCH_CODES for s in others):
        others = [s for s in others if s.code != "CHOOSE_OTHER_PROVIDER"]
    return others[: MAX_STEPS - len(phone[:1])] + phone[:1]


def unchecked(decision: Decision) -> bool:
    """Something the answer depends on was not checked (the group, the age group)."""
    return any(not r.met and r.code not in decision.codes for r in decision.reasons)


def _answer_word(decision: Decision) -> str:
    if "AMBIGUOUS" in decision.codes:
        return ""
    if not decision.ok:
        return "Nej. "
    return "Troligen ja. " if unchecked(decision) else "Ja. "


def render_decision(decision: Decision) -> list[ChatMessage]:
    """Answer and reasons in the first message, the steps (and buttons) in the second."""
    why = reasons_shown(decision)
    lines = [_answer_word(decision) + decision.summary]
    if why and "AMBIGUOUS" not in decision.codes:
        lines.append(bullets([r.text for r in why]))
        refs = [r.legal_ref for r in why if r.legal_ref and not r.met]
        if refs and not decision.ok:
            lines.append(f"Regel: {short_ref(refs[0])}")
    messages = [ChatMessage("\n".join(lines), candidate_buttons(decision))]
    steps = [str(s) for s in steps_shown(decision)]
    if steps:
        messages.append(
            ChatMessage("Det här kan du göra:\n" + bullets(steps), step_buttons(decision))
        )
    return messages


def step_buttons(decision: Decision) -> list[dict[str, str]]:
    if any(code in PERMIT_CODES for code in decision.codes) and not decision.ok:
        return [{"title": "Hur väljer jag anordnare?", "payload": "/ask_choose_provider"}]
    return []


def candidate_buttons(decision: Decision) -> list[dict[str, str]]:
    """One button per candidate of an AMBIGUOUS decision; it sends the org nr."""
    return [
        {"title": f"{c.name} ({c.org_nr})", "payload": intent_payload("inform", org_nr=c.org_nr)}
        for c in decision.candidates
    ]


def render_age(stage: AgeStage, topic: str, adult_age: int) -> list[ChatMessage]:
    """Turning 18 (topic "18") or the age limit (topic "66"): the dates, then what to do."""
    if topic == "18":
        return _render_18(stage, adult_age)
    if stage.stage == "past_age_limit":
        first = (
            f"Åldersgränsen som gäller för dig är {stage.age_limit} år, och du nådde den "
            f"{format_date(stage.reaches_age_limit)}."
        )
    else:
        first = (
            f"Åldersgränsen som gäller för dig är {stage.age_limit} år. Du fyller "
            f"{stage.age_limit} år {format_date(stage.reaches_age_limit)}."
        )
    # The 18-year step belongs to the other question.
    steps = [s for s in stage.next_steps if s.code != "TURNS_18"]
    return [
        ChatMessage(first),
        ChatMessage("Det här gäller:\n" + bullets([*steps, *stage.notes, PHONE_STEP])),
    ]


def _render_18(stage: AgeStage, adult_age: int) -> list[ChatMessage]:
    turns = format_date(stage.turns_18)
    if stage.stage == "child":
        first = f"Barnet fyller {adult_age} år {turns}. Assistansersättningen fortsätter då."
        before = "Gör det här före födelsedagen:"
    else:
        first = f"Personen fyllde {adult_age} år {turns}. Assistansersättningen fortsätter."
        before = "Det här behöver vara ordnat:"
    happens = [
        "Föräldrarna företräder inte längre automatiskt: den unga vuxna bestämmer själv, "
        "eller så behövs ett ombud eller en god man.",
        "Försäkringskassan drar inte längre av för föräldraansvaret.",
        "Anordnarens tillstånd från IVO måste också gälla vuxna.",
    ]
    todo = [
        "Kontrollera att anordnarens tillstånd från IVO också gäller vuxna.",
        "Kontakta Försäkringskassan i god tid och berätta om ändringarna.",
        PHONE_STEP,
    ]
    buttons = [
        {
            "title": "Gäller tillståndet vuxna?",
            "payload": intent_payload("check_provider", age_group="adults"),
        },
        {"title": "Ombud och god man", "payload": "/ask_representative"},
    ]
    messages = [ChatMessage(first + "\n" + bullets(happens))]
    if stage.stage == "past_age_limit":
        return messages + [ChatMessage(bullets(list(stage.next_steps)))]
    return messages + [ChatMessage(f"{before}\n{bullets(todo)}", buttons)]


def render_deadline(deadline: Deadline, today: date, kind_label: str) -> list[ChatMessage]:
    """The day to report by and why it moved, how to report, honesty when it has passed."""
    when = format_date(deadline.change_date)
    last = format_date(deadline.deadline)
    # "Något annat" says nothing to the person; a named change is worth repeating.
    prefix = f"{kind_label}. " if kind_label and kind_label != OTHER_LABEL else ""
    later = (
        f"Fick du veta om ändringen först senare räknas de {deadline.days} dagarna från den dagen."
    )
    status = deadline.status_on(today)
    if status == AHEAD:
        lines = [
            f"{prefix}Ändringen sker {when}. Meddela Försäkringskassan så snart som möjligt, "
            f"gärna redan nu. Sista dagen är {last}."
        ]
    elif status == PASSED:
        lines = [
            f"{prefix}Ändringen skedde {when}, så sista dagen var {last}. Meddela den ändå "
            "så snart du kan. Det är alltid bättre än att inte meddela alls.",
            later,
        ]
    else:
        lines = [
            f"{prefix}Ändringen skedde {when}. Meddela Försäkringskassan så snart som möjligt "
            f"och senast {last}.",
            later,
        ]
    if deadline.moved:
        lines.insert(1, moved_sentence(deadline))
    return [ChatMessage("\n".join(lines)), ChatMessage(response="utter_how_to_report")]


def deadline_payload(deadline: Deadline, kind_label: str) -> dict[str, Any]:
    """For the staff view: the deadline JSON as a panel with its codes and legal refs."""
    return {
        "question": "deadline",
        "change_kind": kind_label,
        **deadline.to_json(),
        "codes": [deadline.move],
        "summary": moved_sentence(deadline)
        or f"Sista dagen är {format_date(deadline.deadline)}, {deadline.days} dagar efter "
        f"{format_date(deadline.change_date)}.",
    }
