"""Removes avoidable per-turn work from Rasa 3.6's server, without changing what it does.

Measured with py-spy on the Rasa process under saturated load (tests/perf, README's bench
section): these costs are Rasa's own, not the assistant's, and each one is work repeated at
every turn whose result never changes.

- `RemoteAction._validate_action_result` calls `jsonschema.validate`, which first checks the
  (constant) response schema against the JSON-Schema meta-schema: 23 % of the server's busy
  time, ~10 ms per turn with a custom action. The validator is now built once; every action
  server response is still validated against the same schema, with the same error. Valid
  events are checked against their own type's part of the schema only (exact, see
  `_validators_by_event`); anything else goes through the whole schema.
- `Event.resolve_by_type` walks every Event subclass (with `inspect.isabstract` on each) for
  every event it deserialises, i.e. for every stored event of a conversation at every turn
  (~3 % of busy time). The class found for a type name is remembered; unknown names still
  go through Rasa's own lookup (and its error).
- `SpacyNLP` loads fr_core_news_md without its parser but with its named-entity recogniser,
  half of spaCy's time per message (1.1 of 2.2 ms). No component of bot/config.yml reads
  spaCy's entities (there is no SpacyEntityExtractor; tests/unit/test_rasa_speedups.py
  checks it), and tokens, lemmas, tags and vectors are the same without it, so the server
  loads the model without NER. Training keeps Rasa's loader: the features are identical.
  Rasa also loads the same spaCy model twice (its graph has a "provide" and a "process"
  node for `SpacyNLP`); the server now loads it once (~2 s of start-up, ~150 MB).
- `RasaModel.load` (DIET and TED) builds each network by *training one step* on a dummy
  batch before loading the trained weights: tracing the training graph is 55 % of the
  server's start-up (14 of 26 s). For inference the server now restores the weights as
  the prediction graph creates its variables (TensorFlow's deferred restoration), then
  checks that every variable was restored; if anything is left over it falls back to
  Rasa's way. Intent rankings, entities and policy probabilities are the same to the last
  digit on the 1,400 training examples (checked when this was written; the unit test
  compares a sample).

- `DaskGraphRunner.run` prunes the graph schema to the targets' ancestors and rebuilds the
  dask graph at every call (three times per turn; 3 % of busy time), though the schema
  never changes once loaded. The pruned graph is now kept per set of targets; each run
  still gets its own copy to receive its inputs.
- bot/rules_first.py: the learned policies run only when no rule decides (see there).
- bot/action_payload.py: the action server gets the last two turns, not the whole history.

`install()` is idempotent; both channels call it when Rasa builds them, before it loads the
model (`bot.turn_guard.attach`, `bot.channels.widget`).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import dask
import tensorflow as tf
from jsonschema import ValidationError, exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.core.events import Event
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.models import RasaModel

from bot import action_payload, rules_first

log = logging.getLogger(__name__)

_installed = False


@lru_cache(maxsize=1)
def _action_response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # once, as `jsonschema.validate` does at every call
    return cls(schema)


@lru_cache(maxsize=1)
def _validators_by_event() -> tuple[Any, dict[str, Any]] | None:
    """The response schema split so that each event is checked against its own type only.

    Rasa's event schema is a `oneOf` over ~20 event types, each fixing `event` to one
    constant, so jsonschema tries every type on every event (0.3 ms per event). As
    `event` is required, an event is valid exactly when it passes the common part and the
    one branch with its constant. Returns None if the schema is not of that shape.
    """
    schema = RemoteAction.action_response_format_spec()
    items = schema["properties"]["events"].get("items", {})
    branches = items.get("oneOf", [])
    if "event" not in items.get("required", []):
        return None
    by_event: dict[str, Any] = {}
    common = {key: value for key, value in items.items() if key != "oneOf"}
    cls = validators.validator_for(schema)
    for branch in branches:
        constant = branch.get("properties", {}).get("event", {}).get("const")
        if not isinstance(constant, str) or constant in by_event:
            return None
        by_event[constant] = cls({"allOf": [common, branch]})
    events = dict(schema["properties"]["events"], items={})
    outer = cls(dict(schema, properties=dict(schema["properties"], events=events)))
    return outer, by_event


def _quickly_valid(result: Any) -> bool:
    """True only if `result` is valid; False means "ask the full validator"."""
    split = _validators_by_event()
    if split is None or not isinstance(result, dict):
        return False
    outer, by_event = split
    if not outer.is_valid(result):
        return False
    for event in result.get("events") or []:
        validator = by_event.get(event.get("event")) if isinstance(event, dict) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """Rasa's `RemoteAction._validate_action_result` with the validator built once."""
    if _quickly_valid(result):
        return True
    error = exceptions.best_match(_action_response_validator().iter_errors(result))
    if error is None:
        return True
    original = _rasa_validate_action_result
    try:  # same message as Rasa's: let Rasa's own method word the error
        original(self, result)
    except ValidationError:
        raise
    raise error  # pragma: no cover (Rasa accepted what the same schema rejects)


