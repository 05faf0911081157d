"""Orders candidate facts by how well they match the user's words (full-text search)."""

from __future__ import annotations

from knowledge import KnowledgeBase
from knowledge.models import Fact
from knowledge.textnorm import fold

# Enough passages to cover every fact of one topic of one body.
SEARCH_DEPTH = 50
# Words this short (« de », « la », « PST ») say little about what a title is about.
SHORT_WORD = 3


def _words(text: str) -> set[str]:
    return {w for w in fold(text).split() if len(w) > SHORT_WORD}


def summary_strength(facts: list[Fact]) -> dict[str, int]:
    """For each fact, how many of the others it mentions: a summary names the parts it sums up.

    A part is mentioned when the fact's text uses a word that is specific to that part's
    title (words shared by most titles, such as the body's name, do not count).
    """
    titles = {f.id: _words(f.title) for f in facts}
    counts: dict[str, int] = {}
    for words in titles.values():
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    common = {w for w, n in counts.items() if n > len(facts) / 2}
    strength = {}
    for f in facts:
        text = _words(f.text)
        strength[f.id] = sum(1 for g in facts if g.id != f.id and (titles[g.id] - common) & text)
    return strength


def rank_facts(kb: KnowledgeBase, facts: list[Fact], query: str, body_id: str | None = None,
               prefer_summary: bool = False) -> list[tuple[Fact, float]]:
    """`facts` with the share of the question's words each covers, best first.

    Coverage decides; on a tie, with `prefer_summary` (facts of one topic), the fact that
    sums up the others comes first, since a vague question deserves the summary; then the
    search engine's own order, then the content's.
    """
    if not facts:
        return []
    hits = [p for p in kb.search(query, limit=SEARCH_DEPTH, body_id=body_id) if p.entry_type == "fact"] \
        if query.strip() else []
    coverage = {p.entry_id: p.score for p in hits}
    position = {p.entry_id: i for i, p in enumerate(hits)}
    order = {f.id: i for i, f in enumerate(facts)}
    strength = summary_strength(facts) if prefer_summary else {f.id: 0 for f in facts}
    ranked = sorted(facts, key=lambda f: (-coverage.get(f.id, 0.0), -strength[f.id],
                                          position.get(f.id, SEARCH_DEPTH), order[f.id]))
    return [(f, coverage.get(f.id, 0.0)) for f in ranked]
