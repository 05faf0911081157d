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

import re
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Tracker

from actions.evidence import Evidence, content_groups, coverage
from knowledge import KnowledgeBase
from knowledge.models import Passage
from knowledge.textnorm import fold

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
# Passages scoring this close to the best are as good, and the most focused one is taken.
NEAR = 0.15
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


ANSWERED, ASKED_BACK, DECLINED = "answered", "asked_back", "declined"
# « et depuis quand ? », « laquelle est en Chine ? », « il couvre quelles années ? »: a
# question that leans on the previous turn (a pronoun, a leading « et », or very few words).
_LEANS_ON_CONTEXT = re.compile(r"^(et|ok|d accord|alors)\b|\b(il|elle|ils|elles|lequel|laquelle|lesquels|lesquelles|"
                               r"ca|celui|celle|ceux|eux|son|sa|ses|leur|leurs|y|en|la dedans|ce domaine)\b")
ELLIPTIC_WORDS = 8
# How much of the previous answer tells what it was about: its first line.
CONTEXT_CHARS = 160


def previous_exchange(tracker: Tracker) -> tuple[str, str]:
    """The user's previous message and the first line of the bot's answer to it."""
    users = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    if len(users) < 2:
        return "", ""
    start, end = users[-2], users[-1]
    asked = tracker.events[start].get("text") or ""
    said = next((e.get("text") or "" for e in tracker.events[start:end] if e.get("event") == "bot" and e.get("text")), "")
    return asked, said.splitlines()[0][:CONTEXT_CHARS] if said else ""


def with_context(tracker: Tracker, question: str) -> str:
    """The question, plus the previous exchange when it leans on it."""
    folded = fold(question)
    if not folded or len(folded.split()) > ELLIPTIC_WORDS:
        return question
    if len(content_groups(question)) > 2 and not _LEANS_ON_CONTEXT.search(folded):
        return question
    asked, said = previous_exchange(tracker)
    return " ".join(part for part in (question, asked, said) if part)


def focused(hits: list[Passage], question: str, weight) -> Passage:
    """Among the passages about as good as the best, the one whose title names the question's
    most telling word (« convergence », not « stratégie »): it is about what is asked."""
    top = hits[0]
    near = [p for p in hits if p.score >= top.score - NEAR]
    groups = content_groups(question)
    if len(near) < 2 or not groups:
        return top
    rarest = max(groups, key=weight)
    return next((p for p in near if Evidence.of(p.title).has(rarest)), top)


def in_context_of_previous(kb: KnowledgeBase, hits: list[Passage], typed: str, answer: str,
                           outcome: str) -> Choice | None:
    """For a follow-up: among the passages found with the previous exchange, the one that holds
    the words typed now (« Chine » in « et celle en Chine ? »), named in its title if possible."""
    weight = kb.term_weight
    groups = content_groups(typed)
    rarest = max(groups, key=weight) if groups else None

    def key(p: Passage) -> tuple:
        named = rarest is not None and Evidence.of(p.title).has(rarest)
        return -round(coverage(typed, f"{p.title} {p.text}", weight), 2), not named, -p.score

    top = min(hits, key=key)
    covers = coverage(typed, f"{top.title} {top.text}", weight)
    if covers < MIN_UNSURE:
        return None  # the words typed now are not in it: the action's own context decides
    if outcome != ANSWERED:
        return Choice(top, replaces=True)
    if holds(Evidence.of(answer), top):
        return Choice(top, replaces=False)
    return Choice(top, replaces=covers - coverage(typed, answer, weight) >= CLEARLY)


def better_passage(kb: KnowledgeBase, tracker: Tracker, answer: str, structured: tuple[str, ...],
                   outcome: str, entity_answer: bool = False) -> Choice | None:
    """The best passage for the question, and whether to give it instead of `answer`.

    When it is not given, it still tells what the answer is about (a closed question is
    checked against it too): None only when no passage fits the question.

    Args:
        answer: the text the action wrote, without its source lines.
        structured: entry types the action renders itself.
        outcome: ANSWERED (the action cited a source), ASKED_BACK (it asked which one), or
            DECLINED (it said it does not know): only a strong, unambiguous passage replaces that.
        entity_answer: whether the answer is about an entity the question names (a partner,
            a programme): like a structured answer, it is replaced only by a clearly better one.
    """
    typed = tracker.latest_message.get("text") or ""
    if not typed or typed.startswith("/"):
        return None  # a button: the action knows what it asks for
    question = with_context(tracker, typed)
    if len(content_groups(question)) < 2:
        return None
    bodies = named_bodies(kb, typed)
    in_context = bodies[0] if bodies else tracker.get_slot("body")
    hits = [p for p in kb.search(question, limit=DEPTH if question == typed else 2 * DEPTH, body_id=in_context)
            if not bodies or p.body_id in bodies or p.body_id is None]
    if not hits:
        return None
    if question != typed:
        return in_context_of_previous(kb, hits, typed, answer, outcome)
    if outcome == DECLINED:
        strong = hits[0].score >= MIN_UNSURE and (len(hits) < 2 or hits[1].score <= hits[0].score - UNSURE_MARGIN)
        return Choice(hits[0], replaces=True) if strong else None
    weight = kb.term_weight
    top = focused(hits, question, weight)
    if top.score < MIN_TOPICAL:
        return None
    if outcome == ASKED_BACK:
        return Choice(top, replaces=True)
    said = Evidence.of(answer)
    if holds(said, top):
        return Choice(top, replaces=False)
    passage_covers = coverage(question, f"{top.title} {top.text}", weight)
    answer_covers = coverage(question, answer, weight)
    if entity_answer or structured:
        return Choice(top, replaces=passage_covers - answer_covers >= CLEARLY)
    # The search's own coverage also counts the names and words indexed with the passage
    # (« bureaux » for an address), which its text alone may lack.
    covers = max(top.score, passage_covers)
    if abs(covers - answer_covers) < TIE:
        # Both hold the question's words: the more focused one answers it (the keyword's own
        # fact, not the overview listing it; the one partner in China, not all three).
        return Choice(top, replaces=len(Evidence.of(top.text).words) < len(said.words))
    return Choice(top, replaces=covers > answer_covers)


def reply_text(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)
