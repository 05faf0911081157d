"""« Et cohérence ? », « et combien d'activités cette année-là ? »: a follow-up that names what
one of the titles offered after the previous answer (« Les documents détaillent aussi : »)
names. The user picks that offer as a click would; the intent read in a few words (the
strategy again, the unknown) would answer the topic around it.
"""

from __future__ import annotations

import re

from actions.answer_selection import DEMONSTRATIVE, leans_on_context
from actions.evidence import Evidence, content_groups, coverage
from actions.list_reference import previous_turn
from knowledge import KnowledgeBase
from knowledge.models import Passage
from knowledge.textnorm import fold, without_kinds_asked

# Share of the follow-up's words (weighted by rarity) an offered title must hold.
PICKED = 0.5
_BULLET = "• "
_WHICH_ONE = re.compile(r"\b(quel|quelle|quels|quelles|kel|kelle)\b")
_POINTER = re.compile(rf"\b{DEMONSTRATIVE}( la| ci)?\b")


def offered_titles(said: str, offers_intro: str) -> list[str]:
    """The titles listed after `offers_intro` in an answer."""
    if offers_intro not in said:
        return []
    after = said.split(offers_intro, 1)[1].splitlines()
    return [line[len(_BULLET):].strip() for line in after if line.startswith(_BULLET)]


def picked_offer(kb: KnowledgeBase, tracker, question: str, offers_intro: str) -> Passage | None:
    """The passage of the one offered title the follow-up names, if it names one: the title
    must hold the follow-up's rarest word and most of the others, and no other offer as much."""
    _, said = previous_turn(tracker)
    titles = offered_titles(said, offers_intro)
    if not titles or not leans_on_context(kb, question):
        return None
    typed = without_kinds_asked(question) or question  # « combien d'activités » names « activités »
    # « cette année-là » points back to the previous answer's year; it names nothing offered
    typed = _POINTER.sub(" ", fold(typed))
    groups = content_groups(typed)
    if not groups:
        return None
    rarest = max(groups, key=kb.term_weight)
    scored = sorted(((coverage(typed, t, kb.term_weight), t) for t in titles), reverse=True)
    best, title = scored[0]
    if best < PICKED or not Evidence.of(title).has(rarest) or (len(scored) > 1 and scored[1][0] >= best):
        return None
    # « et ça correspond à quel article du CDLD ? »: the answer just given names that article, and
    # an offer naming another one is not what is asked
    if _WHICH_ONE.search(typed) and coverage(typed, said.split(offers_intro, 1)[0], kb.term_weight) >= best:
        return None
    return next((p for p in kb.search(title, limit=5) if p.title == title), None)
