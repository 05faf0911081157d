"""« Et le dernier, ça veut dire quoi ? » after a list: the item the ordinal points to.

The previous answer listed things (bullets, or « a, b, c et d » after a colon); an ordinal
standing for a noun (« le premier », « la deuxième de la liste », « le dernier ») is replaced
by the item it points to, so that the question can be searched like any other.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker

from knowledge.textnorm import unaccent

# Ordinal words and the 0-based position they point to (-1: the last); also the order a
# closed question states (actions/contradiction.py).
ORDINALS = {"premier": 0, "premiere": 0, "1er": 0, "1re": 0, "1ere": 0, "deuxieme": 1, "second": 1,
             "seconde": 1, "2e": 1, "2eme": 1, "troisieme": 2, "3e": 2, "3eme": 2, "quatrieme": 3, "4e": 3,
             "4eme": 3, "cinquieme": 4, "5e": 4, "5eme": 4, "sixieme": 5, "6e": 5, "dernier": -1, "derniere": -1}
# The ordinal stands alone (« le dernier, … », « la deuxième de la liste ? »), not before a
# noun (« le premier objectif stratégique »).
_REFERENCE = re.compile(r"\b(?:le|la|l')\s*(" + "|".join(ORDINALS) + r")\b"
                        r"(?=\s*(?:[,?!.]|$|de la liste|dans la liste|cit|mentionn|nomm|qu|il\b|elle\b|ca\b|c'|"
                        r"veut|signifi|est\b|design|correspond))", re.IGNORECASE)
_BULLET = re.compile(r"^\s*[•\-*]\s*(.+)$")
# « … repose sur quatre mots-clefs : pertinence, convergence, cohérence et efficience. »
_ENUMERATION = re.compile(r":\s*([^:.\n]+?(?:,\s*[^,.\n]+?)+\s+et\s+[^,.\n]+?)\s*(?:[.\n]|$)")
# « … quatre priorités : contribuer au développement… ; développer les échanges… ; … »
_SEMICOLONS = re.compile(r":\s*([^:\n]+?(?:\s;\s[^;\n]+?)+)\s*(?:\.(?:\s|$)|\n|$)")


def previous_turn(tracker: Tracker) -> tuple[str, str]:
    """The user's previous message and the bot's whole answer to it."""
    users = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    if len(users) < 2:
        return "", ""
    start, end = users[-2], users[-1]
    said = "\n".join(e.get("text") or "" for e in tracker.events[start:end] if e.get("event") == "bot" and e.get("text"))
    return tracker.events[start].get("text") or "", said


def listed_items(text: str) -> list[str]:
    """The items of the first list an answer gives: its bullets (up to a « — » or « : »
    detail), or an enumeration after a colon, whichever comes first (the bullets offered
    after the answer come last)."""
    lines = text.splitlines()
    first_bullet = next((i for i, line in enumerate(lines) if _BULLET.match(line)), len(lines))
    before = "\n".join(lines[:first_bullet])
    clauses = _SEMICOLONS.search(before)
    if clauses:
        return [part.strip() for part in clauses.group(1).split(" ; ") if part.strip()]
    enumeration = _ENUMERATION.search(before)
    if enumeration:
        return [part.strip() for part in re.split(r",\s*|\s+et\s+", enumeration.group(1)) if part.strip()]
    bullets = []
    for line in lines[first_bullet:]:
        m = _BULLET.match(line)
        if not m:
            break
        bullets.append(re.split(r" — | : ", m.group(1))[0].strip())
    return bullets if len(bullets) >= 2 else []


def resolve_ordinal(question: str, previous: str) -> str:
    """`question` with an ordinal reference replaced by the item of `previous` it points to
    (accents removed then); unchanged when there is none, or the list is too short."""
    plain = unaccent(question)  # the ordinals are matched without accents
    m = _REFERENCE.search(plain)
    if not m:
        return question
    items = listed_items(previous)
    index = ORDINALS[m.group(1).lower()]
    if len(items) < 2 or index >= len(items):
        return question
    return f"{plain[:m.start()]}{items[index]}{plain[m.end():]}"
