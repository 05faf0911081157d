"""The trained model, loaded once for the tests that compare our Rasa patches with Rasa on it."""

from __future__ import annotations

import warnings

import pytest
from rasa.core.agent import Agent

from tests.conftest import ROOT

MODEL = ROOT / "models" / "srei.tar.gz"


@pytest.fixture(scope="session")
def agent() -> Agent:
    """The model `make train` wrote (20 to 40 s to load: once per session, read-only use)."""
    if not MODEL.exists():
        pytest.fail("no trained model: make train")
    with warnings.catch_warnings():
        # Rasa 3.6 announces on every load that slot auto-fill was removed in 3.0.
        warnings.filterwarnings("ignore", message="Slot auto-fill has been removed", category=UserWarning)
        return Agent.load(str(MODEL))
