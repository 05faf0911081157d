"""What a body's international service does and why; its priorities and strategy."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.buttons import button
from actions.context import body_in_context, mentioned_now
from actions.partnerships import ActionAnswerPartnershipDetails
from actions.phrasing import render, source_lines
from actions.ranking import rank_facts
from knowledge import KnowledgeBase
from knowledge.models import Body, Fact

# Fact topics that describe a body's international strategy, most specific first.
STRATEGY_TOPICS = ("priorites", "strategie", "objectifs", "principes")
# Beyond the best-matching fact, only titles are listed, to keep the answer short.
LISTED = 6
# A fact of the body is added to its description only if it covers this share of the question.
RELEVANT = 0.5


def body_buttons(domain: dict[str, Any], body_id: str, *skip: str) -> list[dict[str, str]]:
    """Natural next questions about a body."""
    offers = [("ask_service_info", "utter_intent_ask_service_info"), ("ask_strategy", "utter_intent_ask_strategy"),
              ("ask_partnerships", "utter_intent_ask_partnerships"), ("ask_contact", "utter_intent_ask_contact")]
    return [button(domain, title, intent, {"body": body_id}) for intent, title in offers if intent not in skip]


def facts_answer(domain: dict[str, Any], ranked: list[Fact]) -> list[str]:
    """The best fact in full, then the titles of the others."""
    lines = [render(domain, "utter_strategy_line", text=ranked[0].text)]
    if len(ranked) > 1:
        lines.append(render(domain, "utter_more_intro"))
        lines += [render(domain, "utter_more_line", title=f.title) for f in ranked[1:LISTED]]
    return lines


class ActionAnswerServiceInfo(KnowledgeAction):
    answer_kind = "service_info"
    follows = ("body",)
    selects_facts = True

    def name(self) -> str:
        return "action_answer_service_info"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        body = kb.body(body_in_context(kb, tracker)) or kb.default_body()
        services = kb.services(body_id=body.id)
        if services:
            lines = []
            for service in services:
                lines.append(render(domain, "utter_service_intro", summary=service.summary))
                if service.missions:
                    lines.append(render(domain, "utter_service_missions_intro"))
                    lines += [render(domain, "utter_service_mission_line", mission=m) for m in service.missions]
            sources = [s.source for s in services]
        else:
            lines = [render(domain, "utter_service_none", body=body.name),
                     render(domain, "utter_body_summary", summary=body.summary)]
            sources = [body.source]
            # « Qu'apporte la coopération à la Basse-Normandie ? »: add the fact that answers it.
            best = self.relevant_fact(kb, body, tracker.latest_message.get("text") or "")
            if best:
                lines.append(render(domain, "utter_strategy_line", text=best.text))
                sources.append(best.source)
        lines.append(source_lines(domain, sources))
        dispatcher.utter_message(text="\n".join(lines), buttons=body_buttons(domain, body.id, "ask_service_info"))
        return [SlotSet("body", body.id)]

    @staticmethod
    def relevant_fact(kb: KnowledgeBase, body: Body, question: str) -> Fact | None:
        ranked = rank_facts(kb, kb.facts(body_id=body.id), question, body.id)
        return ranked[0][0] if ranked and ranked[0][1] >= RELEVANT else None


class ActionAnswerStrategy(KnowledgeAction):
    answer_kind = "strategy"
    follows = ("body",)
    selects_facts = True

    def name(self) -> str:
        return "action_answer_strategy"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        if mentioned_now(kb, tracker, "partner", "partner"):
            # « les objectifs de la coopération de Suresnes avec Cap-Haïtien »: that partnership's aims.
            return ActionAnswerPartnershipDetails().answer_with_context(kb, dispatcher, tracker, domain)
        body = kb.body(body_in_context(kb, tracker)) or kb.default_body()
        question = tracker.latest_message.get("text") or ""
        facts = next((f for f in (kb.facts(body_id=body.id, topic=t) for t in STRATEGY_TOPICS) if f), [])
        ranked = [f for f, _ in rank_facts(kb, facts, question, body.id, prefer_summary=True)]
        if not ranked:
            # No strategy stated: what the documents do say about the body's action abroad.
            ranked = [f for f, c in rank_facts(kb, kb.facts(body_id=body.id), question, body.id) if c > 0]
        if not ranked:
            dispatcher.utter_message(text=render(domain, "utter_strategy_none", body=body.name),
                                     buttons=body_buttons(domain, body.id, "ask_strategy"))
            return [SlotSet("body", body.id)]
        lines = [render(domain, "utter_strategy_intro", body=body.name), *facts_answer(domain, ranked)]
        lines.append(source_lines(domain, [f.source for f in ranked[:LISTED]]))
        dispatcher.utter_message(text="\n".join(lines), buttons=body_buttons(domain, body.id, "ask_strategy"))
        return [SlotSet("body", body.id)]
