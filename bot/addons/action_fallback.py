"""When the action server cannot be reached, say so instead of going silent.

Rasa 3.6 logs a failed custom action and carries on without its events, so the person
gets no answer at all. There is no setting for this, so RemoteAction.run is wrapped: on
a connection failure or server error the person is told the check cannot be made right
now and given the phone number, any open form is closed, and the conversation goes on.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.events import ActiveLoop, BotUttered, Event, SlotSet
from rasa.shared.exceptions import RasaException

from assistansguiden.law.refs import FK_PHONE

logger = logging.getLogger(__name__)

ACTION_SERVER_DOWN = (
    "Jag kan inte kontrollera det just nu, eftersom en del av tjänsten inte svarar. Försök "
    f"igen om en stund, eller ring Försäkringskassan på {FK_PHONE} och säg att det gäller "
    "assistansersättning."
)

# The same in lättläst, for a person who asked for it (slot easy_read).
ACTION_SERVER_DOWN_EASY = (
    "Jag kan inte titta på det just nu.\nEn del av tjänsten svarar inte.\n"
    f"Försök igen om en stund.\nDu kan också ringa Försäkringskassan på {FK_PHONE}."
)

_installed = False


def unavailable_events(tracker: Any) -> list[Event]:
    easy = tracker.get_slot("easy_read") is True
    text = ACTION_SERVER_DOWN_EASY if easy else ACTION_SERVER_DOWN
    events: list[Event] = [BotUttered(text, metadata={"action_server": "down"})]
    if tracker.active_loop_name:
        events += [ActiveLoop(None), SlotSet("requested_slot", None)]
    return events


def install_action_server_fallback() -> None:
    global _installed
    if _installed:
        return
    original_run = RemoteAction.run

    async def run_or_explain(
        self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> list[Event]:
        try:
            return list(await original_run(self, output_channel, nlg, tracker, domain))
        except ActionExecutionRejection:
            raise  # a form rejecting a value: Rasa's normal flow
        except RasaException:
            logger.exception("Custom action %s failed; telling the user.", self.name())
            return unavailable_events(tracker)

    RemoteAction.run = run_or_explain  # type: ignore[method-assign]
    _installed = True
