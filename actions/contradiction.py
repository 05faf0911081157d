"""« Louga, c'est au Mali ? » against « Région de Louga (Sénégal) »: a closed question that
states a value (a country, a month, an order, a rhythm, a category, a street number, free or
paid, a role, the start or end of a span, north or south, the PST « enjeu » something is filed
under) which the answer contradicts by giving another value of the same kind next to the same
subject. The answer's other values (« Hann. Münden (Allemagne) » for « Villach allemande ? »)
do not count: only the value nearest to the question's most specific word decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from actions.evidence import stem
from actions.list_reference import ORDINALS
from knowledge.french_dates import MONTHS
from knowledge.geography import DEMONYMS, country_of_demonym
from knowledge.textnorm import fold

# How far (in words) from the subject a value still describes it.
REACH = 10
AFTER_BONUS = 2

# The same country under two names (England is in the United Kingdom for these questions).
_SAME_COUNTRY = {"angleterre": "royaume uni", "ecosse": "royaume uni", "pays de galles": "royaume uni",
                 "grande bretagne": "royaume uni"}
# ...and the same nations by their adjective (« une ville écossaise ? » against « en Angleterre »).
_NATION_ADJECTIVES = {"anglais": "angleterre", "ecossais": "ecosse", "gallois": "pays de galles"}
_RHYTHMS = {"annuel": 1, "bisannuel": 2, "biennal": 2, "triennal": 3, "quadriennal": 4, "quinquennal": 5,
            "decennal": 10, "mensuel": "m", "hebdomadaire": "w", "trimestriel": "q", "semestriel": "s",
            "quotidien": "d"}
_COSTS = {"payant": "paid", "payante": "paid", "payants": "paid", "payantes": "paid", "gratuit": "free",
          "gratuite": "free", "gratuits": "free", "gratuites": "free", "gratuitement": "free", "gratis": "free"}
# When in a span (« dès le début de la prochaine législature » against « à la fin ») and which
# side of the world (« les pays du sud » against « du nord ») ; « est » is a verb too often.
_MOMENTS = {"debut": "start", "commencement": "start", "fin": "end", "milieu": "middle", "mi": "middle"}
_POINTS = frozenset({"nord", "sud", "ouest"})
# Roles, longest first: « adjoint au maire » is not « maire », « vice-président » not « président ».
_ROLES = [("adjoint au maire", "adjoint"), ("adjointe au maire", "adjoint"), ("premier adjoint", "adjoint"),
          ("vice president", "vice president"), ("vice presidente", "vice president"),
          ("secretaire general", "secretaire general"), ("secretaire generale", "secretaire general"),
          ("maire", "maire"), ("bourgmestre", "maire"), ("president", "president"), ("presidente", "president"),
          ("adjoint", "adjoint"), ("adjointe", "adjoint"), ("directeur", "directeur"), ("directrice", "directeur"),
          ("tresorier", "tresorier"), ("tresoriere", "tresorier"), ("gouverneur", "gouverneur"),
          ("depute", "depute"), ("deputee", "depute"), ("echevin", "echevin"), ("echevine", "echevin"),
          ("secretaire", "secretaire"), ("coordinateur", "coordinateur"), ("coordinatrice", "coordinateur"),
          ("ministre", "ministre"), ("senateur", "senateur"), ("senatrice", "senateur")]


def rhythm(word: str) -> object | None:
    """« triennaux », « annuelles » → their rhythm (the adjective in any gender and number)."""
    for base, value in _RHYTHMS.items():
        root = base[:-2] if base.endswith("al") else base
        if word in {base, base + "e", base + "s", base + "es", root + "aux", base + "le", base + "les"}:
            return value
    return None


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country name → the country it is (CLDR names, through Babel)."""
    from babel import Locale  # noqa: PLC0415 (loaded on first use only)

    names = {fold(name): fold(name) for code, name in Locale("fr").territories.items() if code.isalpha()}
    names.update(_SAME_COUNTRY)
    return names


def demonyms_named(text: str) -> list[str]:
    """The nationality adjectives of the countries `text` names, in every gender and number:
    « Province du Jiangsu (Chine) » answers « une province chinoise ? »."""
    folded = f" {fold(text)} "
    return [form for base, country in DEMONYMS.items() if f" {country} " in folded for form in _forms(base)]


def _forms(base: str) -> tuple[str, ...]:
    """« chinois » → chinois, chinoise, chinoises; « italien » → italien(ne)(s)."""
    if base.endswith("e"):
        return base, base + "s"
    feminine = base + ("ne" if base.endswith("en") else "e")
    return base, feminine, feminine + "s", base if base.endswith("s") else base + "s"


