"""« Les entreprises ne sont pas concernées par les priorités… ? », « Suresnes n'a jamais
accueilli de délégation ? », « les personnes âgées sont-elles absentes du Vivre mieux ? », « des
accords entre États, et pas entre collectivités ? »: a closed question that denies what it
names. When the answer says that very thing, plainly, the answer to the question is « Non »,
however well its words match."""

from __future__ import annotations

import re
from collections.abc import Callable

from actions.evidence import Evidence, affirmed, claims_to_confirm, denied_at, stem
from knowledge.textnorm import fold

# « ne … pas », « n'… jamais » within a few words: the denied verb and its pronouns between.
_DENIED = re.compile(r"\b(?:ne|n)\b(?: \w+){0,4}? (?:pas|jamais)\b")
# Words that say something is missing from what follows (« absentes des priorités »).
_ABSENT = re.compile(r"\b(?:absente?s?|exclue?s?|oubliee?s?|ignoree?s?|ecartee?s?)\b")
# Not a denial of the claim: a tag (« n'est-ce pas ? », « si je ne me trompe pas »), a
# question that expects « oui » (« ne gère-t-il pas aussi… ? »), or « pas seulement » (more
# than what follows).
_NOT_DENIAL = re.compile(r"\bn est ce pas\b|\bne me trompe pas\b|\bne (?:croyez|pensez) vous pas\b"
                         r"|\bt (?:il|elle|ils|elles|on) pas\b|\b(?:il|elle|ils|elles) pas\b"
                         r"|\bpas (?:seulement|uniquement|que|qu|juste|simplement|forcement|obligatoirement|"
                         r"necessairement|toujours|encore|tous|toutes|tout a fait)\b")
# « des accords entre États, et pas entre collectivités ? », « …les élus, pas les habitants ? »:
# what follows « pas » is what the question says is not so.
_CONTRAST = re.compile(r"(?:\bet|,|\bmais) pas (?:(?:de|des|du|d|la|le|les|l|entre|avec|pour|a|au|aux|en|dans|sur)\s+)*"
                       r"(\w{4,})")
# « …et pas seulement les publics ? », « …, pas vrai ? »: more than, or a tag.
_NOT_CONTRASTED = frozenset("""seulement uniquement simplement juste vraiment vrai vraie exact exacte faux fausse forcement
    necessairement tellement trop encore toujours tous toutes tout plus moins""".split())


def denies(question: str) -> bool:
    """Whether the closed question denies what it names (not a tag, not « pas seulement »)."""
    folded = _NOT_DENIAL.sub(" ", fold(question))
    return bool(_DENIED.search(folded) or _ABSENT.search(folded))


def said_though_denied(question: str, answer: str, unsaid_share: Callable[[tuple[tuple[str, ...], ...]], float],
                       most: float) -> bool:
    """Whether the question denies something (`denies`) that `answer` says: at most `most` of
    the claims' weight unsaid (`unsaid_share`, in words or in meaning), and none of them said
    only after a denial of the answer's own."""
    if not denies(question):
        return False
    claims = tuple(g for g in claims_to_confirm(question) if not any(_ABSENT.fullmatch(f) for f in g))
    if not claims or unsaid_share(claims) > most:
        return False
    words = fold(answer).split()
    said = Evidence.of(answer, strict=True)
    for group in claims:
        stems = {stem(f) for f in group}
        spots = [i for i, w in enumerate(words) if w in group or stem(w) in stems]
        if said.has(group) and spots and all(denied_at(words, i) for i in spots):
            return False
    return True


def contrast_said(question: str, answer: str) -> list[str]:
    """What the question sets aside with « et pas … » (`_CONTRAST`) that `answer` says, and
    never just after a denial of its own."""
    words = fold(answer).split()
    found = []
    for m in _CONTRAST.finditer(fold(question)):
        word = m.group(1)
        if word in _NOT_CONTRASTED:
            continue
        if affirmed(stem(word), words):
            found.append(word)
    return found
