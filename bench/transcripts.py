"""Prints sample conversations against a running server (for notes and manual review).

python bench/transcripts.py http://127.0.0.1:5005
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.e2e.rest import RestClient  # noqa: E402

CONVERSATIONS = {
    "provider without permit": [
        "kan du kolla om min anordnare har tillstånd från IVO?",
        "Exempelbolaget Utan Tillstånd",
        '/inform{"personkrets":"1"}',
        '/inform{"age_group":"adults"}',
    ],
    "payee with missing F-skatt": [
        "kan min anordnare få pengarna direkt?",
        "559901-0088",
        '/inform{"personkrets":"3"}',
        '/inform{"age_group":"adults"}',
    ],
    "child turning 18, provider with a permit for children only": [
        "vad händer när min son fyller 18",
        "14 maj 2009",
        '/check_provider{"age_group":"adults"}',
        "559901-0070",
        '/inform{"personkrets":"1"}',
    ],
}


def main() -> int:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5005"
    for title, messages in CONVERSATIONS.items():
        client = RestClient(base, sender=f"transcript-{time.time_ns()}")
        print(f"### {title}")
        for message in messages:
            print(f"> {message}")
            for reply in client.send(message):
                if "text" in reply:
                    print("  " + reply["text"].replace("\n", "\n  "))
                for button in reply.get("buttons", []):
                    print(f"    [{button['title']}]")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
