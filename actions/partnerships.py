"""Twinnings and partners of a body: the list (optionally in one country) and the details of one."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.buttons import button
from actions.context import body_in_context, latest_entity, mentioned_all, mentioned_now
from actions.contradiction import countries_of_demonyms
from actions.partnership_text import partnership_details, partnership_line
from actions.phrasing import render, source_lines
from knowledge import KnowledgeBase
from knowledge.geography import continent_in, continent_name, country_name, in_continent, is_continent
from knowledge.models import Partnership
from knowledge.textnorm import fold

# Partners offered as « tell me more » buttons after a list.
DETAIL_BUTTONS = 3


def detail_buttons(domain: dict[str, Any], partnerships: list[Partnership]) -> list[dict[str, str]]:
    return [button(domain, "utter_button_partnership_details", "ask_partnership_details", {"partner": p.id},
                   partner=p.partner) for p in partnerships[:DETAIL_BUTTONS]]


class ActionAnswerPartnerships(KnowledgeAction):
    answer_kind = "partnerships"
    follows = ("body", "country")
    selects_facts = True
    structured = ("partnership",)

    def name(self) -> str:
        return "action_answer_partnerships"

    def is_exact(self, kb: KnowledgeBase, tracker: Tracker, events: list[dict[str, Any]]) -> bool:
        """The partners left when countries are set aside are the list asked: no passage
        naming all four says it better."""
        body = kb.body(body_in_context(kb, tracker)) or kb.default_body()
        return bool(partners_besides(kb, tracker, kb.partnerships(body_id=body.id)))

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        body = kb.body(body_in_context(kb, tracker)) or kb.default_body()
        # A country (or a continent: « et en Asie ? ») filters this question only; it is never
        # carried to the next one.
        # (a part of a continent before the NLU's reading: « Afrique de l'Ouest » is read « Afrique de »)
        country = (mentioned_now(kb, tracker, "country", "country") or continent_in(tracker.latest_message.get("text") or "")
                   or latest_entity(tracker, "country"))
        text = fold(tracker.latest_message.get("text") or "")
        if country and mentioned_now(kb, tracker, "partner", "partner") and not _EXCEPT.search(text):
            # « Hackney, jumelée avec Suresnes, c'est en Irlande ? »: the partner named, with its
            # own country, not the body's partners in the country the question supposes (« à part
            # Louga et la Chine ? » still sets both aside)
            return ActionAnswerPartnershipDetails().answer_with_context(kb, dispatcher, tracker, domain)
        everything = kb.partnerships(body_id=body.id)
        if not everything:
            dispatcher.utter_message(text=render(domain, "utter_partnerships_none", body=body.name))
            return [SlotSet("body", body.id)]
        others = partners_besides(kb, tracker, everything)
        if others:  # « hormis le Royaume-Uni et la Norvège, avec quelles collectivités… ? »
            partners = list(dict.fromkeys(p.partner for p in others))
            lines = [render(domain, "utter_partnerships_others_intro", body=body.name, count=len(partners)),
                     *(partnership_line(domain, p) for p in others), source_lines(domain, [p.source for p in others])]
            dispatcher.utter_message(text="\n".join(lines), buttons=detail_buttons(domain, others))
            return [SlotSet("body", body.id), SlotSet("country", None)]
        continent = continent_name(country) if is_continent(country) else None
        if continent:
            shown = [p for p in everything if in_continent(p.country, continent)]
        else:
            shown = kb.partnerships(body_id=body.id, country=country) if country else everything
        where = "continent" if continent else "country"
        if country and not continent and len(shown) == 1:
            # « une coopération au Mali ? »: the one partner there, with what the sources say of it
            lines = [*partnership_details(domain, shown[0]), source_lines(domain, [shown[0].source])]
            dispatcher.utter_message(text="\n".join(lines))
            return [SlotSet("body", body.id), SlotSet("country", country), SlotSet("partner", shown[0].id)]
        if country and shown:
            lines = [render(domain, f"utter_partnerships_{where}_intro", body=body.name, country=country,
                            continent=continent)]
        elif country:
            # Named back only if it is a country's or continent's name: never a stray typed value.
            shown_name = shown_name_of(kb, country)
            template = f"utter_partnerships_{where}_none" if shown_name else "utter_partnerships_elsewhere_none"
            lines = [render(domain, template, body=body.name, country=shown_name, continent=continent)]
            shown = everything
        else:
            twinnings = sum(p.kind == TWINNING for p in shown)
            if asks_about_twinnings(tracker.latest_message.get("text") or "") and 0 < twinnings < len(shown):
                # « avec combien de villes Suresnes est-elle jumelée ? »: the twinnings among them
                lines = [render(domain, "utter_partnerships_intro_twinnings", body=body.name, count=len(shown),
                                twinnings=twinnings)]
            else:
                lines = [render(domain, "utter_partnerships_intro", body=body.name, count=len(shown))]
        lines += [partnership_line(domain, p) for p in shown]
        lines.append(source_lines(domain, [p.source for p in shown]))
        dispatcher.utter_message(text="\n".join(lines), buttons=detail_buttons(domain, shown))
        return [SlotSet("body", body.id), SlotSet("country", country if shown_name_of(kb, country) else None)]


TWINNING = "jumelage"
_EXCEPT = re.compile(r"\b(a part|sauf|hormis|excepte|en dehors d|autres? que|a l exception)\b")
_TWINNING_WORDS = re.compile(r"\b(jumel\w*|villes? jumelles?|villes? soeurs?)\b")


def partners_besides(kb: KnowledgeBase, tracker: Tracker, everything: list[Partnership]) -> list[Partnership]:
    """The partnerships left when the question sets countries aside (« à part la Chine »,
    « hormis le Royaume-Uni et la Norvège »); none when it sets none aside, or all."""
    text = tracker.latest_message.get("text") or ""
    if not _EXCEPT.search(fold(text)):
        return []
    aside = {fold(c) for c in mentioned_all(kb, tracker, "country", "country") if not is_continent(c)}
    left = [p for p in everything if fold(p.country) not in aside]
    return left if aside and 0 < len(left) < len(everything) else []


def asks_about_twinnings(question: str) -> bool:
    """« jumelée », « jumelages », « villes jumelles »: twinnings asked, not any partnership."""
    return _TWINNING_WORDS.search(fold(question)) is not None


def kb_country_name(kb: KnowledgeBase, value: str) -> str | None:
    """`value` if it is a country of the knowledge base's partnerships (by alias or name)."""
    found = kb.resolve("country", value)
    return value if found else None


