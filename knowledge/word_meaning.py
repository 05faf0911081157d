"""Words of the base close in meaning to a word it never uses, by the word vectors of the
French model search already loads (`fr_core_news_md`): « profs » finds « enseignants »,
« plasticien » « artiste ». Search only asks for a word no passage contains and no typo
explains; the match counts less than the word itself (`QUALITY`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from knowledge.textnorm import GENERIC_VERBS, fold, load_pipeline

# « faut-il », « va-t-on »: forms of the generic verbs their lemma may not come with.
_GENERIC_FORMS = frozenset("faut fallait va vont vais fait font peut peuvent doit doivent veut veulent".split())
# Cosine similarity from which a word of the base stands for the word asked.
NEIGHBOUR_MIN = 0.6
# How many words of the base may stand for one word asked.
MAX_NEIGHBOURS = 2
# What such a match is worth, against 1 for the word itself (a typo matched: 0.6 to 0.85).
QUALITY = 0.5
# The model keeps 20,000 distinct vectors for 500,000 words: a rare word borrows a frequent
# word's vector (« confessionnel » gets « institutionnel »'s, « pleuvoir » « trembler »'s).
# A borrowed vector is no sign of meaning: such a word is left unmatched.
MIN_LEN = 4
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def row_owners() -> dict[int, int]:
    """Vector row → the key of the word it was trained for (the first word of each row owns it)."""
    owners: dict[int, int] = {}
    for key, row in load_pipeline().vocab.vectors.key2row.items():
        owners.setdefault(row, key)
    return owners


class WordNeighbours:
    """The base's words by meaning, built on first use from the texts' words as written
    (the vectors know « élève », not its folded form « eleve »)."""

    def __init__(self, texts: Iterable[str], known: Iterable[str]):
        self._texts = list(texts)
        self._known = set(known)
        self._words: list[str] | None = None
        self._matrix: np.ndarray | None = None

    def prepare(self) -> None:
        """Build the table now (a third of a second) rather than on the first unknown word."""
        if self._words is None:
            self._build()

    def _build(self) -> None:
        vocab = load_pipeline().vocab
        written: dict[str, str] = {}
        for text in self._texts:
            for word in _WORD.findall(text):
                folded = fold(word)
                if len(folded) >= MIN_LEN and folded in self._known:
                    written.setdefault(folded, word.lower())
        words = [f for f, w in written.items() if vocab.has_vector(w)]
        matrix = np.array([vocab.get_vector(written[f]) for f in words], dtype=np.float32).reshape(len(words), -1)
        if len(words):
            matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
        self._words, self._matrix = words, matrix

    def __call__(self, forms: list[str]) -> dict[str, float]:
        """Index terms close in meaning to a word (its folded forms: as typed, lemma), with
        their match quality; none for a generic verb (« faut-il aller… » is not « passer »)."""
        if any(f in GENERIC_VERBS or f in _GENERIC_FORMS for f in forms):
            return {}
        found: dict[str, float] = {}
        for form in forms:
            found.update(self._near(form))
        return found

    def _near(self, word: str) -> dict[str, float]:
        if len(word) < MIN_LEN:
            return {}
        self.prepare()
        vocab = load_pipeline().vocab
        from spacy.strings import hash_string  # noqa: PLC0415 (spaCy is loaded by now; heavy to import)

        row = vocab.vectors.key2row.get(hash_string(word))  # not added: what users type is not kept
        if not self._words or row is None or fold(vocab.strings[row_owners()[row]]) != word:
            return {}
        vector = vocab.vectors.data[row]
        similarity = self._matrix @ (vector / (np.linalg.norm(vector) + 1e-9))
        best = np.argsort(-similarity)[:MAX_NEIGHBOURS]
        return {self._words[i]: QUALITY for i in best if similarity[i] >= NEIGHBOUR_MIN}
