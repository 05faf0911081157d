"""French text normalisation for search and entity matching: accent folding and lemmas."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_WORD_RE = re.compile(r"[a-z0-9]+")
SPACY_MODEL = "fr_core_news_md"


def fold(text: str) -> str:
    """Lowercase, strip accents and punctuation: « Éducation » -> « education »."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    return " ".join(_WORD_RE.findall(plain))


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import spacy  # noqa: PLC0415 (heavy import, only where lemmas are needed)

    # Lemmas need the morphologizer only: parser and NER would triple the cost.
    return spacy.load(SPACY_MODEL, exclude=["parser", "ner", "senter"])


def search_groups_many(texts: list[str]) -> list[list[list[str]]]:
    """For each text, its content words: each a group of folded surface form and lemma.

    Stop words are dropped so that ranking rests on the words that carry meaning.
    Batched because spaCy's `pipe` is much faster than one call per text at build time.
    """
    out = []
    for doc in _nlp().pipe(texts, batch_size=64):
        groups: list[list[str]] = []
        for tok in doc:
            if tok.is_punct or tok.is_space or tok.is_stop:
                continue
            group: list[str] = []
            for variant in (tok.text, tok.lemma_):
                group += [w for w in fold(variant).split() if len(w) > 1 and w not in group]
            if group and group not in groups:
                groups.append(group)
        out.append(groups)
    return out


def search_terms_many(texts: list[str]) -> list[list[str]]:
    """For each text, the distinct folded words and lemmas that full-text search indexes."""
    return [list(dict.fromkeys(w for g in groups for w in g)) for groups in search_groups_many(texts)]


def search_groups(text: str) -> list[list[str]]:
    """`search_groups_many` for one text (a query)."""
    return search_groups_many([text])[0]