def shown_name_of(kb: KnowledgeBase, value: str | None) -> str | None:
    """The name under which a typed country or continent may be echoed, or None."""
    if not value:
        return None
    return continent_name(value) if is_continent(value) else country_name(value) or kb_country_name(kb, value)


def partnerships_in_context(kb: KnowledgeBase, tracker: Tracker) -> list[Partnership]:
    """The partnership(s) asked about: with the partner named now, else the one discussed."""
    partnership_id = mentioned_now(kb, tracker, "partner", "partner")
    if not partnership_id:
        kept = tracker.get_slot("partner")
        partnership_id = kept if kept and kb.known_id("partner", kept) else kb.resolve("partner", kept)
    if not partnership_id:
        return []
    found = kb.partnerships(partnership_id=partnership_id)
    if not found:
        return []
    # One partner can have several agreements with the same body (Suresnes and Kragujevac).
    return [p for p in kb.partnerships(body_id=found[0].body_id) if p.partner == found[0].partner]


def partners_in_place_asked(kb: KnowledgeBase, tracker: Tracker) -> list[Partnership]:
    """« celle en Chine, depuis quand ? »: the body's one partner in the country (or continent)
    named now; none when there are several there, or none."""
    body_id = body_in_context(kb, tracker) or kb.default_body().id
    text = tracker.latest_message.get("text") or ""
    countries = mentioned_all(kb, tracker, "country", "country")
    if len(countries) > 1 or _EXCEPT.search(fold(text)):
        return []  # « et à part la Chine et le Sénégal ? » asks for the others
    place = countries[0] if countries else continent_in(text)
    everything = kb.partnerships(body_id=body_id)
    if not place:
        # « le partenariat avec la province chinoise » names the country by its adjective
        adjectives = countries_of_demonyms(text)
        there = [p for p in everything if len(adjectives) == 1 and fold(p.country) == adjectives[0]]
        return there if len({p.partner for p in there}) == 1 else []
    there = ([p for p in everything if in_continent(p.country, place)] if is_continent(place)
             else kb.partnerships(body_id=body_id, country=place))
    partners = {p.partner for p in there}
    return there if len(partners) == 1 else []


class ActionAnswerPartnershipDetails(KnowledgeAction):
    answer_kind = "partnership_details"
    follows = ("partner",)
    selects_facts = True
    structured = ("partnership",)

    def name(self) -> str:
        return "action_answer_partnership_details"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        # « et pour la Chine, depuis quand ? » after Louga: a place named now, with one partner
        # there, moves on from the partner discussed; a partner named now stays first.
        placed = [] if mentioned_now(kb, tracker, "partner", "partner") else partners_in_place_asked(kb, tracker)
        found = placed or partnerships_in_context(kb, tracker)
        if not found:
            body_id = body_in_context(kb, tracker)
            dispatcher.utter_message(text=render(domain, "utter_partnership_which"),
                                     buttons=detail_buttons(domain, kb.partnerships(body_id=body_id)))
            return [SlotSet("body", body_id)]
        lines = [line for p in found for line in partnership_details(domain, p)]
        lines.append(source_lines(domain, [p.source for p in found]))
        dispatcher.utter_message(text="\n".join(lines))
        return [SlotSet("partner", found[0].id), SlotSet("body", found[0].body_id)]
