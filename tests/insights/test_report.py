"""The insights report over known conversations: every figure, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date

from assistansguiden.insights import Period, read_report
from assistansguiden.insights.render import render_report
from tests.conftest import TrackerDatabase
from tests.insights import known


def test_every_figure_of_the_known_conversations(tracker_database: TrackerDatabase) -> None:
    known.write(tracker_database.store_kwargs)
    report = read_report(tracker_database.url, known.PERIOD)
    assert report.to_json() == known.EXPECTED


def test_the_report_names_no_sender_and_shows_no_identifier(
    tracker_database: TrackerDatabase,
) -> None:
    known.write(tracker_database.store_kwargs)
    report = read_report(tracker_database.url, known.PERIOD)
    for written in (json.dumps(report.to_json(), ensure_ascii=False), render_report(report)):
        assert "sender-" not in written
        assert "1234" not in written and "45 67" not in written
        assert "ring mig" not in written  # sent by two only


def test_a_shorter_period_counts_only_its_days(tracker_database: TrackerDatabase) -> None:
    known.write(tracker_database.store_kwargs)
    report = read_report(tracker_database.url, Period.ending(date(2026, 11, 23), 1)).to_json()
    assert (report["conversations"], report["messages"]) == (5, 11)
    assert report["per_day"] == [{"date": "2026-11-23", "conversations": 5, "messages": 11}]
    # Without the sessions of the 22nd the unclear question is sent from 4 senders still.
    assert report["unanswered"][0] == {"text": "vad kostar en hund", "messages": 4, "senders": 4}


def test_an_empty_or_missing_store_gives_an_empty_report(tmp_path: object) -> None:
    missing = f"sqlite:///{tmp_path}/none.sqlite"
    report = read_report(missing, known.PERIOD).to_json()
    assert (report["conversations"], report["messages"], report["topics"]) == (0, 0, [])
    assert report["fallback"] == {"messages": 0, "rate": None}
    assert len(report["per_day"]) == 7
