"""Session ids of the website chat: signed, with their issue time, valid for less than a
day; anything else is not a session (assistansguiden/privacy/sessions.py)."""

from __future__ import annotations

import pytest

from assistansguiden.privacy.sessions import (
    CLOCK_SKEW_S,
    MAX_AGE_S,
    issue,
    verify,
)

KEY = b"k" * 32
NOW = 1_790_000_000.0


def test_an_issued_id_is_valid_until_a_day_has_passed() -> None:
    session = issue(KEY, NOW)
    assert verify(session.token, KEY, NOW) == session
    assert verify(session.token, KEY, NOW + MAX_AGE_S - 1) == session
    assert verify(session.token, KEY, NOW + MAX_AGE_S) is None
    assert session.expires() == int(NOW) + MAX_AGE_S <= int(NOW) + 24 * 3600


def test_the_id_carries_its_conversation_and_issue_time_in_clear() -> None:
    session = issue(KEY, NOW)
    conversation, issued, signature = session.token.split(".")
    assert conversation == session.conversation and len(conversation) == 32
    assert int(issued) == int(NOW) == session.issued
    assert len(signature) == 32
    assert issue(KEY, NOW).conversation != session.conversation  # random


def test_an_id_from_the_future_is_refused_beyond_the_clock_skew() -> None:
    token = issue(KEY, NOW + CLOCK_SKEW_S).token
    assert verify(token, KEY, NOW) is not None
    assert verify(issue(KEY, NOW + CLOCK_SKEW_S + 1).token, KEY, NOW) is None


@pytest.mark.parametrize(
    "change",
    [
        lambda c, i, s: f"{c[::-1]}.{i}.{s}",  # another conversation
        lambda c, i, s: f"{c}.{int(i) + 3600}.{s}",  # a later issue time, to live longer
        lambda c, i, s: f"{c}.{i}.{'0' * 32}",  # a made-up signature
        lambda c, i, s: f"{c}.{i}.{s[:-1]}",  # cut short
        lambda c, i, s: f"{c}.{i}.{s}0",  # one more character
        lambda c, i, s: f"{c}.{i}",  # no signature
        lambda c, i, s: c,  # the conversation alone
        lambda c, i, s: f"{c}.{i}.{s}".upper(),
    ],
)
def test_an_altered_id_is_not_a_session(change: object) -> None:
    conversation, issued, signature = issue(KEY, NOW).token.split(".")
    altered = change(conversation, issued, signature)  # type: ignore[operator]
    assert verify(altered, KEY, NOW) is None


@pytest.mark.parametrize("claim", [None, "", 17, ["x"], "web-anna", "a" * 100_000])
def test_what_is_no_id_at_all_is_not_a_session(claim: object) -> None:
    assert verify(claim, KEY, NOW) is None


def test_another_key_does_not_accept_the_id() -> None:
    assert verify(issue(KEY, NOW).token, b"another key", NOW) is None
