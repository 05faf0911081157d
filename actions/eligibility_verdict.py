"""The end of the eligibility dialogue: the verdict with the deciding criterion, or quitting."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.deadline_text import deadline_lines
from actions.eligibility_logic import ELIGIBLE, NOT_ELIGIBLE, UNCERTAIN, verdict
from actions.phrasing import render, source_lines
from actions.programme_context import next_question_buttons
from actions.reach import service_reach
from knowledge import KnowledgeBase, today
from knowledge.models import Programme

RESET = [SlotSet(name, None) for name in
         ("eligibility_done", "eligibility_answers", "eligibility_asked", "eligibility_pending_text")]


def verdict_lines(kb: KnowledgeBase, domain: dict[str, Any], programme: Programme,
                  answers: dict[str, str]) -> tuple[list[str], list]:
    """The verdict, why, and what to do next (contact, and the deadline when it may matter)."""
    acronym = programme.acronym or programme.name
    reach = service_reach(kb, domain, service_id=programme.service_id)
    service, contact = (reach.service, reach.contact) if reach else ("service", "")
    sources = [programme.source, *(reach.sources if reach else [])]
    if not programme.criteria:
        return [render(domain, "utter_eligibility_no_criteria", acronym=acronym, service=service,
                       contact=contact)], sources
    result = verdict(programme, answers)
    if result.outcome == NOT_ELIGIBLE:
        lines = [render(domain, "utter_eligibility_no", acronym=acronym, question=result.criterion.question,
                        why=result.answer.why)]
    elif result.outcome == UNCERTAIN:
        lines = [render(domain, "utter_eligibility_unsure", question=result.criterion.question, service=service,
                        contact=contact)]
    else:
        lines = [render(domain, "utter_eligibility_yes", acronym=acronym)]
        chosen = [next(a for a in c.answers if a.value == answers[c.id]) for c in programme.criteria]
        lines += [render(domain, "utter_eligibility_yes_why", why=a.why) for a in chosen]
    if result.outcome in (ELIGIBLE, UNCERTAIN):
        deadline, deadline_sources = deadline_lines(kb, domain, programme, today())
        lines += deadline
        sources += deadline_sources
    if result.outcome != UNCERTAIN and not (contact and contact in " ".join(lines)):  # said once is enough
        lines.append(render(domain, "utter_eligibility_next_contact", service=service, contact=contact))
    return lines, sources


def answered_this_turn(tracker: Tracker) -> bool:
    """Whether the assistant already said something since the user's latest message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot":
            return True
    return False


class ActionEligibilityVerdict(KnowledgeAction):
    answer_kind = "eligibility"

    def name(self) -> str:
        return "action_eligibility_verdict"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        programme = kb.programme(tracker.get_slot("programme") or "")
        if programme is None:
            if not answered_this_turn(tracker):  # the dialogue's first step answered the question instead
                dispatcher.utter_message(text=render(domain, "utter_eligibility_stopped"))
            return list(RESET)
        lines, sources = verdict_lines(kb, domain, programme, tracker.get_slot("eligibility_answers") or {})
        lines.append(source_lines(domain, sources))
        dispatcher.utter_message(text="\n".join(lines),
                                 buttons=next_question_buttons(domain, programme, "ask_eligibility"))
        return list(RESET)


class ActionStopEligibility(KnowledgeAction):
    def name(self) -> str:
        return "action_stop_eligibility"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=render(domain, "utter_eligibility_stopped"))
        return [ActiveLoop(None), SlotSet("requested_slot", None), *RESET]
