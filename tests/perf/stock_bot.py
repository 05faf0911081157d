"""A stock Rasa bot for comparison: same NLU data and pipeline, plain responses only.

It answers every intent with a fixed response, keeps conversations in memory and calls no
action server: the ceiling our whole stack is compared with.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from rasa.shared.core.domain import Domain

ROOT = Path(__file__).resolve().parents[2]


def write_project(directory: Path) -> None:
    """Domain, rules, endpoints and credentials of the stock bot under `directory`."""
    from rasa.shared.core.constants import DEFAULT_INTENTS  # noqa: PLC0415

    # Rasa's built-in intents (restart, session_start, ...) keep their built-in actions.
    intents = [i for i in Domain.load(str(ROOT / "bot" / "domain")).intents if i not in DEFAULT_INTENTS]
    directory.mkdir(parents=True, exist_ok=True)
    domain = {
        "version": "3.1",
        "intents": intents,
        "responses": {f"utter_{i}": [{"text": "ok"}] for i in intents},
    }
    rules = {"version": "3.1", "rules": [
        {"rule": i, "steps": [{"intent": i}, {"action": f"utter_{i}"}]} for i in intents]}
    (directory / "domain.yml").write_text(yaml.safe_dump(domain, allow_unicode=True))
    (directory / "rules.yml").write_text(yaml.safe_dump(rules, allow_unicode=True))
    (directory / "endpoints.yml").write_text("tracker_store:\n  type: in_memory\n")
    (directory / "credentials.yml").write_text("rest:\n")


def train(directory: Path) -> Path:
    """Train the stock model (same config as ours) and return its path."""
    write_project(directory)
    config = yaml.safe_load((ROOT / "bot" / "config.yml").read_text())
    config["pipeline"] = [c for c in config["pipeline"] if c["name"] != "FallbackClassifier"]
    config["policies"] = [{"name": "RulePolicy"}]
    (directory / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "train", "--config", str(directory / "config.yml"),
         "--domain", str(directory / "domain.yml"), "--data", str(ROOT / "data" / "nlu"),
         str(directory / "rules.yml"), "--out", str(directory), "--fixed-model-name", "stock", "--quiet"],
        check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return directory / "stock.tar.gz"
