"""May assistansersättning be paid for a provider's assistance on a given day?

provider_decision answers for assistance bought from the provider; payee_decision
adds the conditions for paying the money straight to the provider (51 kap. 19 § SFB).
The checks follow the law's order: the permit (and its two-week tail), the groups
the permit covers, then the payee's tax and employer registration.
"""

from __future__ import annotations

from datetime import date, timedelta

from assistansguiden.law.dates import format_date as fd
from assistansguiden.law.decision import (
    ADULTS,
    CHILDREN,
    MUNICIPAL_KIND,
    Decision,
    ProviderRecord,
    Step,
)
from assistansguiden.law.findings import Findings
from assistansguiden.law.lookup_decisions import (  # re-exported: lookup-level decisions
    ambiguous_decision,
    invalid_org_nr_decision,
    not_found_decision,
)
from assistansguiden.law.parameters import ParameterNotDecided, parameter, value_on
from assistansguiden.law.refs import (
    FK_PHONE,
    FORM_PAYEE,
    IVO_REGISTER,
    LSS_23,
    SFB_51_16A,
    SFB_51_16B,
    SFB_51_19,
    LegalRef,
)

__all__ = [
    "ambiguous_decision",
    "invalid_org_nr_decision",
    "not_found_decision",
    "payee_decision",
    "provider_decision",
]

AGE_GROUP_WORDS = {CHILDREN: "barn", ADULTS: "vuxna"}
# Findings that stop payment when the permit rule applies to the question and the day.
PERMIT_CODES = frozenset(
    {"NO_PERMIT", "PERMIT_NOT_YET_VALID", "PERMIT_REVOKED", "GROUP_NOT_COVERED"}
    | {"AGE_GROUP_NOT_COVERED"}
)
PAYEE_CODES = frozenset({"NO_F_SKATT", "NOT_REGISTERED_EMPLOYER"})
PROBLEM_WORDS = {
    "NO_PERMIT": "anordnaren saknar tillstånd från IVO",
    "PERMIT_NOT_YET_VALID": "tillståndet inte gällde ännu",
    "PERMIT_REVOKED": "tillståndet har upphört",
    "GROUP_NOT_COVERED": "tillståndet inte omfattar din personkrets",
    "AGE_GROUP_NOT_COVERED": "tillståndet inte omfattar din åldersgrupp",
    "NO_F_SKATT": "anordnaren inte är godkänd för F-skatt",
    "NOT_REGISTERED_EMPLOYER": "anordnaren inte är registrerad som arbetsgivare",
}
STEP_IVO = Step(
    "CHECK_IVO_REGISTER",
    f"Kontrollera själv att anordnaren har ett gällande tillstånd i {IVO_REGISTER}.",
)
STEP_OTHER = Step(
    "CHOOSE_OTHER_PROVIDER",
    "Välj en annan anordnare som har tillstånd från IVO för din grupp, "
    "eller vänd dig till din kommun.",
)
STEP_PHONE = Step("PHONE", f"Har du frågor kan du ringa Försäkringskassan på {FK_PHONE}.")
STEP_FORM = Step(
    "SEND_PAYEE_FORM",
    f"Skicka blankett {FORM_PAYEE} eller använd e-tjänsten, tillsammans med avtalet "
    "mellan dig och anordnaren. Villkoren måste vara uppfyllda vid varje utbetalning.",
)


def _check_permit(
    f: Findings, p: ProviderRecord, on: date, informed: date | None, law: LegalRef, grace: bool
) -> None:
    if p.permit_from is None:
        f.fail("NO_PERMIT", f"{p.name} har inget tillstånd från IVO för personlig assistans.", law)
    elif on < p.permit_from:
        text = f"Tillståndet från IVO gäller från {fd(p.permit_from)}, alltså inte den {fd(on)}."
        f.fail("PERMIT_NOT_YET_VALID", text, law)
    elif p.permit_revoked is not None and p.permit_revoked <= on:
        # The revocation day itself is no longer covered by the permit.
        text = f"Tillståndet från IVO upphörde {fd(p.permit_revoked)} och gällde inte den {fd(on)}."
        if grace:
            _check_grace(f, text, on, informed)
        else:
            f.fail("PERMIT_REVOKED", text, law)
    else:
        text = (
            f"{p.name} har tillstånd från IVO sedan {fd(p.permit_from)}. Det gällde den {fd(on)}."
        )
        f.met("PERMIT", text, law)


