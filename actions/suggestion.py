"""« Oui » right after the fallback's « Vouliez-vous dire : … ? »: the first suggestion is taken."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.fallback import MISS, previous_bot_action
from actions.phrasing import render
from actions.registry import BY_INTENT
from knowledge import KnowledgeBase
from knowledge.textnorm import fold


def parse_payload(text: str) -> tuple[str, dict[str, str]] | None:
    """« /ask_deadline{"programme": "pisi"} » → ("ask_deadline", {"programme": "pisi"})."""
    if not text.startswith("/"):
        return None
    intent, _, rest = text[1:].partition("{")
    try:
        entities = json.loads("{" + rest) if rest else {}
    except json.JSONDecodeError:
        return None
    return (intent, entities) if isinstance(entities, dict) else None


# « c quel genre d'accord », « c'était en septembre ? »: a question, not an assent.
_ASKS = re.compile(r"\b(?:quel|quelle|quels|quelles|kel|kelle|qui|quand|qd|ou|comment|combien|cb|pourquoi|quoi|koi)\b")


def asks_something(text: str) -> bool:
    return "?" in text or _ASKS.search(fold(text)) is not None


def first_suggestion(tracker: Tracker) -> tuple[str, dict[str, str]] | None:
    """The first intent the fallback offered just before this message, if it offered one."""
    if previous_bot_action(tracker) != "action_kb_fallback" or tracker.get_slot("last_answer") != MISS:
        return None
    for event in reversed(tracker.events):
        buttons = (event.get("data") or {}).get("buttons") if event.get("event") == "bot" else None
        if buttons:
            parsed = parse_payload(buttons[0].get("payload") or "")
            return parsed if parsed and parsed[0] in BY_INTENT else None
    return None


class ActionAffirm(KnowledgeAction):
    """« oui », « ok »: after suggestions, answer the first one; otherwise ask what about.

    The NLU also reads « oui » in a short follow-up (« c'est quel genre d'accord ? », « c'était
    en septembre ? »): its answer is selected like any other, so that such a follow-up gets
    the answer it points to rather than a question back."""

    def selects_facts_for(self, tracker: Tracker) -> bool:
        # A suggestion taken is answered as its button would be, and « d'accord » is no question:
        # only a question met by a question back is weighed.
        return first_suggestion(tracker) is None and asks_something(tracker.latest_message.get("text") or "")

    def name(self) -> str:
        return "action_affirm"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        suggestion = first_suggestion(tracker)
        if suggestion is None:
            # in words, not a response name: the answer selection then reads it as a question
            # back, which « c'est quel genre d'accord ? » (read as « oui ») does not deserve
            dispatcher.utter_message(text=render(domain, "utter_ask_what_about"))
            return []
        intent, entities = suggestion
        # The answer reads the question's entities: give it those of the button, as if pressed.
        chosen = copy.copy(tracker)
        chosen.latest_message = {**tracker.latest_message, "text": "", "intent": {"name": intent, "confidence": 1.0},
                                 "entities": [{"entity": k, "value": v} for k, v in entities.items()]}
        return BY_INTENT[intent].answer_with_context(kb, dispatcher, chosen, domain)
