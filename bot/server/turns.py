"""Runs one user turn so that a failing part gives the user a French message, never silence.

Rasa, when a custom action fails, logs the error and carries on without a word to the
user; it waits up to 5 minutes for a hung action server; and its tracker store wrapper
turns a database error into an empty conversation. The guard:
- bounds every call to the action server (`ACTION_TIMEOUT_SECONDS`) by giving Rasa's agent
  an action endpoint with that timeout (`BoundedActionEndpoint`);
- collects, per turn, which parts failed (`record_failure`, also called by
  `bot.components.tracker_store`), through a context variable that follows the turn's task;
- bounds the whole turn (`TURN_TIMEOUT_SECONDS`) without cancelling it: the turn is still
  recorded when it ends, the user is just not kept waiting;
- admits at most `MAX_CONCURRENT_TURNS` turns at once: Rasa's NLU runs on the event loop,
  so beyond a few turns they only delay each other's action calls past their timeout;
- decides what the client gets: the answer, the answer plus the "service unavailable"
  message (an action failed), or only that message with status 503 (the conversation
  store failed, or the turn could not complete).

Channels call `attach(blueprint)` once and `run_turn(...)` per message.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import ujson
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.utils.endpoints import ClientResponseError, EndpointConfig
from sanic import Blueprint, Sanic

from bot.server.contact import service_contact, unavailable, unavailable_error
from bot.server.errors import ApiError, install_error_handler
from bot.server.failures import collecting_failures, record_failure
from bot.server.settings import Limits, load_limits

log = logging.getLogger(__name__)

class _KeptOpen:
    """`async with` on a session that outlives the block (Rasa's `request` closes its own)."""

    def __init__(self, session: aiohttp.ClientSession):
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *_exc: Any) -> None:
        return None


# Idle connections to the action server are dropped before its own keep-alive timeout
# (Sanic's default is 5 s), so a request never goes out on a socket the server is closing.
KEEP_ALIVE_SECONDS = 2.0


