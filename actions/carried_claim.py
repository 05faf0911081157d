"""« Et la Région Basse-Normandie, elle aussi ? » after « La Province de Namur a-t-elle un
partenaire en Chine ? »: an elliptic follow-up to a closed question is closed too. It puts the
previous claim to what it names now; the answer then starts with « Oui » or « Non » like any
closed question's, checked against that claim."""

from __future__ import annotations

import re

from rasa_sdk import Tracker

from actions.answer_selection import ELLIPTIC_WORDS, named_entities
from actions.list_reference import previous_turn
from actions.question_shape import OTHER, YES_NO, question_shape, untagged
from knowledge import KnowledgeBase
from knowledge.textnorm import fold

# « et X ? », « X aussi ? », « et avec X, également ? »: the previous question, about X.
_ELLIPSIS = re.compile(r"^(et|mais)\b|\b(aussi|egalement|non plus|pareil|de meme)$")
_ELLIPSIS_WORDS = re.compile(r"^(et|mais)\b|\b(aussi|egalement|non plus|pareil|de meme|elle|il|elles|ils)\b")
_ALSO = re.compile(r"\b(aussi|egalement|non plus|pareil|de meme)$")
# What X may be: a body, a service, a programme, a partner, a country.
KINDS = ("body", "service", "programme", "partner", "country")


def carried_claim(kb: KnowledgeBase, tracker: Tracker, question: str) -> str | None:
    """The claim an elliptic follow-up puts to the test (the previous closed question, with
    what it named replaced by what the follow-up names), or None when the follow-up is not
    such a question."""
    asked = previous_turn(tracker)[0]
    folded = untagged(question).strip()
    # « X aussi ? » is closed in itself, but says nothing of X but the previous claim
    if not asked or question_shape(asked) != YES_NO or not (
            question_shape(question) == OTHER or _ALSO.search(folded)):
        return None
    if not folded or len(folded.split()) > ELLIPTIC_WORDS or not _ELLIPSIS.search(folded):
        return None
    named_now = [kind for kind in KINDS if named_entities(kb, question, (kind,))]
    if not named_now:
        return None  # « et alors ? » puts nothing new to the test
    before = f" {fold(asked)} "
    for kind in named_now:
        for aliases in named_entities(kb, asked, (kind,)):
            for alias in sorted(aliases, key=len, reverse=True):
                before = before.replace(f" {alias} ", " ")
    now = _ELLIPSIS_WORDS.sub(" ", folded)
    return " ".join(f"{now} {before}".split()) + " ?"
