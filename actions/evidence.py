"""How much of a question a piece of text answers, and whether it confirms what the question
claims (« Namur est jumelée avec Dakar ? »). Plain word matching over folded text: fast
enough to run on every reply, and the same for a passage and for an action's answer."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from knowledge.textnorm import fold, question_groups

# Words long enough to compare by their start: « européennes » meets « européen ».
STEM = 6
# Words that only frame a closed question (« c'est bien… », « est-ce exact ? »).
_FRAMING = frozenset("""
    bien vrai exact exacte juste correct ca cela non oui est ce etre avoir faire aussi toujours encore
    deja seulement vraiment effectivement bon alors donc il ils elle elles lui on nous je tu
""".split())
_NUMBER = re.compile(r"\d+(?:[ .,]\d{3})*(?:,\d+)?")


def stem(word: str) -> str:
    return word[:STEM] if len(word) > STEM else word


def numbers(text: str) -> set[str]:
    """Numbers of a text, thousands separators removed: « 14.573 » -> « 14573 »."""
    return {re.sub(r"[ .]", "", n) for n in _NUMBER.findall(text)}


@dataclass(frozen=True)
class Evidence:
    """A text folded for matching: its words and their stems."""

    words: frozenset[str]
    stems: frozenset[str]
    numbers: frozenset[str]

    @classmethod
    def of(cls, text: str) -> Evidence:
        words = fold(text).split()
        return cls(frozenset(words), frozenset(stem(w) for w in words), frozenset(numbers(text)))

    def has(self, forms: Iterable[str]) -> bool:
        """Whether any form (a word or its lemma) appears, or a word of the same stem."""
        return any(f in self.words or stem(f) in self.stems for f in forms)


@lru_cache(maxsize=512)
def _groups(question: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(g) for g in question_groups(question))


def content_groups(question: str) -> list[tuple[str, ...]]:
    """The question's content words (forms and lemma), without closed-question framing."""
    return [g for g in _groups(question) if not _FRAMING.intersection(g)]


def coverage(question: str, text: str, weight=None) -> float:
    """Share of the question's content words found in `text`, weighted by `weight(word)`."""
    groups = content_groups(question)
    if not groups:
        return 0.0
    ev = Evidence.of(text)
    w = weight or (lambda _g: 1.0)
    total = sum(w(g) for g in groups)
    return sum(w(g) for g in groups if ev.has(g)) / total if total else 0.0


def missing_numbers(question: str, text: str) -> set[str]:
    """Numbers the question states that `text` does not contain (« 2010 » against « mai 2000 »)."""
    return numbers(question) - numbers(text)


def missing_names(question: str, text: str) -> list[str]:
    """Capitalised words of the question (names: « Dakar », « Zuinen ») absent from `text`.

    The first word of a sentence is capitalised anyway and is skipped.
    """
    ev = Evidence.of(text)
    names = []
    for sentence in re.split(r"[.?!:;«»\"]", question):
        words = re.findall(r"[\w'-]+", sentence)
        for word in words[1:]:
            bare = word.split("'")[-1]
            if bare[:1].isupper() and len(bare) > 2 and not bare.isupper():
                folded = fold(bare).split()
                if folded and not ev.has(folded):
                    names.append(bare)
    return names
