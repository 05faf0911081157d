"""« Pourquoi… ? » asks for a reason: the passage that gives one (« Pourquoi l'Ille-et-Vilaine
s'engage à l'international : réagir à la crise »), not the overview of the body or service
the question names, which says what it does but not why."""

from __future__ import annotations

import re

from knowledge.textnorm import fold

_ASKS_WHY = re.compile(r"\b(pourquoi|pourkoi|pk|pq|pour quelles? raisons?|quelles? (?:sont les |est la )?raisons?|"
                       r"dans quel but|qu est ce qui (?:explique|justifie|motive))\b")
# ...of which these ask for a purpose, which « a pour mission de… » gives; the others for a
# cause first (« pourquoi la Province s'occupe-t-elle d'international ? »: « face à la
# globalisation », not the service's missions).
_ASKS_PURPOSE = re.compile(r"\b(dans quel but|a quoi (?:ca |cela )?sert|quel (?:en )?est (?:le|son|leur) but|"
                           r"quel(?:le)? (?:en )?est (?:l|son|leur) (?:objectif|utilite))\b")
# A title that announces a reason (« Pourquoi Suresnes s'ouvre… », « But de la coopération… »).
_REASON_TITLE = re.compile(r"\b(pourquoi|raisons?|buts?)\b")
# Sentences that give one: a cause (« face à », « en raison de »), an observation that leads
# to it (« part d'un constat »), a consequence (« est ainsi devenue »).
_REASON_TEXT = re.compile(r"\b(parce qu\w*|car|en raison d\w*|face a|c est pourquoi|pour cette raison|la raison|"
                          r"les raisons|\w+ raisons|constat|a cause d\w*|s explique|explique son|explique sa|"
                          r"ainsi devenue?s?)\b")
# What « dans quel but ? », « à quoi sert… ? » also accept from an answer: a purpose
# (« afin de générer… », « pour générer… », « a pour mission de… »).
_PURPOSE = re.compile(r"\b(afin d\w*|pour \w+(?:er|ir|re)|a pour (?:mission|but|objectif|vocation)|vise a|visant a|"
                      r"permet d\w*|permettre)\b")


def asks_why(question: str) -> bool:
    return _ASKS_WHY.search(fold(question)) is not None


def asks_cause(question: str) -> bool:
    """A « pourquoi… ? » that wants a cause, not only a purpose."""
    folded = fold(question)
    return _ASKS_WHY.search(folded) is not None and _ASKS_PURPOSE.search(folded) is None


def gives_reason(title: str, text: str) -> bool:
    """Whether a passage states a reason."""
    return _REASON_TITLE.search(fold(title)) is not None or _REASON_TEXT.search(fold(text)) is not None


def answers_why(text: str) -> bool:
    """Whether an answer already gives a reason or a purpose."""
    return gives_reason("", text) or _PURPOSE.search(fold(text)) is not None
