"""Checks the widget's requests before anything reaches Rasa; every refusal is an ApiError."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bot.channels.texts import text
from bot.server.safe_text import has_bad_characters, too_deep, without_bidi_controls

MESSAGE_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}:\d{1,4}$")
MAX_PAYLOAD_LENGTH = 500
RATINGS = {"up": "feedback_positive", "down": "feedback_negative"}


class ApiError(Exception):
    """A refusal with its HTTP status and the French sentence `errors.<code>` of messages.yml."""

    def __init__(self, status: int, code: str, headers: dict[str, str] | None = None, **values: Any):
        super().__init__(code)
        self.status = status
        self.code = code
        self.headers = headers or {}
        self.values = values

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": text("errors", self.code, **self.values)}}


def parse_json_object(content_type: str | None, body: bytes, max_bytes: int) -> dict[str, Any]:
    """The request body as a JSON object.

    Raises:
        ApiError: 415 if not declared as JSON, 413 if larger than `max_bytes`,
            400 if not UTF-8 JSON or not an object.
    """
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise ApiError(415, "unsupported_media_type")
    if len(body) > max_bytes:
        raise ApiError(413, "body_too_large")
    try:
        decoded = body.decode("utf-8")
        if too_deep(decoded):
            raise ApiError(400, "invalid_json")
        data = json.loads(decoded)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ApiError(400, "invalid_json") from None
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json")
    return data


def _string(data: dict[str, Any], field: str) -> str:
    value = data.get(field)
    if not isinstance(value, str) or has_bad_characters(value):
        raise ApiError(400, "invalid_field", field=field)
    return without_bidi_controls(value)


@dataclass(frozen=True)
class IncomingMessage:
    """What the user sent: typed text, or the payload of a button the bot offered."""

    text: str | None = None
    payload: str | None = None


def user_text(raw: str, max_length: int) -> str:
    """Typed text as Rasa will receive it.

    A leading « / » is removed: Rasa reads « /intent » as a command, and typed text must
    never be able to trigger an intent (buttons and feedback go through checked paths).
    """
    if len(raw) > max_length:
        raise ApiError(413, "too_long", max=max_length)
    cleaned = raw.strip().lstrip("/").strip()
    if not cleaned:
        raise ApiError(400, "empty_message")
    return cleaned


def parse_message(data: dict[str, Any], max_length: int) -> IncomingMessage:
    """The message request: exactly one of `message` (text) or `payload` (a button's)."""
    has_text, has_payload = "message" in data, "payload" in data
    if has_text == has_payload:
        raise ApiError(400, "invalid_field", field="message")
    if has_text:
        return IncomingMessage(text=user_text(_string(data, "message"), max_length))
    payload = _string(data, "payload")
    if not payload.strip() or len(payload) > MAX_PAYLOAD_LENGTH:
        raise ApiError(400, "invalid_field", field="payload")
    return IncomingMessage(payload=payload)


@dataclass(frozen=True)
class Feedback:
    message_id: str
    rating: str  # "up" or "down"

    @property
    def intent(self) -> str:
        return RATINGS[self.rating]


def parse_feedback(data: dict[str, Any]) -> Feedback:
    """The feedback request: which answer (`message_id`) and `rating` « up » or « down »."""
    message_id = _string(data, "message_id")
    if not MESSAGE_ID_PATTERN.match(message_id):
        raise ApiError(400, "invalid_field", field="message_id")
    rating = data.get("rating")
    if not isinstance(rating, str) or rating not in RATINGS:
        raise ApiError(400, "invalid_field", field="rating")
    return Feedback(message_id, rating)
