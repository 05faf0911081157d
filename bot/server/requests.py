"""What a client sends, checked before Rasa sees it, the same way on every channel.

One parser and one Unicode policy (bot/server/safe_text.py): free text is cleaned (control
characters become spaces, lone surrogates and bidirectional controls are dropped) and
bounded; identifiers and choices are refused when they hold such characters. Every refusal
is an `ApiError` with its status and code (messages.yml).
"""

from __future__ import annotations

import json
import re
from typing import Any

from bot.server.errors import ApiError
from bot.server.safe_text import cleaned, has_bad_characters, too_deep, without_bidi_controls

MAX_ENTITY_CHARS = 200
# Rasa's shortcut syntax: /intent, /intent@0.9, /intent{"entity": "value"}.
_SHORTCUT = re.compile(r"/(?P<intent>[^{@\s]+)(?:@[0-9.]+)?(?P<entities>\{.*\})?", re.DOTALL)


def parse_json_object(body: bytes, max_bytes: int, content_type: str | None = None,
                      require_json_type: bool = False) -> dict[str, Any]:
    """The JSON object in `body`.

    Raises:
        ApiError: 415 if `require_json_type` and not declared as JSON (a browser's form post),
            413 if larger than `max_bytes`, 400 if empty, not UTF-8, not JSON, too deep or
            not an object.
    """
    if require_json_type and (content_type or "").split(";", 1)[0].strip().lower() != "application/json":
        raise ApiError(415, "unsupported_media_type")
    if len(body) > max_bytes:
        raise ApiError(413, "body_too_large")
    if not body.strip():
        raise ApiError(400, "empty_body")
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "not_utf8") from None
    if too_deep(decoded):
        raise ApiError(400, "invalid_json")
    try:
        data = json.loads(decoded)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        raise ApiError(400, "invalid_json") from None
    if not isinstance(data, dict):
        raise ApiError(400, "not_object")
    return data


def identifier(data: dict[str, Any], field: str, max_chars: int = 500) -> str:
    """An identifier or a choice: a text of 1 to `max_chars` characters, as sent, nothing a person never types."""
    value = data.get(field)
    if not isinstance(value, str) or not 0 < len(value) <= max_chars or value != value.strip() \
            or has_bad_characters(value):
        raise ApiError(400, "invalid_field", field=field)
    return without_bidi_controls(value)


def user_text(data: dict[str, Any], field: str, max_chars: int, commands: bool = False) -> str:
    """The user's typed text in `field`: cleaned, trimmed, between 1 and `max_chars` characters.

    A leading « / » is Rasa's command syntax. Where a channel offers commands (`commands`,
    the local REST API of staff tools) their shape is checked; elsewhere it is removed, so
    typed text never triggers an intent (buttons go through a checked path).
    """
    value = data.get(field)
    if not isinstance(value, str):
        raise ApiError(400, "invalid_field", field=field)
    if len(value) > max_chars * 4:  # cheap early refusal before scanning huge strings
        raise ApiError(413, "too_long", max=max_chars)
    text = cleaned(value).strip()
    if not commands:
        text = text.lstrip("/").strip()
    if not text:
        raise ApiError(400, "empty_message")
    if len(text) > max_chars:
        raise ApiError(413, "too_long", max=max_chars)
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
            raise ApiError(400, "bad_shortcut")
        return
    raw = match.group("entities")
    if raw is None:
        return
    try:
        entities = json.loads(raw)
    except (ValueError, RecursionError):
        raise ApiError(400, "bad_shortcut") from None
    if not isinstance(entities, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_ENTITY_CHARS for k, v in entities.items()):
        raise ApiError(400, "bad_shortcut")
