"""Models loaded without a training step (bot/rasa_patches/model_loading.py) predict what
Rasa's own loading predicts, on the trained model (long: the model is loaded twice)."""

from __future__ import annotations

import warnings

import pytest
import yaml
from rasa.core.agent import Agent
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.tensorflow.models import RasaModel

from bot.rasa_patches import model_loading
from tests.conftest import ROOT
from tests.integration.conftest import MODEL

pytestmark = [pytest.mark.integration, pytest.mark.slow]


async def test_models_loaded_without_a_training_step_predict_the_same(monkeypatch) -> None:
    """DIET and TED loaded both ways give the same rankings, entities and action probabilities."""
    nlu = yaml.safe_load((ROOT / "data" / "nlu" / "contact.yml").read_text(encoding="utf-8"))["nlu"]
    texts = [line[2:].strip() for item in nlu if "intent" in item
             for line in item["examples"].splitlines() if line.startswith("- ")][:60]
    texts += ["kontacter le srei", "c'est quoi la cooperation decentralisee", "jumelages de Suresnes"]

    async def predictions(loader) -> list:
        monkeypatch.setattr(RasaModel, "load", classmethod(loader))
        agent = Agent.load(str(MODEL))
        out = []
        for text in texts:
            parse = await agent.parse_message(text)
            tracker = DialogueStateTracker.from_events(
                "s", [ActionExecuted("action_listen"), UserUttered(text, parse["intent"], parse["entities"], parse)],
                agent.domain.slots)
            prediction = agent.processor._predict_next_with_tracker(tracker)
            out.append((parse["intent_ranking"], parse["entities"], prediction.policy_name, prediction.probabilities))
        return out

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Slot auto-fill has been removed", category=UserWarning)
        assert await predictions(model_loading._load_tf_model) == await predictions(model_loading._rasa_load_tf_model)