def _check_grace(f: Findings, revoked: str, on: date, informed: date | None) -> None:
    try:
        grace = value_on("revocation_grace_days", on)
    except ParameterNotDecided:
        start = fd(parameter("revocation_grace_days").values[0].start)
        text = f"{revoked} Regeln om ersättning en kort tid efteråt gäller först från {start}."
        f.fail("PERMIT_REVOKED", text, SFB_51_16B)
        return
    days = int(grace.value)
    f.used("revocation_grace_days", grace.as_dict())
    if informed is None:
        text = (
            f"{revoked} Assistans kan ändå ersättas om den utförs högst {days} dagar efter dagen "
            "då du fick veta att tillståndet upphört. Vi vet inte vilken dag det var."
        )
        f.fail("PERMIT_REVOKED", text, SFB_51_16B)
        f.step(
            "TELL_INFORMED_DATE",
            "Berätta vilken dag du fick veta att tillståndet upphörde, så räknar vi ut svaret.",
        )
        return
    last = informed + timedelta(days=days)
    told = f"{revoked} Du fick veta det {fd(informed)}"
    if on <= last:
        text = f"{told}, och assistans som utförs till och med {fd(last)} kan ändå ersättas."
        f.finding("REVOKED_GRACE_PERIOD", text, SFB_51_16B)
        f.step(
            "SWITCH_PROVIDER_BY",
            f"Byt till en anordnare med tillstånd, eller till kommunen, senast {fd(last)}.",
        )
    else:
        text = f"{told}. Assistans kunde ersättas till och med {fd(last)}, men inte den {fd(on)}."
        f.fail("PERMIT_REVOKED", text, SFB_51_16B)


def _check_groups(
    f: Findings, p: ProviderRecord, personkrets: int | None, age_group: str | None
) -> None:
    if personkrets is None:
        text = "Vi har inte kontrollerat om tillståndet omfattar din personkrets (1, 2 eller 3)."
        f.unchecked("GROUP_NOT_CHECKED", text, LSS_23)
        f.step(
            "CHECK_PERSONKRETS",
            "Ta reda på vilken personkrets du tillhör och att tillståndet omfattar den.",
        )
    elif personkrets in p.personkrets:
        f.met("GROUP", f"Tillståndet omfattar personkrets {personkrets}.", LSS_23)
    else:
        covered = ", ".join(str(k) for k in sorted(p.personkrets)) or "ingen"
        text = f"Tillståndet omfattar personkrets {covered}, men inte {personkrets}."
        f.fail("GROUP_NOT_COVERED", text, LSS_23)
    if age_group is None:
        text = "Vi har inte kontrollerat om tillståndet gäller barn eller vuxna."
        f.unchecked("AGE_GROUP_NOT_CHECKED", text, LSS_23)
        f.step(
            "CHECK_AGE_GROUP",
            "Kontrollera att tillståndet gäller din åldersgrupp (barn eller vuxna).",
        )
    elif age_group in p.age_groups:
        f.met(
            "AGE_GROUP", f"Tillståndet gäller assistans till {AGE_GROUP_WORDS[age_group]}.", LSS_23
        )
    else:
        text = f"Tillståndet gäller inte assistans till {AGE_GROUP_WORDS[age_group]}."
        f.fail("AGE_GROUP_NOT_COVERED", text, LSS_23)


def _check_payee(f: Findings, p: ProviderRecord) -> None:
    needed = "och det krävs för att få ersättningen direkt"
    if p.f_skatt:
        f.met("F_SKATT", f"{p.name} är godkänd för F-skatt.", SFB_51_19)
    else:
        f.fail("NO_F_SKATT", f"{p.name} är inte godkänd för F-skatt, {needed}.", SFB_51_19)
    where = "registrerad som arbetsgivare hos Skatteverket"
    if p.employer_registered:
        f.met("EMPLOYER", f"{p.name} är {where}.", SFB_51_19)
    else:
        f.fail("NOT_REGISTERED_EMPLOYER", f"{p.name} är inte {where}, {needed}.", SFB_51_19)


def _validate(personkrets: int | None, age_group: str | None) -> None:
    if personkrets is not None and personkrets not in (1, 2, 3):
        raise ValueError("Personkretsen måste vara 1, 2 eller 3.")
    if age_group is not None and age_group not in AGE_GROUP_WORDS:
        raise ValueError("Åldersgruppen måste vara children eller adults.")


