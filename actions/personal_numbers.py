"""A personnummer or samordningsnummer never becomes a slot's value.

People write one where the assistant asks for a provider, a group, an age or a date. Such
a value is refused for the slot with one short answer, and the rest of the message is
read with the number masked out, so that no date, name or group comes out of it. The
detection is the masking's (assistansguiden/privacy/masking.py): every dash, a plus,
spaces, 10 or 12 digits. (The birth-date form is the one place where the date inside a
personnummer is wanted; it keeps only that date and says so with its own response.)
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistansguiden.privacy.masking import contains_personal_number, without_personal_numbers

# Said in Python, not as a response in bot/domain/, because bot/domain/ was closed to
# this change; it belongs there as `utter_personnummer_not_needed`.
NOT_NEEDED_TEXT = "Jag behöver inget personnummer och sparar det inte."


def holds_personal_number(value: object) -> bool:
    """A slot value (a string, or an entity mapping's list of them) that holds one."""
    values = value if isinstance(value, list | tuple) else [value]
    return any(isinstance(item, str) and contains_personal_number(item) for item in values)


def say_not_needed(dispatcher: CollectingDispatcher) -> None:
    """The short answer, once per action run however many slots refused the number."""
    if not any(message.get("text") == NOT_NEEDED_TEXT for message in dispatcher.messages):
        dispatcher.utter_message(text=NOT_NEEDED_TEXT)


def latest_text_without_numbers(tracker: Tracker, dispatcher: CollectingDispatcher) -> str:
    """The latest message with personal numbers masked out (and the answer said, if any)."""
    text = str(tracker.latest_message.get("text") or "")
    if not contains_personal_number(text):
        return text
    say_not_needed(dispatcher)
    return without_personal_numbers(text)
