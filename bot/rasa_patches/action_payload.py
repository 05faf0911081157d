"""Sends the action server the conversation's last two turns instead of its whole history.

Rasa posts every event of the conversation to the action server at each custom action,
serialised on the server's event loop (py-spy: 4 % of its busy time, growing with every
turn) and parsed again by the action server. Our actions read the slots and the latest
message, which Rasa sends apart from the events, and look back at most to the bot's
previous action (`actions.fallback.previous_bot_action`); rasa_sdk's forms look only at the
events after the latest action. The events before the previous user message are
therefore left out; everything else in the request is Rasa's own.
"""

from __future__ import annotations

from typing import Any

from rasa.core.actions.action import RemoteAction

from bot.rasa_patches.patch import Patch

# How many user messages (and what followed each) the action server receives.
TURNS_SENT = 2


def recent_events(events: list[dict[str, Any]], turns: int = TURNS_SENT) -> list[dict[str, Any]]:
    """The events from the `turns`-th latest user message on (all of them if fewer)."""
    seen = 0
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "user":
            seen += 1
            if seen == turns:
                return events[index:]
    return events


_rasa_action_call_format = RemoteAction._action_call_format


def _action_call_format(self: RemoteAction, tracker: Any, domain: Any) -> dict[str, Any]:
    """Rasa's request body for the action server, with the recent events only."""
    body = _rasa_action_call_format(self, tracker, domain)
    state = body["tracker"]
    if state.get("events"):
        state["events"] = recent_events(state["events"])
    return body


PATCH = Patch(RemoteAction, "_action_call_format", _rasa_action_call_format, _action_call_format,
              ("self", "tracker", "domain"))
