"""What a body's international service does and why; its priorities and strategy."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.buttons import button
from actions.context import body_in_context
from actions.phrasing import render, source_lines
from actions.ranking import rank_facts
from knowledge import KnowledgeBase

# Fact topics that describe a body's international strategy, most specific first.
STRATEGY_TOPICS = ("priorites", "strategie", "objectifs", "principes")
# Beyond the best-matching fact, only titles are listed, to keep the answer short.
STRATEGY_DETAILED = 1
STRATEGY_LISTED = 6


def body_buttons(domain: dict[str, Any], body_id: str, *skip: str) -> list[dict[str, str]]:
    """Natural next questions about a body."""
    offers = [("ask_service_info", "utter_intent_ask_service_info"), ("ask_strategy", "utter_intent_ask_strategy"),
              ("ask_partnerships", "utter_intent_ask_partnerships"), ("ask_contact", "utter_intent_ask_contact")]
    return [button(domain, title, intent, {"body": body_id}) for intent, title in offers if intent not in skip]


class ActionAnswerServiceInfo(KnowledgeAction):
    answer_kind = "service_info"
    follows = ("body",)

    def name(self) -> str:
        return "action_answer_service_info"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        body = kb.body(body_in_context(kb, tracker)) or kb.default_body()
        services = kb.services(body_id=body.id)
        if not services:
            lines = [render(domain, "utter_service_none", body=body.name),
                     render(domain, "utter_body_summary", summary=body.summary), source_lines(domain, [body.source])]
        else:
            lines = []
            for service in services:
                lines.append(render(domain, "utter_service_intro", summary=service.summary))
                if service.missions:
                    lines.append(render(domain, "utter_service_missions_intro"))
                    lines += [render(domain, "utter_service_mission_line", mission=m) for m in service.missions]
            lines.append(source_lines(domain, [s.source for s in services]))
        dispatcher.utter_message(text="\n".join(lines), buttons=body_buttons(domain, body.id, "ask_service_info"))
        return [SlotSet("body", body.id)]


class ActionAnswerStrategy(KnowledgeAction):
    answer_kind = "strategy"
    follows = ("body",)

    def name(self) -> str:
        return "action_answer_strategy"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        body = kb.body(body_in_context(kb, tracker)) or kb.default_body()
        facts = next((f for f in (kb.facts(body_id=body.id, topic=t) for t in STRATEGY_TOPICS) if f), [])
        if not facts:
            dispatcher.utter_message(text=render(domain, "utter_strategy_none", body=body.name),
                                     buttons=body_buttons(domain, body.id, "ask_strategy"))
            return [SlotSet("body", body.id)]
        ranked = rank_facts(kb, facts, tracker.latest_message.get("text") or "", body.id, prefer_summary=True)
        facts = [f for f, _ in ranked][:STRATEGY_LISTED]
        lines = [render(domain, "utter_strategy_intro", body=body.name)]
        lines += [render(domain, "utter_strategy_line", title=f.title, text=f.text) for f in facts[:STRATEGY_DETAILED]]
        if len(facts) > STRATEGY_DETAILED:
            lines.append(render(domain, "utter_more_intro"))
            lines += [render(domain, "utter_more_line", title=f.title) for f in facts[STRATEGY_DETAILED:]]
        lines.append(source_lines(domain, [f.source for f in facts]))
        dispatcher.utter_message(text="\n".join(lines), buttons=body_buttons(domain, body.id, "ask_strategy"))
        return [SlotSet("body", body.id)]