def _municipal(f: Findings, question: str, p: ProviderRecord, on: date) -> Decision:
    text = f"{p.name} är en kommun. En kommun behöver inget tillstånd från IVO för assistans."
    f.finding("MUNICIPAL", text, LSS_23)
    if question == "payee":
        f.step(
            "SEND_PAYEE_FORM", f"Skicka blankett {FORM_PAYEE} tillsammans med avtalet med kommunen."
        )
        summary = f"{p.name} är en kommun och kan ta emot ersättningen som betalningsmottagare."
    else:
        summary = f"{p.name} är en kommun, så assistans därifrån kan ersättas utan IVO-tillstånd."
    f.step(STEP_PHONE.code, STEP_PHONE)
    return f.decision(question, True, on, p.ref, summary, ("MUNICIPAL",))


def _decide(
    question: str,
    p: ProviderRecord,
    on: date,
    personkrets: int | None,
    age_group: str | None,
    informed: date | None,
) -> Decision:
    _validate(personkrets, age_group)
    f = Findings()
    if p.kind == MUNICIPAL_KIND:
        return _municipal(f, question, p, on)
    payee = question == "payee"
    rule = value_on("permit_required_for_payment", on)
    f.used("permit_required_for_payment", rule.as_dict())
    # Before 2021-11-01 a missing permit did not stop payment as such (16 a § came then),
    # but a payee has needed one all along (19 §); the two-week tail exists only from then.
    bar_applies = payee or bool(rule.value)
    law = (SFB_51_19 if payee else SFB_51_16A) if bar_applies else LSS_23
    _check_permit(f, p, on, informed, law, grace=bar_applies)
    if p.permit_from is not None:
        _check_groups(f, p, personkrets, age_group)
    if not bar_applies:
        start = fd(parameter("permit_required_for_payment").values[-1].start)
        text = f"Kravet på tillstånd för att ersättning ska betalas gäller först från {start}."
        f.met("PERMIT_RULE", text, LegalRef(rule.ref, rule.url))
    if payee:
        _check_payee(f, p)
    bars = (PERMIT_CODES if bar_applies else frozenset()) | PAYEE_CODES
    ok = not any(code in bars for code in f.codes)
    summary = _summary(payee, ok, p, on, f)
    codes = tuple(f.codes) or ("OK",)
    return f.decision(question, ok, on, p.ref, summary, codes, tail=_tail(payee, ok, f))


def _summary(payee: bool, ok: bool, p: ProviderRecord, on: date, f: Findings) -> str:
    because = " och ".join(PROBLEM_WORDS[c] for c in f.codes if c in PROBLEM_WORDS)
    unchecked = ", om tillståndet omfattar din grupp" if f.has_unchecked else ""
    if payee and ok:
        return f"{p.name} kan ta emot ersättningen som betalningsmottagare den {fd(on)}{unchecked}."
    if payee:
        return f"{p.name} kan inte vara betalningsmottagare den {fd(on)}, eftersom {because}."
    if ok and because:
        # Only before the permit rule of 51 kap. 16 a § SFB: findings, but no bar.
        return f"Ersättning kunde betalas för assistans den {fd(on)}, trots att {because}."
    if ok and "REVOKED_GRACE_PERIOD" in f.codes:
        return (
            f"Tillståndet har upphört, men assistans från {p.name} den {fd(on)} kan ändå ersättas."
        )
    if ok:
        return (
            f"Assistansersättning kan betalas för assistans från {p.name} den {fd(on)}{unchecked}."
        )
    return f"Assistansersättning kan inte betalas för {p.name} den {fd(on)}, eftersom {because}."


def _tail(payee: bool, ok: bool, f: Findings) -> list[Step]:
    permit_problem = any(c in PERMIT_CODES for c in f.codes)
    steps = [STEP_IVO]
    if not ok and permit_problem:
        steps.append(STEP_OTHER)
    if payee and ok:
        steps.append(STEP_FORM)
    elif payee and not permit_problem:
        steps.append(
            Step(
                "PAY_TO_YOU_MEANWHILE",
                "Tills villkoren är uppfyllda kan ersättningen betalas till dig i stället.",
            )
        )
    steps.append(STEP_PHONE)
    return steps


def provider_decision(
    provider: ProviderRecord,
    on: date,
    *,
    personkrets: int | None = None,
    age_group: str | None = None,
    informed: date | None = None,
) -> Decision:
    """Can assistansersättning be paid for assistance by `provider` on the day `on`?"""
    return _decide("provider", provider, on, personkrets, age_group, informed)


def payee_decision(
    provider: ProviderRecord,
    on: date,
    *,
    personkrets: int | None = None,
    age_group: str | None = None,
    informed: date | None = None,
) -> Decision:
    """Can the compensation for assistance on the day `on` be paid straight to `provider`?"""
    return _decide("payee", provider, on, personkrets, age_group, informed)
