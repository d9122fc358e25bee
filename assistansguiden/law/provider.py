"""May assistansersättning be paid for a provider's assistance on a given day?

provider_decision answers for assistance bought from the provider (51 kap. 16 b § SFB);
payee_decision asks whether the money can go straight to the provider: a municipality or
a provider with an IVO permit (51 kap. 19 § SFB), approved for F-skatt and registered as
an employer (Försäkringskassan's conditions). The checks follow the law's order: the
permit (and its two-week exception), the groups the permit covers, then the payee's tax
and employer registration.
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
    FK_PAYEE_CONDITIONS,
    FK_PHONE,
    FORM_PAYEE,
    IVO_REGISTER,
    LSS_23,
    SFB_51_16B,
    SFB_51_16B_GRACE,
    SFB_51_16B_SPECIAL,
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
    "GROUP_NOT_COVERED": "tillståndet inte gäller din personkrets",
    "AGE_GROUP_NOT_COVERED": "tillståndet inte gäller din åldersgrupp",
    "NO_F_SKATT": "anordnaren inte är godkänd för F-skatt",
    "NOT_REGISTERED_EMPLOYER": "anordnaren inte är registrerad som arbetsgivare",
}
STEP_IVO = Step(
    "CHECK_IVO_REGISTER",
    f"Se själv efter att tillståndet gäller, i {IVO_REGISTER}.",
)
STEP_OTHER = Step(
    "CHOOSE_OTHER_PROVIDER",
    "Välj en annan anordnare med tillstånd från IVO för din grupp. "
    "Du kan också vända dig till din kommun.",
)
STEP_PHONE = Step("PHONE", f"Har du frågor kan du ringa Försäkringskassan på {FK_PHONE}.")
STEP_FORM = Step(
    "SEND_PAYEE_FORM",
    f"Skicka blankett {FORM_PAYEE} eller använd e-tjänsten. Skicka med avtalet mellan dig "
    "och anordnaren. Villkoren måste gälla vid varje utbetalning.",
)
SPECIAL_REASONS_TEXT = (
    "Finns det särskilda skäl kan Försäkringskassan ändå betala. "
    "Det prövar Försäkringskassan i ditt ärende. Vi kan inte avgöra det här."
)


def _grace_days(on: date) -> int | None:
    """The two weeks of 51 kap. 16 b § andra stycket 1, or None before the rule existed."""
    try:
        return int(value_on("revocation_grace_days", on).value)
    except ParameterNotDecided:
        return None


def _check_permit(
    f: Findings, p: ProviderRecord, on: date, informed: date | None, law: LegalRef, bar: bool
) -> None:
    if p.permit_from is None:
        f.fail("NO_PERMIT", f"{p.name} har inget tillstånd från IVO för personlig assistans.", law)
    elif on < p.permit_from:
        text = (
            f"Tillståndet från IVO gäller från {fd(p.permit_from)}. Den {fd(on)} gällde det inte."
        )
        f.fail("PERMIT_NOT_YET_VALID", text, law, permit_from=p.permit_from)
    elif p.permit_revoked is not None and p.permit_revoked <= on:
        # The revocation day itself is no longer covered by the permit.
        text = (
            f"Tillståndet från IVO upphörde {fd(p.permit_revoked)}. Den {fd(on)} gällde det inte."
        )
        if bar and _grace_days(on) is not None:
            _check_grace(f, p, p.permit_from, p.permit_revoked, text, on, informed)
        elif bar:
            start = parameter("revocation_grace_days").values[0].start
            text += (
                f" Undantaget för tiden just efter att ett tillstånd upphört finns först från "
                f"{fd(start)}."
            )
            f.fail("PERMIT_REVOKED", text, law, revoked=p.permit_revoked, grace_from=start)
        else:
            f.fail("PERMIT_REVOKED", text, law, revoked=p.permit_revoked)
    else:
        text = (
            f"{p.name} har tillstånd från IVO sedan {fd(p.permit_from)}. Det gällde den {fd(on)}."
        )
        f.met("PERMIT", text, law, permit_from=p.permit_from)


def _check_grace(
    f: Findings,
    p: ProviderRecord,
    permit_from: date,
    revoked_on: date,
    revoked: str,
    on: date,
    informed: date | None,
) -> None:
    """51 kap. 16 b § andra stycket 1: a permit during the agreement, and two weeks after
    the day the person was told (underrättad) that the permit had ceased."""
    grace = value_on("revocation_grace_days", on)
    days = int(grace.value)
    f.used("revocation_grace_days", grace.as_dict())
    if revoked_on <= permit_from:
        text = f"{revoked} {p.name} hade aldrig ett giltigt tillstånd. Då gäller inte undantaget."
        f.fail("PERMIT_REVOKED", text, SFB_51_16B_GRACE, revoked=revoked_on, never_valid=True)
        return
    last_valid = revoked_on - timedelta(days=1)
    had = (
        f"{p.name} hade tillstånd från IVO från {fd(permit_from)} till och med {fd(last_valid)}. "
        "Undantaget gäller om du hade ett avtal med anordnaren under den tiden."
    )
    f.met("HAD_PERMIT", had, SFB_51_16B_GRACE, permit_from=permit_from, last_valid=last_valid)
    if informed is None:
        text = (
            f"{revoked} Men assistans kan ändå ersättas om den utförs senast {days} dagar efter "
            "dagen då du fick besked om det. Vi vet inte vilken dag det var."
        )
        f.fail("PERMIT_REVOKED", text, SFB_51_16B_GRACE, revoked=revoked_on, grace_days=days)
        f.step(
            "TELL_INFORMED_DATE",
            "Berätta vilken dag du fick besked om att tillståndet hade upphört. "
            "Då räknar vi ut svaret.",
        )
        return
    last = informed + timedelta(days=days)
    facts: dict[str, object] = {"revoked": revoked_on, "informed": informed, "last_day": last}
    told = f"{revoked} Du fick besked om det {fd(informed)}."
    if on <= last:
        text = f"{told} Assistans som utförs till och med {fd(last)} kan ändå ersättas."
        f.finding("REVOKED_GRACE_PERIOD", text, SFB_51_16B_GRACE, **facts)
        f.step(
            "SWITCH_PROVIDER_BY",
            f"Byt till en anordnare med tillstånd, eller till kommunen, senast {fd(last)}.",
        )
    else:
        text = f"{told} Assistans kunde ersättas till och med {fd(last)}. Den {fd(on)} är för sent."
        f.fail("PERMIT_REVOKED", text, SFB_51_16B_GRACE, **facts)


def _check_groups(
    f: Findings, p: ProviderRecord, personkrets: int | None, age_group: str | None, law: LegalRef
) -> None:
    if personkrets is None:
        text = "Vi har inte kontrollerat om tillståndet gäller din personkrets (1, 2 eller 3)."
        f.unchecked("GROUP_NOT_CHECKED", text, law)
        f.step(
            "CHECK_PERSONKRETS",
            "Ta reda på vilken personkrets du tillhör. Se efter att tillståndet gäller den.",
        )
    elif personkrets in p.personkrets:
        f.met(
            "GROUP", f"Tillståndet gäller personkrets {personkrets}.", law, personkrets=personkrets
        )
    else:
        covered = ", ".join(str(k) for k in sorted(p.personkrets)) or "ingen"
        text = f"Tillståndet gäller personkrets {covered}, men inte {personkrets}."
        f.fail(
            "GROUP_NOT_COVERED", text, law, personkrets=personkrets, covered=sorted(p.personkrets)
        )
    if age_group is None:
        text = "Vi har inte kontrollerat om tillståndet gäller barn eller vuxna."
        f.unchecked("AGE_GROUP_NOT_CHECKED", text, law)
        f.step(
            "CHECK_AGE_GROUP",
            "Se efter att tillståndet gäller din åldersgrupp, barn eller vuxna.",
        )
    elif age_group in p.age_groups:
        text = f"Tillståndet gäller assistans till {AGE_GROUP_WORDS[age_group]}."
        f.met("AGE_GROUP", text, law, age_group=age_group)
    else:
        text = f"Tillståndet gäller inte assistans till {AGE_GROUP_WORDS[age_group]}."
        f.fail("AGE_GROUP_NOT_COVERED", text, law, age_group=age_group)


def _check_payee(f: Findings, p: ProviderRecord) -> None:
    # Not in 51 kap. 19 §: these two are Försäkringskassan's conditions (seeds, 001).
    needed = "Försäkringskassan kräver det för att betala direkt till anordnaren."
    law = FK_PAYEE_CONDITIONS
    if p.f_skatt:
        f.met("F_SKATT", f"{p.name} är godkänd för F-skatt.", law)
    else:
        f.fail("NO_F_SKATT", f"{p.name} är inte godkänd för F-skatt. {needed}", law)
    where = "registrerad som arbetsgivare hos Skatteverket"
    if p.employer_registered:
        f.met("EMPLOYER", f"{p.name} är {where}.", law)
    else:
        f.fail("NOT_REGISTERED_EMPLOYER", f"{p.name} är inte {where}. {needed}", law)


def _validate(personkrets: int | None, age_group: str | None) -> None:
    if personkrets is not None and personkrets not in (1, 2, 3):
        raise ValueError("Personkretsen måste vara 1, 2 eller 3.")
    if age_group is not None and age_group not in AGE_GROUP_WORDS:
        raise ValueError("Åldersgruppen måste vara children eller adults.")


def _municipal(f: Findings, question: str, p: ProviderRecord, on: date) -> Decision:
    if question == "payee":
        text = f"{p.name} är en kommun. Ersättningen kan betalas ut direkt till en kommun."
        f.finding("MUNICIPAL", text, SFB_51_19)
        f.step(
            "SEND_PAYEE_FORM", f"Skicka blankett {FORM_PAYEE} tillsammans med avtalet med kommunen."
        )
        summary = f"{p.name} är en kommun. Ersättningen kan betalas direkt till kommunen."
    else:
        text = (
            f"{p.name} är en kommun. En kommun behöver inget tillstånd från IVO för assistans. "
            "Kravet gäller bara privata anordnare."
        )
        f.finding("MUNICIPAL", text, SFB_51_16B)
        summary = f"{p.name} är en kommun. Assistans därifrån kan ersättas utan tillstånd från IVO."
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
    # Before 2021-11-01 a missing permit did not stop payment as such (16 b § came then),
    # but a payee has needed one all along (19 §); the two-week exception exists only from then.
    bar_applies = payee or bool(rule.value)
    law = (SFB_51_19 if payee else SFB_51_16B) if bar_applies else LSS_23
    _check_permit(f, p, on, informed, law, bar_applies)
    if p.permit_from is not None:
        _check_groups(f, p, personkrets, age_group, law)
    if not bar_applies:
        start = parameter("permit_required_for_payment").values[-1].start
        text = f"Kravet på tillstånd för att få ersättning gäller först från {fd(start)}."
        f.met("PERMIT_RULE", text, LegalRef(rule.ref, rule.url), rule_from=start)
    elif not payee and any(code in PERMIT_CODES for code in f.codes):
        f.unchecked("SPECIAL_REASONS", SPECIAL_REASONS_TEXT, SFB_51_16B_SPECIAL)
    if payee:
        _check_payee(f, p)
    bars = (PERMIT_CODES if bar_applies else frozenset()) | PAYEE_CODES
    ok = not any(code in bars for code in f.codes)
    summary = _summary(payee, ok, p, on, f)
    codes = tuple(f.codes) or ("OK",)
    return f.decision(question, ok, on, p.ref, summary, codes, tail=_tail(payee, ok, f))


def _because(codes: list[str]) -> str:
    """'att A', 'att A och att B', 'att A, att B och att C'."""
    parts = [f"att {PROBLEM_WORDS[c]}" for c in codes if c in PROBLEM_WORDS]
    return " och ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)


def _summary(payee: bool, ok: bool, p: ProviderRecord, on: date, f: Findings) -> str:
    because = _because(f.codes) if any(c in PROBLEM_WORDS for c in f.codes) else ""
    unchecked = " Det gäller om tillståndet omfattar din grupp." if f.has_unchecked else ""
    if payee and ok:
        return f"Ersättningen kan betalas ut direkt till {p.name} den {fd(on)}.{unchecked}"
    if payee:
        return (
            f"Ersättningen kan inte betalas ut direkt till {p.name} den {fd(on)}. "
            f"Det beror på {because}."
        )
    if ok and because:
        # Only before the permit rule of 51 kap. 16 b § SFB: findings, but no bar.
        return f"Ersättning kunde betalas för assistans den {fd(on)}. Det gällde trots {because}."
    if ok and "REVOKED_GRACE_PERIOD" in f.codes:
        return (
            f"Tillståndet har upphört. Men assistans från {p.name} den {fd(on)} kan ändå ersättas."
        )
    if ok:
        return f"Du kan få assistansersättning för assistans från {p.name} den {fd(on)}.{unchecked}"
    return (
        f"Du kan inte få assistansersättning för assistans från {p.name} den {fd(on)}. "
        f"Det beror på {because}."
    )


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
