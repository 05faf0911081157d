"""Rasa's `rest` channel (same URL and reply format) with input checks and the turn guard.

The stock channel answers `200 []` when the message is missing or not a text, `500` when
the body is empty or not an object, shares one "default" conversation between all
clients that omit `sender`, lets clients set the stored `input_channel` and `metadata`,
and stays silent when an action fails. This one answers a clear French error (400, 413)
or runs the turn under `bot.server.turns`. Mounted by bot/server/app.py in the local profile only (staff tools, tests);
the public profile has no REST channel. `?stream=true` is not offered.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.server import turns
from bot.server.errors import json_error
from bot.server.requests import BadRequest, clean_message, clean_sender, parse_json_object


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
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            limits = turns.limits_of(request.app)
            try:
                body = parse_json_object(request.body, limits.max_body_bytes)
                sender = clean_sender(body.get("sender"))
                text = clean_message(body.get("message"), limits.max_message_chars)
            except BadRequest as bad:
                return json_error(bad.status, bad.message)
            message = UserMessage(text, CollectingOutputChannel(), sender, input_channel=self.name())
            result = await turns.run_turn(request.app, on_new_message, message)
            if result.status != 200:
                return json_error(result.status, result.error or "")
            return response.json(result.messages)

        return bp
