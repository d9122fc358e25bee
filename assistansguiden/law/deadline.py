"""The last day to report a change to Försäkringskassan.

110 kap. 47 § SFB: as soon as possible and at the latest 14 days after the day the person
learned of the change. 2 § lagen (1930:173): a last day on a Saturday, Sunday, public
holiday, midsommarafton, julafton or nyårsafton moves to the next weekday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from assistansguiden.law.dates import format_date, format_weekday_date
from assistansguiden.law.parameters import value_on
from assistansguiden.law.refs import LAW_1930_173_2
from assistansguiden.law.workdays import HOLIDAY, day_off, next_weekday

NOT_MOVED = "NOT_MOVED"
MOVED_WEEKEND = "MOVED_WEEKEND"
MOVED_HOLIDAY = "MOVED_HOLIDAY"
# Where the person stands on a given day (Deadline.status_on).
AHEAD = "AHEAD"  # the change lies ahead: report it as soon as possible
OPEN = "OPEN"  # the last day has not passed
PASSED = "PASSED"  # the last day has passed: report it anyway, at once


@dataclass(frozen=True)
class Deadline:
    change_date: date  # the day the person learned of the change (usually the day it happened)
    counted_day: date  # change_date + 14 days
    deadline: date  # counted_day, or the first weekday after it
    days: int
    move: str  # NOT_MOVED | MOVED_WEEKEND | MOVED_HOLIDAY
    moved_because: str  # what counted_day is: "söndag", "juldagen", ... ("" when not moved)
    legal_refs: tuple[str, ...]
    urls: tuple[str, ...]

    @property
    def moved(self) -> bool:
        return self.move != NOT_MOVED

    def status_on(self, today: date) -> str:
        if self.change_date > today:
            return AHEAD
        return OPEN if self.deadline >= today else PASSED

    def to_json(self) -> dict[str, Any]:
        """DESIGN.md's three keys first; the day counted to and why it moved follow."""
        return {
            "change_date": self.change_date.isoformat(),
            "deadline": self.deadline.isoformat(),
            "legal_refs": list(self.legal_refs),
            "counted_day": self.counted_day.isoformat(),
            "move": self.move,
            "moved_because": self.moved_because or None,
        }


def report_deadline(change_date: date) -> Deadline:
    """The last day to report a change the person learned of on `change_date`."""
    days = value_on("change_report_days", change_date)
    count = int(days.value)
    counted = change_date + timedelta(days=count)
    off = day_off(counted)
    refs, urls = [days.ref], [days.url]
    if off is None:
        last, move, because = counted, NOT_MOVED, ""
    else:
        last = next_weekday(counted)
        move = MOVED_HOLIDAY if off.kind == HOLIDAY else MOVED_WEEKEND
        because = off.name
        refs.append(LAW_1930_173_2.ref)
        urls.append(LAW_1930_173_2.url)
    return Deadline(
        change_date=change_date,
        counted_day=counted,
        deadline=last,
        days=count,
        move=move,
        moved_because=because,
        legal_refs=tuple(refs),
        urls=tuple(urls),
    )


def moved_sentence(deadline: Deadline) -> str:
    """Which day the 14 days end on and why the last day moved, in Swedish ("" if not moved).

    "14 dagar efter 10 december 2026 är torsdag 24 december 2026, som är julafton. Sista
    dagen flyttas därför till nästa vardag, måndag 28 december 2026."
    """
    if not deadline.moved:
        return ""
    counted = format_weekday_date(deadline.counted_day)
    if deadline.move == MOVED_HOLIDAY:  # a weekend day is already named by its weekday
        counted += f", som är {deadline.moved_because}"
    return (
        f"{deadline.days} dagar efter {format_date(deadline.change_date)} är {counted}. "
        f"Sista dagen flyttas därför till nästa vardag, {format_weekday_date(deadline.deadline)}."
    )
