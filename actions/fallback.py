"""The unknown: a question the NLU is unsure about, and the dialogue policy's own fallback."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_selection import leans_on_context
from actions.base import KnowledgeAction
from actions.buttons import button, payload
from actions.contact import ActionAnswerContact, asks_card_detail
from actions.list_reference import previous_turn
from actions.phrasing import render, source_lines
from actions.reach import service_reach
from knowledge import KnowledgeBase
from knowledge.models import Passage

# A passage answers an unclear question only if it contains every content word of it...
FULL_COVERAGE = 0.99
# ...and clearly more of them than the next passage: two equally good hits mean the
# words are common ones (« Namur », « province »), not that the question was understood.
MARGIN = 0.25
# Intents offered as buttons when nothing fits.
SUGGESTIONS = 2
MISS = "fallback_miss"


def good_match(passages: list[Passage]) -> Passage | None:
    """The passage that answers the question, if one clearly does (conservative)."""
    if not passages or passages[0].score < FULL_COVERAGE:
        return None
    if len(passages) > 1 and passages[1].score > passages[0].score - MARGIN:
        return None
    return passages[0]


def previous_bot_action(tracker: Tracker) -> str | None:
    """The last action the bot ran before the user's latest message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name")
    return None


def likely_intents(tracker: Tracker, domain: dict[str, Any]) -> list[str]:
    """The NLU's best guesses that have a title to offer, best first."""
    titled = domain.get("responses", {})
    ranking = tracker.latest_message.get("intent_ranking") or []
    names = [r.get("name") for r in ranking if f"utter_intent_{r.get('name')}" in titled]
    return list(dict.fromkeys(names))[:SUGGESTIONS]


class ActionKbFallback(KnowledgeAction):
    """Search the passages; else decline with the service's contact and offer the likeliest intents."""

    selects_facts = True
    declines = True

    def name(self) -> str:
        return "action_kb_fallback"

    def is_exact(self, kb: KnowledgeBase, tracker: Tracker, events: list[dict[str, Any]]) -> bool:
        """A detail of the card just given is read on that card (see `asks_card_detail`)."""
        return asks_card_detail(tracker)

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        if asks_card_detail(tracker):
            # « c'est dans quel bâtiment ? » right after the card: a detail of that card
            return ActionAnswerContact().answer_with_context(kb, dispatcher, tracker, domain)
        # « il a quelle fonction ? » is about what was just said: the answer selection looks
        # for it with the previous exchange; searched alone, its one word finds anything.
        alone = not text.startswith("/") and not (previous_turn(tracker)[1] and leans_on_context(kb, text))
        found = good_match(kb.search(text, limit=2)) if alone else None
        if found:
            lines = [render(domain, "utter_fallback_found", title=found.title, text=found.text),
                     source_lines(domain, [found.source])]
            dispatcher.utter_message(text="\n".join(lines))
            return [SlotSet("last_answer", "search")]
        missed_before = previous_bot_action(tracker) == self.name() and tracker.get_slot("last_answer") == MISS
        if missed_before:
            reach = service_reach(kb, domain)
            dispatcher.utter_message(
                text=render(domain, "utter_fallback_decline", service=reach.service, contact=reach.contact) if reach
                else render(domain, "utter_fallback_decline_nocontact"))
            return [SlotSet("last_answer", "fallback_declined")]
        entities = {e["entity"]: e["value"] for e in tracker.latest_message.get("entities", [])
                    if e.get("entity") and e.get("value")}
        buttons = [button(domain, f"utter_intent_{i}", i, entities or None) for i in likely_intents(tracker, domain)]
        # « Autre chose » counts as a second miss, which ends in the service's contact.
        buttons.append({"title": render(domain, "utter_button_other"), "payload": payload("nlu_fallback")})
        # The first miss already says whom to ask: the suggestions may all be beside the point.
        reach = service_reach(kb, domain)
        text = render(domain, "utter_fallback_suggest", service=reach.service, contact=reach.contact) if reach \
            else render(domain, "utter_fallback_suggest_nocontact")
        dispatcher.utter_message(text=text, buttons=buttons)
        return [SlotSet("last_answer", MISS)]


class ActionDefaultFallback(Action):
    """The dialogue policy could not choose: apologise and forget the turn."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_default_fallback")
        return [UserUtteranceReverted()]
