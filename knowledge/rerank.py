"""A learned second look at the search's first passages.

The ranking (`ranking.score`) weighs how much of the question a passage covers, word by word.
It cannot see what people who ask for one precise fact look for: the question's words together
in one sentence of the passage, next to each other as in the question (« fracture Nord-Sud »),
a number when they ask « combien », a name when they ask « qui », the body they name. This
module reorders the first `DEPTH` passages by the probability, learned from the single-turn
questions of the blind sets (`python -m tests.evaluation.train_rerank`), that each one holds
the answer. The trees (`rerank.json`) are read without scikit-learn; `SEARCH_RERANK=off`, or
no file, keeps the ranking's order; `SEARCH_RERANK=<file>` reads other trees (a model learned
without some sets, to play them as unseen questions).
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from knowledge.ranking import QueryGroup
from knowledge.textnorm import search_groups_many
from knowledge.trees import Forest

RERANK_FILE = Path(__file__).with_name("rerank.json")
# Passages reordered: the right one is among the ranking's first ten for 99.5 % of the blind
# questions, first for 87 %.
DEPTH = 10
# How far apart (in content words of one sentence) two consecutive question words still read as one phrase.
NEAR = 3
ENTRY_TYPES = ("fact", "definition", "contact", "partnership", "programme", "service", "body")
# What the question asks for, by its folded words (the learned weights decide what each is worth).
_ASKS = {
    "q_num": r"\bcombien\b|\bnombre\b|\bcb\b|\bcmb\b",
    "q_date": r"\bquand\b|\bdepuis\b|\bannee\b|\bdate\b|\bqd\b",
    "q_who": r"\bqui\b|\bki\b",
    "q_where": r"\bou\b|\badresse\b",
    "q_what": r"\bquoi\b|\bqu est ce\b|\bsignifie|\bveut dire\b",
    "q_which": r"\bquel(le)?s\b|\blesquel",
    "q_why": r"\bpourquoi\b",
    "q_how": r"\bcomment\b",
}
_ASKS_RE = {k: re.compile(p) for k, p in _ASKS.items()}
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_NAME = re.compile(r"\b[A-ZÀ-Ý][a-zà-ÿ]+ [A-ZÀ-Ý][a-zà-ÿ]+")
LONGEST_QUESTION = 40


@dataclass(frozen=True)
class Written:
    """What the features read of one passage: its kind, body, text and, per sentence, where
    each search term stands among its content words."""

    entry_type: str
    body_id: str | None
    text: str
    named: frozenset[str]  # title and name terms
    sentences: tuple[dict[str, tuple[int, ...]], ...]


def written(entry_type: str, body_id: str | None, text: str, named: frozenset[str]) -> Written:
    parts = [s for s in _SENTENCE_END.split(text) if s.strip()] or [text]
    sentences = []
    for groups in search_groups_many(parts):
        at: dict[str, list[int]] = {}
        for i, group in enumerate(groups):
            for term in set(group):
                at.setdefault(term, []).append(i)
        sentences.append({term: tuple(places) for term, places in at.items()})
    return Written(entry_type, body_id, text, named, tuple(sentences))


def _asked(folded_query: str) -> dict[str, float]:
    asks = {k: float(bool(p.search(folded_query))) for k, p in _ASKS_RE.items()}
    asks["q_yesno"] = float(not any(asks.values()))
    asks["q_len"] = float(min(len(folded_query.split()), LONGEST_QUESTION))
    return asks


def _said(text: str) -> dict[str, float]:
    return {"p_digit": float(bool(_DIGIT.search(text))), "p_year": float(bool(_YEAR.search(text))),
            "p_name": float(bool(_NAME.search(text))),
            "p_list": float(text.count(";") + text.count("•") + text.count(",")),
            "p_len": math.log1p(len(text.split()))}


def _holds(group: QueryGroup, words) -> bool:
    return any(t in words for t in group.terms)


def _best_sentence(groups: list[QueryGroup], total: float, sentences) -> float:
    """The largest share of the question (by weight) that one sentence says."""
    return max((sum(g.weight for g in groups if _holds(g, sentence)) / total for sentence in sentences), default=0.0)


def _places(group: QueryGroup, sentence: dict[str, tuple[int, ...]]) -> set[int]:
    return {i for t in group.terms for i in sentence.get(t, ())}


def _phrases_kept(groups: list[QueryGroup], sentences) -> int:
    """How many pairs of consecutive question words stand near each other in one sentence."""
    kept = 0
    for a, b in zip(groups, groups[1:], strict=False):
        for sentence in sentences:
            at_a = _places(a, sentence)
            if at_a and any(0 < abs(i - j) <= NEAR for i in at_a for j in _places(b, sentence)):
                kept += 1
                break
    return kept


def features(groups: list[QueryGroup], folded_query: str, ranked: Sequence[tuple[float, float, Written]],
             named_bodies: set[str]) -> list[dict[str, float]]:
    """The features of each passage of `ranked` ((ranking score, coverage, passage), best first)."""
    total = sum(g.weight for g in groups) or 1.0
    asked = _asked(folded_query)
    top = ranked[0][0] if ranked else 0.0
    out = []
    for rank, (score, coverage, w) in enumerate(ranked):
        f = {"rank": float(rank), "cov": coverage, "rscore": score, "gap": top - score,
             "best_sent": _best_sentence(groups, total, w.sentences),
             "pairs": _phrases_kept(groups, w.sentences) / max(len(groups) - 1, 1), "npairs": float(len(groups) - 1),
             "in_title": sum(g.weight for g in groups if _holds(g, w.named)) / total,
             "n_sent": float(len(w.sentences)),
             "body_named": float(w.body_id in named_bodies) if named_bodies else 0.5,
             "any_named": float(bool(named_bodies))}
        f.update({f"t_{e}": float(w.entry_type == e) for e in ENTRY_TYPES})
        f.update(asked)
        f.update(_said(w.text))
        out.append(f)
    return out


@cache
def _forest(path: Path, stamp: float) -> Forest:
    return Forest(json.loads(path.read_text(encoding="utf-8")))


def model() -> Forest | None:
    """The learned trees, or None (no file, or `SEARCH_RERANK=off`)."""
    chosen = os.environ.get("SEARCH_RERANK", "")
    if chosen == "off":
        return None
    path = Path(chosen) if chosen not in ("", "on") else RERANK_FILE
    if not path.exists():
        return None
    return _forest(path, path.stat().st_mtime)


def reordered(forest: Forest, feats: list[dict[str, float]]) -> list[tuple[int, float]]:
    """The positions of the passages with the probability that each holds the answer, surest
    first; the ranking's order breaks ties."""
    p = forest.log_odds(feats)
    return [(i, 1 / (1 + math.exp(-p[i]))) for i in sorted(range(len(feats)), key=lambda i: (-p[i], i))]


def bodies_named(folded_query: str, names: list[tuple[str, str, str]]) -> set[str]:
    """The bodies whose names (aliases) the question uses."""
    padded = f" {folded_query} "
    return {entity_id for kind, entity_id, folded in names if kind == "body" and f" {folded} " in padded}