def countries_of_demonyms(text: str) -> list[str]:
    """The folded countries whose nationality adjective `text` uses (« une province chinoise » → chine)."""
    return list(dict.fromkeys(c for w in fold(text).split() if (c := country_of_demonym(w))))




@dataclass(frozen=True)
class Value:
    kind: str
    value: object
    start: int  # first word
    end: int  # last word


def values_in(words: list[str]) -> list[Value]:
    """The values of every kind among folded `words`, with their word positions."""
    found: list[Value] = []
    countries = _countries()
    i = 0
    while i < len(words):
        w = words[i]
        longer = next((n for n in (3, 2) if i + n <= len(words) and " ".join(words[i:i + n]) in countries), 0)
        if longer:  # « royaume uni », « cote d ivoire »
            name = " ".join(words[i:i + longer])
            found.append(Value("country", countries[name], i, i + longer - 1))
            if name in _SAME_COUNTRY:  # « pays de galles »: a nation of the United Kingdom too
                found.append(Value("nation", name, i, i + longer - 1))
            i += longer
            continue
        role = next(((value, len(name.split())) for name, value in _ROLES
                     if " ".join(words[i:i + len(name.split())]) == name), None)
        if role:
            found.append(Value("role", role[0], i, i + role[1] - 1))
            i += role[1]
            continue
        enjeu = _enjeu_at(words, i)
        if enjeu:
            found.append(Value("enjeu", enjeu[0], i, i + enjeu[1] - 1))
            i += enjeu[1]
            continue
        country, pace = countries.get(w) or country_of_demonym(w), rhythm(w)
        if country:
            found.append(Value("country", country, i, i))
            nation = w if w in _SAME_COUNTRY else next(
                (n for adj, n in _NATION_ADJECTIVES.items() if w in (adj, adj + "e", adj + "es")), None)
            if nation:  # « Hackney, en Angleterre » answers « en Écosse ? » and « écossaise ? »: Non
                found.append(Value("nation", nation, i, i))
        elif w in MONTHS:
            found.append(Value("month", w, i, i))
        elif w in ORDINALS and not (w in ("second", "seconde") and i and words[i - 1] in ("en", "au")):
            found.append(Value("order", ORDINALS[w], i, i))
        elif i and words[i - 1] in _NUMBERED and _rank(w):
            found.append(Value("order", _rank(w) - 1, i - 1, i))  # « Priorité 4 », « numéro un »
        elif pace is not None:
            found.append(Value("rhythm", pace, i, i))
        elif w in _COSTS:
            found.append(Value("cost", _COSTS[w], i, i))
        elif w in _MOMENTS:
            found.append(Value("moment", _MOMENTS[w], i, i))
        elif w in _POINTS:
            found.append(Value("point", w, i, i))
        elif w in ("categorie", "cat") and i + 1 < len(words) and re.fullmatch(r"[a-d1-5]", words[i + 1]):
            found.append(Value("category", words[i + 1], i, i + 1))
        elif w.isdigit() and i + 1 < len(words) and words[i + 1] in ("rue", "avenue", "place", "boulevard",
                                                                     "chaussee", "square", "allee"):
            found.append(Value("street_number", w, i, i))
        i += 1
    return found


# The PST's five « enjeux », each with its own actors: « l'Office provincial agricole, un acteur
# de la Gouvernance ? » against « Nos acteurs de la transition territoriale : …, Office
# provincial agricole ». Named as an « enjeu » only after a word that files something under it
# (« culture », « gouvernance » are common words elsewhere: « la bonne gouvernance » of Suresnes).
_ENJEUX = [("vivre mieux", "vivre mieux"), ("transition territoriale", "transition territoriale"),
           ("enseignement et de la formation", "enseignement"), ("enseignement et formation", "enseignement"),
           ("enseignement", "enseignement"), ("gouvernance", "gouvernance"), ("culture", "culture"),
           ("culturels", "culture"), ("culturel", "culture")]
_FILED_UNDER = frozenset("acteur acteurs enjeu enjeux volet volets axe axes pilier rattache rattachee rattaches "
                         "rattachees".split())
FILED_REACH = 3


def _enjeu_at(words: list[str], i: int) -> tuple[str, int] | None:
    """The PST « enjeu » named at word `i` after a word filing something under it, and its length."""
    if not _FILED_UNDER.intersection(words[max(0, i - FILED_REACH):i]):
        return None
    return next(((value, len(name.split())) for name, value in _ENJEUX
                 if " ".join(words[i:i + len(name.split())]) == name), None)


# Nouns a rank follows (« Priorité 4 », « l'objectif 2 », « numéro un »).
_NUMBERED = frozenset("priorite objectif enjeu axe volet etape numero".split())
_RANK_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6}


