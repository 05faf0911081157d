"""« Le réseau points-nœuds dépasse-t-il les 2000 kilomètres ? » against « 2.094 km », « Il y a
plus d'enseignants que d'agents ? » against « 1200 agents et 650 enseignants »: a closed question
that compares a count with a threshold, or two counts, is answered by the comparison, not by
whether the answer repeats the question's number (it rarely does)."""

from __future__ import annotations

import re

from knowledge.textnorm import unaccent

_N = r"\d{1,3}(?:[ .\u202f\u00a0]\d{3})+|\d+"
# A threshold and the unit counted: « plus de 2000 km », « au moins 10 ans », « dépasse les 2000
# kilomètres », « supérieur à 500 agents ».
_THRESHOLD = re.compile(
    rf"\b(plus|moins) (?:de |d')\s*({_N})\s+(?:de |d')?([a-z]+)"
    rf"|\b(au moins|au minimum|au maximum|pas plus de|pas moins de)\s+({_N})\s+(?:de |d')?([a-z]+)"
    rf"|\b(depass\w*|exced\w*|franchi\w*)(?:-t)?(?:-(?:il|elle|ils|elles))?\s+(?:les |la barre des |le cap des |la barre de |le cap de )?({_N})\s+([a-z]+)"
    rf"|\b(superieur\w*|inferieur\w*) a\s+({_N})\s+([a-z]+)")
# Two counts compared: « plus d'enseignants que d'agents ».
_TWO = re.compile(r"\b(plus|moins) (?:de |d')([a-z]+) que (?:de |d')([a-z]+)")
# A count the answer gives, its qualifier and unit: « plus de 20 ans », « 2.094 km », « environ 15.000 analyses ».
_COUNT = re.compile(rf"(?<![\d/])(?:(plus de|moins de|environ|pres de|quelque)\s+)?({_N})(?![\d/])\s+(?:de |d')?([a-z]+)")
# The same unit written two ways.
_UNITS = {"kilometres": "km", "kilometre": "km", "kms": "km", "annees": "ans", "annee": "ans", "an": "ans"}
# Below this share apart, two counts « environ » one of the other cannot be ordered.
ROUGH = 0.1


def _unit(word: str) -> str:
    word = _UNITS.get(word, word)
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _value(digits: str) -> int:
    return int(re.sub(r"\D", "", digits))


def _counts(answer: str) -> list[tuple[str, int, str]]:
    """(qualifier, value, unit) of every count in `answer`."""
    return [(m.group(1) or "", _value(m.group(2)), _unit(m.group(3)))
            for m in _COUNT.finditer(unaccent(answer.lower()).replace("’", "'"))]


def _direction(op: str) -> tuple[int, bool]:
    """+1 for a threshold from above (« plus de », « dépasse »), -1 from below; and whether the
    threshold itself is excluded (« plus de 20 » is not 20, « au moins 20 » is)."""
    if op in ("au moins", "au minimum", "pas moins de"):
        return 1, False
    if op in ("au maximum", "pas plus de"):
        return -1, False
    return (-1 if op == "moins" or op.startswith("inferieur") else 1), True


def _holds(op: str, limit: int, qualifier: str, value: int) -> bool | None:
    """Whether « `op` `limit` » holds of a count said « `qualifier` `value` » (None: cannot tell)."""
    sign, strict = _direction(op)
    if qualifier in ("environ", "pres de", "quelque"):
        if abs(value - limit) <= ROUGH * limit:
            return None
        qualifier = ""
    if qualifier == "plus de":  # the count is above `value`: « plus de 20 ans » says nothing of « plus de 30 »
        return sign > 0 if value >= limit else None
    if qualifier == "moins de":
        return sign < 0 if value <= limit else None
    if value == limit:
        return not strict
    return (value > limit) == (sign > 0)


def compares_counts(question: str, answer: str) -> bool | None:
    """Whether the comparison of counts a closed question states holds in `answer`; None when
    the question compares nothing or the answer does not give the counts compared."""
    asked = unaccent(question.lower()).replace("’", "'")
    counts = _counts(answer)
    two = _TWO.search(asked)
    if two and not re.search(rf"\b(?:{_N})\b", asked):
        op, first, second = two.group(1), _unit(two.group(2)), _unit(two.group(3))
        a = [v for _q, v, u in counts if u == first]
        b = [v for _q, v, u in counts if u == second]
        if len(set(a)) == 1 and len(set(b)) == 1 and a[0] != b[0]:
            return a[0] > b[0] if op == "plus" else a[0] < b[0]
        return None
    m = _THRESHOLD.search(asked)
    if not m:
        return None
    op, limit, unit = next((m.group(i), m.group(i + 1), m.group(i + 2)) for i in (1, 4, 7, 10) if m.group(i))
    said = [(q, v) for q, v, u in counts if u == _unit(unit)]
    if len({v for _q, v in said}) != 1:
        return None  # the unit is not counted, or counted twice over (two different figures)
    qualifier, value = said[0]
    return _holds(op, _value(limit), qualifier, value)
