"""A typed reaction to an answer ("svaret hjälpte inte"): helpful or not.

The web page's buttons send the value; this reads the rare typed one. A negation means
"nej"; anything else is taken as "ja".
"""

from __future__ import annotations

import re

from assistansguiden.topics import FEEDBACK_VALUES

YES, NO = FEEDBACK_VALUES
_NOT_HELPFUL = re.compile(
    r"\b(inte|ej|icke|nej|inget|ingen|dålig[a-z]*|värdelös[a-z]*|fel)\b", re.IGNORECASE
)


def reaction(text: str) -> str:
    """'nej' for a message that says the answer did not help, else 'ja'."""
    return NO if _NOT_HELPFUL.search(text) else YES
