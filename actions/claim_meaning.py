"""« des retombées économiques ? » against « les impacts économiques »: a word a closed question
claims that the answer does not say, but says in a word close in meaning (the word vectors of
`fr_core_news_md`, which search already loads). Such a word supports the claim for a part of
its weight only (`PART`): a neighbour in the vectors may be an opposite (« hausse », « baisse »).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np

from actions.evidence import Evidence
from knowledge.textnorm import fold, load_pipeline
from knowledge.word_meaning import row_owners

# Cosine similarity from which an answer's word stands for a word claimed.
NEAR = 0.72
# What such a word is worth against the word itself.
PART = 0.5
MIN_LEN = 5
# Letters a borrowed vector's word must share with the word (its root).
ROOT = 5
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=512)
def _vectors(text: str) -> dict[str, np.ndarray]:
    """Folded word → the unit vector of its written form (the vectors know « retombées », not
    « retombees »), for the words the model has a vector of their own for, or one borrowed from
    a word of the same root (« suicidaire » has « suicide »'s; « confessionnel » borrows
    « institutionnel »'s, which says nothing of its meaning). Kept per text: a turn weighs the
    same answer against several claims, and candidate passages recur from turn to turn."""
    from spacy.strings import hash_string  # noqa: PLC0415 (spaCy is loaded by now; heavy to import)

    vocab = load_pipeline().vocab
    owners = row_owners()
    found: dict[str, np.ndarray] = {}
    for word in _WORD.findall(text):
        written = word.lower()
        folded = fold(written)
        if len(written) < MIN_LEN or folded in found:
            continue
        row = vocab.vectors.key2row.get(hash_string(written))
        if row is None or fold(vocab.strings[owners[row]])[:ROOT] != folded[:ROOT]:
            continue
        v = vocab.vectors.data[row]
        norm = float(np.linalg.norm(v))
        if norm:
            found[folded] = v / norm
    return found


def unsupported_by_meaning(question: str, answer: str, claims: tuple[tuple[str, ...], ...],
                           weight: Callable[[tuple[str, ...]], float]) -> float:
    """Share of the weight of `claims` the answer says neither in the same words nor (for
    `PART` of it) in words close in meaning."""
    if not claims:
        return 0.0
    said = Evidence.of(answer, strict=True)
    unsaid = [g for g in claims if not said.has(g)]
    total = sum(weight(g) for g in claims)
    if not unsaid or not total:
        return 0.0
    asked, answered = _vectors(question), _vectors(answer)
    rows = np.array(list(answered.values())) if answered else None
    missing = 0.0
    for group in unsaid:
        vector = next((asked[f] for f in group if f in asked), None)
        near = rows is not None and vector is not None and float((rows @ vector).max()) >= NEAR
        missing += weight(group) * ((1 - PART) if near else 1)
    return missing / total
