"""« Et l'autre ville avec laquelle elle coopère ? », « le SREI gère un autre programme ? »,
« à part Madagascar, quels pays ? »: a follow-up asking for the other members of the family the
previous answer was about (a body's partners, its programmes), the one just discussed and those
named now left out. Searched, such a question finds the one just discussed again, or a
definition of its words (« coopération décentralisée »). Likewise « laquelle est en Serbie ? »
after a body's partners were listed: the one of them in that country, not a passage that
happens to name Serbia; « lequel est destiné aux écoles ? » after the programmes were listed:
the one whose description says it."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import mentioned_all
from actions.evidence import content_groups, unsupported_share
from actions.list_reference import previous_turn
from actions.partner_claims import DECENTRALISED, TWINNED
from actions.partnership_text import partnership_details, partnership_line
from actions.phrasing import render, source_lines
from actions.question_shape import YES_NO, question_shape
from knowledge import KnowledgeBase
from knowledge.geography import continent_in, in_continent, is_continent
from knowledge.models import Partnership, Programme
from knowledge.textnorm import fold

# « l'autre ville », « un autre programme », « les deux autres partenaires », « son autre coopération »
_FAMILY = (r"(?:villes?|partenaires?|partenariats?|jumelages?|cooperations?|collectivites?|instances?|"
           r"regions?|provinces?|accords?|pays|programmes?)")
_OTHER = re.compile(rf"\b(?:l|un|une|d|son|sa|ses|leur|les(?: (?:deux|trois|quatre|cinq))?|deux|trois) autres? "
                    rf"(?:\w+ )?{_FAMILY}\b")
# « à part Madagascar », « sauf la Chine »: others than what is named now
_EXCEPT = re.compile(r"\b(?:a part|sauf|hormis|excepte|en dehors d|outre)\b")
_PROGRAMME = re.compile(r"\bprogrammes?\b")
# « laquelle est en Serbie ? », « et en Espagne c'est laquelle », « celle d'Autriche ? »: one of a list
_WHICH_ONE = re.compile(r"\b(?:lequel|laquelle|lesquels|lesquelles|celui|celle|ceux|celles)\b")
_SAME_KIND = re.compile(r"\b(?:de ce type|du meme type|de ce genre|du meme genre|de meme nature)\b")


def others_asked(kb: KnowledgeBase, tracker: Tracker, domain: dict[str, Any],
                 lines_of: Any = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
    """The messages and events answering a follow-up that asks for the others, or None.

    `lines_of(kb, domain, programme)`: how the action asked renders a programme (its
    audience, how to apply…); the programme's description otherwise."""
    typed = tracker.latest_message.get("text") or ""
    text = fold(typed)
    _, said_before = previous_turn(tracker)
    if not said_before:
        return None
    if not (_OTHER.search(text) or _EXCEPT.search(text)):
        # « celle en Chine, c'est un comté elle aussi ? » claims something of it: that is weighed
        which_one = _WHICH_ONE.search(text) and question_shape(typed) != YES_NO
        if not which_one:
            return None
        return (_member_in_country(kb, tracker, domain, said_before)
                or _programme_of_list(kb, domain, said_before, typed, lines_of))
    if _PROGRAMME.search(text):
        return _other_programmes(kb, tracker, domain, said_before, text, lines_of)
    return _other_partners(kb, tracker, domain, said_before, text)


