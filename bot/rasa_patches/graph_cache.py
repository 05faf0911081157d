"""`DaskGraphRunner.run`, building the dask graph of each set of targets once.

Rasa prunes the graph schema to the targets' ancestors and rebuilds the dask graph at every
call (three times per turn; 3 % of busy time), though the schema never changes once loaded.
Each run still gets its own copy of the graph to receive its inputs.
"""

from __future__ import annotations

from typing import Any

import dask
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

from bot.rasa_patches.patch import Patch


def _run_graph(self: DaskGraphRunner, inputs: dict[str, Any] | None = None,
               targets: list[str] | None = None) -> dict[str, Any]:
    """Rasa's `DaskGraphRunner.run`, building the dask graph of each set of targets once."""
    run_targets = targets if targets else self._graph_schema.target_names
    graphs = self.__dict__.setdefault("_graphs_by_targets", {})
    key = tuple(run_targets)
    if key not in graphs:
        graphs[key] = self._build_dask_graph(self._graph_schema.minimal_graph_schema(run_targets))
    run_graph = dict(graphs[key])  # the inputs are added to this run's copy only
    self._add_inputs_to_graph(inputs, run_graph)
    try:
        return dict(dask.get(run_graph, run_targets))
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e


_rasa_run_graph = DaskGraphRunner.run

PATCH = Patch(DaskGraphRunner, "run", _rasa_run_graph, _run_graph, ("self", "inputs", "targets"))
