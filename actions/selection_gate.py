"""A learned last check: the passage the search finds best, or the answer written so far.

The hand-written selection (`answer_selection`) keeps an intent's answer (a contact card, a
definition, a strategy's overview) unless a passage covers clearly more of the question. Measured
on the blind sets, the search's first passage was the right one for about a third of the wrong
answers, and the rules could not tell those turns from the ones where the answer was right. This
gate weighs the same signals together: how strongly and how clearly the passage was found, how
much of the question it and the answer hold, the intent, the question's shape and the passage's
kind. A gate learned with `--ranks 2` weighs the second passage the same way (with its rank,
and whether the answer already gives the first): of the wrong answers of the blind sets A to W,
the right passage was the search's second or third more often than its first; measured, it was
not shipped (see `train_gate.RANKS`). Its weights (`selection_gate.json`,
gradient-boosted trees) are learned from the replies of an evaluation run by
`python -m tests.evaluation.train_gate`; this module only reads them.

It only judges a question that stands on its own: a follow-up's passage depends on the
conversation, which the gate never saw.
"""

from __future__ import annotations

import json
import math
import os
import struct
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from actions.answer_selection import CONTAINED, holds, named_bodies, named_entities, speaks_of
from actions.evidence import Evidence, content_groups, coverage, question_words, scene_apart, without_label
from actions.question_shape import question_shape
from knowledge import KnowledgeBase
from knowledge.models import Passage

GATE_FILE = Path(__file__).with_name("selection_gate.json")
# Passages searched, of which the first two that fit what the question names are weighed.
SEARCHED = 4
# Question length (in words) beyond which a longer one tells nothing more.
LONGEST = 40


@dataclass(frozen=True)
class Candidate:
    """The search's first passage for a question, and what the gate weighs about it."""

    passage: Passage
    held: bool  # the answer already says what the passage says
    within: bool  # ...or is a part of it (« Téléphone : … » out of the contact passage)
    features: dict[str, float]

    @property
    def settled(self) -> bool:
        """The answer already gives the passage, or the part of it asked: nothing to weigh."""
        return self.held or self.within


def answer_core(reply: str, source_prefix: str, more_intro: str) -> str:
    """The answer itself: no source lines, nor the titles offered after it."""
    kept = "\n".join(line for line in reply.splitlines() if not line.startswith(source_prefix))
    return kept.split(more_intro)[0]


def candidates(kb: KnowledgeBase, question: str, reply: str, intent: str, source_prefix: str,
               more_intro: str, ranks: int = 2) -> list[Candidate]:
    """The search's first `ranks` passages (two at most) for `question` and the gate's features
    for each, given the `reply` written so far (none when nothing is found). The evaluation's
    training calls it too, on the replies it recorded: the features are the same at both ends."""
    if ranks < 1:
        return []
    asked, told = scene_apart(without_label(question))
    # As the rules do: a passage must name what the question names (« le PISI, c'est réservé à
    # qui ? » is not answered by « droits réservés »), and belong to the body it names, if any.
    named, bodies = named_entities(kb, question), named_bodies(kb, question)
    hits = [p for p in kb.search(asked, limit=SEARCHED, words=question_words(asked),
                                 scene=question_words(told) if told else None)
            if speaks_of(named, p) and (not bodies or p.body_id in bodies or p.body_id is None)][:2]
    weight = kb.term_weight
    core = answer_core(reply, source_prefix, more_intro)
    said = Evidence.of(core)
    answered = coverage(asked, core, weight)
    found: list[Candidate] = []
    for rank, top in enumerate(hits[:ranks]):
        other = hits[1 - rank] if len(hits) > 1 else None
        # the second passage is weighed knowing whether the answer already gives the first
        first_given = rank > 0 and found[0].settled
        found.append(_weighed(kb, asked, question, top, rank, other, first_given, said, answered,
                              source_prefix not in reply, intent))
    return found


