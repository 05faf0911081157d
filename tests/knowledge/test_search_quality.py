"""Search quality on the question list of `search_questions.yml`, on both engines, and the
figures `python -m tests.evaluation.search` prints (it builds the base four times: seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase
from tests.evaluation.search import DEFAULT_QUESTIONS, load_questions, search_quality
from tests.evaluation.search import main as search_main

QUESTIONS = load_questions(DEFAULT_QUESTIONS)


def test_question_list_is_large_and_names_existing_entries(content) -> None:
    assert len(QUESTIONS) >= 60
    ids = {e["id"] for items in content.entries.values() for e in items}
    passage_prefixes = {"contact"}
    for q in QUESTIONS:
        for expected in q.expect:
            kind, _, entry = expected.partition(":") if ":" in expected else ("", "", expected)
            assert entry in ids, f"« {q.text} » expects unknown entry {expected}"
            assert not kind or kind in passage_prefixes


def test_top3_hit_rate_is_at_least_90_percent(kb: KnowledgeBase) -> None:
    quality = search_quality(kb, QUESTIONS)
    missed = "\n".join(f"{q.text} -> {got} (expected {q.expect})" for q, got in quality.misses)
    assert quality.top3_rate >= 0.9, missed


@pytest.mark.postgres
def test_both_engines_rank_alike(request: pytest.FixtureRequest, tmp_path_factory) -> None:
    """The ranking happens in Python on the candidates of either engine: same answers."""
    from knowledge.builder import build
    from knowledge.settings import content_dir
    from tests.support.servers import create_database

    sqlite_url = f"sqlite:///{tmp_path_factory.mktemp('alike') / 'kb.sqlite3'}"
    pg_url = create_database(request.getfixturevalue("postgres_server"), "kb_alike")
    build(content_dir(), sqlite_url)
    build(content_dir(), pg_url)
    bases = [KnowledgeBase(sqlite_url), KnowledgeBase(pg_url)]
    try:
        for q in QUESTIONS:
            lite, pg = ([(p.id, p.score) for p in kb.search(q.text)] for kb in bases)
            assert lite == pg, q.text
    finally:
        for kb in bases:
            kb.close()


@pytest.mark.parametrize("wrapped, plain", [
    ("que signifie DAECL", "DAECL"),
    ("je voudrais savoir ce que veut dire jumelage", "jumelage"),
    ("pouvez-vous m'expliquer la loi Thiollière svp", "loi Thiollière"),
])
def test_words_that_only_wrap_a_question_do_not_lower_its_match(kb: KnowledgeBase, wrapped: str, plain: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback answers only full matches: « que signifie » must not count as missing words.
    (The ranking's own order: the learned reordering rightly puts the definition first when
    « que signifie » asks for one.)"""
    monkeypatch.setenv("SEARCH_RERANK", "off")
    best = kb.search(wrapped, limit=1)[0]
    assert best.entry_id == kb.search(plain, limit=1)[0].entry_id
    assert best.score >= 0.99


def test_eval_search_prints_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    questions = tmp_path / "questions.yml"
    questions.write_text('questions:\n  - q: "c\'est quoi un jumelage ?"\n    expect: [def-jumelage]\n'
                         '  - q: "recette de la tarte au sucre"\n    expect: [preci]\n', encoding="utf-8")
    assert search_main(["--questions", str(questions), "--min-rate", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "1/2 questions" in out and "(50.0%" in out
    assert "manquée : « recette de la tarte au sucre »" in out
    assert "Requêtes structurées : p50" in out and "p95" in out and "Construction :" in out
    assert search_main(["--questions", str(questions), "--min-rate", "0.9"]) == 1


def test_a_nationality_qualifying_a_place_finds_the_partner_in_that_country(kb: KnowledgeBase) -> None:
    """« la province chinoise » is the one the sources write « (Chine) »; « une commune française »
    names no partner's country."""
    best = kb.search("la Région Basse-Normandie a signé un accord avec quelle province chinoise ?", limit=1)[0]
    assert best.entry_type == "partnership" and "Fujian" in best.title
    from knowledge.geography import country_of_demonym

    assert country_of_demonym("chinoise") == "chine" and country_of_demonym("commune") is None
