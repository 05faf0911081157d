"""Eligibility from the criteria of the knowledge base: reading answers in free text, the verdict.

Pure functions over the `knowledge.models` dataclasses, so they are tested without Rasa.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.models import Answer, Criterion, Programme
from knowledge.textnorm import fold

DONT_KNOW = "dont_know"
ELIGIBLE, NOT_ELIGIBLE, UNCERTAIN, PENDING = "eligible", "not_eligible", "uncertain", "pending"


@dataclass(frozen=True)
class Verdict:
    outcome: str
    criterion: Criterion | None = None
    answer: Answer | None = None


def loose(text: str) -> str:
    """Folded words without final « s »/« e », so that « namuroise(s) » meets « namurois »."""
    return " ".join(w.rstrip("se") or w for w in fold(text).split())


def generic_replies(programmes: list[Programme]) -> set[str]:
    """Replies (« oui », « non »...) that mean the same value for several criteria.

    Such a reply only answers the question being asked; a specific one (« école
    primaire ») also answers questions not asked yet.
    """
    seen: dict[tuple[str, str], set[str]] = {}
    for programme in programmes:
        for criterion in programme.criteria:
            for answer in criterion.answers:
                for synonym in answer.synonyms:
                    seen.setdefault((loose(synonym), answer.value), set()).add(criterion.id)
    return {reply for (reply, _), criteria in seen.items() if len(criteria) > 1}


def match_answer(criterion: Criterion, text: str, skip: set[str] = frozenset()) -> Answer | None:
    """The answer whose longest synonym (or label: the buttons send it) appears as whole words in `text`."""
    padded = f" {loose(text)} "
    best: tuple[int, Answer] | None = None
    for answer in criterion.answers:
        for synonym in [answer.label, *answer.synonyms]:
            reply = loose(synonym)
            if reply and reply not in skip and f" {reply} " in padded and (best is None or len(reply) > best[0]):
                best = (len(reply), answer)
    return best[1] if best else None


def read_answers(programme: Programme, text: str, answers: dict[str, str], asked: str | None,
                 generic: set[str], dont_know: bool = False) -> dict[str, str]:
    """`answers` updated with what `text` says; « je ne sais pas » applies to the asked criterion."""
    updated = dict(answers)
    for criterion in programme.criteria:
        if criterion.id == asked and dont_know:
            updated[criterion.id] = DONT_KNOW
            continue
        if criterion.id in updated and criterion.id != asked:
            continue
        answer = match_answer(criterion, text, set() if criterion.id == asked else generic)
        if answer:
            updated[criterion.id] = answer.value
    return updated


def next_criterion(programme: Programme, answers: dict[str, str]) -> Criterion | None:
    """The first criterion not answered yet."""
    return next((c for c in programme.criteria if c.id not in answers), None)


def verdict(programme: Programme, answers: dict[str, str]) -> Verdict:
    """Not eligible as soon as one criterion fails; else pending, uncertain or eligible."""
    chosen = {c.id: next((a for a in c.answers if a.value == answers.get(c.id)), None) for c in programme.criteria}
    for criterion in programme.criteria:
        answer = chosen[criterion.id]
        if answer is not None and not answer.qualifies:
            return Verdict(NOT_ELIGIBLE, criterion, answer)
    if next_criterion(programme, answers):
        return Verdict(PENDING, next_criterion(programme, answers))
    unsure = next((c for c in programme.criteria if answers.get(c.id) == DONT_KNOW), None)
    if unsure:
        return Verdict(UNCERTAIN, unsure)
    return Verdict(ELIGIBLE)
