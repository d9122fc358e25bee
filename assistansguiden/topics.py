"""The questions the assistant answers: the topic intents of DESIGN.md's intent table.

Small talk (greet, thank, ...), values given inside a form (inform, affirm, deny), asking
for a person, out of scope, the fallback, easier Swedish and feedback are no topics: an
answer to them is not rated and not counted as an answered question.
"""

from __future__ import annotations

TOPICS: frozenset[str] = frozenset(
    {
        "ask_apply",
        "ask_eligibility",
        "ask_responsibility",
        "ask_choose_provider",
        "check_provider",
        "ask_payee",
        "ask_reporting",
        "report_change",
        "ask_turning_18",
        "ask_turning_66",
        "ask_hourly_amount",
        "ask_higher_amount",
        "ask_not_payable",
        "ask_more_hours",
        "ask_hospital",
        "ask_abroad",
        "ask_representative",
        "ask_overpayment",
        "report_fraud",
        "ask_self_employ",
        "ask_relative_assistant",
        "ask_what_is",
    }
)
FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
FEEDBACK = "feedback"
FEEDBACK_VALUES = ("ja", "nej")
# What action_record_feedback stores with the conversation (bot/domain/feedback.yml).
FEEDBACK_VALUE_SLOT = "feedback_value"
RATED_INTENT_SLOT = "rated_intent"


def intent_of_payload(payload: str) -> str | None:
    """'/check_provider{"org_nr":"…"}' -> 'check_provider'; None for a typed message."""
    if not payload.startswith("/"):
        return None
    return payload[1:].split("{", 1)[0].strip() or None
