"""Whether a closed question joins what the answer says of two different things.

« La délégation chinoise a-t-elle visité la Maison de la petite enfance ? » against « une
délégation polynésienne a visité la Maison de la petite enfance ; une délégation chinoise a
visité la médiathèque »: every word of the claim is in the answer, but the answer says
« Maison de la petite enfance » of the other « délégation » (the polynesian one), in a parallel
statement, and never of the chinese one. The words being there does not confirm the claim.
The same holds of two bracketed things of one sentence (`said_of_bracketed_other`) and of the
items of a numbered list (`said_of_other_rank`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from actions.contradiction import ranks_in
from actions.evidence import Evidence, claims_to_confirm
from knowledge.textnorm import fold

# What separates two statements in an answer (a list's items end at « ; » too).
_CLAUSE_END = re.compile(r"[.;!?\n]+\s*")
# Claims rarer than this (IDF weight) name what a statement is about or what it says of it.
SPECIFIC = 3.0
# The shortest word read as the qualifier of a noun (« chinoise », not « de »).
QUALIFIER_LETTERS = 4


def specific_claims(question: str, weight: Callable[[tuple[str, ...]], float]) -> list[tuple[str, ...]]:
    """The question's claims rare enough to tell one statement from another, numbers aside
    (they have their own checks)."""
    return [g for g in claims_to_confirm(question) if weight(g) >= SPECIFIC and g[0].isalpha()]


def said_apart(question: str, answer: str, weight: Callable[[tuple[str, ...]], float]) -> bool:
    """Whether the question qualifies a noun (« délégation chinoise ») that the answer qualifies
    so in one statement and otherwise (« délégation polynésienne ») in another, and a specific
    claim of the question is said only in that other statement."""
    claims = specific_claims(question, weight)
    asked = fold(question).split()
    clauses = [fold(c).split() for c in _CLAUSE_END.split(answer) if c.strip()]
    said = [Evidence.of(" ".join(c), strict=True) for c in clauses]
    for head, qualifier in zip(asked, asked[1:], strict=False):
        head_claim = next((g for g in claims if head in g), None)
        qualifier_claim = next((g for g in claims if qualifier in g), None)
        if not head_claim or not qualifier_claim or head_claim == qualifier_claim:
            continue
        mine = [i for i, words in enumerate(clauses) if _follows(words, head, qualifier)]
        others = [i for i, words in enumerate(clauses) if i not in mine and _qualified_otherwise(words, head, asked)]
        if not mine or not others:
            continue
        # the rest of the claim is said of the other one, more than of the one asked about
        rest = [g for g in claims if g not in (head_claim, qualifier_claim)]
        best_mine = max(sum(said[i].has(g) for g in rest) for i in mine)
        if any(sum(said[i].has(g) for g in rest) > best_mine for i in others):
            return True
    return False


def _follows(words: list[str], head: str, qualifier: str) -> bool:
    return any(w == head and nxt == qualifier for w, nxt in zip(words, words[1:], strict=False))


def _qualified_otherwise(words: list[str], head: str, asked: list[str]) -> bool:
    """Whether `head` is followed by a word the question does not say (« opérateurs publics »
    does not rival « opérateurs namurois, publics et privés »)."""
    return any(w == head and nxt not in asked and len(nxt) >= QUALIFIER_LETTERS and nxt.isalpha()
               for w, nxt in zip(words, words[1:], strict=False))



# A thing and what brackets say of it: « le Collège provincial (objectifs politiques) »,
# « un outil de sensibilisation au dépistage VIH (SASER) ». The thing starts after the last
# separator before the bracket.
_BRACKETED = re.compile(r"([^,;:.()\[\]]+?)\s*[(\[]([^()\[\]]+)[)\]]")
_PHRASE_START = re.compile(r".*(?:\bet\b|\bou\b)\s*", re.IGNORECASE)
# Brackets that give examples are no label of the thing before them.
_EXAMPLES = re.compile(r"(?:par exemple|notamment|dont|comme|ex|soit)\b")
# A label is short (« objectifs politiques », « SASER », « égalité des genres »).
LABEL_WORDS = 5


def labels(bracket: str) -> bool:
    """Whether brackets label the thing before them, rather than list examples or items of a
    title (« actions phares (Arts du Cirque, filière sécurité, …) ») or describe it at length."""
    return "," not in bracket and len(bracket.split()) <= LABEL_WORDS and not _EXAMPLES.match(fold(bracket))


# Two claims of the question this close, with « et » or « ou » between, are named together.
COORDINATED_GAP = 6


def coordinated(question: str, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    words = fold(question).split()
    at_a = [i for i, w in enumerate(words) if w in a]
    at_b = [i for i, w in enumerate(words) if w in b]
    return any(abs(i - j) == 1 or (abs(i - j) <= COORDINATED_GAP
                                   and {"et", "ou"} & set(words[min(i, j):max(i, j)]))
               for i in at_a for j in at_b)


def said_of_bracketed_other(question: str, answer: str, weight: Callable[[tuple[str, ...]], float]) -> bool:
    """Whether the question joins two things the answer keeps in two bracketed pairs of one
    sentence: « c'est l'Administration qui fixe les objectifs politiques ? » against « le Collège
    provincial (objectifs politiques) et l'Administration (objectifs opérationnels) », « le
    Ruban blanc est-il une action de dépistage du VIH ? » against « le Ruban blanc (égalité des
    genres), … un outil de sensibilisation au dépistage VIH (SASER) »."""
    claims = specific_claims(question, weight)
    if len(claims) < 2:
        return False
    for sentence in re.split(r"(?<=[.!?])\s+|\n", answer):
        pairs = [Evidence.of(f"{_PHRASE_START.sub('', m.group(1))} {m.group(2)}", strict=True)
                 for m in _BRACKETED.finditer(sentence) if labels(m.group(2))]
        if len(pairs) < 2:
            continue
        whole = Evidence.of(sentence, strict=True)
        for i, a in enumerate(claims):
            for b in claims[i + 1:]:
                if coordinated(question, a, b):
                    continue  # « le Delta et les musées », « un partenaire au Royaume-Uni et un en Italie »
                with_a = {k for k, p in enumerate(pairs) if p.has(a)}
                with_b = {k for k, p in enumerate(pairs) if p.has(b)}
                if with_a and with_b and not with_a & with_b and whole.has(a) and whole.has(b):
                    return True
    return False


# « 1) des enfants et des adolescents, 2) des citoyens et 3) des aînés ; 4) promouvoir… »: the
# numbered items of an answer, each up to the next number or the end of its statement.
_NUMBERED = re.compile(r"(?<![\w.])(\d{1,2})\)\s*(.+?)(?=\s*(?:[;.\n]|(?<![\w.])\d{1,2}\)|$))")


def said_of_other_rank(question: str, answer: str, weight: Callable[[tuple[str, ...]], float]) -> bool:
    """Whether the question gives a rank (« le premier objectif stratégique du Vivre mieux vise
    les aînés ? ») to what the answer's numbered list says at another rank (« 1) des enfants
    et des adolescents, 2) des citoyens et 3) des aînés »)."""
    ranks = {r for r in ranks_in(question) if isinstance(r, int) and r >= 0}
    if len(ranks) != 1:
        return False
    items = {int(n) - 1: Evidence.of(text, strict=True) for n, text in _NUMBERED.findall(answer)}
    (rank,) = ranks
    if rank not in items or len(items) < 2:
        return False
    lead = Evidence.of(answer[:_NUMBERED.search(answer).start()], strict=True)
    # what the item at that rank must say: the specific claims the lead does not say already
    held = [g for g in specific_claims(question, weight) if not ranks_in(" ".join(g)) and not lead.has(g)]
    if not held:
        return False
    mine = sum(items[rank].has(g) for g in held)
    return mine < len(held) and any(sum(item.has(g) for g in held) > mine for k, item in items.items() if k != rank)
