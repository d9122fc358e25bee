"""NLU guard: a message with no words, or far too long, is not a question on any topic.

Without it DIET still picks its nearest intent ("😀👍" came out as goodbye, a 10,000-
character paste as greet). Placed last in the pipeline, it overrides the intent with
nlu_fallback, whose answer explains what went wrong (actions/fallback.py).
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

FALLBACK_INTENT = "nlu_fallback"


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
            if unusual_message(message.get(TEXT)) is None:
                continue
            intent = {"name": FALLBACK_INTENT, "confidence": 1.0}
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
        return messages

    def process_training_data(self, training_data: Any) -> Any:
        return training_data
