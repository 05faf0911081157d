"""Shared base of the actions that answer from the knowledge base."""

from __future__ import annotations

import abc
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_access import get_kb
from actions.precise_answer import refine
from knowledge import KnowledgeBase, KnowledgeUnavailable

log = logging.getLogger(__name__)


class KnowledgeAction(Action, abc.ABC):
    """Runs `answer` with the knowledge base; if the base fails, says so in French.

    Abstract so that rasa_sdk, which registers every concrete Action subclass, skips it.
    Subclasses that are a kind of answer set `answer_kind`: it is stored in the
    `last_answer` slot so that a follow-up (« et pour Suresnes ? ») can repeat that kind.
    """

    answer_kind: str | None = None
    # Entities whose change makes a follow-up repeat this kind of answer.
    follows: tuple[str, ...] = ()
    # Whether the answer is found from the question's words (not only its entities): then a
    # follow-up naming no entity (« et pour la culture ? ») is asked again of this action.
    reads_the_question: bool = False
    # Whether the answer competes with the passage that best answers the question itself
    # (`precise_answer`): true for the actions that answer questions, not for dialogue steps.
    selects_facts: bool = False
    # Entry types this action renders itself: when the best passage is one, its answer stays.
    structured: tuple[str, ...] = ()
    # Whether this action is the honest « I don't know » (fallback, out of scope).
    declines: bool = False

    def selects_facts_for(self, tracker: Tracker) -> bool:
        """Whether this turn's answer competes with the passages (`selects_facts`)."""
        return self.selects_facts

    def structured_for(self, kb: KnowledgeBase, tracker: Tracker) -> tuple[str, ...]:
        """The entry types this answer renders itself, for this question (`structured`)."""
        return self.structured

    def guessed_entity(self, kb: KnowledgeBase, tracker: Tracker) -> bool:
        """Whether the entity this answer is about was only guessed, not named nor discussed (a
        programme from the public named in passing): then a passage may answer better."""
        return False

    def is_exact(self, kb: KnowledgeBase, tracker: Tracker, events: list[dict[str, Any]]) -> bool:
        """Whether this answer fits the question exactly, whatever its wording (a deadline
        against today, the contact detail asked, or the plain statement that this detail is
        missing): then no passage replaces it; a closed question still gets its « Oui » or « Non »."""
        return False

    @abc.abstractmethod
    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        """Utter the answer and return the events (slots) it sets."""

    def answer_with_context(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: dict[str, Any]) -> list[dict[str, Any]]:
        """`answer`, plus the `last_answer` slot when this action is a kind of answer.

        An answer that handed over to another (the fallback) keeps the other's kind.
        """
        events = self.answer(kb, dispatcher, tracker, domain)
        handed_over = any(e.get("event") == "slot" and e.get("name") == "last_answer" for e in events)
        if self.answer_kind and not handed_over:
            events.append(SlotSet("last_answer", self.answer_kind))
        return events

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            kb = get_kb()
            if not self.selects_facts_for(tracker):
                return self.answer_with_context(kb, dispatcher, tracker, domain)
            draft = CollectingDispatcher()
            events = self.answer_with_context(kb, draft, tracker, domain)
            messages, events = refine(kb, self, draft.messages, tracker, domain, events)
            dispatcher.messages.extend(messages)
            return events
        except KnowledgeUnavailable as exc:
            log.error("knowledge base unavailable in %s: %s", self.name(), exc)
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        except Exception:  # noqa: BLE001 (no input may leave the user without an answer)
            log.exception("action %s failed", self.name())
            dispatcher.utter_message(response="utter_action_failed")
            return []
