"""The cache of search terms: unchanged texts skip spaCy, and a model change invalidates it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge import termcache, textnorm

ITEMS = [["Jumelages", "", "La Province est jumelée avec Louga."], ["PST", "", "Cinq enjeux."]]


def test_cached_terms_equal_fresh_ones_and_skip_spacy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "terms.json"
    fresh = termcache.cached_search_groups(ITEMS, cache)
    assert fresh == textnorm.search_groups_parts(ITEMS)
    assert ["cinq"] in fresh[1][2]  # number words are content words

    def no_spacy(items):  # pragma: no cover - must not be called
        raise AssertionError("spaCy called for cached texts")

    monkeypatch.setattr(textnorm, "search_groups_parts", no_spacy)
    assert termcache.cached_search_groups(ITEMS, cache) == fresh


def test_other_model_version_or_broken_file_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "terms.json"
    termcache.cached_search_groups(ITEMS, cache)
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["model"] = "another-model"
    data["groups"] = {k: [[["faux"]], [], []] for k in data["groups"]}
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert termcache.cached_search_groups(ITEMS, cache) == textnorm.search_groups_parts(ITEMS)
    cache.write_text("{not json", encoding="utf-8")
    assert termcache.cached_search_groups(ITEMS, cache) == textnorm.search_groups_parts(ITEMS)
