"""Asking the rules first (bot/rasa_patches/rules_first.py) predicts what Rasa's full graph predicts."""

from __future__ import annotations

import random

import pytest
from rasa.core.agent import Agent
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches import rules_first

pytestmark = pytest.mark.integration  # the trained model (fixture `agent`, tests/integration/conftest.py)


def _summary(prediction) -> tuple:
    best = max(range(len(prediction.probabilities)), key=prediction.probabilities.__getitem__)
    return (best, prediction.max_confidence, prediction.policy_name, prediction.is_end_to_end_prediction,
            prediction.is_no_user_prediction,
            [{k: v for k, v in e.as_dict().items() if k != "timestamp"} for e in prediction.events])


def _counts(agent: Agent) -> dict:
    plan = rules_first.plan_for(agent.processor.graph_runner, agent.processor.model_metadata.core_target)
    return {"rules": 0, "full": 0, "rule_node": plan.rule_node}


def _compare(agent: Agent, tracker: DialogueStateTracker, counts: dict) -> int:
    """Both ways of predicting on `tracker`; returns the index of the predicted action."""
    processor = agent.processor
    node = processor.graph_runner._instantiated_nodes[counts["rule_node"]]
    calls = []
    original = node._fn  # the graph node calls this function (RulePolicy's predict)
    node._fn = lambda *a, **k: calls.append(1) or original(*a, **k)
    try:
        ours, by_rules = rules_first.predict(processor, tracker)
    finally:
        node._fn = original
    assert len(calls) == 1  # the full path reuses the rule prediction
    full = rules_first._rasa_predict_next(processor, tracker)
    counts["rules" if by_rules else "full"] += 1
    assert _summary(ours) == _summary(full), tracker.events
    return _summary(full)[0]


def test_the_plan_is_exact_for_the_trained_model(agent: Agent) -> None:
    plan = rules_first.plan_for(agent.processor.graph_runner, agent.processor.model_metadata.core_target)
    assert plan is not None and "RulePolicy" in plan.rule_node


def test_random_conversations_get_the_same_predictions_both_ways(agent: Agent) -> None:
    """Random intent sequences (seeded), each followed by the actions the full graph predicts.

    They go through rule paths, story paths, fallbacks and unseen orders alike, so both the
    shortcut and the full path (given the rule prediction already made) are taken (asserted).
    """
    domain = agent.domain
    intents = sorted(domain.intents)
    rng = random.Random(7)
    counts = _counts(agent)
    for conversation in range(25):
        tracker = DialogueStateTracker.from_events(f"c{conversation}", [ActionExecuted(ACTION_LISTEN_NAME)],
                                                   domain.slots)
        for _turn in range(6):
            intent = rng.choice(intents)
            tracker.update(UserUttered(f"message {intent}", {"name": intent, "confidence": 0.9}))
            for _step in range(4):  # bounded: a turn ends with action_listen
                action = domain.action_names_or_texts[_compare(agent, tracker, counts)]
                tracker.update(ActionExecuted(action))
                if action == ACTION_LISTEN_NAME:
                    break
    assert counts["rules"] > 50 and counts["full"] > 5, counts


def test_a_rejected_action_takes_the_full_path(agent: Agent) -> None:
    domain = agent.domain
    tracker = DialogueStateTracker.from_events("r", [ActionExecuted(ACTION_LISTEN_NAME)], domain.slots)
    tracker.update(UserUttered("bonjour", {"name": "greet", "confidence": 0.9}))
    first = domain.action_names_or_texts[_compare(agent, tracker, _counts(agent))]
    assert rules_first.predict(agent.processor, tracker)[1]
    tracker.update(ActionExecutionRejected(first))
    counts = _counts(agent)
    _compare(agent, tracker, counts)
    assert (counts["rules"], counts["full"]) == (0, 1)
