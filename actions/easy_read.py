"""Decisions in lättläst: the same answers as actions/render.py, in short sentences with
everyday words, one thing a line, no abbreviations and no section numbers (the standard
text and the staff view keep those). Ages and deadlines: actions/easy_read_dates.py.

The words are chosen from the decision's codes and facts (Reason.facts), never from its
Swedish sentences; which reasons and steps are shown, and their order, is render.py's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from actions.render import (
    ChatMessage,
    candidate_buttons,
    grace_days,
    reasons_shown,
    step_buttons,
    steps_shown,
    unchecked,
)
from assistansguiden.law import Decision, Reason, format_date
from assistansguiden.law.refs import FK_PHONE, FORM_PAYEE

PHONE = f"Har du frågor?\nRing Försäkringskassan på {FK_PHONE}."
AGE_WORDS = {"children": "barn", "adults": "vuxna"}
STEP_TITLE = "Det här kan du göra:"


def lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _day(facts: Mapping[str, object], key: str) -> str:
    value = facts.get(key)
    return format_date(value) if isinstance(value, date) else ""


def _groups(numbers: object) -> str:
    """[1, 2] -> 'grupp 1 och 2'."""
    found = [str(n) for n in numbers] if isinstance(numbers, list | tuple) else []
    if not found:
        return "ingen grupp"
    return "grupp " + (" och ".join([", ".join(found[:-1]), found[-1]]) if found[1:] else found[0])


def _revoked(r: Reason, it: str) -> str:
    f = r.facts
    ended = f"Tillståndet slutade gälla {_day(f, 'revoked')}."
    if f.get("never_valid"):
        return lines(ended, f"{it} har aldrig haft ett tillstånd som gällt.")
    if "grace_from" in f:
        return lines(
            ended, f"Regeln om extra tid efter det finns först från {_day(f, 'grace_from')}."
        )
    if "grace_days" in f:
        return lines(
            ended,
            "Du kan ändå få pengar en kort tid.",
            f"Det gäller i {f['grace_days']} dagar från dagen då du fick veta det.",
        )
    if "last_day" in f:
        return lines(
            ended,
            f"Du fick veta det {_day(f, 'informed')}.",
            f"Du kunde få pengar till och med {_day(f, 'last_day')}.",
        )
    return ended


def reason_text(r: Reason, it: str) -> str:
    """One reason in lättläst, from its code and facts; `it` names the provider ("Den")."""
    f = r.facts
    texts: dict[str, Callable[[], str]] = {
        "NO_PERMIT": lambda: f"{it} har inte tillstånd att ge assistans.",
        "PERMIT_NOT_YET_VALID": lambda: f"Tillståndet börjar gälla först {_day(f, 'permit_from')}.",
        "PERMIT_REVOKED": lambda: _revoked(r, it),
        "REVOKED_GRACE_PERIOD": lambda: lines(
            f"Tillståndet slutade gälla {_day(f, 'revoked')}.",
            f"Du fick veta det {_day(f, 'informed')}.",
            f"Du kan ändå få pengar till och med {_day(f, 'last_day')}.",
        ),
        "HAD_PERMIT": lambda: lines(
            f"{it} hade tillstånd till och med {_day(f, 'last_valid')}.",
            "Ni måste ha haft ett avtal medan tillståndet gällde.",
        ),
        "PERMIT": lambda: f"{it} har tillstånd.",
        "GROUP": lambda: f"Tillståndet gäller {_groups([f.get('personkrets')])}.",
        "GROUP_NOT_COVERED": lambda: lines(
            f"Tillståndet gäller inte {_groups([f.get('personkrets')])}.",
            f"Det gäller bara {_groups(f.get('covered'))}.",
        ),
        "GROUP_NOT_CHECKED": lambda: "Jag vet inte om tillståndet gäller din grupp.",
        "AGE_GROUP": lambda: f"Tillståndet gäller {AGE_WORDS.get(str(f.get('age_group')), '')}.",
        "AGE_GROUP_NOT_COVERED": lambda: (
            f"Tillståndet gäller inte {AGE_WORDS.get(str(f.get('age_group')), '')}."
        ),
        "AGE_GROUP_NOT_CHECKED": lambda: "Jag vet inte om tillståndet gäller barn eller vuxna.",
        "MUNICIPAL": lambda: lines(f"{it} är en kommun.", "En kommun behöver inget tillstånd."),
        "PERMIT_RULE": lambda: f"Regeln om tillstånd finns först från {_day(f, 'rule_from')}.",
        "SPECIAL_REASONS": lambda: lines(
            "Ibland kan Försäkringskassan ändå betala.",
            "Det gäller om det finns ett särskilt skäl.",
        ),
        "F_SKATT": lambda: f"{it} får betala sin egen skatt. Skatteverket har godkänt det.",
        "NO_F_SKATT": lambda: lines(
            f"{it} får inte betala sin egen skatt.", "Skatteverket har inte godkänt det."
        ),
        "EMPLOYER": lambda: f"{it} är anmäld som arbetsgivare.",
        "NOT_REGISTERED_EMPLOYER": lambda: lines(
            f"{it} är inte anmäld som arbetsgivare.", "Det ska göras hos Skatteverket."
        ),
    }
    return texts[r.code]() if r.code in texts else ""


def _answer(decision: Decision, name: str) -> str:
    when = f"Det gäller den {format_date(decision.as_of)}."
    payee = decision.question == "payee"
    if not decision.ok:
        if payee:
            return lines("Nej.", f"Pengarna kan inte gå direkt till {name}.", when)
        return lines("Nej.", f"Du kan inte få pengar för assistans från {name}.", when)
    yes = "Troligen ja." if unchecked(decision) else "Ja."
    if "REVOKED_GRACE_PERIOD" in decision.codes:
        return lines("Ja, men bara en kort tid.", "Anordnaren har inte tillstånd längre.")
    if payee:
        return lines(yes, f"Pengarna kan gå direkt till {name}.", when)
    if any(not r.met for r in decision.reasons if r.code in decision.codes):
        # Only before the permit rule (1 november 2021): findings, but no bar.
        return lines(yes, "Du kunde få pengar för assistans.", when, "Då fanns inget krav.")
    return lines(yes, f"Du kan få pengar för assistans från {name}.", when)


def _lookup(decision: Decision) -> list[ChatMessage] | None:
    """A decision made before any rule: not found, a wrong number, several providers."""
    facts = decision.reasons[0].facts if decision.reasons else {}
    query = str(facts.get("query", ""))
    if "AMBIGUOUS" in decision.codes:
        text = lines(f"Flera anordnare har ett namn som liknar ”{query}”.", "Vilken menar du?")
        return [ChatMessage(text, candidate_buttons(decision))]
    if "NOT_FOUND" in decision.codes:
        text = lines(
            "Nej.",
            f"Jag hittar ingen anordnare för ”{query}”.",
            "Anordnaren kan ändå ha tillstånd.",
            "Alla finns inte med hos mig.",
        )
        return [ChatMessage(text)]
    if "INVALID_ORG_NR" in decision.codes:
        if "org_nr" in facts:
            text = lines(
                "Nej.",
                f"Numret {facts['org_nr']} verkar inte stämma.",
                "Den sista siffran blir fel.",
            )
        else:
            text = lines(
                "Nej.",
                f"”{query}” är inte ett nummer för en anordnare.",
                "Numret ska ha tio siffror.",
            )
        return [ChatMessage(text)]
    return None


def step_text(code: str, decision: Decision) -> str:
    last = next((_day(r.facts, "last_day") for r in decision.reasons if "last_day" in r.facts), "")
    municipal = "MUNICIPAL" in decision.codes
    texts = {
        "CHECK_IVO_REGISTER": "Titta själv på ivo.se att tillståndet gäller.",
        "CHOOSE_OTHER_PROVIDER": lines(
            "Välj en annan anordnare som har tillstånd.", "Du kan också fråga din kommun."
        ),
        "PHONE": PHONE,
        "SEND_PAYEE_FORM": lines(
            f"Skicka blankett {FORM_PAYEE} till Försäkringskassan.",
            "" if municipal else "Du kan också göra det på forsakringskassan.se.",
            "Skicka med ert avtal.",
        ),
        "SWITCH_PROVIDER": lines(
            "Byt till en anordnare med tillstånd så fort du kan.",
            f"Du får bara pengar i {grace_days(decision)} dagar från att du fick veta det.",
        ),
        "SWITCH_PROVIDER_BY": f"Byt till en anordnare med tillstånd senast {last}.",
        "CHECK_PERSONKRETS": lines(
            "Ta reda på vilken grupp du hör till.", "Titta om tillståndet gäller den gruppen."
        ),
        "CHECK_AGE_GROUP": "Titta om tillståndet gäller barn eller vuxna.",
        "PAY_TO_YOU_MEANWHILE": "Tills det är klart kan pengarna gå till dig.",
        "CHECK_SPELLING": lines("Titta om du har skrivit rätt.", "Försök sedan igen."),
        "SEARCH_IVO_REGISTER": "Du kan också söka på ivo.se.",
        "CHECK_ORG_NR": lines("Numret står i ert avtal eller på en faktura.", "Skriv numret igen."),
        "TRY_NAME": "Du kan också skriva anordnarens namn.",
        "CHOOSE_CANDIDATE": lines("Välj en av anordnarna.", "Du kan också skriva numret."),
    }
    return texts.get(code, "")


def _steps_message(decision: Decision, buttons: list[dict[str, str]]) -> list[ChatMessage]:
    steps = [text for text in (step_text(s.code, decision) for s in steps_shown(decision)) if text]
    if not steps:
        return []
    return [ChatMessage(lines(STEP_TITLE, *steps), buttons)]


def render_decision(decision: Decision) -> list[ChatMessage]:
    """Like render.render_decision: the answer and why first, then what to do."""
    looked_up = _lookup(decision)
    if looked_up is not None:
        return looked_up + _steps_message(decision, [])
    name = decision.provider.name if decision.provider else "Anordnaren"
    shown = reasons_shown(decision)
    both = {"GROUP", "AGE_GROUP"} <= {r.code for r in shown}
    why = [reason_text(r, "Den") for r in shown if not (both and r.code in ("GROUP", "AGE_GROUP"))]
    if both:
        # Both hold: one line says it ("Tillståndet gäller grupp 3 och vuxna").
        group = next(r for r in shown if r.code == "GROUP").facts.get("personkrets")
        ages = next(r for r in shown if r.code == "AGE_GROUP").facts.get("age_group")
        why.append(f"Tillståndet gäller {_groups([group])} och {AGE_WORDS.get(str(ages), '')}.")
    first = ChatMessage(lines(_answer(decision, name), *why))
    return [first, *_steps_message(decision, step_buttons(decision))]
