"""Training time, measured side by side: the pipeline as it was before it was made cheaper
(DIET at 80 epochs also tagging entities with its CRF layer, Rasa's data validation at every
training) and the current one (`bot/config.yml`, trained as `make train` does).

The earlier pipeline is rebuilt from the current configuration by changing only those
settings, so that both trainings see the same data and the same other components."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "bot" / "config.yml"
# What the DIET classifier did before (session 17): the epochs and the entity tagging.
BEFORE_DIET = {"epochs": 80, "entity_recognition": True}
# Components added when DIET stopped tagging entities.
ADDED_SINCE = ("CRFEntityExtractor",)


def earlier_config(path: Path) -> Path:
    """Writes the earlier pipeline to `path` and returns it."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    pipeline = []
    for component in config["pipeline"]:
        if component["name"] in ADDED_SINCE:
            continue
        if component["name"] == "DIETClassifier":
            component = {**component, **BEFORE_DIET}
        pipeline.append(component)
    config["pipeline"] = pipeline
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def timed(config: Path, out: Path, validate: bool) -> float:
    """Seconds of one full training (no cache) with `config`, as `make train` runs it."""
    command = [str(Path(sys.executable).parent / "rasa"), "train", "--force", "--config", str(config),
               "--domain", "bot/domain", "--data", "data", "--out", str(out), "--quiet"]
    if not validate:
        command.append("--skip-validation")  # `make test` validates the data (`rasa data validate`)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def figures(tmp: Path) -> dict[str, float]:
    """Seconds of a full training with the earlier pipeline and with the current one."""
    tmp.mkdir(parents=True, exist_ok=True)
    return {"current": timed(CONFIG, tmp / "current", validate=False),
            "earlier": timed(earlier_config(tmp / "earlier-config.yml"), tmp / "earlier", validate=True)}
