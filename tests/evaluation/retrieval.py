"""`python -m tests.evaluation.retrieval`: how often the knowledge base's search puts an entry that
holds the expected answer first, and among its first ten, for the single-turn in-scope
questions of each blind set. It separates the two causes of a wrong answer: the right
entry not found at all, or found but not chosen.

An entry holds the answer when its title and text contain every `contains` string of the
question's expectation and one of its `any_of` strings (compared folded, like the checks
of `make eval`). Reads the built knowledge base (`make knowledge`); no server needed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.scenarios.format import fold, load_paths
from bot.scenarios.play import pct
from tests.evaluation.evaluate import BLIND_SETS

DEPTH = 10


def holds(passage, expect) -> bool:
    text = fold(f"{passage.title} {passage.text}")
    return (all(fold(c) in text for c in expect.contains)
            and (not expect.any_of or any(fold(a) in text for a in expect.any_of)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.evaluation.retrieval", description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", help="dossiers de jeux aveugles (défaut : tous)")
    args = parser.parse_args(argv)
    from knowledge import KnowledgeBase  # noqa: PLC0415 (loads the language model)
    from knowledge.settings import database_url  # noqa: PLC0415

    kb = KnowledgeBase(database_url())
    folders = [Path(s) for s in args.sets] or [f for f in BLIND_SETS.values() if f.is_dir()]
    print(f"| Jeu | Questions | Bonne entrée en tête | Dans les {DEPTH} premières |")
    print("|---|---|---|---|")
    for folder in folders:
        turns = [s.turns[0] for s in load_paths([folder]) if s.category == "in_scope" and len(s.turns) == 1]
        top = within = 0
        for turn in turns:
            hits = kb.search(turn.user, limit=DEPTH)
            top += bool(hits) and holds(hits[0], turn.expect)
            within += any(holds(p, turn.expect) for p in hits)
        print(f"| {folder.name} | {len(turns)} | {top} ({pct(top, len(turns))}) | {within} ({pct(within, len(turns))}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
