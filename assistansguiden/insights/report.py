"""The insights report: what people asked, what was answered, where they left.

Built from conversations read by assistansguiden.insights.turns; it holds counts and
masked, grouped message texts only, never a sender id or anything else that points to a
person. A message that got no answer is shown only when at least MIN_SENDERS different
senders sent it (after normalising), and at most MAX_UNANSWERED of them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from assistansguiden.insights.turns import CHOSEN, NONE_OF_THEM, Conversation
from assistansguiden.privacy.masking import mask_text
from assistansguiden.topics import FALLBACK, FEEDBACK, FEEDBACK_VALUES, OUT_OF_SCOPE, TOPICS

TIME_ZONE = ZoneInfo("Europe/Stockholm")
MIN_SENDERS = 3
MAX_UNANSWERED = 50
UNANSWERED_INTENTS = frozenset({FALLBACK, OUT_OF_SCOPE})
_SPACES = re.compile(r"\s+")
# Punctuation around a message ("Hund?", "hund.") makes no other message; a mask's
# brackets stay.
_EDGES = re.compile(r"^[\s.,;:!?…\"'”“»«()-]+|[\s.,;:!?…\"'”“»«()-]+$")


@dataclass(frozen=True)
class Period:
    """Whole days in Swedish time, first to last inclusive."""

    first: date
    last: date

    @classmethod
    def ending(cls, last: date, days: int) -> Period:
        if days < 1:
            raise ValueError("days must be 1 or more")
        return cls(last - timedelta(days=days - 1), last)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def bounds(self) -> tuple[float, float]:
        """[start, end) as seconds since the epoch, as the tracker store's timestamps."""
        start = datetime.combine(self.first, datetime.min.time(), TIME_ZONE)
        end = datetime.combine(self.last + timedelta(days=1), datetime.min.time(), TIME_ZONE)
        return start.timestamp(), end.timestamp()

    def day_of(self, timestamp: float) -> date:
        return datetime.fromtimestamp(timestamp, TIME_ZONE).date()


@dataclass(frozen=True)
class Day:
    day: date
    conversations: int
    messages: int


@dataclass(frozen=True)
class Topic:
    intent: str
    asked: int
    answered: int


@dataclass(frozen=True)
class Form:
    form: str
    started: int
    finished: int
    left_at: dict[str, int]  # slot asked for when people left -> how many

    @property
    def abandoned(self) -> int:
        return self.started - self.finished


@dataclass(frozen=True)
class Feedback:
    intent: str
    yes: int
    no: int


@dataclass(frozen=True)
class Unanswered:
    text: str  # masked and normalised
    messages: int
    senders: int


@dataclass(frozen=True)
class Report:
    period: Period
    conversations: int
    messages: int
    per_day: tuple[Day, ...]
    topics: tuple[Topic, ...]
    fallback: int
    out_of_scope: int
    offered: int  # "Menade du …?" offered
    chosen: int  # ... and one of its topics chosen
    none_of_them: int  # ... and "Inget av dem" chosen
    forms: tuple[Form, ...]
    feedback: tuple[Feedback, ...]
    unanswered: tuple[Unanswered, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "period": {
                "from": self.period.first.isoformat(),
                "to": self.period.last.isoformat(),
                "days": self.period.days,
            },
            "conversations": self.conversations,
            "messages": self.messages,
            "per_day": [
                {
                    "date": d.day.isoformat(),
                    "conversations": d.conversations,
                    "messages": d.messages,
                }
                for d in self.per_day
            ],
            "topics": [
                {
                    "intent": t.intent,
                    "asked": t.asked,
                    "answered": t.answered,
                    "answered_share": share(t.answered, t.asked),
                }
                for t in self.topics
            ],
            "fallback": {"messages": self.fallback, "rate": share(self.fallback, self.messages)},
            "out_of_scope": {
                "messages": self.out_of_scope,
                "rate": share(self.out_of_scope, self.messages),
            },
            "did_you_mean": {
                "offered": self.offered,
                "chosen": self.chosen,
                "none_of_them": self.none_of_them,
                "chosen_share": share(self.chosen, self.offered),
            },
            "forms": [
                {
                    "form": f.form,
                    "started": f.started,
                    "finished": f.finished,
                    "abandoned": f.abandoned,
                    "left_at": dict(f.left_at),
                }
                for f in self.forms
            ],
            "feedback": [
                {
                    "intent": f.intent,
                    "ja": f.yes,
                    "nej": f.no,
                    "ja_share": share(f.yes, f.yes + f.no),
                }
                for f in self.feedback
            ],
            "unanswered": [
                {"text": u.text, "messages": u.messages, "senders": u.senders}
                for u in self.unanswered
            ],
            "unanswered_min_senders": MIN_SENDERS,
        }


