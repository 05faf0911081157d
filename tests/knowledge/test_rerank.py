"""The learned reordering of the search's first passages (`knowledge/rerank.py`)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from knowledge import KnowledgeBase
from knowledge.ranking import QueryGroup
from knowledge.rerank import DEPTH, RERANK_FILE, features, model, written
from knowledge.trees import Forest, from_sklearn


def test_the_trees_give_scikit_learns_log_odds() -> None:
    from sklearn.ensemble import GradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3)).astype(np.float32)
    y = x[:, 0] + x[:, 1] * x[:, 2] > 0
    fitted = GradientBoostingClassifier(n_estimators=30, max_depth=4, random_state=0).fit(x, y)
    forest = Forest(json.loads(json.dumps(from_sklearn(fitted, ["a", "b", "c"]))))
    rows = [dict(zip("abc", map(float, r), strict=True)) for r in x[:40]]
    assert np.allclose(forest.log_odds(rows), fitted.decision_function(x[:40]), atol=1e-9)


def _group(*terms: str) -> QueryGroup:
    return QueryGroup({t: 1.0 for t in terms}, 1.0)


def test_a_passage_saying_the_question_in_one_phrase_weighs_more_than_one_scattering_it() -> None:
    groups = [_group("fracture"), _group("nord"), _group("sud")]
    together = written("fact", "ille-et-vilaine", "Il veut réduire la fracture Nord-Sud. Autre chose.", frozenset())
    apart = written("fact", "namur", "Une fracture. Le nord du pays. Le sud aussi.", frozenset())
    f_together, f_apart = features(groups, "fracture nord sud ?", [(1.0, 1.0, together), (1.0, 1.0, apart)],
                                   {"ille-et-vilaine"})
    assert f_together["best_sent"] == 1.0 and f_apart["best_sent"] < 1.0
    assert f_together["pairs"] == 1.0 and f_apart["pairs"] == 0.0
    assert f_together["body_named"] == 1.0 and f_apart["body_named"] == 0.0
    assert f_together["rank"] == 0.0 and f_apart["rank"] == 1.0


def test_the_shipped_model_reads_the_features_computed_and_never_learned_the_fresh_set() -> None:
    from tests.evaluation.evaluate import BLIND_SETS

    forest = model()
    assert forest is not None, f"{RERANK_FILE.name} is missing (python -m tests.evaluation.train_rerank)"
    shipped = json.loads(RERANK_FILE.read_text(encoding="utf-8"))
    computed = features([_group("a")], "a ?", [(1.0, 1.0, written("fact", None, "a.", frozenset()))], set())[0]
    assert set(shipped["features"]) == set(computed), "features changed since training: retrain the reordering"
    fresh = list(BLIND_SETS.values())[-1].name
    assert fresh not in shipped["trained_on"], f"learned from set {fresh}: retrain with --exclude {fresh}"


def test_the_reordering_only_reorders_the_rankings_first_passages(kb: KnowledgeBase, monkeypatch) -> None:
    question = "Quel est le numéro de téléphone du service des relations internationales ?"
    reordered = [p.id for p in kb.search(question, limit=DEPTH)]
    monkeypatch.setenv("SEARCH_RERANK", "off")
    ranked = [p.id for p in kb.search(question, limit=DEPTH)]
    assert sorted(reordered) == sorted(ranked) and len(ranked) == DEPTH
    passages, feats = kb.rerank_features(question)
    assert [p.id for p in passages] == ranked and len(feats) == DEPTH


def test_each_passage_reordered_carries_its_sureness_and_another_model_can_be_named(
        kb: KnowledgeBase, monkeypatch, tmp_path) -> None:
    question = "Depuis quand Suresnes coopère-t-elle avec le Cap-Haïtien ?"
    found = kb.search(question, limit=DEPTH)
    sureness = [p.sureness for p in found]
    assert all(0.0 < s < 1.0 for s in sureness) and sureness == sorted(sureness, reverse=True)
    # a model that trusts no passage (every leaf below zero) keeps the ranking's order, unsure
    shipped = json.loads(RERANK_FILE.read_text(encoding="utf-8"))
    doubtful = tmp_path / "doubtful.json"
    doubtful.write_text(json.dumps({**shipped, "init": -30.0, "trees": shipped["trees"][:1],
                                    "rate": 0.0}), encoding="utf-8")
    monkeypatch.setenv("SEARCH_RERANK", str(doubtful))
    unsure = kb.search(question, limit=DEPTH)
    monkeypatch.setenv("SEARCH_RERANK", "off")
    ranked = kb.search(question, limit=DEPTH)
    assert [p.id for p in unsure] == [p.id for p in ranked]
    assert all(p.sureness is not None and p.sureness < 1e-9 for p in unsure)
    assert all(p.sureness is None for p in ranked)


@pytest.mark.parametrize("question, expected", [
    ("Quel est le numéro de téléphone du SREI ?", "081 776 770"),
    ("Depuis quand Suresnes coopère-t-elle avec le Cap-Haïtien ?", "1998"),
])
def test_reordered_search_still_puts_the_plain_answer_first(kb: KnowledgeBase, question: str, expected: str) -> None:
    assert expected in kb.search(question, limit=1)[0].text


def test_the_selection_gate_weighs_how_sure_the_reordering_is(kb: KnowledgeBase, monkeypatch) -> None:
    from actions.selection_gate import candidates

    question = "Depuis quand Suresnes coopère-t-elle avec le Cap-Haïtien ?"
    first, second = candidates(kb, question, "Une réponse.", "ask_partnership_details", "Source :", "Voir aussi", 2)
    assert first.features["sureness"] == first.passage.sureness > first.features["sureness_gap"]
    assert first.features["sureness_gap"] == pytest.approx(first.passage.sureness - second.passage.sureness)
    monkeypatch.setenv("SEARCH_RERANK", "off")
    (unordered,) = candidates(kb, question, "Une réponse.", "ask_partnership_details", "Source :", "Voir aussi", 1)
    assert unordered.features["sureness"] == -1.0
