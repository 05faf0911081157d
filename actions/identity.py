"""« Le ST3P, c'est le pôle gestion intégrée des cours d'eau ? » against « …le Pôle gestion
intégrée des cours d'eau, …, le ST3P (Pôle géomatique et expertise foncière) »: a closed
question that says one named thing IS another, answered by a list where the two are
different items. Every word may be in the answer; they are not said of each other."""

from __future__ import annotations

import re
from collections.abc import Callable

from actions.evidence import Evidence, claims_of, content_groups
from knowledge.textnorm import unaccent

# « X, c'est (bien) le Y ? », « X est-il l'Y ? »: the thing named, then what it is said to be.
_IDENTITY = re.compile(
    r"^(?:est[- ]ce que |est[- ]ce qu')?(?P<x>[^,?]+?),? (?:c'est|c est|ce sont|est-il|est-elle|est il|est elle)"
    r" (?:bien |donc |vraiment |aussi )?(?P<y>(?:le |la |l'|les |un |une |des ).+?)\s*\?\s*$")
# How specific (IDF weight) Y's point must be: « cours d'eau », « VIH », not « Suresnes ».
POINT_WEIGHT = 3.0
# What separates two sentences, and the items of a list within one.
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_ITEMS = re.compile(r"[,;]\s*")
_BRACKETED = re.compile(r"\([^()]*\)")
# A capital inside an item (not its first letter), or an acronym: the item names something.
_NAMES = re.compile(r"(?<!^)\b[A-ZÀ-Ý][\w.-]+")
# « un des processus », « l'un des thèmes »: whether X is in a list is `member_asked`'s question.
_MEMBER = re.compile(r"^(?:l'|le |la )?(?:un|une) (?:des|de ses|de nos|d')|\bparmi\b|\bpartie\b")


def said_of_another(question: str, answer: str, weight: Callable[[tuple[str, ...]], float]) -> bool:
    """Whether the question says a named thing is Y, and a sentence of the answer lists the thing
    and Y's point (its last claim, a specific one) as two items, the point's naming something
    else, with no item anywhere giving both."""
    m = _IDENTITY.match(unaccent(question.strip().lower()))
    if not m or _MEMBER.search(m.group("x")) or _MEMBER.search(m.group("y")):
        return False
    thing = content_groups(m.group("x"))
    point = claims_of(m.group("y"))
    if not thing or not point:
        return False
    focus = point[-1]
    if weight(focus) < POINT_WEIGHT:
        return False  # « …un objectif du PST ? », « …le maire de Suresnes ? »: a word found everywhere
    named = Evidence.of(m.group("x"))

    def has_thing(text: str) -> bool:
        return all(Evidence.of(text, strict=True).has(g) for g in thing)

    def names_another(item: str) -> bool:
        return any(not named.has((unaccent(n.lower()).strip(".-"),)) for n in _NAMES.findall(item.strip()))

    apart = False
    for sentence in _SENTENCES.split(answer):
        # « (CCCA, VADA, GERONAM) » is one item
        items = _ITEMS.split(_BRACKETED.sub(lambda b: b.group(0).replace(",", " "), sentence))
        with_point = [i for i in items if Evidence.of(i, strict=True).has(focus)]
        if any(has_thing(i) for i in with_point):
            return False
        if any(has_thing(i) for i in items) and with_point and all(names_another(i) for i in with_point):
            apart = True
    return apart
