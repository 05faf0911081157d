"""The server's log: one line per record, personal data masked, nothing a user can forge.

Rasa and Sanic log through the standard `logging` module, sometimes with user text in the
message (at DEBUG) or in an exception. The filter installed on the root handler renders each
record once, masks personal data (bot/privacy.py) and escapes newlines and control characters,
tracebacks included, so a message holding « \\n2026-01-01 INFO … » stays on its own line.
"""

from __future__ import annotations

import logging
import sys
import traceback

from bot.privacy import mask_personal_data
from bot.safe_text import printable_for_log

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


def install(level: str | int = "INFO") -> None:
    """Log to stderr through `SafeRecords` at `level` (Rasa's and Sanic's loggers included)."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    for handler in root.handlers:
        if not any(isinstance(f, SafeRecords) for f in handler.filters):
            handler.addFilter(SafeRecords())
    root.setLevel(level)
