"""« Le PST est-il un programme à long terme ? » against « un programme à court terme », « …un
contexte budgétaire confortable ? » against « difficile »: a closed question that says the
opposite of what the answer says. The word and its opposite are compared by their start, so
every form counts (« privé », « privées »); a pair is listed only where neither word has another
common sense in the questions asked here (« secondaire » is also a school, « local » and
« international » go together everywhere in these documents)."""

from __future__ import annotations

import re

from actions.evidence import denied_at
from knowledge.textnorm import fold

# (the question's word, its opposites in the answer), as the starts of folded words.
_PAIRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("long", ("court",)),
    ("court", ("long",)),
    ("annuel", ("pluriannuel",)),
    ("public", ("prive",)),  # not « publics », the audiences (below)
    ("publique", ("prive",)),
    ("prive", ("public", "publique")),
    ("confortable", ("difficile",)),
    ("facile", ("difficile",)),
    ("difficile", ("facile",)),
    ("decu", ("fier",)),
    ("fier", ("decu",)),
    ("oblig", ("volontair", "volontariat", "facultati")),
    ("impos", ("volontair", "volontariat", "facultati")),
    ("facultati", ("obligatoire",)),
    ("payant", ("gratuit",)),
    ("gratuit", ("payant",)),
    ("interne", ("externe",)),
    ("externe", ("interne",)),
    ("separ", ("rapproch",)),
    ("eloign", ("rapproch",)),
    ("concentr", ("decentralis",)),
    ("centralis", ("decentralis",)),
    ("diminu", ("augment", "hausse")),
    ("baiss", ("augment", "hausse")),
    ("augment", ("diminu", "baisse")),
)
# Words the pairs' starts must not take for theirs (« courtoisie », « longtemps », « imposant »).
_NOT_THESE = frozenset("longtemps longueur courant courante courants courantes courrier courriel courtoisie "
                       "publication publications publier publie publiee publiees imposant importance".split())
_WORD = re.compile(r"[a-z]+")


def _starting(words: list[str], start: str) -> list[int]:
    """Where words begin with `start`, but not « tout au long » (a span, not a length), nor
    « les publics » (audiences) for « public »."""
    return [i for i, w in enumerate(words) if w.startswith(start) and w not in _NOT_THESE
            and not (w == "long" and i and words[i - 1] == "au") and w != "publics"
            and not (start == "prive" and w.startswith("privil"))]


def opposite_said(question: str, answer: str) -> list[str]:
    """The question's words whose opposite the answer says, plainly, without ever saying the
    word itself (« long » against « à court terme »)."""
    asked, said = _WORD.findall(fold(question)), _WORD.findall(fold(answer))
    found = []
    for word, opposites in _PAIRS:
        if not _starting(asked, word) or _starting(said, word):
            continue
        spots = [i for o in opposites for i in _starting(said, o)]
        if any(not denied_at(said, i) for i in spots):
            found.append(word)
    return found