_rasa_validate_action_result = RemoteAction._validate_action_result


_rasa_resolve_by_type = Event.resolve_by_type
_event_classes: dict[str, type[Event]] = {}


def _resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """Rasa's `Event.resolve_by_type`, remembering the class found for each type name."""
    cls = _event_classes.get(type_name)
    if cls is None:
        cls = _rasa_resolve_by_type(type_name, default)
        if cls is not None and cls is not default:
            _event_classes[type_name] = cls
    return cls


_rasa_load_spacy = SpacyNLP.load_model
UNUSED_SPACY_PIPES = ("ner",)


_spacy_models: dict[str, SpacyModel] = {}


def _load_spacy_model(spacy_model_name: str) -> SpacyModel:
    """Rasa's `SpacyNLP.load_model` (checks included), once per model, without unread pipes."""
    if spacy_model_name not in _spacy_models:
        model = _rasa_load_spacy(spacy_model_name)
        for pipe in UNUSED_SPACY_PIPES:
            if pipe in model.model.pipe_names:
                model.model.disable_pipe(pipe)
        _spacy_models[spacy_model_name] = model
    return _spacy_models[spacy_model_name]


_rasa_load_tf_model = RasaModel.load.__func__  # type: ignore[attr-defined]


def _load_tf_model(cls: type[RasaModel], model_file_name: str, model_data_example: Any,
                   predict_data_example: Any = None, finetune_mode: bool = False, *args: Any,
                   **kwargs: Any) -> RasaModel:
    """Rasa's `RasaModel.load` for inference, without tracing a training step first."""
    if finetune_mode or predict_data_example is None:
        return _rasa_load_tf_model(cls, model_file_name, model_data_example, predict_data_example,
                                   finetune_mode, *args, **kwargs)

    config = kwargs.get("config", {})
    model = cls(*args, **kwargs)
    model.compile(optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)),
                  run_eagerly=config.get(RUN_EAGERLY))
    status = model.load_weights(model_file_name)
    status.expect_partial()  # the optimizer's and training-only values are not needed
    model.run_inference(predict_data_example)  # creates the variables, which get their values
    try:
        status.assert_existing_objects_matched()
    except AssertionError as exc:
        log.warning("%s: deferred weight loading incomplete (%s); loading as Rasa does", cls.__name__, exc)
        return _rasa_load_tf_model(cls, model_file_name, model_data_example, predict_data_example,
                                   finetune_mode, *args, **kwargs)
    return model


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


def install() -> None:
    """Apply the speed-ups to the Rasa classes of this process (idempotent)."""
    global _installed
    if _installed:
        return
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_by_type)  # type: ignore[method-assign]
    SpacyNLP.load_model = staticmethod(_load_spacy_model)  # type: ignore[method-assign]
    RasaModel.load = classmethod(_load_tf_model)  # type: ignore[method-assign]
    DaskGraphRunner.run = _run_graph  # type: ignore[method-assign]
    rules_first.install()
    action_payload.install()
    _installed = True
