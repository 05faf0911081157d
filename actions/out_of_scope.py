"""A question the assistant does not cover: an honest « no », with whom to ask when it is about a body we know."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.context import mentioned_now
from actions.phrasing import render
from actions.reach import service_reach
from knowledge import KnowledgeBase


class ActionAnswerOutOfScope(KnowledgeAction):
    """« Quel est le budget du SREI ? »: not in the sources, but the SREI itself can answer."""

    def name(self) -> str:
        return "action_answer_out_of_scope"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        services = kb.find_mentions("service", text)
        body_id = mentioned_now(kb, tracker, "body", "body")
        reach = (service_reach(kb, domain, service_id=services[0]) if services
                 else service_reach(kb, domain, body_id=body_id) if body_id else None)
        if reach is None:
            dispatcher.utter_message(response="utter_out_of_scope")
        else:
            dispatcher.utter_message(text=render(domain, "utter_out_of_scope_ask_them", service=reach.service,
                                                 contact=reach.contact))
        return []
