"""Where a person stands in time: child, adult, or past the age limit of 51 kap. SFB.

The age limit is dated law (65, then 66, then the riktålder för pension). Who has
reached a limit keeps it when the limit is later raised: 65 reached before 2023 and 66
reached before 2026 by the transitional provisions to SFS 2022:878 and 2022:879 (point 4),
a riktålder by 2 kap. 10 c § andra stycket SFB. So the limit that applies is found by
walking the periods in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from assistansguiden.law.dates import format_date as fd
from assistansguiden.law.decision import Step
from assistansguiden.law.parameters import DatedValue, ParameterNotDecided, parameter, value_on
from assistansguiden.law.refs import KEEPS_65, KEEPS_66, SFB_2_10C, LegalRef

RIKTALDER = "riktalder"
# Who reached the limit of a period before it was raised keeps it: where that is said.
_KEPT_BY = {65: KEEPS_65, 66: KEEPS_66}


@dataclass(frozen=True)
class AgeStage:
    birth_date: date
    today: date
    age: int
    turns_18: date
    age_limit: int
    reaches_age_limit: date
    stage: str  # "child" | "adult" | "past_age_limit"
    next_steps: tuple[Step, ...]
    legal_refs: tuple[str, ...]
    notes: tuple[str, ...]  # e.g. that a limit after 2031 is preliminary

    def to_json(self) -> dict[str, Any]:
        """DESIGN.md's age JSON; notes are things to know, so they follow the next steps."""
        return {
            "birth_date": self.birth_date.isoformat(),
            "today": self.today.isoformat(),
            "age": self.age,
            "turns_18": self.turns_18.isoformat(),
            "age_limit": self.age_limit,
            "reaches_age_limit": self.reaches_age_limit.isoformat(),
            "stage": self.stage,
            "next_steps": [str(s) for s in self.next_steps] + list(self.notes),
        }


def _kept_by(period: DatedValue) -> LegalRef:
    """Where it is said that who reached this period's limit keeps it if it is raised."""
    if period.value == RIKTALDER:
        return SFB_2_10C
    return _KEPT_BY[int(period.value)]


