"""What a programme is, for whom, and how to apply: answers from the programmes of the base."""

from __future__ import annotations

import abc
import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.context import programme_for_audience
from actions.phrasing import render, source_lines
from actions.programme_context import (
    ask_which_programme,
    next_question_buttons,
    programme_in_context,
    programmes_named_now,
)
from actions.reach import service_reach
from knowledge import KnowledgeBase
from knowledge.models import Programme
from knowledge.textnorm import fold

# « existe-t-il un programme pour les écoles ? », « mon école peut-elle participer ? », « les
# écoles, elles peuvent faire quoi ? »: a programme, or what is offered to a public, is what is
# asked for, whichever public is named.
_ASKS_FOR_A_PROGRAMME = re.compile(r"\b(?:programmes?|appels?|particip\w*|inscri\w*|postul\w*|candidat\w*|"
                                   r"peut|peuvent|pourrai\w*|propos\w*|offr\w*|offre)\b")


class ProgrammeAnswer(KnowledgeAction):
    """Finds the programme (or asks which one), then lets `lines` say what is asked.

    Abstract (like its base) so that rasa_sdk does not register it as an action.
    """

    intent = ""
    follows = ("programme",)
    selects_facts = True
    structured = ("programme",)

    def guessed_entity(self, kb: KnowledgeBase, tracker: Tracker) -> bool:
        """« La Province a-t-elle cinq écoles secondaires ? », « quelles infrastructures pour ses
        écoles ? » name the PrECI's public, not the PrECI: the programme is a guess, and a
        passage on the schools may answer better. A question on a public that asks for a
        programme (« les écoles peuvent participer à quoi ? ») is about what it offers them."""
        text = tracker.latest_message.get("text") or ""
        return (not _ASKS_FOR_A_PROGRAMME.search(fold(text))
                and not programmes_named_now(kb, tracker)
                and not tracker.get_slot("programme")
                and programme_for_audience(kb, tracker) is not None)

    def structured_for(self, kb: KnowledgeBase, tracker: Tracker) -> tuple[str, ...]:
        return () if self.guessed_entity(kb, tracker) else self.structured

    @abc.abstractmethod
    def lines(self, kb: KnowledgeBase, domain: dict[str, Any], programme: Programme) -> tuple[list[str], list]:
        """The answer's lines and the sources they rest on."""

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        named = programmes_named_now(kb, tracker)
        if len(named) > 1:
            return self.answer_several(kb, dispatcher, domain, named)
        programme = named[0] if named else programme_in_context(kb, tracker)
        if programme is None:
            ask_which_programme(kb, dispatcher, domain, self.intent)
            return []
        lines, sources = self.lines(kb, domain, programme)
        lines.append(source_lines(domain, sources))
        dispatcher.utter_message(text="\n".join(lines), buttons=next_question_buttons(domain, programme, self.intent))
        return [SlotSet("programme", programme.id), SlotSet("body", programme.body_id)]

    def answer_several(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, domain: dict[str, Any],
                       programmes: list[Programme]) -> list[dict[str, Any]]:
        """The same answer for each programme named, one after the other, sources at the end."""
        lines, sources = [], []
        for programme in programmes:
            more_lines, more_sources = self.lines(kb, domain, programme)
            lines += more_lines
            sources += more_sources
        lines.append(source_lines(domain, sources))
        dispatcher.utter_message(text="\n".join(lines))
        # A follow-up (« c'est pour qui ? ») would not know which one: let it ask.
        return [SlotSet("programme", None), SlotSet("body", programmes[0].body_id)]


class ActionAnswerProgrammeInfo(ProgrammeAnswer):
    answer_kind = "programme_info"
    intent = "ask_programme_info"

    def name(self) -> str:
        return "action_answer_programme_info"

    def lines(self, kb: KnowledgeBase, domain: dict[str, Any], programme: Programme) -> tuple[list[str], list]:
        return [render(domain, "utter_programme_info", name=programme.name, acronym=programme.acronym or "",
                       purpose=programme.purpose)], [programme.source]


class ActionAnswerAudience(ProgrammeAnswer):
    answer_kind = "audience"
    intent = "ask_programme_audience"

    def name(self) -> str:
        return "action_answer_audience"

    def lines(self, kb: KnowledgeBase, domain: dict[str, Any], programme: Programme) -> tuple[list[str], list]:
        return [render(domain, "utter_programme_audience", acronym=programme.acronym or programme.name,
                       audience=programme.audience)], [programme.source]


class ActionAnswerHowToApply(ProgrammeAnswer):
    answer_kind = "how_to_apply"
    intent = "ask_how_to_apply"

    def name(self) -> str:
        return "action_answer_how_to_apply"

    def lines(self, kb: KnowledgeBase, domain: dict[str, Any], programme: Programme) -> tuple[list[str], list]:
        acronym = programme.acronym or programme.name
        if programme.how_to_apply:
            return [render(domain, "utter_how_to_apply", acronym=acronym, how=programme.how_to_apply)], [programme.source]
        # The documents are silent: say so and point to the people who know.
        reach = service_reach(kb, domain, service_id=programme.service_id)
        if reach is None:
            return [render(domain, "utter_how_to_apply_unknown_nocontact", acronym=acronym)], [programme.source]
        return [render(domain, "utter_how_to_apply_unknown", acronym=acronym, service=reach.service,
                       contact=reach.contact)], [programme.source, *reach.sources]
