"""Asking for a person, and users' ratings of the answers."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.phrasing import render, source_lines
from actions.reach import service_reach
from knowledge import KnowledgeBase

FEEDBACK_INTENTS = {"feedback_positive": "positive", "feedback_negative": "negative"}


class ActionAskHuman(KnowledgeAction):
    """A person to talk to: the contact details of the service, from the base."""

    def name(self) -> str:
        return "action_ask_human"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        # The people behind this assistant: the default body's service, whatever was discussed.
        services = kb.services(body_id=kb.default_body().id)
        contacts = kb.contacts(service_id=services[0].id) if services else []
        if not contacts:
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        lines = [render(domain, "utter_human_intro", service=contacts[0].service_name)]
        lines += [render(domain, f"utter_contact_line_{c.kind}", value=c.value) for c in contacts]
        lines.append(source_lines(domain, [c.source for c in contacts]))
        dispatcher.utter_message(text="\n".join(lines))
        return []


class ActionRecordFeedback(KnowledgeAction):
    """Thanks the user; the `feedback` slot event is what staff reports count.

    The answer being rated is the `last_answer` slot of the same conversation.
    """

    def name(self) -> str:
        return "action_record_feedback"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        rating = FEEDBACK_INTENTS.get(tracker.get_intent_of_latest_message() or "", "negative")
        if rating == "positive":
            dispatcher.utter_message(text=render(domain, "utter_feedback_positive"))
        else:
            reach = service_reach(kb, domain)
            dispatcher.utter_message(
                text=render(domain, "utter_feedback_negative", service=reach.service, contact=reach.contact) if reach
                else render(domain, "utter_feedback_negative_nocontact"))
        return [SlotSet("feedback", rating)]
