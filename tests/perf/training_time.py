"""Training time, measured side by side on the same data: `make train` as it runs, and the
cheaper pipeline measured in session 17 but not adopted (DIET for the intent alone at 40
epochs, the annotated entities learned by a CRF extractor): half the time, but worse answers on
a fresh blind set (README, « Entraînement »). It is rebuilt from `bot/config.yml` by changing
only those settings, so that anyone can measure both again.

    python -m tests.perf.training_time     # about 7 minutes on 2 cores; `make bench` runs it too
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "bot" / "config.yml"
# The cheaper pipeline: what DIET does, and what takes over the entities.
INTENT_ONLY_DIET = {"epochs": 40, "entity_recognition": False}
ENTITY_EXTRACTOR = {"name": "CRFEntityExtractor"}
# DIET trained for the intent alone is surer of itself: at this threshold it routes as many
# out-of-scope questions to the passages as the current pipeline does at its own.
INTENT_ONLY_FALLBACK = 0.55


def intent_only_config(path: Path) -> Path:
    """Writes the cheaper pipeline to `path` and returns it."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    pipeline = []
    for component in config["pipeline"]:
        if component["name"] == "DIETClassifier":
            pipeline += [{**component, **INTENT_ONLY_DIET}, ENTITY_EXTRACTOR]
            continue
        if component["name"] == "FallbackClassifier":
            component = {**component, "threshold": INTENT_ONLY_FALLBACK}
        pipeline.append(component)
    config["pipeline"] = pipeline
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def timed(config: Path, out: Path) -> float:
    """Seconds of one full training (no cache) with `config`, as `make train` runs it."""
    command = [str(Path(sys.executable).parent / "rasa"), "train", "--force", "--config", str(config),
               "--domain", "bot/domain", "--data", "data", "--out", str(out), "--quiet"]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def figures(tmp: Path) -> dict[str, float]:
    """Seconds of a full training: the current pipeline, then the cheaper one."""
    tmp.mkdir(parents=True, exist_ok=True)
    return {"current": timed(CONFIG, tmp / "current"),
            "intent_only": timed(intent_only_config(tmp / "intent-only.yml"), tmp / "intent-only")}


def rows(train: dict[str, float]) -> list[tuple[str, str]]:
    """The bench's lines for these figures."""
    return [("entraînement complet sans cache : actuel / variante non retenue (DIET pour l'intention seule, "
             "40 époques)",
             f"{train['current']:.0f} s / {train['intent_only']:.0f} s · ×{train['intent_only'] / train['current']:.2f}")]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="training-time-") as directory:
        for label, value in rows(figures(Path(directory))):
            print(f"{label} : {value}")
