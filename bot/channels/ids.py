"""Conversation ids issued by the server: 128 random bits plus an HMAC tag.

The token the browser keeps is `<random>.<tag>`. Only the server can compute the tag, so a
guessed or edited token is refused; the random part alone is the Rasa sender id (the
"conversation code" staff use for erasure), which grants nothing without its tag.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

SENDER_PREFIX = "w-"
_B64 = r"[A-Za-z0-9_-]{22}"  # 16 bytes in unpadded base64url
TOKEN_PATTERN = re.compile(rf"^({_B64})\.({_B64})$")


class MalformedId(ValueError):
    """The token does not even have the shape of a conversation id."""


class ForgedId(ValueError):
    """The token has the right shape but not a tag this server issued."""


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class ConversationIds:
    """Issues and checks conversation tokens with one secret key."""

    def __init__(self, secret: bytes):
        self._secret = secret

    def _tag(self, random_part: str) -> str:
        digest = hmac.new(self._secret, f"widget-conversation:{random_part}".encode(), hashlib.sha256).digest()
        return _b64(digest[:16])

    def issue(self) -> tuple[str, str]:
        """A new (token, sender_id) pair."""
        random_part = _b64(secrets.token_bytes(16))
        return f"{random_part}.{self._tag(random_part)}", SENDER_PREFIX + random_part

    def sender_id(self, token: object) -> str:
        """The Rasa sender id of a token this server issued.

        Raises:
            MalformedId: not a string of the expected shape.
            ForgedId: the tag does not match (guessed, edited or from another key).
        """
        match = TOKEN_PATTERN.match(token) if isinstance(token, str) else None
        if not match:
            raise MalformedId("malformed conversation id")
        random_part, tag = match.groups()
        if not hmac.compare_digest(tag, self._tag(random_part)):
            raise ForgedId("conversation id not issued by this server")
        return SENDER_PREFIX + random_part
