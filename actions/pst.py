"""The Programme Stratégique Transversal 2022-2024: its stakes, values, objectives, figures, tools."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.buttons import button
from actions.context import latest_entity
from actions.fallback import ActionKbFallback
from actions.phrasing import render, source_lines
from actions.ranking import rank_facts
from knowledge import KnowledgeBase
from knowledge.textnorm import fold

# Facts about the PST have topics « pst » (the plan itself) and « pst-<part> » (its parts).
PST_TOPIC = "pst"
# Beyond the best-matching fact, only titles are listed, to keep the answer short.
LISTED = 5
# Without the PST named, a fact must contain every content word of the question, or at
# least half of them and clearly more than any other fact.
FULL_COVERAGE = 0.99
HALF_COVERAGE = 0.5
MARGIN = 0.25
# A question whose words are matched as well by this many facts names nothing specific.
VAGUE_TIES = 4
# Parts offered as buttons, in this order, when they exist in the base.
OFFERED_PARTS = ("pst-enjeux", "pst-valeurs", "pst-objectifs", "pst-chiffres", "pst-outils")


def plain_words(text: str) -> set[str]:
    """Folded words without a final plural mark, so « outils » meets « outil »."""
    return {w.rstrip("s") for w in fold(text).split()}


def pst_part(topics: set[str], asked: str | None, text: str) -> str | None:
    """The part of the PST asked about: the topic entity, else a part's name in the text."""
    for candidate in (asked, f"{PST_TOPIC}-{asked}" if asked else None):
        if candidate in topics and candidate != PST_TOPIC:
            return candidate
    words = plain_words(text)
    return next((t for t in sorted(topics) if t != PST_TOPIC and plain_words(t.split("-", 1)[1]) <= words), None)


def part_buttons(domain: dict[str, Any], present: set[str], shown: str) -> list[dict[str, str]]:
    return [button(domain, f"utter_button_{p.replace('-', '_')}", "ask_pst", {"topic": p})
            for p in OFFERED_PARTS if p in present and p != shown]


class ActionAnswerPst(KnowledgeAction):
    answer_kind = "pst"
    follows = ("topic",)
    reads_the_question = True
    selects_facts = True

    def name(self) -> str:
        return "action_answer_pst"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        facts = [f for f in kb.facts() if f.topic == PST_TOPIC or f.topic.startswith(PST_TOPIC + "-")]
        text = tracker.latest_message.get("text") or ""
        present = {f.topic for f in facts}
        part = pst_part(present, latest_entity(tracker, "topic"), text)
        ranked = rank_facts(kb, [f for f in facts if f.topic == part] if part else facts, text,
                            prefer_summary=bool(part))
        if not part and not self.names_the_plan(kb, tracker) and not self.recognised(ranked):
            # Neither the PST nor a fact of it is recognisable: never answer with an unrelated fact.
            return ActionKbFallback().answer(kb, dispatcher, tracker, domain)
        if not part and self.vague(ranked):
            # « C'est quoi le PST ? »: the plan's definition, then its parts as buttons.
            definition = next((kb.definition(i) for i in kb.find_mentions("topic", text) if kb.definition(i)), None)
            if definition:
                dispatcher.utter_message(text="\n".join([render(domain, "utter_definition", term=definition.term, text=definition.text),
                                                         source_lines(domain, [definition.source])]),
                                         buttons=part_buttons(domain, present, PST_TOPIC))
                return [SlotSet("topic", PST_TOPIC)]
        lead = ranked[0][0]
        siblings = [f for f, _ in ranked if f.topic == lead.topic and f.id != lead.id][:LISTED]
        lines = [render(domain, "utter_pst_fact", text=lead.text)]
        if siblings:
            lines.append(render(domain, "utter_more_intro"))
            lines += [render(domain, "utter_more_line", title=f.title) for f in siblings]
        lines.append(source_lines(domain, [lead.source, *(f.source for f in siblings)]))
        dispatcher.utter_message(text="\n".join(lines), buttons=part_buttons(domain, present, lead.topic))
        return [SlotSet("topic", lead.topic), SlotSet("body", lead.body_id)]

    @staticmethod
    def names_the_plan(kb: KnowledgeBase, tracker: Tracker) -> bool:
        """Whether the message names the PST itself (entity or one of its names)."""
        plan = {PST_TOPIC, f"def-{PST_TOPIC}"}
        named = {latest_entity(tracker, "topic")} | set(kb.find_mentions("topic", tracker.latest_message.get("text") or ""))
        return bool(plan & named)

    @staticmethod
    def recognised(ranked: list) -> bool:
        """Whether one fact clearly answers the question."""
        if not ranked:
            return False
        top = ranked[0][1]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        return top >= FULL_COVERAGE or (top >= HALF_COVERAGE and top - second >= MARGIN)

    @staticmethod
    def vague(ranked: list) -> bool:
        """Whether the question's words fit many facts equally (it names nothing specific)."""
        top = ranked[0][1] if ranked else 0.0
        return sum(1 for _, c in ranked if c == top) >= VAGUE_TIES
