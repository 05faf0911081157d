"""Ranking of full-text search candidates, the same on SQLite and PostgreSQL.

The database finds the candidate passages (FTS5 or a GIN-indexed tsvector); this module
orders them, so both engines give the same answers. A passage scores by how much of the
question it covers, each question word weighted by its rarity (IDF: "province" appears
everywhere and says little, "Wilway" says everything), with a bonus when the words are in
its title or in the names people use for it. Question words absent from the index are
matched to close index terms (typos: "cooperration", "jumellage"). A long name of an entity
in the question also matches its one-word names ("programme stratégique transversal" finds
passages that say "PST").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from knowledge.geography import country_of_demonym
from knowledge.textnorm import CLIPPED, CLIPPED_REST, clips

TITLE_BONUS = 0.35  # words found in the title or names: worth a third of full coverage
FOCUS_BONUS = 0.2  # a title mostly made of the question's words: the passage is about it
BODY_BONUS = 0.15  # the body the conversation is about wins between comparable passages
# What the user says before asking (« Je suis infirmière et je travaille sur… ») weighs this
# share of a word of the question itself: it may name the subject, but the answer need not hold it.
SCENE_WEIGHT = 0.3
LENGTH_PRIOR = 0.02  # among equals, a focused passage beats a long one
MIN_FUZZY_LEN = 5
CLIPPED_QUALITY = 0.7  # as sure as a word beginning another (typo matching)
DEMONYM_QUALITY = 0.85  # « chinoise » for « Chine »: as sure as a one-letter typo
# What a nationality adjective must qualify to name a partner's country (« la province chinoise »).
_LOCALITIES = r"(?:province|ville|region|partenaire|collectivite|comte|commune|gouvernorat|cite|municipalite|jumelle)"
HOME_COUNTRIES = frozenset({"france", "belgique"})
# « les musées provinciaux » are the Province's museums: a passage naming the Province says
# it, though it never writes the adjective (lemmas of the adjectives, and the noun they name).
_OF_A_BODY = {"provincial": "province", "regional": "region", "departemental": "departement", "communal": "commune",
              "municipal": "commune"}
# ...less surely than the adjective itself, which a passage may write (« cours d'eau communaux »).
BODY_ADJECTIVE_QUALITY = 0.5
# « qui est formé ? » is answered by « la formation des élus », « comment financer ? » by « le
# financement » (and back): a verb of the first group no passage conjugates and its nouns of
# action, as sure as a word of the same meaning (`word_meaning.QUALITY`).
_ACTION_NOUN_ENDINGS = ("ation", "ement", "age")
DERIVED_QUALITY = 0.5


@dataclass
class QueryGroup:
    """One content word of the question: its index terms with a match quality, and its weight."""

    terms: dict[str, float]
    weight: float


@dataclass
class TermStats:
    """Document frequencies of the index, loaded once per built base."""

    n_docs: int
    df: dict[str, int]
    avg_len: float = 1.0
    # folded name of three words or more -> the one-word names of the same entity
    short_names: dict[str, list[str]] = field(default_factory=dict)
    # index terms close in meaning to a word the index lacks, given its forms (`word_meaning`)
    neighbours: Callable[[list[str]], dict[str, float]] | None = field(default=None, repr=False)
    _trigrams: dict[str, set[str]] | None = field(default=None, repr=False)
    _by_start: dict[str, list[str]] | None = field(default=None, repr=False)

    @classmethod
    def from_rows(cls, df_rows: list[tuple[str, int]], lengths: list[int],
                  aliases: list[tuple[str, str, str]]) -> TermStats:
        """Statistics from the base's term frequencies, passage lengths and aliases."""
        df = dict(df_rows)
        names: dict[tuple[str, str], set[str]] = {}
        owners: dict[str, set[tuple[str, str]]] = {}
        for etype, eid, folded in aliases:
            names.setdefault((etype, eid), set()).add(folded)
            owners.setdefault(folded, set()).add((etype, eid))
        short: dict[str, list[str]] = {}
        for folded_names in names.values():
            singles = sorted(n for n in folded_names if " " not in n and n in df)
            for n in folded_names:
                if singles and n.count(" ") >= 2 and len(owners[n]) == 1:
                    short[n] = singles
        return cls(len(lengths), df, sum(lengths) / len(lengths) if lengths else 1.0, short)

    def idf(self, term: str) -> float:
        """BM25's IDF, positive even for a term found in every passage."""
        df = self.df.get(term, 0)
        return math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))

    def similar(self, word: str) -> dict[str, float]:
        """Index terms close to a word the index lacks, with a match quality below 1."""
        if len(word) < MIN_FUZZY_LEN:
            return {}
        if self._trigrams is None:
            self._trigrams = {}
            for term in self.df:
                for g in _trigrams(term):
                    self._trigrams.setdefault(g, set()).add(term)
        shared: dict[str, int] = {}
        grams = _trigrams(word)
        for g in grams:
            for term in self._trigrams.get(g, ()):
                shared[term] = shared.get(term, 0) + 1
        best = sorted((n, t) for t, n in shared.items() if n * 3 >= len(grams))[-30:]
        out: dict[str, float] = {}
        limit = 1 if len(word) < 8 else 2
        for _, term in best:
            if len(term) >= MIN_FUZZY_LEN and (term.startswith(word) or word.startswith(term)):
                out[term] = 0.7
            elif abs(len(term) - len(word)) <= limit:
                d = edit_distance(word, term, limit)
                if d <= limit:
                    out[term] = 0.85 if d == 1 else 0.6
        return out

    def lengthened(self, word: str) -> dict[str, float]:
        """The index terms a clipped word stands for (« asso » → « associations »), which
        typo matching misses: too many letters are missing."""
        if not CLIPPED[0] <= len(word) <= CLIPPED[1]:
            return {}
        if self._by_start is None:
            self._by_start = {}
            for term in self.df:
                if len(term) >= CLIPPED[0] + CLIPPED_REST:
                    self._by_start.setdefault(term[:CLIPPED[0]], []).append(term)
        return {t: CLIPPED_QUALITY for t in self._by_start.get(word[:CLIPPED[0]], ()) if clips(word, t)}


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (transpositions count 1), cut off above `limit`."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def derived(word: str) -> list[str]:
    """The nouns of action of a verb lemma of the first group (« former » → « formation »,
    « financer » → « financement », « jumeler » → « jumelage »), or the verb of such a noun."""
    if len(word) < MIN_FUZZY_LEN:
        return []
    if word.endswith("er"):
        return [word[:-2] + ending for ending in _ACTION_NOUN_ENDINGS]
    return [word[:-len(ending)] + "er" for ending in _ACTION_NOUN_ENDINGS
            if word.endswith(ending) and len(word) - len(ending) >= 3]


