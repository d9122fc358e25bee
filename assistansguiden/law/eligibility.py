"""A first screening: Försäkringskassan, the municipality, or neither?

Only a hint for the chat. Försäkringskassan decides after an application.
"""

from __future__ import annotations

from datetime import date

from assistansguiden.law.decision import Decision
from assistansguiden.law.findings import Findings
from assistansguiden.law.numbers import format_number
from assistansguiden.law.parameters import value_on
from assistansguiden.law.refs import FK_PHONE, LSS_1, LSS_9_2, LegalRef

PERSONKRETSAR = (1, 2, 3)


def _personkrets(f: Findings, personkrets: int | None) -> None:
    if personkrets is None:
        text = "Vi vet inte om du tillhör någon av personkretsarna 1, 2 eller 3 i LSS."
        f.fail("UNKNOWN", text, LSS_1)
        f.step(
            "FIND_PERSONKRETS",
            "Ta reda på om du tillhör personkrets 1, 2 eller 3, till exempel i ett LSS-beslut.",
        )
    elif personkrets in PERSONKRETSAR:
        f.met("PERSONKRETS", f"Du tillhör personkrets {personkrets} i LSS.", LSS_1)
    else:
        text = (
            "Du tillhör inte någon av personkretsarna i LSS, och det krävs för personlig assistans."
        )
        f.fail("NOT_IN_PERSONKRETS", text, LSS_1)
        f.step(
            "ASK_MUNICIPALITY",
            "Kontakta kommunens socialtjänst och fråga vilket annat stöd du kan få.",
        )


def _hours(f: Findings, hours: float | None, limit: int, law: LegalRef) -> None:
    if hours is None:
        text = (
            "Vi vet inte hur många timmar i veckan du behöver hjälp med de grundläggande behoven."
        )
        if "UNKNOWN" not in f.codes:
            f.fail("UNKNOWN", text, law)
        else:
            f.unchecked("HOURS_UNKNOWN", text, law)
        f.step(
            "ESTIMATE_HOURS",
            "Uppskatta hur många timmar i veckan du behöver hjälp med andning, hygien, "
            "måltider, på- och avklädning, kommunikation och annat som lagen räknar upp.",
        )
    elif hours > limit:
        f.met(
            "HOURS",
            f"Du behöver i genomsnitt hjälp mer än {limit} timmar i veckan med "
            "grundläggande behov.",
            law,
        )
    else:
        text = (
            f"Du behöver hjälp {format_number(hours)} timmar i veckan. Det måste i genomsnitt "
            f"vara mer än {limit} timmar för assistansersättning. Då kan du i stället söka "
            "personlig assistans hos kommunen."
        )
        f.fail("BELOW_HOURS", text, law)
        f.met("MUNICIPALITY", "Kommunen ansvarar för personlig assistans i övriga fall.", LSS_9_2)


def eligibility_screening(
    personkrets: int | None, hours_per_week: float | None, *, on: date | None = None
) -> Decision:
    """Personkrets 1-3 and MORE than 20 hours a week of basic needs -> Försäkringskassan."""
    day = on or date.today()
    if hours_per_week is not None and hours_per_week < 0:
        raise ValueError("Antalet timmar kan inte vara negativt.")
    threshold = value_on("basic_needs_hours_per_week", day)
    limit = int(threshold.value)
    f = Findings()
    f.used("basic_needs_hours_per_week", threshold.as_dict())
    _personkrets(f, personkrets)
    _hours(f, hours_per_week, limit, LegalRef(threshold.ref, threshold.url))
    codes = tuple(f.codes) or ("ELIGIBLE",)
    ok = codes == ("ELIGIBLE",)
    if ok:
        summary = "Du kan ha rätt till assistansersättning från Försäkringskassan."
        f.step("APPLY_FK", "Ansök hos Försäkringskassan i e-tjänsten eller på blankett 3062.")
    elif "NOT_IN_PERSONKRETS" in codes:
        summary = "Du kan inte få personlig assistans enligt LSS, men kommunen kan ha annat stöd."
    elif "BELOW_HOURS" in codes:
        summary = (
            "Du kan inte få assistansersättning, men du kan söka personlig assistans hos kommunen."
        )
        f.step("APPLY_MUNICIPALITY", "Ansök om personlig assistans hos din kommun.")
    else:
        summary = "Vi behöver veta mer för att kunna säga vem som kan ge dig personlig assistans."
    f.step("PHONE", f"Har du frågor kan du ringa Försäkringskassan på {FK_PHONE}.")
    return f.decision("eligibility", ok, day, None, summary, codes)
