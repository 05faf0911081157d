"""`Event.resolve_by_type`, remembering the class found for each type name.

Rasa walks every Event subclass (with `inspect.isabstract` on each) for every event it
deserialises, i.e. for every stored event of a conversation at every turn (~3 % of busy
time). Unknown names still go through Rasa's own lookup (and its error).
"""

from __future__ import annotations

from rasa.shared.core.events import Event

from bot.rasa_patches.patch import Patch

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

PATCH = Patch(Event, "resolve_by_type", _rasa_resolve_by_type, staticmethod(_resolve_by_type), ("type_name", "default"))
