"""`RemoteAction._validate_action_result` with the validator built once.

Rasa calls `jsonschema.validate`, which first checks the (constant) response schema against
the JSON-Schema meta-schema: 23 % of the server's busy time, ~10 ms per turn with a custom
action (py-spy, saturated load). Every action server response is still validated against
the same schema, with the same error. Valid events are checked against their own type's
part of the schema only (exact, see `_validators_by_event`); anything else goes through the
whole schema.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import ValidationError, exceptions, validators
from rasa.core.actions.action import RemoteAction

from bot.rasa_patches.patch import Patch


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

PATCH = Patch(RemoteAction, "_validate_action_result", _rasa_validate_action_result, _validate_action_result,
              ("self", "result"))