def birthday(birth: date, years: int) -> date:
    """The day one turns `years`; born 29 February, one turns a year older on 1 March."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return date(birth.year + years, 3, 1)


def age_on(birth: date, day: date) -> int:
    years = day.year - birth.year
    return years if birthday(birth, years) <= day else years - 1


def _riktalder(year: int) -> tuple[DatedValue, bool]:
    """The riktålder of a year, and whether it is preliminary (not decided yet)."""
    try:
        return value_on("riktalder_for_pension", date(year, 1, 1)), False
    except ParameterNotDecided:
        values = parameter("riktalder_for_pension").values
        if year < values[0].start.year:
            raise
        # After the last decided year: assume it stays, and say so.
        return values[-1], True


def applicable_limit(birth: date) -> tuple[int, date, list[DatedValue], bool]:
    """(limit, day reached, parameter values used, preliminary) for a person."""
    periods = parameter("age_limit").values
    for index, period in enumerate(periods):
        end = periods[index + 1].start - timedelta(days=1) if index + 1 < len(periods) else None
        if period.value != RIKTALDER:
            limit = int(period.value)
            reached = birthday(birth, limit)
            if end is None or reached <= end:
                return limit, reached, [period], False
            continue
        year = period.start.year
        while True:
            # The riktålder of a year applies to who reaches it that year.
            rikt, preliminary = _riktalder(year)
            reached = birthday(birth, int(rikt.value))
            if reached.year <= year:
                return int(rikt.value), reached, [period, rikt], preliminary
            year += 1
    raise ParameterNotDecided("Åldersgränsen kunde inte bestämmas.")


def _steps(stage: str, turns_18: date, limit: int, reached: date) -> list[Step]:
    steps: list[Step] = []
    if stage == "child":
        steps.append(
            Step(
                "TURNS_18",
                f"Barnet fyller 18 år {fd(turns_18)}. Kontrollera före dess att "
                "anordnarens tillstånd från IVO också gäller vuxna.",
            )
        )
    if stage != "past_age_limit":
        last = reached - timedelta(days=1)
        steps.append(
            Step(
                "APPLY_BEFORE_AGE_LIMIT",
                "Har du inte assistansersättning redan? Då måste din ansökan ha kommit in till "
                f"Försäkringskassan senast {fd(last)}. Det är dagen före {limit}-årsdagen.",
            )
        )
        steps.append(
            Step(
                "NO_MORE_HOURS_FROM",
                f"Från {fd(reached)} kan inga fler timmar beviljas. "
                "Den assistansersättning du redan har fortsätter.",
            )
        )
    else:
        steps.append(
            Step(
                "AGE_LIMIT_REACHED",
                f"Du har nått åldersgränsen {limit} år. Du kan inte få fler timmar. "
                "Men den assistansersättning du redan har fortsätter.",
            )
        )
    return steps


def age_stage(birth_date: date, today: date) -> AgeStage:
    """Age, the day one turns 18, and the age limit that applies to this person."""
    if birth_date > today:
        raise ValueError(f"Födelsedatumet {fd(birth_date)} ligger efter dagens datum {fd(today)}.")
    adult = value_on("adult_age", today)
    turns_18 = birthday(birth_date, int(adult.value))
    limit, reached, used, preliminary = applicable_limit(birth_date)
    if today < turns_18:
        stage = "child"
    elif today < reached:
        stage = "adult"
    else:
        stage = "past_age_limit"
    notes = []
    if preliminary:
        notes.append(
            f"Åldersgränsen {limit} år är preliminär. Riktåldern för pension för "
            f"{reached.year} är inte beslutad ännu."
        )
    refs = [LegalRef(adult.ref, adult.url), *(LegalRef(v.ref, v.url) for v in used)]
    refs.append(_kept_by(used[0]))
    return AgeStage(
        birth_date=birth_date,
        today=today,
        age=age_on(birth_date, today),
        turns_18=turns_18,
        age_limit=limit,
        reaches_age_limit=reached,
        stage=stage,
        next_steps=tuple(_steps(stage, turns_18, limit, reached)),
        legal_refs=tuple(dict.fromkeys(r.ref for r in refs)),
        notes=tuple(notes),
    )


@dataclass(frozen=True)
class AgeLimitInForce:
    """The age limit rule in force on a day, for general answers about the limit."""

    adult_age: int
    age_limit: int  # the limit for who reaches it in this year
    period_label: str  # the years that limit is decided for, e.g. "2026–2031"
    since: date  # the day the current rule took effect
    previous_limit: int | None
    legal_refs: tuple[str, ...]


def age_limit_in_force(today: date) -> AgeLimitInForce:
    periods = parameter("age_limit").values
    current = value_on("age_limit", today)
    index = next(i for i, period in enumerate(periods) if period.start == current.start)
    previous = periods[index - 1] if index > 0 else None
    refs = [current.ref]
    if current.value == RIKTALDER:
        rikt, _preliminary = _riktalder(today.year)
        limit = int(rikt.value)
        end_year = rikt.end.year if rikt.end else None
        label = f"{rikt.start.year}–{end_year}" if end_year else f"från {rikt.start.year}"
        refs.append(rikt.ref)
    else:
        limit = int(current.value)
        label = f"från {current.start.year}"
    # Where it is said that who reached an earlier limit keeps it.
    refs += [_kept_by(period).ref for period in periods[: index + 1]]
    previous_limit = None
    if previous is not None and previous.value != RIKTALDER:
        previous_limit = int(previous.value)
    return AgeLimitInForce(
        adult_age=int(value_on("adult_age", today).value),
        age_limit=limit,
        period_label=label,
        since=current.start,
        previous_limit=previous_limit,
        legal_refs=tuple(dict.fromkeys(refs)),
    )
