"""Learn the search's reordering (`knowledge/rerank.json`) from the blind sets.

    python -m tests.evaluation.train_rerank --validate w,x,y --exclude z,aa,ab

Every single-turn in-scope question of a blind set gives one example per passage of the
ranking's first ten: its features (`knowledge.rerank.features`) and whether it holds the
expected answer (every `contains` string and one `any_of`, as `tests.evaluation.retrieval`
counts). Questions whose answer no passage holds teach nothing and are left out. With
`--validate`, a first model learned without those sets reports, for each, how often the
passage put first holds the answer, before and after reordering; the model written is then
learned from every set but the excluded ones. Reads the built knowledge base (`make knowledge`)
with the reordering off: it learns from the ranking's own order.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from bot.scenarios.format import load_paths
from bot.scenarios.play import pct
from knowledge.rerank import DEPTH, RERANK_FILE
from knowledge.trees import Forest, from_sklearn
from tests.evaluation.retrieval import holds

BLIND = Path(__file__).resolve().parents[1] / "conversations" / "blind"
TREES = 300
TREE_DEPTH = 6  # deeper trees kept gaining on the held-out sets up to 6 (w, x, y: +3.8 → +5 points)


def examples(kb, folder: Path) -> list[tuple[list[dict[str, float]], list[bool]]]:
    """Per question of the set: the features of its first passages and which hold the answer."""
    out = []
    for scenario in load_paths([folder]):
        if scenario.category != "in_scope" or len(scenario.turns) != 1:
            continue
        turn = scenario.turns[0]
        passages, features = kb.rerank_features(turn.user)
        if passages:
            out.append((features, [holds(p, turn.expect) for p in passages]))
    return out


def fit(questions, trees: int, depth: int) -> dict:
    from sklearn.ensemble import GradientBoostingClassifier  # a training dependency only

    names = sorted(questions[0][0][0])
    rows = [(f, right) for features, labels in questions if any(labels) for f, right in zip(features, labels, strict=True)]
    model = GradientBoostingClassifier(n_estimators=trees, max_depth=depth, random_state=0)
    model.fit([[f[n] for n in names] for f, _ in rows], [right for _, right in rows])
    return from_sklearn(model, names)


def first_right(questions, forest: Forest | None) -> int:
    """How many questions get a passage holding the answer first (reordered by `forest`)."""
    right = 0
    for features, labels in questions:
        if forest is None:
            right += labels[0]
        else:
            p = forest.log_odds(features)
            right += labels[max(range(len(labels)), key=lambda i: (p[i], -i))]
    return right


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--validate", default="", help="sets held out to measure first (« w,x,y »)")
    parser.add_argument("--exclude", default="", help="sets never learned from: the fresh ones (« z,aa »)")
    parser.add_argument("--trees", type=int, default=TREES)
    parser.add_argument("--depth", type=int, default=TREE_DEPTH)
    parser.add_argument("--out", type=Path, default=RERANK_FILE)
    args = parser.parse_args(argv)
    os.environ["SEARCH_RERANK"] = "off"
    from knowledge.access import shared_kb  # noqa: PLC0415 (loads the language model)

    kb = shared_kb()
    excluded = {s for s in args.exclude.split(",") if s}
    held_out = [s for s in args.validate.split(",") if s]
    sets = {f.name: examples(kb, f) for f in sorted(BLIND.iterdir()) if f.is_dir() and f.name not in excluded}
    validation = {}
    if held_out:
        forest = Forest(fit([q for name, qs in sets.items() if name not in held_out for q in qs], args.trees, args.depth))
        print("| Jeu (tenu à l'écart) | Questions | Bon passage en tête, recherche | Après réordonnancement |")
        print("|---|---|---|---|")
        for name in held_out:
            before, after, n = first_right(sets[name], None), first_right(sets[name], forest), len(sets[name])
            validation[name] = {"questions": n, "before": before, "after": after}
            print(f"| {name} | {n} | {before} ({pct(before, n)}) | {after} ({pct(after, n)}) |")
    model = fit([q for qs in sets.values() for q in qs], args.trees, args.depth)
    model.update(trained_on=sorted(sets), depth=DEPTH, validation=validation)
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out} : {len(model['trees'])} arbres, appris sur {', '.join(sorted(sets))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
