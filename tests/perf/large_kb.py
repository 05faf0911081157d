"""A knowledge base N times larger than the real one, for `make bench`: synthetic entries
generated from the real ones in a temporary folder, never shipped as content.

Each copy of an entry gets new ids, names suffixed with its copy number, and texts whose
words are half kept and half drawn from the whole content's vocabulary: the index grows
with realistic words and term frequencies, and the copies compete with the real entries
for the same questions without being the same text.
"""

from __future__ import annotations

import copy
import random
import re
import shutil
import time
from pathlib import Path
from typing import Any

import yaml

from knowledge.builder import timed_build
from knowledge.settings import content_dir
from knowledge.store import KnowledgeBase
from tests.perf.measure import percentile

# Lists whose entries are copied, and the fields that refer to a copied entry's id.
COPIED = ("bodies", "services", "contacts", "programmes", "partnerships", "definitions", "facts")
REFERENCES = ("body", "service")
NAMES = ("name", "partner", "term", "acronym")
NAME_LISTS = ("aliases", "partner_aliases", "audience_terms")
TEXTS = ("summary", "text", "purpose", "audience", "how_to_apply", "title")
WORD = re.compile(r"\w+")


def _vocabulary(directory: Path) -> list[str]:
    words = []
    for path in sorted(directory.glob("*.yml")):
        words += [w for w in WORD.findall(path.read_text(encoding="utf-8")) if len(w) > 3 and not w.isdigit()]
    return words


def _shuffled(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    return WORD.sub(lambda m: m.group(0) if rng.random() < 0.5 else rng.choice(vocabulary), text)


def _copy(entry: dict[str, Any], k: int, rng: random.Random, vocabulary: list[str]) -> dict[str, Any]:
    out = copy.deepcopy(entry)
    out.pop("default", None)  # one default body: the real Namur
    out.pop("calls", None)  # deadlines stay the real ones
    out.pop("criteria", None)  # the eligibility dialogue stays the real one
    if "id" in out:
        out["id"] = f"{out['id']}-x{k}"
    for key in REFERENCES:
        if isinstance(out.get(key), str):
            out[key] = f"{out[key]}-x{k}"
    for key in NAMES:
        if isinstance(out.get(key), str):
            out[key] = f"{out[key]} X{k}"
    for key in NAME_LISTS:
        if isinstance(out.get(key), list):
            out[key] = [f"{v} X{k}" for v in out[key]]
    for key in TEXTS:
        if isinstance(out.get(key), str):
            out[key] = _shuffled(out[key], rng, vocabulary)
    for key in ("missions", "fields", "keywords"):
        if isinstance(out.get(key), list):
            out[key] = [_shuffled(v, rng, vocabulary) if isinstance(v, str) else v for v in out[key]]
    return out


def write_large_content(real: Path, target: Path, factor: int, seed: int = 42) -> Path:
    """`target` holds the real content plus `factor - 1` synthetic copies of every entry."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(real)
    shutil.copytree(real, target)
    for path in sorted(real.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not any(key in data for key in COPIED):
            continue
        for k in range(1, factor):
            copied = {key: [_copy(e, k, rng, vocabulary) for e in data[key]] for key in COPIED if key in data}
            (target / f"{path.stem}-x{k}.yml").write_text(yaml.safe_dump(copied, allow_unicode=True, sort_keys=False),
                                                         encoding="utf-8")
    return target


def _timed_searches(kb: KnowledgeBase, questions: list[str], rounds: int = 3) -> list[float]:
    kb.search("échauffement")
    out = []
    for _ in range(rounds):
        for q in questions:
            start = time.perf_counter()
            kb.search(q)
            out.append((time.perf_counter() - start) * 1000)
    return out


def figures(tmp: Path, factor: int) -> dict[str, float]:
    """Build time and search p95 of the real base and of one `factor` times larger, built
    side by side without the cache of search terms, and how many of the search-quality
    questions keep their first passage."""
    from tests.evaluation.search import DEFAULT_QUESTIONS, load_questions  # noqa: PLC0415

    questions = load_questions(DEFAULT_QUESTIONS)
    large = write_large_content(content_dir(), tmp / f"content-x{factor}", factor)
    out: dict[str, float] = {"questions": len(questions)}
    bases = {}
    for name, directory in (("real", content_dir()), ("large", large)):
        url = f"sqlite:///{tmp / f'kb-{name}.sqlite3'}"
        counts, out[f"build_{name}_s"] = timed_build(directory, url, cache_file=tmp / f"terms-{name}.json")
        out[f"passages_{name}"] = counts.get("passages", 0)
        bases[name] = KnowledgeBase(url)
    texts = [q.text for q in questions]
    real, big = (_timed_searches(bases[n], texts) for n in ("real", "large"))
    out["search_real_p95"], out["search_large_p95"] = percentile(real, 95), percentile(big, 95)
    first = {n: [[p.id for p in bases[n].search(q, limit=1)] for q in texts] for n in bases}
    out["same_first"] = sum(a == b for a, b in zip(first["real"], first["large"], strict=True))
    return out
