"""Questions about a public body the sources do not describe (« la Province de Liège »,
« le département de la Manche »): the honest answer is that the sources do not cover it,
not the nearest facts about the bodies they do describe."""

from __future__ import annotations

import re

from spacy.lang.fr.stop_words import STOP_WORDS

from actions.answer_selection import named_bodies
from actions.evidence import claims_of, unsupported_share
from knowledge import KnowledgeBase
from knowledge.geography import country_name, is_continent
from knowledge.textnorm import fold

# Words that name a kind of public body.
_BODY_KINDS = ("province", "ville", "commune", "region", "departement", "gouvernorat", "comte", "canton",
               "municipalite", "mairie", "conseil departemental", "conseil regional")
# A kind of public body and the word that names it: « province de liege », « departement du var ».
_BODY = re.compile(r"\b(" + "|".join(_BODY_KINDS) + r")\s+(?:de la |de l |du |des |de |d )(\w{3,})")
# Words after « de » that name no place (« la région de mon enfance »).
_STOP_WORDS = frozenset(fold(w) for w in STOP_WORDS)
_NOT_PLACES = frozenset("mon ma mes son sa ses notre nos votre vos leur leurs ce cette ces cet un une la le les "
                        "l origine residence naissance".split())


# Kinds of body that are the same kind for this check (« la commune de Suresnes » is its Ville).
_SAME_KIND = {"commune": "ville", "municipalite": "ville", "mairie": "ville", "conseil departemental": "departement",
              "conseil regional": "region"}
# Offices no source describes when no source uses their name (« l'ambassade de Tunisie »).
_OFFICE = re.compile(r"\b(ambassade|ambassades|consulat|consulats|prefecture|commissariat|hopital|universite|"
                     r"tribunal|gare|cpas|mutuelle|mutualite|office du tourisme|maison communale)\b")


def _kind(word: str) -> str:
    return _SAME_KIND.get(word, word)


def _names_something(kb: KnowledgeBase, place: str) -> bool:
    """Whether a body, partner or service the sources describe goes by a name with that word.
    A country's name used for a body (« la province de Luxembourg ») is in the sources only as
    an answer of the eligibility dialogue (« not Namur »), which describes no body there."""
    return any(f" {place} " in f" {name} " for _kind_name, _id, name in kb.names())


def _other_kind(kb: KnowledgeBase, kind: str, place: str) -> bool:
    """« la Ville de Namur » when the sources describe the Province de Namur: a known place,
    but no body of that kind there."""
    names = [name for _kind_name, _id, name in kb.names() if f" {place} " in f" {name} "]
    kinds = {_kind(k) for name in names for k in _BODY_KINDS if f"{k} " in f"{name} "}
    return bool(names) and bool(kinds) and _kind(kind) not in kinds



# A closed question claims the unknown body of something the sources describe when a passage
# says at least this share of what comes before it (« Christian Dupuy est-il vice-président du
# conseil départemental du Val-de-Marne ? »: no, of the Hauts-de-Seine).
CLAIMED_OF_KNOWN = 0.7
# Passages read for it.
CLAIMED_SEARCHED = 3


def claimed_of_known(kb: KnowledgeBase, before: str) -> bool:
    """Whether `before`, the words of a closed question before the unknown body it names, says
    something a passage says: the body is then the claim put to the test (« la vie culturelle
    ne concerne-t-elle que la ville de Namur ? »), not what the question is about (« la Province
    de Hainaut a-t-elle aussi un service international ? »)."""
    if len(claims_of(before)) < 2:
        return False
    return any(1 - unsupported_share(before, f"{p.title} {p.text}", kb.term_weight) >= CLAIMED_OF_KNOWN
               for p in kb.search(before, limit=CLAIMED_SEARCHED))


_SET_ASIDE = re.compile(r"\b(?:pas|non|plutot que|et non) (?:la |le |l |de la |du |de l )?\w+(?: de \w+)?")


def unknown_body(kb: KnowledgeBase, question: str, closed: bool = False) -> bool:
    """Whether the question is about a public body of which the sources say nothing, and
    names none they describe: « La Province de Hainaut coopère-t-elle avec le Burkina ? »,
    « la Ville de Namur » (the sources describe its Province), « l'ambassade de Tunisie ».
    A `closed` question may claim such a body of what the sources describe (`claimed_of_known`)."""
    folded = fold(question)
    found = False
    for m in _BODY.finditer(folded):
        kind, place = m.group(1), m.group(2)
        # « une région d'Afrique », « la région du Sénégal » are places; « la province de
        # Luxembourg » is a body, whatever country shares its name.
        if place in _NOT_PLACES or place in _STOP_WORDS or is_continent(place) or (kind == "region" and country_name(place)):
            continue
        if closed and claimed_of_known(kb, folded[:m.start()]):
            continue
        if (kb.unknown_share([(place,)]) == 1.0 or _other_kind(kb, kind, place)
                or (country_name(place) and not _names_something(kb, place))):
            # « le service des relations internationales de la Province de Luxembourg » is that
            # body's service, not the one the sources describe under that name
            folded = re.sub(rf"\bservice(?: \w+){{0,5}} (?:de la |du |de l |de |d ){re.escape(m.group(0))}", " ", folded)
            folded = folded.replace(m.group(0), " ")
            found = True
    for m in _OFFICE.finditer(folded):
        # « des étudiants d'université » speaks of a kind of place, not of one office
        generic = re.search(r"\b(?:d|de)\s*$", folded[:m.start()]) is not None
        if not generic and kb.unknown_share([tuple(m.group(1).split())]) == 1.0:
            folded = folded.replace(m.group(0), " ")
            found = True
    # « la Ville de Namur (la commune, pas la Province) »: a body the question sets aside is not asked about
    return found and not named_bodies(kb, _SET_ASIDE.sub(" ", folded))
