"""Human titles of the topics, for "Menade du …?" buttons (the payload is the intent)."""

from __future__ import annotations

TOPIC_TITLES: dict[str, str] = {
    "ask_apply": "Hur ansöker jag?",
    "ask_eligibility": "Vem kan få assistansersättning?",
    "ask_responsibility": "Kommunen eller Försäkringskassan?",
    "ask_choose_provider": "Välja anordnare",
    "check_provider": "Kolla en anordnares tillstånd",
    "ask_payee": "Pengarna direkt till anordnaren",
    "ask_reporting": "Redovisning varje månad",
    "report_change": "Anmäla en ändring",
    "ask_turning_18": "När barnet fyller 18",
    "ask_turning_66": "Åldersgränsen för assistans",
    "ask_hourly_amount": "Timbeloppet i år",
    "ask_higher_amount": "Högre timbelopp",
    "ask_not_payable": "När pengarna inte kan betalas",
    "ask_more_hours": "Fler timmar",
    "ask_hospital": "Assistans på sjukhus",
    "ask_abroad": "Assistans utomlands",
    "ask_representative": "Ombud och god man",
    "ask_overpayment": "Betala tillbaka pengar",
    "report_fraud": "Tipsa om fusk",
    "ask_self_employ": "Anställa assistenter själv",
    "ask_relative_assistant": "En anhörig som assistent",
    "ask_what_is": "Vad är assistansersättning?",
    "request_human": "Prata med en person",
}
MAX_SUGGESTIONS = 3
MIN_CONFIDENCE = 0.08  # below this a topic is no real guess


def suggestions(intent_ranking: list[dict[str, object]]) -> list[str]:
    """The two or three most likely topics of a message the classifier was unsure of."""
    found: list[str] = []
    for entry in intent_ranking:
        name = str(entry.get("name") or "").split("/")[-1]
        confidence = entry.get("confidence")
        if name not in TOPIC_TITLES or name in found:
            continue
        if not isinstance(confidence, int | float) or confidence < MIN_CONFIDENCE:
            continue
        found.append(name)
        if len(found) == MAX_SUGGESTIONS:
            break
    return found