def query_groups(groups: list[list[str]], stats: TermStats, folded_query: str = "") -> list[QueryGroup]:
    """The question's content words as index terms, typos matched to close terms.

    Args:
        groups: the question's content words (`textnorm.search_groups`).
        stats: the index statistics.
        folded_query: the question folded (`textnorm.fold`), to find long names in it.
    """
    padded = f" {folded_query} "
    expansions: dict[str, list[str]] = {}
    for name, singles in stats.short_names.items():
        if f" {name} " in padded:
            for word in name.split():
                expansions.setdefault(word, []).extend(singles)
    out: list[QueryGroup] = []
    for group in groups:
        terms = {t: 1.0 for t in group if t in stats.df}
        if not terms:
            for word in group:
                for t, q in stats.similar(word).items():
                    terms[t] = max(q, terms.get(t, 0.0))
        if not terms and stats.neighbours:
            # no typo either: a word of the same meaning (« profs » for « enseignants »)
            terms = stats.neighbours(group)
        if not terms:
            # ...or the words a clipped one stands for (« asso », « coop »)
            terms = {t: q for word in group for t, q in stats.lengthened(word).items()}
        known = [stats.idf(t) for t in terms] or [stats.idf("")]  # unknown word: rarest weight
        for word in group:
            terms.update({t: 1.0 for t in expansions.get(word, ())})
            if (noun := _OF_A_BODY.get(word)) in stats.df:
                terms[noun] = max(terms.get(noun, 0.0), BODY_ADJECTIVE_QUALITY)
            for kin in derived(word) if word not in stats.df else ():
                if kin in stats.df:
                    terms[kin] = max(terms.get(kin, 0.0), DERIVED_QUALITY)
            # « une province chinoise » is the one « (Chine) » (not « une commune française »,
            # where every passage is French, nor « le Cap-Haïtien »)
            country = country_of_demonym(word)
            if (country in stats.df and country not in HOME_COUNTRIES
                    and re.search(rf"\b{_LOCALITIES}s? {re.escape(word)}\b", padded)):
                terms[country] = max(terms.get(country, 0.0), DEMONYM_QUALITY)
        out.append(QueryGroup(terms, max(known)))
    return out


def score(groups: list[QueryGroup], terms: set[str], title_terms: set[str], name_terms: set[str],
          stats: TermStats) -> tuple[float, float]:
    """(ranking score, coverage) of a passage.

    Coverage is the IDF-weighted share of the question's words the passage contains, from
    0 to 1. The title and the names add a bonus for the words they contain, and another
    for the share of the title that the question covers ("jumelage" is about jumelages,
    "Suresnes à la Commission nationale de la coopération décentralisée" only partly).
    """
    total = sum(g.weight for g in groups) or 1.0
    covered = in_title = 0.0
    matched_title: set[str] = set()
    named = title_terms | name_terms
    for g in groups:
        covered += g.weight * max((q for t, q in g.terms.items() if t in terms), default=0.0)
        in_title += g.weight * max((q for t, q in g.terms.items() if t in named), default=0.0)
        matched_title.update(t for t in g.terms if t in title_terms)
    coverage = covered / total
    focus = len(matched_title) / len(title_terms) if title_terms else 0.0
    length = LENGTH_PRIOR * math.log1p(len(terms) / (stats.avg_len or 1.0))
    return coverage + TITLE_BONUS * in_title / total + FOCUS_BONUS * focus - length, coverage
