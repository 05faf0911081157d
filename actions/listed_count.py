"""« Combien de valeurs de solidarité le Département cite-t-il ? »: a passage may list the
things counted without saying how many (« des valeurs de solidarité : la réduction de la
fracture Nord-Sud, l'autonomie alimentaire, la réciprocité des engagements et l'échange de
bonnes pratiques »). Their number is then the length of that list, read, not guessed: only a
list that follows the very word counted, opened by « : », « ( », « comme » or « tels que »,
and closed by « et » or « ou », is counted.
"""

from __future__ import annotations

import re

from actions.answer_shape import counted_things, names_thing
from knowledge.textnorm import unaccent

# What opens a list right after the thing counted (a qualifier or two may come between:
# « des compétences spécifiques (aménagement du territoire, … ) »).
_OPENER = re.compile(r"^(?P<between>[^:;.()]{0,40}?)\s*(?P<opener>:|\(|\bcomme\b|\bnotamment\b|\btel(?:le)?s? que\b|\ba savoir\b)\s*")
# The last item follows « et », « ou », « ou encore », « ainsi que ».
_LAST = re.compile(r"\s+(?:et|ou encore|ou|ainsi que)\s+")
_FIRST = re.compile(r"^(?:et|ou encore|ou|ainsi que)\s+")
# People are counted by heads, never by the kinds of them a text lists (« des jeunes, comme
# les demandeurs d'emploi et les bénéficiaires du RSA »); times and measures by their unit.
_NOT_LISTED = frozenset("""personnes personne gens personnel employes salaries fonctionnaires profs agents jeunes eleves
    habitants etudiants enfants membres enseignants citoyens fois ans an annees annee mois jours heures km
    kilometres euros argent""".split())
_MAX_ITEMS = 12
_MAX_ITEM_WORDS = 10
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def listed_count(question: str, text: str) -> int | None:
    """How many things of the kind « combien de … ? » counts `text` lists, when it lists them
    after naming them and gives no number for them."""
    things = counted_things(question)[:1]
    if not things or things[0] in _NOT_LISTED:
        return None
    plain = unaccent(text.lower())
    for m in _WORD.finditer(plain):
        # a list follows a plural (« des valeurs : … »); after a singular, « : » explains
        if not m.group().endswith(("s", "x")) or not names_thing(m.group(), things[0]):
            continue
        rest = plain[m.end():]
        opener = _OPENER.match(rest)
        if not opener or len(opener.group("between").split()) > 3:
            continue
        count = _items(rest[opener.end():], bracket=opener.group("opener") == "(")
        if count:
            return count
    return None


def _items(listed: str, bracket: bool) -> int | None:
    """The number of items of the list that opens `listed`, or None when it is not a closed list."""
    end = listed.find(")") if bracket else len(re.split(r"\.(?:\s|$)|;\s+[a-z]+\s+\w+\s+(?:a|ont|est)\b", listed)[0])
    if end < 0:
        return None
    body = listed[:end]
    # « etc. », « … »: an open list; digits: measures (« 1350 km … et 800 km »), not things
    if re.search(r"\betc\b|\.\.|…|\d", body):
        return None
    *head, tail = re.split(r"\s*[,;]\s*", body.strip())
    if _FIRST.match(tail):  # « …, formation, ou encore développement économique »
        items = [*head, _FIRST.sub("", tail)]
    else:
        last = _LAST.split(tail, maxsplit=1)
        if len(last) != 2:
            return None
        items = [*head, *last]
    if not 2 <= len(items) <= _MAX_ITEMS or any(not i.strip() or len(i.split()) > _MAX_ITEM_WORDS for i in items):
        return None
    return len(items)
