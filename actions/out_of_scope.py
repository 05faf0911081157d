"""A question the assistant does not cover: an honest « no », with whom to ask when it is about a service we know."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.contact import ActionAnswerContact, asks_card_detail, asks_our_card
from actions.context import mentioned_all
from actions.follow_up import ActionFollowUp, continues_previous
from actions.phrasing import render
from actions.reach import service_reach
from knowledge import KnowledgeBase


class ActionAnswerOutOfScope(KnowledgeAction):
    """« Quel est le budget du SREI ? », « le PISI finance combien ? »: not in the sources, but the
    service named, or the one running the programme named, can answer."""

    selects_facts = True
    declines = True

    def name(self) -> str:
        return "action_answer_out_of_scope"

    def is_exact(self, kb: KnowledgeBase, tracker: Tracker, events: list[dict[str, Any]]) -> bool:
        """A detail of the card just given is read on that card (see `asks_card_detail`), and so
        is a detail of the card asked with nothing else (see `asks_our_card`)."""
        return asks_card_detail(tracker) or asks_our_card(kb, tracker)

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        if continues_previous(kb, tracker):
            # « laquelle est en Chine ? » after the partners, taken by the NLU for a question
            # we do not cover: it goes on with the list just given.
            return ActionFollowUp().answer(kb, dispatcher, tracker, domain)
        if asks_our_card(kb, tracker):
            # « quel est le numéro de téléphone du service ? » taken for a question we do not cover
            return ActionAnswerContact().answer_with_context(kb, dispatcher, tracker, domain)
        # Only a service named (« le SREI »): a town named (« la météo à Namur ») is no reason
        # to send someone to its international relations service.
        services = kb.find_mentions("service", tracker.latest_message.get("text") or "")
        # « le montant du subside PISI »: a programme named is a question for the service running it.
        programmes = [p for i in mentioned_all(kb, tracker, "programme", "programme") if (p := kb.programme(i))]
        services += [p.service_id for p in programmes]
        # Otherwise the default body's service: whoever asks gets someone to ask.
        reach = service_reach(kb, domain, service_id=services[0]) if services else service_reach(kb, domain)
        if reach is None:
            dispatcher.utter_message(response="utter_out_of_scope")
        else:
            dispatcher.utter_message(text=render(domain, "utter_out_of_scope_ask_them", service=reach.service,
                                                 contact=reach.contact))
        return []
