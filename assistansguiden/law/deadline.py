"""The last day to report a change to Försäkringskassan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from assistansguiden.law.parameters import value_on


@dataclass(frozen=True)
class Deadline:
    change_date: date
    deadline: date
    days: int
    legal_refs: tuple[str, ...]
    urls: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "change_date": self.change_date.isoformat(),
            "deadline": self.deadline.isoformat(),
            "legal_refs": list(self.legal_refs),
        }


def report_deadline(change_date: date) -> Deadline:
    """The deadline counted from the day of the change, as Försäkringskassan asks.

    The law counts from the day the person learned of the change; counting from the
    change itself is never later, so it is the safe day to give.
    """
    days = value_on("change_report_days", change_date)
    count = int(days.value)
    return Deadline(
        change_date=change_date,
        deadline=change_date + timedelta(days=count),
        days=count,
        legal_refs=(days.ref,),
        urls=(days.url,),
    )
