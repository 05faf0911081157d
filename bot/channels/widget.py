"""The web widget's input channel: a small JSON API under /webhooks/widget/ plus its files.

Mounted by bot/server/app.py in both profiles (local and public). Routes:

    GET  /webhooks/widget/demo        demo page (strict Content-Security-Policy)
    GET  /webhooks/widget/widget.js   the widget (one <script> tag to embed), widget.css
    GET  /webhooks/widget/config      interface texts, limits, the service's contact
    POST /webhooks/widget/message     {"message": "…"} or {"payload": "…"} -> the bot's replies
    GET  /webhooks/widget/history     the conversation so far (after a page reload)
    POST /webhooks/widget/feedback    {"message_id": "…", "rating": "up"|"down"}

The conversation token travels in the X-Conversation-Id header; the server issues it on
the first message. Every refusal is a JSON body {"error": {"code", "message"}} in French.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.events import Event, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.ids import ConversationIds, ForgedId, MalformedId
from bot.channels.links import TrustedLinks
from bot.channels.output import WholeMessageCollector
from bot.channels.ratelimit import Limiter, make_limiters, retry_after
from bot.channels.static_files import StaticFiles
from bot.channels.transcript import METADATA_KEY, bot_message, find_bot_message, history, offered_button
from bot.channels.validation import parse_feedback, parse_message
from bot.rasa_patches.fail_safe_store import unwrapped
from bot.server import turns
from bot.server.contact import ServiceContact, service_contact, unavailable_error
from bot.server.errors import ApiError, json_response
from bot.server.messages import starters, ui_texts
from bot.server.requests import parse_json_object
from bot.server.settings import Limits, WidgetSettings, load_limits, load_widget_settings

log = logging.getLogger(__name__)
TOKEN_HEADER = "X-Conversation-Id"
# Events of a conversation the widget reads (about 50 turns) to show its history and check a
# rating, and (a few turns) to check a button: bounded, so that a long conversation costs no
# more per message; a message without a button reads none.
RECENT_EVENTS = 400
BUTTON_EVENTS = 40
Handler = Callable[[UserMessage], Awaitable[Any]]


class WidgetInput(InputChannel):
    """Rasa input channel for the province's web widget."""

    @classmethod
    def name(cls) -> str:
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WidgetInput:
        return cls(load_widget_settings(credentials))

    def __init__(self, settings: WidgetSettings | None = None, contact: ServiceContact | None = None,
                 limits: Limits | None = None):
        self.settings = settings or load_widget_settings()
        self.limits = limits or load_limits()  # the same request limits as every channel
        self.ids = ConversationIds(self.settings.secret)
        limiters = make_limiters({"conversation": self.settings.rate_per_conversation,
                                  "address": self.settings.rate_per_address,
                                  "new_conversation": self.settings.new_conversations_per_address})
        self.per_conversation = limiters["conversation"]
        self.per_address = limiters["address"]
        self.new_per_address = limiters["new_conversation"]
        self.contact = contact or service_contact
        self.links = TrustedLinks()
        self.files = StaticFiles()

    # --- HTTP plumbing ------------------------------------------------------------------

    def _origin_allowed(self, request: Request) -> bool:
        origin = request.headers.get("origin")
        if not origin:
            return True  # not a cross-site browser request (same-origin GET, curl, tests)
        if origin in self.settings.allowed_origins:
            return True
        return urlsplit(origin).netloc == request.host  # the demo page, served from here

    def _cors_headers(self, request: Request) -> dict[str, str]:
        origin = request.headers.get("origin")
        headers = {"Vary": "Origin"}
        if origin and origin in self.settings.allowed_origins:
            headers.update({
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": f"Content-Type, {TOKEN_HEADER}",
                "Access-Control-Expose-Headers": "Retry-After",
                "Access-Control-Max-Age": "600",
            })
        return headers

    async def _limit(self, limiter: Limiter, key: str, code: str = "rate_limited") -> None:
        wait = await limiter.check(key)
        if wait:
            seconds = retry_after(wait)
            raise ApiError(429, code, headers={"Retry-After": str(seconds)}, seconds=seconds)

    @staticmethod
    def _address(request: Request) -> str:
        # remote_addr is set only when the server trusts a proxy (TRUSTED_PROXIES); else the peer.
        return request.remote_addr or request.ip

    def _sender(self, request: Request, required: bool) -> tuple[str | None, str | None]:
        """(token, sender id) from the header; (None, None) when absent and not required."""
        token = request.headers.get(TOKEN_HEADER)
        if not token:
            if required:
                raise ApiError(400, "missing_conversation")
            return None, None
        try:
            return token, self.ids.sender_id(token)
        except MalformedId:
            raise ApiError(400, "malformed_conversation") from None
        except ForgedId:
            raise ApiError(403, "unknown_conversation") from None

    async def _unavailable(self, code: str = "unavailable", status: int = 503) -> ApiError:
        return await unavailable_error(code, status, self.contact)

    async def _api(self, request: Request, handler: Callable[[Request], Awaitable[dict[str, Any]]]) -> HTTPResponse:
        """Runs one API handler: origin and rate checks, JSON answer, French errors."""
        if request.method == "OPTIONS":  # preflight (Rasa's CORS layer may answer it first)
            return response.empty(status=204, headers={"Cache-Control": "no-store"})
        try:
            if not self._origin_allowed(request):
                raise ApiError(403, "bad_origin")
            await self._limit(self.per_address, self._address(request))
            return json_response(await handler(request))
        except ApiError as error:
            return error.response()
        except Exception:  # noqa: BLE001 (a bug must still give the user a French answer)
            log.exception("widget: unexpected error on %s", request.path)
            return (await self._unavailable(status=500)).response()

    @staticmethod
    def _tracker_store(request: Request) -> TrackerStore:
        agent = getattr(request.app.ctx, "agent", None)
        if agent is None or not agent.is_ready():
            raise ApiError(503, "unavailable")
        return unwrapped(agent.tracker_store)  # so that a database failure is reported, not hidden

    async def _events(self, request: Request, sender_id: str, limit: int = RECENT_EVENTS) -> list[Event]:
        """The conversation's recent events (at most `limit`)."""
        store = self._tracker_store(request)
        try:
            if hasattr(store, "recent_events"):
                return await store.recent_events(sender_id, limit)
            tracker = await store.retrieve_full_tracker(sender_id)
        except Exception:  # noqa: BLE001 (database down: say so in French)
            log.exception("widget: conversation store unavailable")
            raise await self._unavailable() from None
        return list(tracker.events) if tracker else []

    async def _user_messages(self, request: Request, sender_id: str) -> int:
        """How many messages the user sent in this conversation (up to the cap), counted by
        the store if it can."""
        store = self._tracker_store(request)
        if not hasattr(store, "count_user_messages"):
            return sum(isinstance(e, UserUttered) for e in await self._events(request, sender_id))
        try:
            return await store.count_user_messages(sender_id, self.settings.max_turns)
        except Exception:  # noqa: BLE001 (database down: say so in French)
            log.exception("widget: conversation store unavailable")
            raise await self._unavailable() from None

    async def _run(self, request: Request, on_new_message: Handler, text: str, sender_id: str,
                   metadata: dict[str, Any] | None, is_rating: bool = False) -> list[dict[str, Any]]:
        """Runs the turn under the server's turn guard (concurrency, action timeout), within
        this channel's reply budget; returns the replies or raises a French error."""
        collector = WholeMessageCollector()
        message = UserMessage(text, collector, sender_id, input_channel=self.name(), metadata=metadata)
        result = await turns.run_turn(request.app, on_new_message, message, timeout=self.settings.reply_timeout)
        if result.error is not None:
            raise result.error
        if not is_rating and not collector.messages:
            # Rasa swallows action-server failures and simply says nothing; silence is an error.
            log.error("widget: the assistant produced no reply")
            raise await self._unavailable()
        trusted = await self.links.get()
        replies = [bot_message(f"{message.message_id}:{i}", m, rateable=not is_rating, trusted=trusted)
                   for i, m in enumerate(collector.messages)]
        if result.failures and not is_rating:  # part of the answer is missing: say so, with the contact
            notice = (await self._unavailable()).message
            replies.append(bot_message(f"{message.message_id}:notice", {"text": notice}, rateable=False))
        return replies

    # --- API handlers ---------------------------------------------------------------------

    async def _config(self, request: Request) -> dict[str, Any]:
        return {
            "texts": ui_texts(),
            "starters": starters(),
            "max_length": self.limits.max_message_chars,
            "retention_days": self.settings.retention_days,
            "contact": await self.contact.get(),
        }

    async def _message(self, request: Request, on_new_message: Handler) -> dict[str, Any]:
        data = parse_json_object(request.body, self.limits.max_body_bytes, request.content_type, require_json_type=True)
        incoming = parse_message(data, self.limits.max_message_chars)
        token, sender_id = self._sender(request, required=incoming.payload is not None)
        events: list[Event] = []
        if token is None:
            # A missing id always starts a new conversation; how many per address is bounded too.
            await self._limit(self.new_per_address, self._address(request), "new_conversations_limited")
            token, sender_id = self.ids.issue()
            await self._limit(self.per_conversation, sender_id)
        else:
            await self._limit(self.per_conversation, sender_id)
            if await self._user_messages(request, sender_id) >= self.settings.max_turns:
                raise ApiError(429, "conversation_too_long", max=self.settings.max_turns)
            if incoming.payload is not None:
                events = await self._events(request, sender_id, BUTTON_EVENTS)
        text, metadata = incoming.text, None
        if incoming.payload is not None:
            button = offered_button(events, incoming.payload)
            if button is None:
                raise ApiError(400, "unknown_choice")
            text, metadata = incoming.payload, {METADATA_KEY: {"display": button["title"]}}
        replies = await self._run(request, on_new_message, text, sender_id, metadata)
        return {"conversation_id": token, "code": sender_id, "messages": replies}

    async def _history(self, request: Request) -> dict[str, Any]:
        token, sender_id = self._sender(request, required=True)
        return {"conversation_id": token, "code": sender_id,
                "messages": history(await self._events(request, sender_id), await self.links.get())}

    async def _feedback(self, request: Request, on_new_message: Handler) -> dict[str, Any]:
        data = parse_json_object(request.body, self.limits.max_body_bytes, request.content_type, require_json_type=True)
        feedback = parse_feedback(data)
        token, sender_id = self._sender(request, required=True)
        await self._limit(self.per_conversation, sender_id)
        found, previous = find_bot_message(await self._events(request, sender_id), feedback.message_id)
        if not found:
            raise ApiError(404, "unknown_message")
        if previous:
            raise ApiError(409, "feedback_exists")
        # Recorded as the intent the dialogue handles (feedback_positive / _negative), so the
        # rating is in the conversation store for staff reports; metadata says which answer.
        metadata = {METADATA_KEY: {"feedback": {"message_id": feedback.message_id, "rating": feedback.rating}}}
        replies = await self._run(request, on_new_message, f"/{feedback.intent}", sender_id, metadata,
                                  is_rating=True)
        return {"conversation_id": token, "recorded": True, "messages": replies}

    # --- blueprint ------------------------------------------------------------------------

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        bp = Blueprint("widget_webhook", __name__)
        # The channel's own guards (body cap, French errors, bounded action calls, turn
        # admission), whether or not another channel is configured.
        turns.attach(bp)

        @bp.middleware("response")
        async def cors(request: Request, resp: HTTPResponse) -> None:
            # A response middleware also decorates the preflight answers Rasa's CORS layer
            # produces before our handlers run; only exact allowlisted origins get headers.
            resp.headers.update(self._cors_headers(request))

        @bp.listener("before_server_stop")
        async def close_limiters(app: Any, loop: Any) -> None:
            for limiter in {id(x): x for x in (self.per_conversation, self.per_address, self.new_per_address)}.values():
                await limiter.close()

        @bp.listener("after_server_start")
        async def warm_up(app: Any, loop: Any) -> None:
            await self.contact.get()  # the contact is ready before the first error needs it
            await self.links.get()

        @bp.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return json_response({"status": "ok"})

        for name, path in (("widget.js", "/widget.js"), ("widget.css", "/widget.css"),
                           ("demo.html", "/demo"), ("demo.css", "/demo.css"), ("icon.svg", "/icon.svg")):
            bp.add_route(lambda request, _name=name: self.files.serve(_name), path, methods=["GET"],
                         name=f"file_{name.replace('.', '_')}")

        @bp.route("/config", methods=["GET", "OPTIONS"])
        async def config(request: Request) -> HTTPResponse:
            return await self._api(request, self._config)

        @bp.route("/message", methods=["POST", "OPTIONS"])
        async def message(request: Request) -> HTTPResponse:
            return await self._api(request, lambda r: self._message(r, on_new_message))

        @bp.route("/history", methods=["GET", "OPTIONS"])
        async def conversation_history(request: Request) -> HTTPResponse:
            return await self._api(request, self._history)

        @bp.route("/feedback", methods=["POST", "OPTIONS"])
        async def feedback(request: Request) -> HTTPResponse:
            return await self._api(request, lambda r: self._feedback(r, on_new_message))

        return bp
