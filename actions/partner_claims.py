"""« Alaotra Mangoro, au Mali ? », « le Hampshire est présenté comme une province ? »,
« une coopération décentralisée avec Villach ? »: a closed question that says of one partner a
country, a kind of place or a kind of tie its records in the base do not have.

The answer chosen for such a question often names the claimed value elsewhere (the Mali
partner in the same sentence as Madagascar), so the text alone cannot refute it: the records do.
"""

from __future__ import annotations

import re

from actions.contradiction import values_in
from knowledge.store import KnowledgeBase
from knowledge.textnorm import fold

# How many words after the partner's name a country still places it (« Hann. Münden, en Autriche »).
COUNTRY_REACH = 6
_PLACED = frozenset("au aux en a dans".split())
# What a partner is, as its record's name begins (« Comté du Hampshire »).
_PLACE_KINDS = {"comte": "comte", "province": "province", "region": "region", "gouvernorat": "gouvernorat",
                "ville": "ville", "commune": "commune", "departement": "departement", "district": "district",
                "municipalite": "commune", "canton": "canton", "etat": "etat", "comtes": "comte",
                "provinces": "province", "regions": "region", "villes": "ville", "communes": "commune"}
# « X est une province », « présenté comme un comté », « X, c'est une région ? »
_PREDICATED_KIND = re.compile(r"\b(?:est|c est|serait|comme|s agit il d|s agit d) (?:bien |vraiment |donc )?(?:un|une|d un|d une)"
                              r" (\w+)")
# Ties as the records name them; « coopération » alone is any of them.
TWINNED = re.compile(r"\bjumel\w*")
DECENTRALISED = re.compile(r"\bcooperations? decentralisees?\b")
# A question that denies or weighs alternatives claims nothing single.
_NOT_ONE_CLAIM = re.compile(r"\b(?:pas|ni|aucun|aucune|sans|jamais|ou|plutot|sauf|hormis)\b")
# How near the partner's name a tie word must be to be said of it.
TIE_REACH = 12


def _named_partner(kb: KnowledgeBase, folded: str) -> tuple[str, int, int] | None:
    """The one partner the question names (its record name, folded) and the words its name spans,
    by a name that is not a country (« Mali » names a country, not the Mali partner)."""
    countries = {fold(name) for kind, _id, name in kb.names() if kind == "country"}
    padded = f" {folded} "
    found: dict[str, tuple[int, int]] = {}
    records = {p.id: p for p in kb.partnerships()}
    for kind, entity_id, name in kb.names():
        if kind != "partner" or name in countries or entity_id not in records or len(name) < 4:
            continue
        at = padded.find(f" {name} ")
        if at >= 0:
            start = len(padded[:at].split())
            key = fold(records[entity_id].partner)
            span = found.get(key, (start, start))
            found[key] = (min(span[0], start), max(span[1], start + len(name.split())))
    if len(found) != 1:
        return None
    partner, (start, end) = next(iter(found.items()))
    return partner, start, end


def contradicted(kb: KnowledgeBase, question: str) -> bool:
    """Whether the closed `question` says of the one partner it names a country, a kind of
    place or a tie that none of that partner's records has."""
    folded = fold(question)
    if _NOT_ONE_CLAIM.search(folded):
        return False
    named = _named_partner(kb, folded)
    if named is None:
        return False
    partner, start, end = named
    records = [p for p in kb.partnerships() if fold(p.partner) == partner]
    near = " ".join(folded.split()[max(0, start - TIE_REACH):end + TIE_REACH])
    return (_other_country(folded, end, {fold(p.country) for p in records})
            or _other_kind(folded, end, partner) or _other_tie(kb, near, records))


def _other_country(folded: str, end: int, countries: set[str]) -> bool:
    """« Alaotra Mangoro au Mali », « Hann. Münden, en Autriche », « Louga, c'est au Mali »."""
    words = folded.split()
    after = [v for v in values_in(words) if v.kind == "country" and end <= v.start < end + COUNTRY_REACH
             and v.start and words[v.start - 1] in _PLACED]
    stated = {str(v.value) for v in after}
    return len(stated) == 1 and not stated & countries


def _other_kind(folded: str, end: int, partner: str) -> bool:
    """« le Hampshire est présenté comme une province ? » against « Comté du Hampshire »."""
    own = _PLACE_KINDS.get(partner.split()[0])
    if own is None:
        return False
    rest = " ".join(folded.split()[end:])
    m = _PREDICATED_KIND.search(rest)
    claimed = _PLACE_KINDS.get(m.group(1)) if m else None
    return claimed is not None and claimed != own


def _other_tie(kb: KnowledgeBase, folded: str, records: list) -> bool:
    """A twinning claimed of a partner the body only cooperates with (Cap-Haïtien); a
    decentralised cooperation claimed of one that is only twinned, where the body's records
    tell the two apart (Suresnes twins with Villach). Namur lists its friendship accord with
    the Jiangsu among its twinnings: only these two kinds are told apart."""
    kinds = {p.kind for p in records}
    if TWINNED.search(folded) and kinds == {"cooperation-decentralisee"}:
        return True
    if DECENTRALISED.search(folded) and kinds == {"jumelage"}:
        # « en plus du jumelage, une coopération décentralisée avec Holon ? »: the twinning is granted
        bodies = {p.body_id for p in records}
        return any(p.kind == "cooperation-decentralisee" for p in kb.partnerships() if p.body_id in bodies)
    return False
