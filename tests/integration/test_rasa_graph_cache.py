"""The graph cache (bot/rasa_patches/graph_cache.py) parses messages as Rasa's own graph run
does, on the trained model. The patches that need no model: tests/unit/test_rasa_patches.py."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.engine.runner.dask import DaskGraphRunner

from bot.rasa_patches import graph_cache

pytestmark = pytest.mark.integration  # the trained model (fixture `agent`, tests/integration/conftest.py)
MESSAGES = ["Quel est le numéro de téléphone du service ?", "c'est quoi le PrECI", "jumelages de Suresnes ?",
            "bonjour", "mon école peut-elle participer ?", "xqzw", "Le PISI, c'est pour qui ?"]


def _parses(agent: Agent, run) -> list[dict]:
    """What the NLU graph reads in each message, with `run` as DaskGraphRunner.run."""
    kept = DaskGraphRunner.run
    DaskGraphRunner.run = run
    try:
        return [asyncio.run(agent.processor.parse_message(UserMessage(m))) for m in MESSAGES]
    finally:
        DaskGraphRunner.run = kept


def test_the_graph_cache_parses_as_rasa_does(agent: Agent) -> None:
    theirs = _parses(agent, graph_cache._rasa_run_graph)
    ours = _parses(agent, graph_cache._run_graph)
    again = _parses(agent, graph_cache._run_graph)  # from the kept graph this time
    assert agent.processor.graph_runner.__dict__.get("_graphs_by_targets")
    assert ours == theirs and again == theirs
