"""The unit tier's guard (tests/support/unit_rule.py, run by tests/unit/conftest.py) does fail a test that loads the trained model
or leaves a process running, so the rule « sans modèle ni serveur » cannot silently rot."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rasa.core.agent import Agent

from tests.conftest import ROOT
from tests.support.unit_rule import OutsideUnitTier, refuse_new_children, refuse_server_fixtures, running_children


def test_loading_the_trained_model_is_refused() -> None:
    with pytest.raises(OutsideUnitTier, match="trained Rasa model"):
        Agent.load(str(ROOT / "models" / "srei.tar.gz"))


def test_a_process_left_running_is_refused_and_named() -> None:
    before = running_children()
    server = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert any(line.startswith(f"{server.pid} ") for line in running_children() - before)
        with pytest.raises(OutsideUnitTier, match=str(server.pid)):
            refuse_new_children(before, "after the test")
        refuse_new_children(running_children(), "after the test")  # already there: another tier's
    finally:
        server.kill()
        server.wait()
    refuse_new_children(before, "after the test")  # a finished command is not a server


def test_the_shared_server_fixtures_are_refused_by_name() -> None:
    refuse_server_fixtures(["kb", "tmp_path"])
    with pytest.raises(OutsideUnitTier, match="stack"):
        refuse_server_fixtures(["kb", "stack"])
