"""Rasa's `rest` channel (same URL and reply format) on the server's shared guards.

The stock channel answers `200 []` when the message is missing or not a text, `500` when
the body is empty or not an object, shares one "default" conversation between all
clients that omit `sender`, lets clients set the stored `input_channel` and `metadata`,
and stays silent when an action fails. This one reads the request with the server's one
parser, answers errors in the server's one shape, and runs the turn with the shared turn
runner (bot/server/turns.py). Mounted by bot/server/app.py in the local profile only (staff
tools, tests); the public profile has no REST channel. `?stream=true` is not offered.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.server import turns
from bot.server.errors import ApiError, json_response
from bot.server.requests import identifier, parse_json_object, user_text

MAX_SENDER_CHARS = 128


class GuardedRestInput(RestInput):
    """POST /webhooks/rest/webhook {"sender": "...", "message": "..."} -> list of bot messages."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("guarded_rest_webhook", __name__)

        turns.attach(bp)

        @bp.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return json_response({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            settings = turns.settings_of(request.app)
            try:
                # No content-type check: Rasa's REST clients (and `curl -d`) do not all declare JSON.
                body = parse_json_object(request.body, settings.max_body_bytes)
                sender = identifier(body, "sender", MAX_SENDER_CHARS)
                text = user_text(body, "message", settings.max_message_chars, commands=True)
            except ApiError as refused:
                return refused.response()
            message = UserMessage(text, CollectingOutputChannel(), sender, input_channel=self.name())
            result = await turns.run_turn(request.app, on_new_message, message)
            if result.error is not None:
                return result.error.response()
            return json_response(result.messages)

        return bp
