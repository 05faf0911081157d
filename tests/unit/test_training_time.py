"""The cheaper training pipeline the bench measures is the current one with only its
documented changes (tests/perf/training_time.py)."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.perf.training_time import (
    CONFIG,
    ENTITY_EXTRACTOR,
    INTENT_ONLY_DIET,
    INTENT_ONLY_FALLBACK,
    intent_only_config,
)


def test_the_variant_changes_only_diet_its_entities_and_the_threshold(tmp_path: Path) -> None:
    current = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    variant = yaml.safe_load(intent_only_config(tmp_path / "variant.yml").read_text(encoding="utf-8"))
    names = [c["name"] for c in variant["pipeline"]]
    diet = names.index("DIETClassifier")
    assert names[diet + 1] == ENTITY_EXTRACTOR["name"]
    assert [n for n in names if n != ENTITY_EXTRACTOR["name"]] == [c["name"] for c in current["pipeline"]]
    for before, after in zip(current["pipeline"], [c for c in variant["pipeline"] if c != ENTITY_EXTRACTOR], strict=True):
        changed = {k for k in {**before, **after} if before.get(k) != after.get(k)}
        expected = {"DIETClassifier": set(INTENT_ONLY_DIET), "FallbackClassifier": {"threshold"}}.get(before["name"], set())
        assert changed == expected, before["name"]
    assert variant["pipeline"][names.index("FallbackClassifier")]["threshold"] == INTENT_ONLY_FALLBACK
    assert variant["policies"] == current["policies"]
