"""Asks the rules first, and runs the learned policies only when no rule decides.

Rasa runs every policy at every prediction and keeps the best one. When `RulePolicy`
predicts with confidence 1.0 nothing else can win: the ensemble compares (confidence,
priority) and RulePolicy has the highest priority, so Memoization and TED only matter for
no-user or end-to-end predictions, which they cannot make here (checked below), or after
an action was rejected, which takes the full path. Yet TEDPolicy's network and both
policies' featurisation were 27 % of the server's busy time (py-spy, saturated load), at
two predictions per turn, almost all of them decided by a rule.

So the server first runs the graph up to the RulePolicy node; if it is certain, the
ensemble picks from that prediction alone, which gives the same action, policy name and
events as the full graph. Otherwise (no certain rule) the full graph runs, given the rule
prediction already made; after a rejected action or with a follow-up action pending,
Rasa's own prediction runs unchanged. tests/integration/test_rules_first.py compares the two on
real conversations.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from rasa.core.policies.ensemble import DefaultPolicyPredictionEnsemble
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.core.processor import MessageProcessor
from rasa.engine.constants import PLACEHOLDER_TRACKER
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT

from bot.rasa_patches.patch import Patch

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Plan:
    """Where the rule prediction comes from and who combines it."""

    rule_node: str
    ensemble: DefaultPolicyPredictionEnsemble


def plan_for(runner: Any, target: str | None) -> Plan | None:
    """The rules-first plan of a model's graph, or None when the shortcut would not be exact.

    Exact only with Rasa's default ensemble, one RulePolicy, and no policy able to make an
    end-to-end prediction (a TED trained on user text), which would outrank the rules.
    """
    if not isinstance(runner, DaskGraphRunner) or not target:
        return None
    nodes = runner._instantiated_nodes  # noqa: SLF001 (the runner's own components)
    ensemble = nodes.get(target)
    if ensemble is None or type(ensemble._component) is not DefaultPolicyPredictionEnsemble:  # noqa: SLF001
        return None
    policies = {name: nodes[name] for name in runner._graph_schema.nodes[target].needs.values()  # noqa: SLF001
                if name in nodes}
    rule_nodes = [name for name, node in policies.items() if isinstance(node._component, RulePolicy)]  # noqa: SLF001
    if len(rule_nodes) != 1:
        return None
    for node in policies.values():
        component = node._component  # noqa: SLF001
        if isinstance(component, TEDPolicy) and TEXT in getattr(component, "fake_features", {TEXT: None}):
            return None
    return Plan(rule_nodes[0], ensemble._component)  # noqa: SLF001


def _last_action_rejected(tracker: DialogueStateTracker) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecutionRejected):
            return True
        if isinstance(event, ActionExecuted):
            return False
    return False


def _plan_of(processor: MessageProcessor) -> Plan | None:
    plan = getattr(processor, "_rules_first_plan", False)
    if plan is False:
        plan = plan_for(processor.graph_runner, processor.model_metadata.core_target)
        processor._rules_first_plan = plan  # noqa: SLF001 (one plan per loaded model)
        if plan is None:
            log.info("rules-first prediction disabled for this model")
    return plan


def predict(processor: MessageProcessor, tracker: DialogueStateTracker) -> tuple[PolicyPrediction, bool]:
    """The ensemble's prediction, and whether the rules alone gave it.

    When they do not, the full graph runs with the rule prediction already made: the
    RulePolicy node is not run a second time.
    """
    plan = _plan_of(processor)
    if plan is None or tracker.followup_action or _last_action_rejected(tracker):
        return _rasa_predict_next(processor, tracker), False
    runner = processor.graph_runner
    rule = runner.run(inputs={PLACEHOLDER_TRACKER: tracker}, targets=[plan.rule_node])[plan.rule_node]
    if rule.max_confidence >= 1.0:
        return plan.ensemble.combine_predictions([rule], tracker, processor.domain), True
    target = processor.model_metadata.core_target
    # A node's output is given the way Rasa gives its placeholders: (node name, value).
    return runner.run(inputs={PLACEHOLDER_TRACKER: tracker, plan.rule_node: rule}, targets=[target])[target], False


_rasa_predict_next = MessageProcessor._predict_next_with_tracker


def _predict_next_with_tracker(self: MessageProcessor, tracker: DialogueStateTracker) -> PolicyPrediction:
    """Rasa's `MessageProcessor._predict_next_with_tracker`, asking the rules first."""
    return predict(self, tracker)[0]


PATCH = Patch(MessageProcessor, "_predict_next_with_tracker", _rasa_predict_next, _predict_next_with_tracker,
              ("self", "tracker"))
