"""The last step of every knowledge turn: the answer to the question asked, in its shape.

The action's draft answer competes with the passage that best answers the question
(`answer_selection`); the winner is put in the question's shape (`answer_shape`): a closed
question gets « Oui » or « Non » first, « combien » the sentence with the number first.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_selection import ANSWERED, ASKED_BACK, DECLINED, better_passage, reply_text
from actions.answer_shape import confirms, lead_with_fact
from actions.context import body_in_context
from actions.opening_hours import hours_answer
from actions.phrasing import render, source_lines
from actions.question_shape import OPEN_HOURS, YES_NO, asked_hour, asked_weekday, question_shape
from knowledge import KnowledgeBase

PASSAGE_ANSWER = "passage"
# Slots an action sets when it answered about one entity (a partner, a programme).
ENTITY_SLOTS = ("partner", "programme")


def source_prefix(domain: dict[str, Any]) -> str:
    """What every source line starts with (« Source : »), read from the domain's template."""
    return render(domain, "utter_source_undated", publisher="", title="", period="").split(",")[0].strip()


def without_sources(text: str, prefix: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith(prefix))


def refine(kb: KnowledgeBase, structured: tuple[str, ...], declines: bool, draft: list[dict[str, Any]],
           tracker: Tracker, domain: dict[str, Any],
           events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The messages and events to send instead of the action's `draft` and `events`.

    `structured`: entry types the action renders itself; `declines`: whether the action is
    the one that says « I don't know » (fallback, out of scope) when it cites no source.
    """
    if not any(m.get("text") for m in draft):
        return draft, events  # a form step or a response rendered by Rasa: nothing to weigh
    question = tracker.latest_message.get("text") or ""
    shape = question_shape(question)
    if shape == OPEN_HOURS:
        body_id = body_in_context(kb, tracker)
        compared = hours_answer(kb, domain, body_id, asked_weekday(question), asked_hour(question))
        if compared:
            out = CollectingDispatcher()
            out.utter_message(text=compared)
            return out.messages, [SlotSet("body", body_id), SlotSet("contact_kind", "hours"),
                                  SlotSet("last_answer", "contact")]
    prefix = source_prefix(domain)
    answer = reply_text(draft)
    answered = prefix in answer
    outcome = ANSWERED if answered else DECLINED if declines else ASKED_BACK
    about_entity = any(e.get("event") == "slot" and e.get("name") in ENTITY_SLOTS and e.get("value")
                       for e in events)
    choice = better_passage(kb, tracker, without_sources(answer, prefix), structured, outcome, about_entity)
    if choice and choice.replaces:
        p = choice.passage
        out = CollectingDispatcher()
        text = lead_with_fact(p.text, question, shape)
        out.utter_message(text="\n".join([render(domain, "utter_passage", title=p.title, text=text),
                                          source_lines(domain, [p.source])]))
        draft, answered = out.messages, True
        events = [SlotSet("last_answer", PASSAGE_ANSWER), *([SlotSet("body", p.body_id)] if p.body_id else [])]
    if shape == YES_NO and answered:
        evidence = without_sources(reply_text(draft), prefix)
        if choice and not choice.replaces and answered:
            evidence += "\n" + choice.passage.text  # the same fact in the base's own words
        verdict = render(domain, "utter_shape_yes" if confirms(question, evidence, kb.term_weight) else "utter_shape_no")
        first = next(m for m in draft if m.get("text"))
        first["text"] = f"{verdict} {first['text']}"
    return draft, events
