"""Gradient-boosted trees as plain lists (JSON), evaluated with numpy: no scikit-learn at run time.

`from_sklearn` writes a trained `GradientBoostingClassifier` in that form (training scripts
only); `Forest` reads it back and gives the same log-odds as scikit-learn.
"""

from __future__ import annotations

import numpy as np


def from_sklearn(model, names: list[str]) -> dict:
    """The trees of a fitted binary `GradientBoostingClassifier` on features `names`."""
    trees = []
    for (estimator,) in model.estimators_:
        t = estimator.tree_
        trees.append({"feature": t.feature.tolist(), "threshold": t.threshold.tolist(),
                      "left": t.children_left.tolist(), "right": t.children_right.tolist(),
                      "value": t.value[:, 0, 0].tolist()})
    out = {"features": names, "rate": model.learning_rate, "init": 0.0, "trees": trees}
    # The starting log-odds: the model's own, less what the trees add, on any row.
    out["init"] = float(model.decision_function([[0.0] * len(names)])[0]) - float(Forest(out).log_odds([{}])[0])
    return out


class Forest:
    """All trees walked at once: one step down every tree, for every row, per level."""

    def __init__(self, model: dict):
        self.names = list(model["features"])
        self.rate = float(model["rate"])
        self.init = float(model["init"])
        trees = model["trees"]
        width = max(len(tr["left"]) for tr in trees)
        shape = (len(trees), width)
        self.feature = np.zeros(shape, dtype=np.int64)
        self.threshold = np.full(shape, np.inf)
        self.left = np.zeros(shape, dtype=np.int64)
        self.right = np.zeros(shape, dtype=np.int64)
        self.value = np.zeros(shape)
        depth = 0
        for i, tr in enumerate(trees):
            n = len(tr["left"])
            leaf = np.array(tr["left"]) < 0
            nodes = np.arange(n)
            # a leaf points to itself: walking on past it changes nothing
            self.left[i, :n] = np.where(leaf, nodes, tr["left"])
            self.right[i, :n] = np.where(leaf, nodes, tr["right"])
            self.feature[i, :n] = np.where(leaf, 0, tr["feature"])
            self.threshold[i, :n] = np.where(leaf, np.inf, tr["threshold"])
            self.value[i, :n] = tr["value"]
            depth = max(depth, _depth(tr["left"], tr["right"]))
        self.depth = depth
        self._trees = np.arange(len(trees))

    def log_odds(self, rows: list[dict[str, float]]) -> np.ndarray:
        # single precision, as scikit-learn stores the features it cuts on
        x = np.array([[r.get(n, 0.0) for n in self.names] for r in rows], dtype=np.float32).astype(np.float64)
        node = np.zeros((len(rows), len(self._trees)), dtype=np.int64)
        at = np.arange(len(rows))[:, None]
        for _ in range(self.depth):
            value = x[at, self.feature[self._trees, node]]
            node = np.where(value <= self.threshold[self._trees, node],
                            self.left[self._trees, node], self.right[self._trees, node])
        return self.init + self.rate * self.value[self._trees, node].sum(axis=1)


def _depth(left: list[int], right: list[int]) -> int:
    deepest, stack = 0, [(0, 0)]
    while stack:
        node, d = stack.pop()
        if left[node] < 0:
            deepest = max(deepest, d)
        else:
            stack += [(left[node], d + 1), (right[node], d + 1)]
    return deepest
