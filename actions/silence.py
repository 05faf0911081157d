"""« La page ne précise pas… »: an answer that says the sources are silent on what was asked.

Such an answer is honest but leaves the user with nobody to ask, so the service's contact
is added to it. Content writers state silences in a few fixed French turns of phrase
(knowledge/content/FORMAT.md); this recognises them."""

from __future__ import annotations

import re

from knowledge.textnorm import unaccent

_SILENT = re.compile(
    r"\bn(?:e|')\s*(?:le |la |les |l'|en |y )?"
    r"(?:precise|precisent|donne|donnent|detaille|detaillent|nomme|nomment|indique|indiquent|mentionne|"
    r"mentionnent|dit|disent|decrit|decrivent|annonce|annoncent|chiffre|chiffrent|date|datent)"
    r"\s+(?:pas|ni|aucun|aucune|rien|plus)\b", re.IGNORECASE)


def says_sources_are_silent(text: str) -> bool:
    """Whether `text` says the sources do not give something."""
    return _SILENT.search(unaccent(text)) is not None


_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def only_silence(text: str, contact: str) -> bool:
    """Whether every sentence of `text` says the sources are silent or gives whom to ask
    (`contact`): such an answer states no fact, so it has no source to cite."""
    sentences = [s for line in text.splitlines() for s in _SENTENCE.split(line) if s.strip()]
    return bool(sentences) and all(says_sources_are_silent(s) or contact in s for s in sentences)