class BoundedActionEndpoint(EndpointConfig):
    """The action server's endpoint, with a short timeout and failures reported to the guard.

    Calls also reuse their connections: Rasa opens a new HTTP session, and so a new TCP
    connection, for every action call.
    """

    def __init__(self, base: EndpointConfig, timeout: float):
        super().__init__(base.url, base.params, base.headers, base.basic_auth, base.token, base.token_name,
                         base.cafile, **base.kwargs)
        self.type = base.type
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    def session(self) -> Any:
        """This endpoint's kept-alive session on the running event loop."""
        loop = asyncio.get_running_loop()
        session = self._session
        if session is None or session.closed or session.loop is not loop:
            auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) \
                if self.basic_auth else None
            # ujson (a Rasa dependency) writes the request body ~4x faster than `json`.
            session = aiohttp.ClientSession(headers=self.headers, auth=auth, json_serialize=ujson.dumps,
                                            connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_ALIVE_SECONDS))
            self._session = session
        return _KeptOpen(session)

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def request(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["timeout"] = aiohttp.ClientTimeout(total=self.timeout)  # replaces Rasa's 300 s
        try:
            try:
                return await super().request(*args, **kwargs)
            except aiohttp.ServerDisconnectedError:
                # A kept-alive connection closed by a restarted action server: our actions
                # only read, so the call is sent again once, on a new connection.
                return await super().request(*args, **kwargs)
        except ClientResponseError as exc:
            if exc.status != 400:  # 400 is a form's ordinary "action rejected", not a failure
                record_failure("actions")
            raise
        except Exception:
            record_failure("actions")
            raise

    def copy(self) -> BoundedActionEndpoint:
        return BoundedActionEndpoint(super().copy(), self.timeout)


def bound_action_calls(agent: Any, timeout: float) -> None:
    """Give `agent` (and its current processor) the bounded action endpoint (idempotent)."""
    endpoint = getattr(agent, "action_endpoint", None)
    if endpoint is not None and not isinstance(endpoint, BoundedActionEndpoint):
        agent.action_endpoint = BoundedActionEndpoint(endpoint, timeout)
    processor = getattr(agent, "processor", None)
    if processor is not None and not isinstance(processor.action_endpoint, BoundedActionEndpoint):
        processor.action_endpoint = agent.action_endpoint


def settings_of(app: Sanic) -> Limits:
    """The limits every channel applies, read from the environment once per server."""
    if not hasattr(app.ctx, "srei_limits"):
        app.ctx.srei_limits = load_limits()
    return app.ctx.srei_limits


def attach(bp: Blueprint) -> None:
    """Set up the guard on the server that registers the channel blueprint `bp`.

    At start: validate the limits (a bad variable stops the start), cap request bodies and
    install the French error handler. Once Rasa has loaded its agent: bound the action
    calls and read the service's contact. Safe to call from several channels.
    """
    @bp.listener("before_server_start")
    async def before_start(app: Sanic, _loop: Any) -> None:
        if getattr(app.ctx, "srei_guard", False):
            return
        app.ctx.srei_guard = True
        # Sanic refuses larger bodies before reading them; the channels apply their own limit
        # too, below the console's (local profile) when it is mounted.
        app.config.REQUEST_MAX_SIZE = max(settings_of(app).max_body_bytes, getattr(app.ctx, "srei_body_ceiling", 0))
        install_error_handler(app)

    @bp.listener("after_server_start")
    async def after_start(app: Sanic, _loop: Any) -> None:
        bound_action_calls(app.ctx.agent, settings_of(app).action_timeout)
        await service_contact.get()  # reads the contact once, while all is well

    @bp.listener("before_server_stop")
    async def before_stop(app: Sanic, _loop: Any) -> None:
        endpoint = getattr(getattr(app.ctx, "agent", None), "action_endpoint", None)
        if isinstance(endpoint, BoundedActionEndpoint):
            await endpoint.close()


@dataclass
class TurnResult:
    """What the channel sends back: the bot `messages`, or the `error` that replaces them."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    error: ApiError | None = None
    failures: list[str] = field(default_factory=list)


def _log_late_end(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("turn failed after its time budget: %s", task.exception().__class__.__name__)


def _admission(app: Sanic, size: int) -> asyncio.Semaphore:
    """The server's one semaphore bounding the turns processed at once (created on first use)."""
    if getattr(app.ctx, "srei_admission", None) is None:
        app.ctx.srei_admission = asyncio.Semaphore(size)
    return app.ctx.srei_admission


async def run_turn(app: Sanic, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                   message: UserMessage, timeout: float | None = None) -> TurnResult:
    """Process `message` (whose output channel collects the replies) under the guard.

    `timeout` is the channel's own reply budget when shorter than `TURN_TIMEOUT_SECONDS`.
    """
    limits = settings_of(app)
    budget = min(timeout, limits.turn_timeout) if timeout else limits.turn_timeout
    agent = getattr(app.ctx, "agent", None)
    if agent is not None:
        bound_action_calls(agent, limits.action_timeout)  # also after a model reload
    collector = message.output_channel
    assert isinstance(collector, CollectingOutputChannel)
    async with _admission(app, limits.max_concurrent_turns):
        with collecting_failures() as failures:
            task = asyncio.ensure_future(on_new_message(message))  # the task copies the context: same list
        try:
            await asyncio.wait_for(asyncio.shield(task), budget)
        except asyncio.TimeoutError:
            failures.append("timeout")
            task.add_done_callback(_log_late_end)
        except Exception as exc:  # noqa: BLE001 (any failure of the turn ends in the French message)
            failures.append("processing")
            log.error("turn failed in conversation %s: %s", message.sender_id, exc.__class__.__name__,
                      exc_info=exc)
    if not failures:
        return TurnResult(collector.messages)
    log.error("turn of conversation %s degraded: %s", message.sender_id, ", ".join(sorted(set(failures))))
    if set(failures) == {"actions"}:
        # The turn is recorded and may hold part of an answer: keep it, add the notice.
        notice = await unavailable()
        return TurnResult([*collector.messages, {"recipient_id": message.sender_id, "text": notice}],
                          failures=failures)
    code = "timeout" if "timeout" in failures else "unavailable"
    return TurnResult(error=await unavailable_error(code), failures=failures)
