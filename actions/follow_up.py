"""« Et pour Suresnes ? », « et le PISI ? »: the previous kind of answer, about the newly named entity."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.contact import CONTACT_KINDS, ActionAnswerContact, asks_card_detail
from actions.context import names_something, programme_for_audience
from actions.fallback import ActionKbFallback
from actions.registry import BY_KIND
from knowledge import KnowledgeBase

# What to say about an entity named out of the blue, by entity type (first found wins).
DEFAULT_KIND = {"programme": "programme_info", "partner": "partnership_details", "body": "service_info",
                "country": "partnerships", "topic": "definition"}
# The eligibility dialogue is a form: a follow-up restarts it rather than answering.
ELIGIBILITY = "eligibility"
ELIGIBILITY_FORM = "eligibility_form"
CONTACT = "contact"


def names_contact_detail(tracker: Tracker) -> bool:
    """Whether the latest message names a contact detail (« et le samedi ? », « et le mail ? »)."""
    return any(e.get("entity") == "contact_kind" and e.get("value") in CONTACT_KINDS
               for e in tracker.latest_message.get("entities", []))


def named_entity_types(kb: KnowledgeBase, tracker: Tracker) -> list[str]:
    """Entity types named in the latest message, by the NLU or by a known name in the text."""
    text = tracker.latest_message.get("text") or ""
    found = [e.get("entity") for e in tracker.latest_message.get("entities", [])
             if e.get("entity") in DEFAULT_KIND and names_something(kb, e.get("entity"), e.get("value"))]
    found += [t for t in DEFAULT_KIND if kb.find_mentions(t, text)]
    if kb.find_mentions("service", text):
        found.append("body")
    if not found and programme_for_audience(kb, tracker):
        found.append("programme")  # « et pour les associations ? »: the programme for that public
    return [t for t in dict.fromkeys(found) if t in DEFAULT_KIND]


# Words a follow-up has at most (« laquelle est en Chine ? », « et celle du Sénégal, depuis quand ? »).
FOLLOW_UP_WORDS = 8


def continues_previous(kb: KnowledgeBase, tracker: Tracker) -> bool:
    """Whether the latest message is a short follow-up naming an entity the previous answer
    goes on with (a country after a list of partners), whatever intent the NLU gave it."""
    previous = BY_KIND.get(tracker.get_slot("last_answer") or "")
    text = tracker.latest_message.get("text") or ""
    return (previous is not None and len(text.split()) <= FOLLOW_UP_WORDS
            and bool(set(previous.follows) & set(named_entity_types(kb, tracker)))) or asks_card_detail(tracker)


class ActionFollowUp(KnowledgeAction):
    selects_facts = True
    # With nothing it recognises it hands over to the fallback: a passage must then be strong.
    declines = True
    # It hands over to the answer of the kind asked, which renders these itself.
    structured = ("contact", "partnership", "programme", "definition")

    def name(self) -> str:
        return "action_follow_up"

    def is_exact(self, kb: KnowledgeBase, tracker: Tracker, events: list[dict[str, Any]]) -> bool:
        """As exact as the contact answer it handed over to (« et pour Namur ? » after the
        hours: the hours, or the plain statement that they are missing)."""
        handed_to_contact = any(e.get("event") == "slot" and e.get("name") == "contact_kind" and e.get("value")
                                for e in events)
        return handed_to_contact and ActionAnswerContact().is_exact(kb, tracker, events)

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        named = named_entity_types(kb, tracker)
        last = tracker.get_slot("last_answer")
        if last == ELIGIBILITY and "programme" in named:
            return [FollowupAction(ELIGIBILITY_FORM)]
        previous = BY_KIND.get(last or "")
        if previous and (set(previous.follows) & set(named)):
            return previous.answer_with_context(kb, dispatcher, tracker, domain)
        # Only right after contact details: elsewhere « quand » or « lundi » are not about opening hours.
        if last == CONTACT and (names_contact_detail(tracker) or asks_card_detail(tracker)):
            return previous.answer_with_context(kb, dispatcher, tracker, domain)
        if named:
            return BY_KIND[DEFAULT_KIND[named[0]]].answer_with_context(kb, dispatcher, tracker, domain)
        if previous and previous.reads_the_question:
            return previous.answer_with_context(kb, dispatcher, tracker, domain)
        # Nothing named that we know: treat it as an unclear question.
        return ActionKbFallback().answer(kb, dispatcher, tracker, domain)