def share(part: int, whole: int) -> float | None:
    """part / whole to four decimals; None when there is nothing to divide."""
    return round(part / whole, 4) if whole else None


def normalised(text: str) -> str:
    """Masked, lower case, one space between words, no punctuation around the message."""
    return _EDGES.sub("", _SPACES.sub(" ", mask_text(text)).strip().casefold())


@dataclass
class _Tally:
    """Counts while the conversations are read."""

    period: Period
    conversations: Counter[date] = field(default_factory=Counter)
    messages: Counter[date] = field(default_factory=Counter)
    asked: Counter[str] = field(default_factory=Counter)
    answered: Counter[str] = field(default_factory=Counter)
    intents: Counter[str] = field(default_factory=Counter)
    offers: Counter[str] = field(default_factory=Counter)
    started: Counter[str] = field(default_factory=Counter)
    finished: Counter[str] = field(default_factory=Counter)
    left_at: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    feedback: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    unanswered: Counter[str] = field(default_factory=Counter)
    unanswered_by: defaultdict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, number: int, conversation: Conversation) -> None:
        for turn in conversation.turns:
            day = self.period.day_of(turn.timestamp)
            if turn.offered:  # also after a "Nej" to "Hjälpte svaret?"
                self.offers["offered"] += 1
            if turn.reply_to_offer:
                self.offers[turn.reply_to_offer] += 1
            if turn.intent == FEEDBACK:
                if turn.feedback:
                    self.feedback[turn.feedback[0]][turn.feedback[1]] += 1
                continue
            if turn.starts_conversation:
                self.conversations[day] += 1
            self.messages[day] += 1
            self.intents[turn.intent or ""] += 1
            if turn.intent in TOPICS:
                self.asked[turn.intent] += 1
            if turn.answered:
                self.answered[turn.answered] += 1
            if turn.intent in UNANSWERED_INTENTS and not turn.text.startswith("/"):
                text = normalised(turn.text)
                if text:
                    self.unanswered[text] += 1
                    self.unanswered_by[text].add(number)
        for run in conversation.forms:
            self.started[run.form] += 1
            if run.finished:
                self.finished[run.form] += 1
            elif run.left_at:
                self.left_at[run.form][run.left_at] += 1

    def report(self) -> Report:
        days = [self.period.first + timedelta(days=i) for i in range(self.period.days)]
        topics = sorted(set(self.asked) | set(self.answered))
        shown = [
            Unanswered(text, count, len(self.unanswered_by[text]))
            for text, count in self.unanswered.items()
            if len(self.unanswered_by[text]) >= MIN_SENDERS
        ]
        shown.sort(key=lambda u: (-u.messages, -u.senders, u.text))
        return Report(
            period=self.period,
            conversations=sum(self.conversations.values()),
            messages=sum(self.messages.values()),
            per_day=tuple(Day(d, self.conversations[d], self.messages[d]) for d in days),
            topics=tuple(
                sorted(
                    (Topic(t, self.asked[t], self.answered[t]) for t in topics),
                    key=lambda t: (-t.asked, -t.answered, t.intent),
                )
            ),
            fallback=self.intents[FALLBACK],
            out_of_scope=self.intents[OUT_OF_SCOPE],
            offered=self.offers["offered"],
            chosen=self.offers[CHOSEN],
            none_of_them=self.offers[NONE_OF_THEM],
            forms=tuple(
                Form(f, self.started[f], self.finished[f], dict(sorted(self.left_at[f].items())))
                for f in sorted(self.started)
            ),
            feedback=tuple(
                Feedback(
                    i, self.feedback[i][FEEDBACK_VALUES[0]], self.feedback[i][FEEDBACK_VALUES[1]]
                )
                for i in sorted(self.feedback)
            ),
            unanswered=tuple(shown[:MAX_UNANSWERED]),
        )


def build_report(conversations: Iterable[Conversation], period: Period) -> Report:
    """The report over conversations already limited to the period's events."""
    tally = _Tally(period)
    for number, conversation in enumerate(conversations):
        tally.add(number, conversation)
    return tally.report()
