"""Removes avoidable per-turn work from Rasa 3.6's server, without changing what it does.

Measured with py-spy on the Rasa process under saturated load (tests/perf, README's bench
section): these costs are Rasa's own, not the assistant's, and each one is work repeated at
every turn whose result never changes.

- `RemoteAction._validate_action_result` calls `jsonschema.validate`, which first checks the
  (constant) response schema against the JSON-Schema meta-schema: 23 % of the server's busy
  time, ~10 ms per turn with a custom action. The validator is now built once; every action
  server response is still validated against the same schema, with the same error.
- `Event.resolve_by_type` walks every Event subclass (with `inspect.isabstract` on each) for
  every event it deserialises, i.e. for every stored event of a conversation at every turn
  (~3 % of busy time). The class found for a type name is remembered; unknown names still
  go through Rasa's own lookup (and its error).
- `SpacyNLP` loads fr_core_news_md without its parser but with its named-entity recogniser,
  half of spaCy's time per message (1.1 of 2.2 ms). No component of bot/config.yml reads
  spaCy's entities (there is no SpacyEntityExtractor; tests/unit/test_rasa_speedups.py
  checks it), and tokens, lemmas, tags and vectors are the same without it, so the server
  loads the model without NER. Training keeps Rasa's loader: the features are identical.

`install()` is idempotent; the channels call it when the server starts (`bot.turn_guard`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import ValidationError, exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.core.events import Event

_installed = False


@lru_cache(maxsize=1)
def _action_response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # once, as `jsonschema.validate` does at every call
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """Rasa's `RemoteAction._validate_action_result` with the validator built once."""
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


def _load_spacy_model(spacy_model_name: str) -> SpacyModel:
    """Rasa's `SpacyNLP.load_model` (checks included), without the pipes nothing reads."""
    model = _rasa_load_spacy(spacy_model_name)
    for pipe in UNUSED_SPACY_PIPES:
        if pipe in model.model.pipe_names:
            model.model.disable_pipe(pipe)
    return model


def install() -> None:
    """Apply the speed-ups to the Rasa classes of this process (idempotent)."""
    global _installed
    if _installed:
        return
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_by_type)  # type: ignore[method-assign]
    SpacyNLP.load_model = staticmethod(_load_spacy_model)  # type: ignore[method-assign]
    _installed = True
