"""Checks of what a client sends, before Rasa sees it: pure functions, one reason per error.

Shared by the HTTP channels: each turns a `BadRequest` into its status and French message.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from bot.server.messages import request_error
from bot.server.safe_text import too_deep, without_bidi_controls

MAX_SENDER_CHARS = 128
MAX_ENTITY_CHARS = 200
# Rasa's shortcut syntax: /intent, /intent@0.9, /intent{"entity": "value"}.
_SHORTCUT = re.compile(r"/(?P<intent>[^{@\s]+)(?:@[0-9.]+)?(?P<entities>\{.*\})?", re.DOTALL)


class BadRequest(ValueError):
    """A request refused with `status` and a French `message` for the client."""

    def __init__(self, status: int, reason: str, **values: Any):
        self.status = status
        self.reason = reason
        self.message = request_error(reason, **values)
        super().__init__(reason)


def parse_json_object(body: bytes, max_bytes: int) -> dict[str, Any]:
    """The JSON object in `body`; refuses empty, oversized, non-UTF-8 and non-object bodies."""
    if len(body) > max_bytes:
        raise BadRequest(413, "body_too_large", max=max_bytes)
    if not body.strip():
        raise BadRequest(400, "empty_body")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(400, "not_utf8") from None
    if too_deep(text):
        raise BadRequest(400, "not_json")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        raise BadRequest(400, "not_json") from None
    if not isinstance(data, dict):
        raise BadRequest(400, "not_object")
    return data


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs") and char not in "\n\t"


def clean_sender(value: Any) -> str:
    """A conversation id: text of 1-128 characters, no control character (NUL included)."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_SENDER_CHARS or value != value.strip() \
            or any(_is_control(c) for c in value):
        raise BadRequest(400, "bad_sender", max=MAX_SENDER_CHARS)
    return value


def clean_message(value: Any, max_chars: int) -> str:
    """The user's text: control characters dropped, surrounding spaces trimmed, length bounded."""
    if not isinstance(value, str):
        raise BadRequest(400, "message_not_text")
    if len(value) > max_chars * 4:  # cheap early refusal before scanning huge strings
        raise BadRequest(413, "message_too_long", max=max_chars)
    text = without_bidi_controls("".join(" " if _is_control(c) else c for c in value)).strip()
    if not text:
        raise BadRequest(400, "empty_message")
    if len(text) > max_chars:
        raise BadRequest(413, "message_too_long", max=max_chars)
    if text.startswith("/"):
        check_shortcut(text)
    return text


def check_shortcut(text: str) -> None:
    """Refuse a `/intent{...}` shortcut whose entities are not an object of short texts.

    Rasa parses these itself and would pass lists, numbers or objects on to the actions and
    slots, which expect names; a typed intent name alone is harmless (unknown ones fall back).
    """
    match = _SHORTCUT.fullmatch(text)
    if not match:
        if "{" in text:
            raise BadRequest(400, "bad_shortcut")
        return
    raw = match.group("entities")
    if raw is None:
        return
    try:
        entities = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadRequest(400, "bad_shortcut") from None
    if not isinstance(entities, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_ENTITY_CHARS for k, v in entities.items()):
        raise BadRequest(400, "bad_shortcut")
