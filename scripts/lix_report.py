"""Print the LIX distribution of every text the assistant can say (the gates of
tests/text/test_plain_language.py): count, min, median, max and the texts over the limit,
for the standard texts (limit 40) and the lättläst ones (limit 30).

    .venv/bin/python scripts/lix_report.py [--all]

--all lists every text with its LIX, not only those over the limit.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # tests.text.corpus holds the enumeration of the texts
os.environ.setdefault("ASSISTANS_TODAY", "2026-11-23")  # the corpus's fixed day

from assistansguiden.text.readability import lix  # noqa: E402
from tests.text import corpus  # noqa: E402


def report(title: str, texts: list[tuple[str, str]], limit: float, every: bool) -> str:
    scored = sorted(((lix(text), label) for label, text in texts), reverse=True)
    values = [value for value, _ in scored]
    lines = [
        f"{title}: {len(values)} texts, min {min(values):.1f}, median "
        f"{statistics.median(values):.1f}, max {max(values):.1f}, over {limit:g}: "
        f"{sum(v > limit for v in values)}"
    ]
    lines += [f"  {value:5.1f}  {label}" for value, label in scored if every or value > limit]
    return "\n".join(lines)


def main() -> int:
    every = "--all" in sys.argv
    groups = [
        ("Standard utter_* (every variation, filled in)", list(corpus.response_texts(False)), 40),
        ("Standard Python answers", list(corpus.python_texts(False)), 40),
        ("Standard decision chat messages", list(corpus.decision_texts(False)), 40),
        ("Standard decision texts of the rules", list(corpus.rule_texts()), 40),
        ("Lättläst utter_* variations", list(corpus.response_texts(True)), 30),
        ("Lättläst Python answers", list(corpus.python_texts(True)), 30),
        ("Lättläst decision chat messages", list(corpus.decision_texts(True)), 30),
    ]
    print("\n".join(report(title, texts, limit, every) for title, texts, limit in groups))
    return 0


if __name__ == "__main__":
    sys.exit(main())
