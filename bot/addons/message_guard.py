"""NLU guard: what is no question on any of our topics gets no answer on one.

Without it DIET still picks its nearest intent ("😀👍" came out as goodbye, a 10,000-
character paste as greet, "aaaa…" as turning 18, an English question as what LSS is).
Placed last in the pipeline, it overrides the intent:
- with nlu_fallback when the message is empty, word-less, far too long, nonsense or not
  Swedish; the answer says which (actions/fallback.py);
- with out_of_scope when it asks only about another service ("hur ansöker jag om
  hemtjänst?"); the answer says who handles it;
- with inform when it is only a municipality's name ("Exempelstad kommun"): an answer
  naming a provider, also inside a form, never the question whether the kommun decides.
The reason is kept in the parse data (`guard`), for the logs and the insights.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from assistansguiden.text.message_checks import unusual_message
from assistansguiden.text.other_services import only_a_municipality, only_another_service

FALLBACK_INTENT = "nlu_fallback"
OUT_OF_SCOPE_INTENT = "out_of_scope"
INFORM_INTENT = "inform"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class MessageGuard(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MessageGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            reason = unusual_message(text)
            if reason is not None:
                self._override(message, FALLBACK_INTENT, reason.value)
            elif text and (service := only_another_service(text)) is not None:
                self._override(message, OUT_OF_SCOPE_INTENT, f"other_service:{service.handler}")
            elif text and only_a_municipality(text):
                self._override(message, INFORM_INTENT, "municipality_name")
        return messages

    @staticmethod
    def _override(message: Message, intent_name: str, reason: str) -> None:
        intent = {"name": intent_name, "confidence": 1.0}
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
        message.set("guard", reason, add_to_output=True)

    def process_training_data(self, training_data: Any) -> Any:
        return training_data
