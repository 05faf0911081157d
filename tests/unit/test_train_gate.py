"""Training the selection gate: what an example teaches, and trees exported faithfully."""

from __future__ import annotations

import random

import pytest

from actions.selection_gate import Candidate, probability
from knowledge.models import Passage
from tests.evaluation.train_gate import Example, choices, exported, fit


def _example(rng: random.Random, in_scope: bool = True, reply_right: bool = False,
             passage_right: bool | None = None) -> Example:
    score = rng.random()
    passage = Passage(id="fact:x", entry_type="fact", entry_id="x", title="T", text="x", body_id=None,
                      score=score, source=None)
    features = {"score": score, "coverage_gain": rng.uniform(-1, 1), f"intent={rng.choice('abc')}": 1.0}
    right = score > 0.5 if passage_right is None else passage_right
    return Example("a", in_scope, reply_right, right, Candidate(passage, False, False, features))


@pytest.mark.parametrize("in_scope, reply_right, passage_right, teaches, change", [
    (True, False, True, True, 1),  # the passage wins the question
    (True, True, False, True, -1),  # ...or loses it
    (True, True, True, False, 0),  # both right: nothing to learn
    (True, False, False, False, 0),
    (False, True, False, True, -1),  # a rightful decline lost
    (False, False, False, False, 0),  # out of scope, already answered wrongly
])
def test_an_example_teaches_only_when_the_passage_changes_the_outcome(in_scope, reply_right, passage_right,
                                                                       teaches, change):
    e = _example(random.Random(0), in_scope, reply_right, passage_right)
    assert (e.teaches, e.change()) == (teaches, change)


def test_the_exported_trees_give_scikit_learn_s_own_probabilities():
    rng = random.Random(7)
    data = [_example(rng, reply_right=rng.random() < 0.5) for _ in range(300)]
    model, names = fit(data)
    gate = exported(model, names, ["a"], {})
    rows = [[e.found.features.get(n, 0.0) for n in names] for e in data]
    for e, p in zip(data, model.predict_proba(rows)[:, 1], strict=True):
        assert probability(gate, e.found.features) == pytest.approx(p, abs=1e-9)


def test_per_question_the_surest_candidate_above_the_threshold_is_chosen():
    rng = random.Random(3)
    data = [_example(rng, reply_right=rng.random() < 0.5) for _ in range(300)]
    gate = exported(*fit(data), ["a"], {})
    weak, sure, surer = (Example("a", True, False, True, Candidate(_example(rng).found.passage, False, False, {"score": s}),
                                 question=9) for s in (0.1, 0.8, 0.95))
    p = [probability(gate, e.found.features) for e in (weak, sure, surer)]
    assert p[0] < gate["threshold"] <= p[1] <= p[2]
    assert choices([weak, sure, surer], gate)[9] is (surer if p[2] > p[1] else sure)
    assert 9 not in choices([weak], gate)
