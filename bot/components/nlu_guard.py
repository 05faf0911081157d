"""An NLU step after the classifiers: a question read as « can I take part? » that says
nothing of taking part is a question of fact.

DIET sends questions such as « la loi Thiollière date de quelle année ? » or « quels
collèges y participent ? » to `ask_eligibility`, whose rule starts the eligibility dialogue
(« Pour quel programme voulez-vous vérifier si vous pouvez participer ? »). A real
eligibility question names a programme, or speaks of the asker (« puis-je », « notre
asbl »), or of taking part (« participer », « postuler », « éligible »). Without any of
these, the intent becomes `nlu_fallback`: the fallback action then answers from the passage
that fits the question, or declines with the service's contact.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

GUARDED = "ask_eligibility"
FALLBACK = "nlu_fallback"
# The asker, or taking part, in the question itself (not in what the user says first).
_TAKING_PART = re.compile(
    r"\b(je|j|jsuis|moi|me|m|nous|notre|nos|mon|ma|mes|puis|pouvons|peux|participer|participation|postuler|"
    r"candidater|candidature|eligible|eligibles|eligibilite|inscrire|inscription|beneficier|droit|conditions?|"
    r"criteres? d (eligibilite|admission|acces)|repondre a l appel)\b")
# A count, an amount or who took part is a question of fact, whatever programme it names:
# « combien d'écoles ont participé au PrECI ? », « le montant maximum du PISI ? ».
_ASKS_FACT = re.compile(r"\b(combien|cb|cmb|montant|montants|budget|somme|ont participe|a participe|avaient participe|"
                        r"ont ete (retenus?|retenues?|selectionnee?s?|soutenue?s?))\b")
_QUESTION_SENTENCE = re.compile(r"[^.!?:]*\?")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text))


def asks_about_taking_part(text: str, entities: list[dict[str, Any]]) -> bool:
    """Whether a message read as `ask_eligibility` is about taking part in a programme."""
    asked = _QUESTION_SENTENCE.findall(text)
    question = _fold(asked[-1] if asked else text)
    if _ASKS_FACT.search(question):
        return False
    if any(e.get("entity") in ("programme", "audience") for e in entities):
        return True
    return _TAKING_PART.search(question) is not None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EligibilityIntentGuard(GraphComponent):
    """Turns `ask_eligibility` into `nlu_fallback` when the question says nothing of taking part."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> EligibilityIntentGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) != GUARDED:
                continue
            if asks_about_taking_part(message.get(TEXT) or "", message.get("entities") or []):
                continue
            confidence = intent.get("confidence", 0.0)
            message.set(INTENT, {INTENT_NAME_KEY: FALLBACK, "confidence": confidence}, add_to_output=True)
            ranking = message.get(INTENT_RANKING_KEY) or []
            message.set(INTENT_RANKING_KEY, [{INTENT_NAME_KEY: FALLBACK, "confidence": confidence}, *ranking],
                        add_to_output=True)
        return messages
