"""The evaluation conversations (held-out and blind sets) stay out of the training data
(else `make eval` measures nothing)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.scenarios.format import fold, load_paths

ROOT = Path(__file__).resolve().parents[2]
ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def training_examples() -> set[str]:
    """Every NLU example of data/nlu, entity annotations removed, folded."""
    examples = set()
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            for line in (block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- ") and "intent" in block:
                    examples.add(normalise(ANNOTATION.sub(r"\1", line[2:])))
    return examples


def normalise(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def test_no_heldout_message_is_a_training_example(monkeypatch):
    # 1.5 MB of YAML: libyaml's loader (same safe schema) reads it in a tenth of the time.
    monkeypatch.setattr(yaml, "safe_load", lambda text: yaml.load(text, Loader=yaml.CSafeLoader))
    training = training_examples()
    bags = {frozenset(t.split()) for t in training}  # a set: one look-up per message, not a scan
    blind = sorted(p for p in (ROOT / "tests" / "conversations" / "blind").iterdir() if p.is_dir())
    sets = [ROOT / "tests" / "conversations" / "heldout", *blind]
    heldout = [t.user for s in load_paths(sets) for t in s.turns]
    leaked = []
    for message in heldout:
        words = normalise(message).split()
        if len(words) <= 2:  # one- or two-word replies ("oui", "aucune idée") are a closed vocabulary
            continue
        same_words = len(words) >= 4 and frozenset(words) in bags  # a mere reordering
        if " ".join(words) in training or same_words:
            leaked.append(message)
    assert not leaked, f"evaluation messages found in data/nlu: {leaked}"
