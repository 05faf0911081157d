"""Judges a call's deadline against a given day (injectable, so tests pin "today")."""

from __future__ import annotations

import datetime as dt
import os

from knowledge.models import Call, DeadlineStatus


def today() -> dt.date:
    """Today's date, or ASSISTANT_TODAY (AAAA-MM-JJ) when set, for tests and demos.

    Raises:
        ValueError: naming the variable, when ASSISTANT_TODAY is not a date.
    """
    forced = os.environ.get("ASSISTANT_TODAY")
    if not forced:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(forced)
    except ValueError:
        raise ValueError(f"ASSISTANT_TODAY invalide « {forced} » (format attendu AAAA-MM-JJ)") from None


def deadline_status(call: Call, on: dt.date) -> DeadlineStatus:
    """Open (with days left, the deadline day included) or closed since how many days."""
    started = call.opens is None or on >= call.opens
    if started and on <= call.deadline:
        return DeadlineStatus(call, on, True, (call.deadline - on).days, None)
    if not started:
        return DeadlineStatus(call, on, False, None, None)
    return DeadlineStatus(call, on, False, None, (on - call.deadline).days)
