"""Fact-level answer selection, every knowledge turn.

The intent picks an action, and the action writes the answer for its topic: a contact card,
a list of partners, the overview of a strategy. The question may ask for one precise fact
that the topic's answer does not hold (« que veut dire pertinence ? », « combien de
valeurs ? »). So the passages that best answer the question itself compete with the
action's answer: when one covers the question at least as well and the answer does not
already contain it, the passage is given instead. A structured answer that fits (the
contact card for a contact passage, a partnership for a partnership) is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker

from actions.evidence import Evidence, content_groups, coverage
from knowledge import KnowledgeBase
from knowledge.models import Passage

# A passage replaces an answer of the intent's topic when it covers this share of the
# question (the search's own IDF-weighted coverage)...
MIN_TOPICAL = 0.5
# ...and replaces a clarifying question or a decline only when it covers this much: below,
# the honest « I don't know » is worth more than a loosely related fact.
MIN_UNSURE = 0.75
# The answer already holds the passage when it contains this share of the passage's words.
CONTAINED = 0.8
# ...and only when no other passage fits nearly as well: two equally good hits mean the
# question's words are common ones, not that it was understood.
UNSURE_MARGIN = 0.1
# Passages looked at, best first.
DEPTH = 4
# Coverages closer than this are equal.
TIE = 0.01
# A structured answer (a contact card, the partners in one country, a programme's call) is
# replaced only by a passage that holds clearly more of the question.
CLEARLY = 0.25


@dataclass(frozen=True)
class Choice:
    """The best passage for the question, and whether it replaces the action's answer."""

    passage: Passage
    replaces: bool


def named_bodies(kb: KnowledgeBase, text: str) -> list[str]:
    """Bodies named in the question, directly or through one of their services (« le SREI »)."""
    bodies = kb.find_mentions("body", text)
    for service_id in kb.find_mentions("service", text):
        service = kb.service(service_id)
        if service and service.body_id not in bodies:
            bodies.append(service.body_id)
    return bodies


def holds(answer: Evidence, passage: Passage) -> bool:
    """Whether the answer already says what the passage says."""
    words = Evidence.of(passage.text).words
    return bool(words) and len(words & answer.words) / len(words) >= CONTAINED


def better_passage(kb: KnowledgeBase, tracker: Tracker, answer: str, structured: tuple[str, ...],
                   answered: bool, entity_answer: bool = False) -> Choice | None:
    """The best passage for the question, and whether to give it instead of `answer`.

    When it is not given, it still tells what the answer is about (a closed question is
    checked against it too): None only when no passage fits the question.

    Args:
        answer: the text the action wrote.
        structured: entry types the action renders itself (kept when the best passage is one).
        answered: whether the action answered from the base (it cited a source); if not, it
            asked back or declined, and only a strong passage may replace that.
        entity_answer: whether the answer is about the entities the question names (the
            action renders entries of `structured`, or set the entity it answered about).
    """
    question = tracker.latest_message.get("text") or ""
    if not question or question.startswith("/") or len(content_groups(question)) < 2:
        return None  # a button, or « et son numéro ? »: the context the action keeps decides
    bodies = named_bodies(kb, question)
    in_context = bodies[0] if bodies else tracker.get_slot("body")
    hits = [p for p in kb.search(question, limit=DEPTH, body_id=in_context)
            if not bodies or p.body_id in bodies or p.body_id is None]
    if not hits:
        return None
    top = hits[0]
    if top.score < (MIN_TOPICAL if answered else MIN_UNSURE):
        return None
    if not answered and len(hits) > 1 and hits[1].score > top.score - UNSURE_MARGIN:
        return None
    said = Evidence.of(answer)
    if answered and (top.entry_type in structured or holds(said, top)):
        return Choice(top, replaces=False)
    weight = kb.term_weight
    if answered and (entity_answer or structured):
        gain = coverage(question, f"{top.title} {top.text}", weight) - coverage(question, answer, weight)
        return Choice(top, replaces=gain >= CLEARLY)
    # The search's own coverage also counts the names and words indexed with the passage
    # (« bureaux » for an address), which its text alone may lack.
    covers = max(top.score, coverage(question, f"{top.title} {top.text}", weight))
    answer_covers = coverage(question, answer, weight) if answered else 0.0
    if abs(covers - answer_covers) < TIE:
        # Both hold the question's words: the more focused one answers it (the keyword's own
        # fact, not the overview listing it; the one partner in China, not all three).
        return Choice(top, replaces=len(Evidence.of(top.text).words) < len(said.words))
    return Choice(top, replaces=covers > answer_covers)


def reply_text(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)
