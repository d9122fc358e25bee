"""Insights for those who run the service, read from the stored conversations.

No Rasa here: the tracker store's `events` table is read with SQLAlchemy and each event's
JSON is read as plain data (turns.py). The report holds counts and masked, grouped texts,
never a personal identifier (report.py); render.py writes it in Swedish.
"""

from assistansguiden.insights.report import Period, Report, build_report
from assistansguiden.insights.store import read_report
from assistansguiden.insights.turns import Conversation, Turn, answered_topic, read_conversation

__all__ = [
    "Conversation",
    "Period",
    "Report",
    "Turn",
    "answered_topic",
    "build_report",
    "read_conversation",
    "read_report",
]
