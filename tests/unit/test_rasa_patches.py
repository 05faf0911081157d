"""The Rasa patches as a whole (bot/rasa_patches/): written against the Rasa functions they
replace (a changed signature fails here), installed all at once, refused on another Rasa,
and the graph cache gives what Rasa's own graph run gives. The other patches are compared
with Rasa's originals in test_rasa_speedups.py, test_rules_first.py and test_action_payload.py."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import warnings

import pytest
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.engine.runner.dask import DaskGraphRunner

from bot import rasa_patches
from bot.rasa_patches import graph_cache
from bot.tools.stack import ROOT

MODEL = ROOT / "models" / "srei.tar.gz"
MESSAGES = ["Quel est le numéro de téléphone du service ?", "c'est quoi le PrECI", "jumelages de Suresnes ?",
            "bonjour", "mon école peut-elle participer ?", "xqzw", "Le PISI, c'est pour qui ?"]


@pytest.mark.parametrize("patch", rasa_patches.PATCHES, ids=lambda p: f"{p.owner.__name__}.{p.name}")
def test_each_patch_was_written_for_the_function_rasa_has(patch: rasa_patches.Patch) -> None:
    assert patch.original_parameters() == patch.parameters
    assert patch.original is not patch.replacement


def test_install_replaces_every_function_once_and_for_all() -> None:
    code = ("from bot import rasa_patches as r; r.install(); r.install(); "
            "print(all(getattr(p.owner, p.name) is not p.original for p in r.PATCHES))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.stdout.strip().splitlines()[-1] == "True", out.stderr[-2000:]


def test_another_rasa_is_refused() -> None:
    rasa_patches.check_version("3.6.21")
    with pytest.raises(rasa_patches.UntestedRasa, match="3.7.0"):
        rasa_patches.check_version("3.7.0")


@pytest.fixture(scope="module")
def agent() -> Agent:
    if not MODEL.exists():
        pytest.fail("no trained model: make train")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Slot auto-fill has been removed", category=UserWarning)
        return Agent.load(str(MODEL))


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


async def test_the_fail_safe_store_hides_database_errors_and_unwrapped_reaches_the_real_store() -> None:
    from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
    from rasa.shared.core.domain import Domain

    from bot.rasa_patches.fail_safe_store import unwrapped

    class Down(InMemoryTrackerStore):
        async def retrieve(self, sender_id: str):  # noqa: ANN201
            raise ConnectionError("database down")

    inner = Down(Domain.empty())
    wrapped = FailSafeTrackerStore(inner)
    assert await wrapped.retrieve("x") is None  # Rasa's wrapper: the failure looks like "no conversation"
    assert unwrapped(wrapped) is inner and unwrapped(inner) is inner
    with pytest.raises(ConnectionError):
        await unwrapped(wrapped).retrieve("x")
