"""The server's log: one line per record, personal data masked, nothing a user can forge.

Rasa and Sanic log through the standard `logging` module, sometimes with user text in the
message (at DEBUG) or in an exception. The filter installed on the root handler renders each
record once, masks personal data (bot/server/privacy.py) and escapes newlines and control characters,
tracebacks included, so a message holding « \\n2026-01-01 INFO … » stays on its own line.

Rasa 3.6 also logs through structlog, which by default prints every level straight to the
console, with the user's text, slots and bot messages in its fields. Here structlog goes
through the same `logging` handler and level, and the fields Rasa itself lists as holding
conversation content are dropped unless the level is DEBUG (never allowed in production).
"""

from __future__ import annotations

import logging
import sys
import traceback
from typing import Any

import structlog

from bot.server.privacy import mask_personal_data
from bot.server.safe_text import printable_for_log

FORMAT = "%(asctime)s %(levelname)s %(name)s - %(message)s"
MAX_LINE = 4000


class SafeRecords(logging.Filter):
    """Rewrites each record into one masked, escaped line (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 (a bad format string must not lose the record)
            message = f"{record.msg!r} {record.args!r}"
        if record.exc_info and record.exc_info[0] is not None:
            message += " | " + "".join(traceback.format_exception(*record.exc_info))
        record.msg = printable_for_log(mask_personal_data(message), MAX_LINE)
        record.args = ()
        record.exc_info = record.exc_text = record.stack_info = None
        return True


# The structlog fields in which Rasa 3.6 puts conversation content (rasa/utils/log_utils.py).
CONTENT_FIELDS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text", "parse_data_entities",
    "prediction_events", "tracker_latest_message", "prefilled_slots", "message", "response",
    "slot_candidates", "rasa_event", "rasa_events", "tracker_states", "current_states", "old_states",
    "successes", "current_entity", "next_entity", "states", "entity", "token_text", "user_message",
    "json_message",
})


def _without_content(_logger: Any, _name: str, event: dict[str, Any]) -> dict[str, Any]:
    for key in CONTENT_FIELDS & event.keys():
        event[key] = "[contenu retiré]"
    return event


def _without_known_noise(_logger: Any, _name: str, event: dict[str, Any]) -> dict[str, Any]:
    # Rasa tries to fill `{"body": "namur"}` in a button payload as a slot placeholder, fails,
    # logs an ERROR and keeps the payload as it was: not an error, but staff would read it as one.
    if event.get("event") == "interpolator.interpolate.text" and str(event.get("placeholder_key", "")).startswith('"'):
        raise structlog.DropEvent
    return event


def _route_structlog(level: int) -> None:
    processors: list[Any] = [structlog.stdlib.filter_by_level, _without_known_noise]
    if level > logging.DEBUG:
        processors.append(_without_content)
    processors.append(structlog.processors.KeyValueRenderer(key_order=["event"]))
    structlog.configure(processors=processors, logger_factory=structlog.stdlib.LoggerFactory(),
                        wrapper_class=structlog.stdlib.BoundLogger, cache_logger_on_first_use=True)


def install(level: str | int = "INFO") -> None:
    """Log to stderr through `SafeRecords` at `level` (Rasa's, Sanic's and structlog's records)."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    for handler in root.handlers:
        if not any(isinstance(f, SafeRecords) for f in handler.filters):
            handler.addFilter(SafeRecords())
    root.setLevel(level)
    _route_structlog(root.level)
