"""Which parts failed during the current turn, collected through a context variable.

Kept free of Rasa imports: the conversation store (bot/components/tracker_store.py)
reports its failures here without loading the turn runner and what it imports.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_failures: ContextVar[list[str] | None] = ContextVar("srei_turn_failures", default=None)


def record_failure(component: str) -> None:
    """Note that `component` failed during the current turn (no-op outside a turn)."""
    failures = _failures.get()
    if failures is not None:
        failures.append(component)


@contextmanager
def collecting_failures() -> Iterator[list[str]]:
    """Collect the failures recorded by code running in this context (and tasks created in it)."""
    failures: list[str] = []
    token = _failures.set(failures)
    try:
        yield failures
    finally:
        _failures.reset(token)
