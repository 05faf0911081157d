"""« Quels établissements scolaires de la ville s'y impliquent ? » after Suresnes' cooperation
with Cap-Haïtien: a follow-up that names no body stays with the body the conversation is about.

Four bodies' documents share most of their words (coopération, jumelage, service, écoles), so
a follow-up that names none of them is often answered from another body's document: the
Province de Namur's schools, the Ville de Suresnes' service for the Ille-et-Vilaine's. The
previous answer's source says which body the conversation is about; that body's best passage
answers instead when it holds nearly as much of the question as the answer does. So it does
when the action found nothing for that body (« et le service qui s'occupe de ça ? » after the
Ille-et-Vilaine, which has no contact card) and another body's passage would be given.
"""

from __future__ import annotations

from actions.answer_selection import ALL_NAMED, named_bodies, named_entities
from actions.evidence import coverage, question_words
from knowledge import KnowledgeBase
from knowledge.models import Passage

# The body's passage must hold at least this share of what the answer holds of the question:
# measured on the conversations of the blind sets A to Y, 0.7 lost no turn, 0 lost right ones.
KEPT_COVERAGE = 0.7
# Passages searched for the body's best one.
SEARCHED = 12


def cited_body(kb: KnowledgeBase, reply: str, source_prefix: str) -> str | None:
    """The body whose documents the reply cites (its « Source : » lines name the publisher),
    if they are all of one body."""
    publishers = {line[len(source_prefix):].split(",")[0].strip(" :")
                  for line in reply.splitlines() if line.startswith(source_prefix)}
    if not publishers:
        return None  # nothing cited: no need to read the bodies
    by_name = {b.name: b.id for b in kb.bodies()}
    bodies = {by_name.get(p) for p in publishers}
    return next(iter(bodies)) if len(bodies) == 1 else None


def stays_with_body(kb: KnowledgeBase, question: str, said_before: str, answer: str, given: Passage | None,
                    reply: str, source_prefix: str) -> Passage | None:
    """The passage of the previous answer's body that answers `question` instead of `answer`
    (the text given, without its source lines: `given`'s, or that of the action's `reply`), if
    the question names no body, entity nor notion and the answer comes from another body; else None."""
    body = cited_body(kb, said_before, source_prefix)
    if body is None:
        return None
    answer_body = given.body_id if given else cited_body(kb, reply, source_prefix)
    if answer_body in (None, body):
        return None
    # « et un jumelage ? »: a notion (a topic) is no body's own, nor is what a question names
    if named_bodies(kb, question) or named_entities(kb, question, ALL_NAMED + ("topic",)):
        return None
    hits = [p for p in kb.search(question, limit=SEARCHED, body_id=body, words=question_words(question))
            if p.body_id == body]
    if not hits:
        return None
    weight = kb.term_weight
    held = coverage(question, f"{hits[0].title} {hits[0].text}", weight)
    return hits[0] if held > 0 and held >= KEPT_COVERAGE * coverage(question, answer, weight) else None
