"""A knowledge base N times larger than the real one, for `make bench`: synthetic entries
generated from the real ones in a temporary folder, never shipped as content.

Copy k of an entry gets new ids, names of the same shape (« Louga » → « Lougabd ») and
texts with half their common words kept (the content's 400 most frequent) and every other
word made into a word of copy k's own (« fonds » → « fondsbd »): the index grows with texts
of realistic length and term frequencies, and the copies share common words with the real
entries, as entries on other subjects would, without repeating their names and facts.
"""

from __future__ import annotations

import copy
import random
import re
import shutil
import time
from collections import Counter
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


def _suffix(k: int) -> str:
    return "".join(chr(ord("a") + int(d)) for d in f"{k:02d}")


def common_words(directory: Path, how_many: int = 400) -> frozenset[str]:
    """The content's most frequent words: those other entries on other subjects would share."""
    counts = Counter(w.lower() for path in directory.glob("*.yml") for w in WORD.findall(path.read_text("utf-8")))
    return frozenset(w for w, _ in counts.most_common(how_many))


def _shuffled(text: str, rng: random.Random, k: int, common: frozenset[str]) -> str:
    """Half the common words kept; every other word made into a word of copy `k`'s own."""
    def word(m: re.Match) -> str:
        keep = m.group(0).lower() in common and rng.random() < 0.5
        return m.group(0) if keep else m.group(0) + _suffix(k)
    return WORD.sub(word, text)


def _renamed(name: str, k: int) -> str:
    """Another name of the same shape: each word gets a suffix (« Louga » → « Lougabd »)."""
    return WORD.sub(lambda m: m.group(0) + _suffix(k), name)


def _copy(entry: dict[str, Any], k: int, rng: random.Random, common: frozenset[str]) -> dict[str, Any]:
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
            out[key] = _renamed(out[key], k)
    for key in NAME_LISTS:
        if isinstance(out.get(key), list):
            out[key] = [_renamed(v, k) for v in out[key]]
    for key in TEXTS:
        if isinstance(out.get(key), str):
            out[key] = _shuffled(out[key], rng, k, common)
    for key in ("missions", "fields", "keywords"):
        if isinstance(out.get(key), list):
            out[key] = [_shuffled(v, rng, k, common) if isinstance(v, str) else v for v in out[key]]
    return out


def write_large_content(real: Path, target: Path, factor: int, seed: int = 42) -> Path:
    """`target` holds the real content plus `factor - 1` synthetic copies of every entry."""
    rng = random.Random(seed)
    common = common_words(real)
    shutil.copytree(real, target)
    for path in sorted(real.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not any(key in data for key in COPIED):
            continue
        for k in range(1, factor):
            copied = {key: [_copy(e, k, rng, common) for e in data[key]] for key in COPIED if key in data}
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
    from tests.evaluation.search import DEFAULT_QUESTIONS, load_questions, search_quality  # noqa: PLC0415

    questions = load_questions(DEFAULT_QUESTIONS)
    half = write_large_content(content_dir(), tmp / f"content-x{factor // 2}", factor // 2)
    large = write_large_content(content_dir(), tmp / f"content-x{factor}", factor)
    out: dict[str, float] = {"questions": len(questions)}
    bases = {}
    # The half-size base shows how the build grows among bases of synthetic words, which
    # the lemmatiser (most of the build) handles more slowly than real French words.
    for name, directory in (("real", content_dir()), ("half", half), ("large", large)):
        url = f"sqlite:///{tmp / f'kb-{name}.sqlite3'}"
        counts, out[f"build_{name}_s"] = timed_build(directory, url, cache_file=tmp / f"terms-{name}.json")
        out[f"passages_{name}"] = counts.get("passages", 0)
        bases[name] = KnowledgeBase(url)
    texts = [q.text for q in questions]
    real, big = (_timed_searches(bases[n], texts) for n in ("real", "large"))
    out["search_real_p95"], out["search_large_p95"] = percentile(real, 95), percentile(big, 95)
    first = {n: [[p.id for p in bases[n].search(q, limit=1)] for q in texts] for n in bases}
    out["same_first"] = sum(a == b for a, b in zip(first["real"], first["large"], strict=True))
    del bases["half"]
    for name, kb in bases.items():
        quality = search_quality(kb, questions)
        out[f"top1_{name}"], out[f"top3_{name}"] = quality.top1, quality.top3
    return out
