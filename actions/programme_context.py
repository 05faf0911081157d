"""Which programme a question is about, and the question back when it is not said."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button, plain_button
from actions.context import mentioned_all, mentioned_now, programme_for_audience, resolve_entity
from actions.phrasing import render
from knowledge import KnowledgeBase
from knowledge.models import Programme


def programme_in_context(kb: KnowledgeBase, tracker: Tracker) -> Programme | None:
    """The programme named now, else the one whose public is named now, else the one discussed."""
    programme_id = (mentioned_now(kb, tracker, "programme", "programme") or programme_for_audience(kb, tracker)
                    or resolve_entity(kb, tracker, "programme", "programme"))
    return kb.programme(programme_id) if programme_id else None


def programmes_named_now(kb: KnowledgeBase, tracker: Tracker) -> list[Programme]:
    """Every programme this message names (« la différence entre PISI et PrECI »)."""
    return [p for i in mentioned_all(kb, tracker, "programme", "programme") if (p := kb.programme(i))]


def ask_which_programme(kb: KnowledgeBase, dispatcher: CollectingDispatcher, domain: dict[str, Any],
                        intent: str, response: str = "utter_which_programme") -> None:
    """Ask which programme, with one button per programme that re-asks the same question."""
    programmes = kb.programmes()
    names = [render(domain, "utter_programme_list_item", acronym=p.acronym or p.name, name=p.name) for p in programmes]
    buttons = [plain_button(p.acronym or p.name, intent, {"programme": p.id}) for p in programmes]
    dispatcher.utter_message(text=render(domain, response, programmes=render(domain, "utter_list_and").join(names)),
                             buttons=buttons)


def next_question_buttons(domain: dict[str, Any], programme: Programme, *skip: str) -> list[dict[str, str]]:
    """Natural next questions about `programme`, without the one just answered."""
    entities = {"programme": programme.id}
    offers = [
        ("ask_programme_info", "utter_button_programme_info"),
        ("ask_programme_audience", "utter_button_audience"),
        ("ask_eligibility", "utter_button_eligibility"),
        ("ask_deadline", "utter_button_deadline"),
        ("ask_how_to_apply", "utter_button_how_to_apply"),
    ]
    return [button(domain, title, intent, entities, acronym=programme.acronym or programme.name)
            for intent, title in offers if intent not in skip]
