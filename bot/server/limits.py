"""Limits and time budgets of the assistant's public HTTP side, from environment variables.

Read and validated once when the Rasa server starts (`load_limits`), so a bad value stops
the start with a message naming the variable instead of surfacing later under load.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Limits:
    """What one request may contain and how long one turn may take."""

    max_message_chars: int = 1000  # longer messages get a 413, before any NLU work
    max_body_bytes: int = 64 * 1024  # Sanic refuses larger bodies before reading them whole
    action_timeout: float = 3.0  # seconds for one call to the action server (Rasa's own: 300)
    turn_timeout: float = 20.0  # seconds before the user is told to retry; the turn still completes
    # Turns processed at once; the others wait their turn. Rasa's NLU runs on its event loop,
    # so more turns at once only slow each other down and make action calls time out.
    max_concurrent_turns: int = 4  # measured best of 2, 4, 8 and unbounded (README)


_VARIABLES = {
    "MAX_MESSAGE_CHARS": ("max_message_chars", int, 1, 100_000),
    "MAX_BODY_BYTES": ("max_body_bytes", int, 1024, 10_000_000),
    "ACTION_TIMEOUT_SECONDS": ("action_timeout", float, 0.1, 120.0),
    "TURN_TIMEOUT_SECONDS": ("turn_timeout", float, 1.0, 600.0),
    "MAX_CONCURRENT_TURNS": ("max_concurrent_turns", int, 1, 1000),
}


def env_number(env: Mapping[str, str], variable: str, default: Any, kind: type, low: float, high: float) -> Any:
    """The number in `variable` (`default` when unset).

    Raises:
        ValueError: naming the variable whose value is not a number between `low` and `high`.
    """
    raw = env.get(variable, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ValueError(f"{variable}={raw!r} : nombre attendu") from None
    if not low <= value <= high:
        raise ValueError(f"{variable}={raw!r} : valeur attendue entre {low} et {high}")
    return value


def load_limits(env: Mapping[str, str] = os.environ) -> Limits:
    """The limits set by the environment, defaults elsewhere.

    Raises:
        ValueError: naming the variable whose value is not a number in its range.
    """
    values = {}
    for variable, (field, kind, low, high) in _VARIABLES.items():
        value = env_number(env, variable, None, kind, low, high)
        if value is not None:
            values[field] = value
    limits = Limits(**values)
    if limits.action_timeout >= limits.turn_timeout:
        raise ValueError("ACTION_TIMEOUT_SECONDS doit être inférieur à TURN_TIMEOUT_SECONDS")
    return limits