def _rank(word: str) -> int | None:
    """A small rank written in digits or words (1 to 12)."""
    if word.isdigit() and 0 < int(word) <= 12:
        return int(word)
    return _RANK_WORDS.get(word)


def ranks_in(text: str) -> set[object]:
    """The ranks `text` names, from 0 (« la première priorité », « Priorité 1 », « objectif 02 »)."""
    return {v.value for v in values_in(fold(text).split()) if v.kind == "order"}


def roles_in(text: str) -> set[object]:
    """The roles `text` names (« Adjoint au Maire » is « adjoint », not « maire »)."""
    return {v.value for v in values_in(fold(text).split()) if v.kind == "role"}


def _anchors(question_words: list[str], claimed: list[Value], weight: Callable[[tuple[str, ...]], float],
             names: set[str]) -> list[str]:
    """The question's words that can pin a value down, most specific first: numbers, then
    names, then the rarest words; never the claimed values themselves."""
    taken = {i for v in claimed for i in range(v.start, v.end + 1)}
    words = [w for i, w in enumerate(question_words) if i not in taken and (len(w) >= 3 or w.isdigit())]
    words = list(dict.fromkeys(w for w in words if w not in _FILLER))
    return sorted(words, key=lambda w: (not w.isdigit(), w not in names, -weight((w,))))


_FILLER = frozenset("""est sont etait bien elle elles ils il les des une que qui quoi vous nous pour avec dans sur par
pas plus tout toute tous toutes son sa ses leur leurs cette ces cet aussi donc alors exact vrai juste correct
cela celle celui c'est province ville region departement""".split())


def _positions(words: list[str], anchor: str) -> list[int]:
    if anchor.isdigit():
        return [i for i, w in enumerate(words) if w == anchor]
    root = stem(anchor)
    return [i for i, w in enumerate(words) if w == anchor or (len(root) >= 5 and stem(w) == root)]


# Kinds a subject may have several of (« Maire de Suresnes, … Vice-Président du Conseil »):
# any value near it counts, not only the nearest.
_SEVERAL = frozenset({"role"})


def _gap(v: Value, at: int) -> int:
    return v.start - at if v.start > at else at - v.end


def _nearest(values: list[Value], at: int) -> Value | None:
    """The value nearest to word `at` within REACH, a value after it counting as two words
    nearer: the sources put what qualifies a thing after it (« Villach (Autriche) », « 800 km
    de catégorie 3 »)."""
    def distance(v: Value) -> tuple[int, int]:
        return (_gap(v, at) - AFTER_BONUS, 0) if v.start > at else (_gap(v, at), 1)
    near = [v for v in values if distance(v)[0] <= REACH and not (v.start <= at <= v.end)]
    return min(near, key=distance, default=None)


# « c'est au Mali ? », « est-elle située en Allemagne ? », « est une province suédoise ? »
_PLACING = frozenset("est sont c etait etaient serait trouve trouvent situe situee situes situees base basee "
                     "localise localisee".split())
PLACING_REACH = 5


def _places_subject(words: list[str], v: Value) -> bool:
    """Whether a country of the question is said of its subject (« Louga, c'est au Mali ? »),
    not of something else it mentions (« les acteurs français », « les projets en Haïti »)."""
    return bool(_PLACING.intersection(words[max(0, v.start - PLACING_REACH):v.start]))


def contradicts(question: str, answer: str, weight: Callable[[tuple[str, ...]], float]) -> bool:
    """Whether the answer gives, next to the question's subject, another value of a kind
    whose value the question states (and never the stated one there)."""
    q_words = fold(question).split()
    claimed = [v for v in values_in(q_words) if v.kind != "country" or _places_subject(q_words, v)]
    if not claimed:
        return False
    names = {fold(w) for w in re.findall(r"(?<!^)(?<![.?!] )\b[A-ZÀ-Ý][\w-]+", question)}
    names = {part for n in names for part in n.split()}
    a_words = fold(answer).split()
    a_values = values_in(a_words)
    for kind in dict.fromkeys(v.kind for v in claimed):
        stated = {v.value for v in claimed if v.kind == kind}
        if len(stated) > 1:
            continue  # « au Sénégal ou au Mali ? » states no one value
        rivals = [v for v in a_values if v.kind == kind]
        if not rivals:
            continue
        for anchor in _anchors(q_words, claimed, weight, names):
            spots = _positions(a_words, anchor)
            if kind in _SEVERAL:
                nearest = [v for at in spots for v in rivals if _gap(v, at) <= REACH]
            else:
                nearest = [v for v in (_nearest(rivals, at) for at in spots) if v is not None]
            if not nearest:
                continue
            if not any(v.value in stated for v in nearest):
                return True
            break  # the most specific anchor with a value near it decides
    return False