def _sureness(passage: Passage | None) -> float:
    """The reordering's probability that the passage holds the answer; -1 when not reordered."""
    return -1.0 if passage is None or passage.sureness is None else passage.sureness


def _weighed(kb: KnowledgeBase, asked: str, question: str, top: Passage, rank: int, other: Passage | None,
             first_given: bool, said: Evidence, answered: float, declined: bool, intent: str) -> Candidate:
    """One passage and the gate's features for it (`candidates`)."""
    weight = kb.term_weight
    found = coverage(asked, f"{top.title} {top.text}", weight)
    features = {
        "score": top.score,
        "margin": top.score - (other.score if other else 0.0),
        # how sure the learned reordering is, alone and against the other passage weighed
        "sureness": _sureness(top),
        "sureness_gap": _sureness(top) - max(_sureness(other), 0.0),
        "rank": float(rank),
        "first_given": float(first_given),
        "passage_coverage": found,
        "answer_coverage": answered,
        "coverage_gain": found - answered,
        "length": min(len(question.split()), LONGEST) / 10,
        "declined": float(declined),
        # « Il va pleuvoir demain ? »: words no passage uses say the question is someone else's
        "unknown": kb.unknown_share(content_groups(asked)),
        f"intent={intent}": 1.0,
        f"shape={question_shape(question)}": 1.0,
        f"type={top.entry_type}": 1.0,
    }
    within = bool(said.words) and len(said.words & Evidence.of(f"{top.title} {top.text}").words) / len(said.words) >= CONTAINED
    return Candidate(top, holds(said, top), within, features)


@cache
def gate() -> dict | None:
    """The learned trees, or None when no gate has been trained or `SELECTION_GATE=off` (the
    answer then stands: a gate is learned from the rules' own replies, see `train_gate`)."""
    if not GATE_FILE.exists() or os.environ.get("SELECTION_GATE") == "off":
        return None
    return json.loads(GATE_FILE.read_text(encoding="utf-8"))


def single(value: float) -> float:
    """`value` in single precision: the trees were cut on features stored that way."""
    return struct.unpack("f", struct.pack("f", value))[0]


def log_odds(model: dict, features: dict[str, float]) -> float:
    """The model's log-odds that the passage is the right answer: its start plus each tree's leaf."""
    x = [single(features.get(name, 0.0)) for name in model["features"]]
    raw = model["init"]
    for tree in model["trees"]:
        node = 0
        while tree["left"][node] >= 0:  # a leaf has no children
            node = tree["left"][node] if x[tree["feature"][node]] <= tree["threshold"][node] else tree["right"][node]
        raw += model["rate"] * tree["value"][node]
    return raw


def probability(model: dict, features: dict[str, float]) -> float:
    return 1 / (1 + math.exp(-log_odds(model, features)))


def prefers_passage(found: Candidate | None) -> bool:
    """Whether the passage should be given instead of the answer written so far."""
    model = gate()
    if model is None or found is None or found.settled:
        return False
    return probability(model, found.features) >= threshold(model, found.features)


def ranks_weighed() -> int:
    """How many passages the shipped gate weighs (none without a gate): only those are weighed."""
    model = gate()
    return model.get("ranks", 1) if model else 0


def preferred(found: list[Candidate], fits: Callable[[Candidate], bool]) -> Candidate | None:
    """The passage to give instead of the answer written so far, if any: of the candidates the
    gate was trained to weigh (its `ranks`: the first only, or the first two), the surest one
    above the threshold that `fits` the answer's subject."""
    model = gate()
    if model is None:
        return None
    weighed = [c for c in found[:model.get("ranks", 1)] if prefers_passage(c) and fits(c)]
    return max(weighed, key=lambda c: probability(model, c.features), default=None)


def threshold(model: dict, features: dict[str, float]) -> float:
    """A decline is given up for a passage only when the passage is more surely right: declining
    a question that is not ours is right, and a passage is then always wrong."""
    return model["threshold_declined"] if features.get("declined") else model["threshold"]
