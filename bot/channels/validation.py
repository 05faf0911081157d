"""The widget's own request fields, read with the server's one parser (bot/server/requests.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.server.errors import ApiError
from bot.server.requests import identifier, user_text

MESSAGE_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}:\d{1,4}$")
MAX_PAYLOAD_LENGTH = 500
RATINGS = {"up": "feedback_positive", "down": "feedback_negative"}


@dataclass(frozen=True)
class IncomingMessage:
    """What the user sent: typed text, or the payload of a button the bot offered."""

    text: str | None = None
    payload: str | None = None


def parse_message(data: dict[str, Any], max_length: int) -> IncomingMessage:
    """The message request: exactly one of `message` (typed text) or `payload` (a button's)."""
    has_text, has_payload = "message" in data, "payload" in data
    if has_text == has_payload:
        raise ApiError(400, "invalid_field", field="message")
    if has_text:
        return IncomingMessage(text=user_text(data, "message", max_length))
    return IncomingMessage(payload=identifier(data, "payload", MAX_PAYLOAD_LENGTH))


@dataclass(frozen=True)
class Feedback:
    message_id: str
    rating: str  # "up" or "down"

    @property
    def intent(self) -> str:
        return RATINGS[self.rating]


def parse_feedback(data: dict[str, Any]) -> Feedback:
    """The feedback request: which answer (`message_id`) and `rating` « up » or « down »."""
    message_id = identifier(data, "message_id")
    if not MESSAGE_ID_PATTERN.match(message_id):
        raise ApiError(400, "invalid_field", field="message_id")
    rating = data.get("rating")
    if not isinstance(rating, str) or rating not in RATINGS:
        raise ApiError(400, "invalid_field", field="rating")
    return Feedback(message_id, rating)