def _other_programmes(kb: KnowledgeBase, tracker: Tracker, domain: dict[str, Any], said_before: str, text: str,
                      lines_of: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
    current = kb.programme(tracker.get_slot("programme") or "")
    if current is None or not _OTHER.search(text) or not _names(said_before, current.acronym or current.name):
        return None
    others = [p for p in kb.programmes(body_id=current.body_id) if p.id != current.id]
    if len(others) != 1:
        return None  # several others: the question is not precise enough to pick one
    lines, sources = (lines_of or _described)(kb, domain, others[0])
    out = CollectingDispatcher()
    out.utter_message(text="\n".join([*lines, source_lines(domain, sources)]))
    return out.messages, [SlotSet("programme", others[0].id), SlotSet("body", others[0].body_id)]


def _described(kb: KnowledgeBase, domain: dict[str, Any], programme: Programme) -> tuple[list[str], list]:
    return [render(domain, "utter_programme_info", name=programme.name, acronym=programme.acronym or "",
                   purpose=programme.purpose)], [programme.source]


def _other_partners(kb: KnowledgeBase, tracker: Tracker, domain: dict[str, Any], said_before: str,
                    text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
    current = kb.partnerships(partnership_id=tracker.get_slot("partner") or "")
    if not current or not _names(said_before, current[0].partner):
        return None
    focus = current[0]
    named_countries = {fold(c) for c in mentioned_all(kb, tracker, "country", "country")}
    named_partners = set(mentioned_all(kb, tracker, "partner", "partner"))
    if _EXCEPT.search(text):
        if not (named_countries or named_partners):
            return None  # « à part les collectivités partenaires, il sert qui ? » names no member left out
    elif named_countries or named_partners:
        return None  # « l'autre partenaire, celui de Tunisie ? » names the one asked: answered as such
    left_out = {p.partner for pid in named_partners for p in kb.partnerships(partnership_id=pid)} | {focus.partner}
    others = [p for p in kb.partnerships(body_id=focus.body_id)
              if p.partner not in left_out and fold(p.country) not in named_countries]
    kind = (focus.kind if _SAME_KIND.search(text) else "jumelage" if TWINNED.search(text)
            else "cooperation-decentralisee" if DECENTRALISED.search(text) else None)
    if kind:
        others = [p for p in others if p.kind == kind]
    if not others:
        return None
    return _partners_answer(domain, others)


def _member_in_country(kb: KnowledgeBase, tracker: Tracker, domain: dict[str, Any],
                       said_before: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
    """The partners in the country (or continent) named now, of those of one body the previous
    answer listed (by any of their names: « la Province de Jiangsu » is the Province du Jiangsu)."""
    countries = {fold(c) for c in mentioned_all(kb, tracker, "country", "country") if not is_continent(c)}
    continent = continent_in(tracker.latest_message.get("text") or "")
    body_id = tracker.get_slot("body")
    if not (countries or continent) or not body_id:
        return None
    named = set(kb.find_mentions("partner", said_before))
    listed = [p for p in kb.partnerships(body_id=body_id) if p.id in named or _names(said_before, p.partner)]
    if len({p.partner for p in listed}) < 2:
        return None  # no list of this body's partners to pick from
    there = [p for p in listed if fold(p.country) in countries
             or (continent and not countries and in_continent(p.country, continent))]
    return _partners_answer(domain, there) if there else None


# The listed programme a description fits must say this much more of the question than the next.
PROGRAMME_MARGIN = 0.3
# Words that name the programmes, not what is asked of one.
_PROGRAMME_WORDS = frozenset("programme programmes provincial provinciaux deux lequel laquelle".split())


def _programme_of_list(kb: KnowledgeBase, domain: dict[str, Any], said_before: str, typed: str,
                       lines_of: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
    """The programme, of those the previous answer named, whose name, purpose and audience
    clearly say more of the question than the others' (« lequel est destiné aux écoles
    secondaires ? » after the SREI's two programmes: the PrECI)."""
    listed = [p for p in kb.programmes() if _names_word(said_before, p.acronym or p.name)]
    claims = tuple(g for g in content_groups(typed) if not _PROGRAMME_WORDS.intersection(g))
    if len(listed) < 2 or not claims:
        return None
    # its names and the words for its audience say what it is for as well (« écoles » for the
    # PrECI's « établissements scolaires »)
    names = {}
    for kind, entity_id, name in kb.names():
        if kind in ("programme", "audience"):
            names.setdefault(entity_id, []).append(name)
    said = sorted(((1 - unsupported_share(typed, " ".join([p.name, p.purpose, p.audience, *names.get(p.id, [])]),
                                          kb.term_weight, claims), p) for p in listed), key=lambda x: -x[0])
    (best, programme), (second, _) = said[0], said[1]
    if best - second < PROGRAMME_MARGIN:
        return None
    lines, sources = (lines_of or _described)(kb, domain, programme)
    out = CollectingDispatcher()
    out.utter_message(text="\n".join([*lines, source_lines(domain, sources)]))
    return out.messages, [SlotSet("programme", programme.id), SlotSet("body", programme.body_id)]


def _partners_answer(domain: dict[str, Any], others: list[Partnership]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    out = CollectingDispatcher()
    partners = list(dict.fromkeys(p.partner for p in others))
    if len(partners) == 1:
        lines = [line for p in others for line in partnership_details(domain, p)]
        events = [SlotSet("partner", others[0].id), SlotSet("body", others[0].body_id)]
    else:
        lines = [render(domain, "utter_partnerships_others_intro", body=others[0].body_name, count=len(partners)),
                 *(partnership_line(domain, p) for p in others)]
        events = [SlotSet("body", others[0].body_id)]
    out.utter_message(text="\n".join([*lines, source_lines(domain, [p.source for p in others])]))
    return out.messages, events


def _names_word(text: str, name: str) -> bool:
    """Whether `text` names `name` as whole words (« PrECI », not the « préci » of « précisent »)."""
    return bool(name) and re.search(rf"\b{re.escape(fold(name))}\b", fold(text)) is not None


def _names(text: str, name: str) -> bool:
    """Whether `text` names `name` (folded, as a whole)."""
    return bool(name) and fold(name) in fold(text)
