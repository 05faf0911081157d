"""`python -m tests.evaluation.search`: search quality and speed figures of the knowledge base.

Builds the content into a throwaway base (timing a build without and with the cache of
search terms), asks every question of a YAML list and counts how often an expected entry
is among the first three passages, then times the structured queries and the search.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.builder import timed_build
from knowledge.store import KnowledgeBase

DEFAULT_QUESTIONS = Path(__file__).resolve().parent.parent / "knowledge" / "search_questions.yml"


@dataclass
class Question:
    text: str
    expect: list[str]


@dataclass
class SearchQuality:
    total: int
    top1: int
    top3: int
    misses: list[tuple[Question, list[str]]] = field(default_factory=list)

    @property
    def top3_rate(self) -> float:
        return self.top3 / self.total if self.total else 0.0


def load_questions(path: Path) -> list[Question]:
    """The questions of a YAML file: `questions: [{q: ..., expect: [id, ...]}]`."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Question(item["q"], [str(x) for x in item["expect"]]) for item in doc["questions"]]


def is_expected(passage_id: str, entry_id: str, expect: list[str]) -> bool:
    """An expected id names an entry (`preci`) or, with a colon, one passage (`contact:srei`)."""
    return passage_id in expect or entry_id in expect


def search_quality(kb: KnowledgeBase, questions: list[Question]) -> SearchQuality:
    """How many questions get an expected passage first, and among the first three."""
    result = SearchQuality(len(questions), 0, 0)
    for q in questions:
        found = kb.search(q.text, limit=3)
        hits = [is_expected(p.id, p.entry_id, q.expect) for p in found]
        result.top1 += bool(hits[:1] and hits[0])
        if any(hits):
            result.top3 += 1
        else:
            result.misses.append((q, [p.id for p in found]))
    return result


def percentile(samples: list[float], pct: float) -> float:
    """The `pct` percentile (0-100) of `samples`, nearest rank."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


def time_calls(calls: list[Callable[[], object]], rounds: int) -> list[float]:
    """Milliseconds of each call, every call made `rounds` times (after one warm-up round)."""
    for call in calls:
        call()
    samples = []
    for _ in range(rounds):
        for call in calls:
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
    return samples


def structured_queries(kb: KnowledgeBase) -> list[Callable[[], object]]:
    """The queries the actions make, over every body, programme and definition."""
    calls: list[Callable[[], object]] = [kb.default_body, kb.bodies, lambda: kb.resolve("programme", "PrECI"),
                                         lambda: kb.find_mentions("body", "et pour Suresnes, quel numéro ?")]
    for body in kb.bodies():
        calls += [lambda b=body.id: kb.contacts(body_id=b), lambda b=body.id: kb.contacts(body_id=b, kind="phone"),
                  lambda b=body.id: kb.partnerships(body_id=b), lambda b=body.id: kb.services(b),
                  lambda b=body.id: kb.facts(body_id=b)]
    for programme in kb.programmes():
        calls.append(lambda p=programme.id: kb.programme(p))
    calls.append(lambda: kb.partnerships(country="Chine"))
    calls.append(lambda: kb.definition("def-jumelage"))
    return calls


def run(content: Path, questions_file: Path, rounds: int = 20) -> tuple[list[str], SearchQuality]:
    """Every figure, as lines of a French report, and the search quality."""
    questions = load_questions(questions_file)
    with tempfile.TemporaryDirectory(prefix="srei-eval-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'knowledge.sqlite3'}"
        cache = Path(tmp) / "search-terms.json"
        _, cold = timed_build(content, url, cache)
        _, warm = timed_build(content, url, cache)
        kb = KnowledgeBase(url)
        try:
            quality = search_quality(kb, questions)
            structured = time_calls(structured_queries(kb), rounds)
            searches = time_calls([lambda q=q: kb.search(q.text) for q in questions], max(1, rounds // 4))
        finally:
            kb.close()
    lines = [
        f"Recherche : {quality.top3}/{quality.total} questions avec une bonne réponse parmi les 3 premières "
        f"({quality.top3_rate:.1%}, objectif ≥ 90 %), {quality.top1} en première position.",
    ]
    for q, got in quality.misses:
        lines.append(f"  manquée : « {q.text} » attendu {', '.join(q.expect)} ; obtenu {', '.join(got) or 'rien'}")
    lines += [
        f"Requêtes structurées : p50 {statistics.median(structured):.2f} ms, p95 {percentile(structured, 95):.2f} ms "
        f"(objectif ≤ 5 ms, {len(structured)} appels).",
        f"Recherche plein texte : p50 {statistics.median(searches):.2f} ms, p95 {percentile(searches, 95):.2f} ms "
        f"({len(searches)} questions).",
        f"Construction : {cold:.1f} s sans cache des termes (modèle spaCy chargé), {warm:.1f} s avec "
        f"(objectif ≤ 5 s).",
    ]
    return lines, quality


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 1 when fewer than `--min-rate` of the questions are answered."""
    from knowledge.settings import content_dir  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="python -m tests.evaluation.search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=None, help="dossier du contenu (défaut : knowledge/content)")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS, help="fichier YAML des questions")
    parser.add_argument("--min-rate", type=float, default=0.9, help="taux minimal de bonnes réponses parmi les 3 premières")
    args = parser.parse_args(argv)
    lines, quality = run(args.content or content_dir(), args.questions)
    print("\n".join(lines))
    return 0 if quality.top3_rate >= args.min_rate else 1


if __name__ == "__main__":
    sys.exit(main())
