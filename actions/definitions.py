"""« C'est quoi la coopération décentralisée ? »: definitions of notions and laws."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.buttons import plain_button
from actions.context import latest_entity, mentioned_all, resolve_entity
from actions.phrasing import render, source_lines
from knowledge import KnowledgeBase
from knowledge.models import Definition

# A search hit names a definition only if it covers every content word of the question.
FULL_COVERAGE = 0.99
# Notions offered as buttons when the question names none.
OFFERED_NOTIONS = 4


def definition_in_context(kb: KnowledgeBase, tracker: Tracker) -> str | None:
    """Id of the definition asked about: entity, name in the text, or a search hit."""
    value = latest_entity(tracker, "topic")
    for candidate in (value, f"def-{value}" if value else None):
        if candidate and kb.known_id("topic", candidate):
            return candidate
    found = resolve_entity(kb, tracker, "topic", "topic")
    if found:
        return found
    hits = kb.search(tracker.latest_message.get("text") or "", limit=5)
    best = next((p for p in hits if p.entry_type == "definition"), None)
    return best.entry_id if best and best.score >= FULL_COVERAGE else None


def definition_line(domain: dict[str, Any], definition: Definition) -> str:
    return render(domain, "utter_definition", term=definition.term[:1].upper() + definition.term[1:],
                  text=definition.text)


class ActionAnswerDefinition(KnowledgeAction):
    answer_kind = "definition"
    follows = ("topic",)
    selects_facts = True
    structured = ("definition",)

    def name(self) -> str:
        return "action_answer_definition"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        named = [d for i in mentioned_all(kb, tracker, "topic", "topic") if (d := kb.definition(i))]
        if len(named) > 1:  # « la différence entre jumelage et coopération décentralisée »
            lines = [definition_line(domain, d) for d in named]
            dispatcher.utter_message(text="\n".join([*lines, source_lines(domain, [d.source for d in named])]))
            return [SlotSet("topic", None)]
        definition_id = definition_in_context(kb, tracker)
        definition = kb.definition(definition_id) if definition_id else None
        if definition is None:
            ids = list(dict.fromkeys(i for kind, i, _ in kb.aliases() if kind == "topic"))[:OFFERED_NOTIONS]
            notions = [d for d in (kb.definition(i) for i in ids) if d]
            dispatcher.utter_message(text=render(domain, "utter_definition_which"),
                                     buttons=[plain_button(d.term, "ask_definition", {"topic": d.id}) for d in notions])
            return []
        text = "\n".join([definition_line(domain, definition), source_lines(domain, [definition.source])])
        dispatcher.utter_message(text=text)
        return [SlotSet("topic", definition.id)]
