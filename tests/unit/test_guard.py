"""Unit tests of the request checks, limits, system messages and the turn guard's parts."""

from __future__ import annotations

import asyncio
import string

import aiohttp
import pytest
from aiohttp import web
from rasa.utils.endpoints import ClientResponseError, EndpointConfig
from sqlalchemy.exc import OperationalError

from bot.components.tracker_store import GuardedSQLTrackerStore
from bot.server import contact as service_contact
from bot.server.errors import ApiError
from bot.server.failures import collecting_failures, record_failure
from bot.server.messages import catalogue, error_code, text
from bot.server.requests import check_shortcut, identifier, parse_json_object, user_text
from bot.server.settings import Limits, load_limits
from bot.server.turns import BoundedActionEndpoint, bound_action_calls
from tests.support.servers import free_port

# --- limits ---------------------------------------------------------------------------------


def test_limits_default_and_from_environment() -> None:
    assert load_limits({}) == Limits()
    limits = load_limits({"MAX_MESSAGE_CHARS": "500", "ACTION_TIMEOUT_SECONDS": "2.5", "MAX_CONCURRENT_TURNS": "2"})
    assert (limits.max_message_chars, limits.action_timeout, limits.max_concurrent_turns) == (500, 2.5, 2)


@pytest.mark.parametrize("env, variable", [
    ({"MAX_MESSAGE_CHARS": "beaucoup"}, "MAX_MESSAGE_CHARS"),
    ({"ACTION_TIMEOUT_SECONDS": "0"}, "ACTION_TIMEOUT_SECONDS"),
    ({"MAX_BODY_BYTES": "-1"}, "MAX_BODY_BYTES"),
    ({"ACTION_TIMEOUT_SECONDS": "30", "TURN_TIMEOUT_SECONDS": "10"}, "ACTION_TIMEOUT_SECONDS"),
])
def test_bad_limit_names_its_variable(env: dict, variable: str) -> None:
    with pytest.raises(ValueError, match=variable):
        load_limits(env)


# --- system messages -------------------------------------------------------------------------


def test_every_error_message_formats_in_french() -> None:
    for code in catalogue()["errors"]:
        message = text("errors", code, max=1000, field="message", seconds=5, contact="Contact.")
        assert message and "{" not in message.replace("{\"", "").replace("{…", ""), code


def test_status_errors_cover_the_usual_statuses() -> None:
    for status in (400, 404, 405, 413, 415, 429, 500, 503):
        assert error_code(status) != error_code(599) == "http_other"


def test_an_error_has_one_shape_on_every_channel() -> None:
    error = ApiError(413, "too_long", max=10)
    assert error.body() == {"error": {"code": "too_long", "message": text("errors", "too_long", max=10)}}
    response = error.response()
    assert response.status == 413 and response.headers["Cache-Control"] == "no-store"


async def test_service_message_keeps_the_last_known_contact_when_the_base_fails() -> None:
    answers = iter(["Appelez le 081 00 00 00.", RuntimeError("base down")])

    def read() -> str:
        value = next(answers)
        if isinstance(value, Exception):
            raise value
        return value

    contact = service_contact.ServiceContact(loader=read, ttl=0)
    assert await contact.get() == "Appelez le 081 00 00 00."
    assert await contact.get() == "Appelez le 081 00 00 00."  # the read failed: last known value


async def test_service_message_without_any_contact_still_says_what_to_do(monkeypatch) -> None:
    down = service_contact.ServiceContact(loader=lambda: (_ for _ in ()).throw(RuntimeError()), ttl=0)
    monkeypatch.setattr(service_contact, "service_contact", down)
    message = await service_contact.unavailable()
    assert "problème technique" in message and "{" not in message and text("contact", "none") in message


# --- request checks --------------------------------------------------------------------------


@pytest.mark.parametrize("body, status, code", [
    (b"", 400, "empty_body"),
    (b"   ", 400, "empty_body"),
    (b"\xff\xfe{}", 400, "not_utf8"),
    (b"{nope", 400, "invalid_json"),
    (b"[" * 5000 + b"]" * 5000, 400, "invalid_json"),
    (b"[]", 400, "not_object"),
    (b'"texte"', 400, "not_object"),
    (b"x" * 20_001, 413, "body_too_large"),
], ids=["empty", "spaces", "not utf-8", "not json", "too deep", "array", "string", "too large"])
def test_bodies_that_are_not_a_json_object_are_refused(body: bytes, status: int, code: str) -> None:
    with pytest.raises(ApiError) as bad:
        parse_json_object(body, max_bytes=20_000)
    assert (bad.value.status, bad.value.code) == (status, code)
    assert bad.value.message


def test_a_json_type_is_required_where_browsers_post() -> None:
    with pytest.raises(ApiError) as bad:
        parse_json_object(b"{}", 100, "text/plain", require_json_type=True)
    assert (bad.value.status, bad.value.code) == (415, "unsupported_media_type")
    assert parse_json_object(b"{}", 100, "application/json; charset=utf-8", require_json_type=True) == {}


def test_identifiers() -> None:
    assert identifier({"sender": "abc-123_x"}, "sender", 128) == "abc-123_x"
    for bad in (None, 5, "", " x", "a\x00b", "a\ud800", "x" * 129, ["a"]):
        with pytest.raises(ApiError):
            identifier({"sender": bad}, "sender", 128)


def test_typed_text_is_cleaned_the_same_way_on_every_channel() -> None:
    assert user_text({"m": "  bon\x00jour\x07 "}, "m", 100) == "bon jour"
    assert user_text({"m": "a\ud800b\u0085c\u202ed"}, "m", 100) == "ab cd"
    assert user_text({"m": "ligne 1\nligne 2"}, "m", 100) == "ligne 1\nligne 2"
    assert user_text({"m": "😀" * 100}, "m", 100) == "😀" * 100


def test_a_leading_slash_is_a_command_only_where_commands_are_offered() -> None:
    assert user_text({"m": "/restart"}, "m", 100) == "restart"
    assert user_text({"m": "/restart"}, "m", 100, commands=True) == "/restart"
    with pytest.raises(ApiError):
        user_text({"m": '/ask_contact{"body":["a"]}'}, "m", 100, commands=True)


@pytest.mark.parametrize("value, status", [
    (None, 400), (3, 400), ([], 400), ("", 400), (" \t\n", 400), ("\x00\x00", 400), ("x" * 101, 413),
    ("x" * 100_000, 413),
])
def test_bad_messages(value: object, status: int) -> None:
    with pytest.raises(ApiError) as bad:
        user_text({"m": value}, "m", 100)
    assert bad.value.status == status


@pytest.mark.parametrize("text", ["/greet", "/ask_contact", '/ask_contact{"body":"namur"}',
                                  "/ask_contact@0.9{\"body\": \"';DROP TABLE x;--\"}", "/ je tape une barre"])
def test_harmless_shortcuts_pass(text: str) -> None:
    check_shortcut(text)


@pytest.mark.parametrize("text", ['/ask_contact{"body":', '/ask_contact{"body":["a"]}', '/ask_contact{"body":1}',
                                  '/ask_contact{"body":{"x":"y"}}', '/ask_contact{"body":null}', '/x{"b":"' + "a" * 201 + '"}'])
def test_shortcuts_with_unusable_entities_are_refused(text: str) -> None:
    with pytest.raises(ApiError) as bad:
        check_shortcut(text)
    assert bad.value.code == "bad_shortcut"


# --- turn guard ------------------------------------------------------------------------------


def test_failures_are_collected_per_turn_and_follow_tasks() -> None:
    record_failure("outside")  # no turn: ignored

    async def part_of_the_turn() -> None:
        await asyncio.sleep(0)
        record_failure("actions")  # runs after the context was reset: the task kept a copy

    async def turn() -> list[str]:
        with collecting_failures() as failures:
            task = asyncio.ensure_future(part_of_the_turn())
        await task
        return failures

    assert asyncio.run(turn()) == ["actions"]


async def _serve(handler, delay: float = 0.0) -> tuple[web.AppRunner, str]:
    async def route(request: web.Request) -> web.Response:
        await asyncio.sleep(delay)
        return await handler(request)

    app = web.Application()
    app.router.add_post("/webhook", route)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}/webhook"


async def test_bounded_endpoint_gives_up_after_its_timeout_and_reports_it() -> None:
    runner, url = await _serve(lambda _r: asyncio.sleep(0, web.json_response({})), delay=1.5)
    try:
        endpoint = BoundedActionEndpoint(EndpointConfig(url), timeout=0.3)
        with collecting_failures() as failures:
            started = asyncio.get_running_loop().time()
            with pytest.raises(asyncio.TimeoutError):
                await endpoint.request(json={}, method="post", timeout=300)  # Rasa's own value is replaced
            assert asyncio.get_running_loop().time() - started < 1.2
        assert failures == ["actions"]
        await asyncio.sleep(1.5)  # let the slow handler finish before the server stops
    finally:
        await endpoint.close()
        await runner.cleanup()


async def test_action_rejection_is_not_a_failure() -> None:
    async def reject(_r: web.Request) -> web.Response:
        return web.json_response({"action_name": "x", "error": "rejected"}, status=400)

    runner, url = await _serve(reject)
    endpoint = BoundedActionEndpoint(EndpointConfig(url), timeout=2)
    try:
        with collecting_failures() as failures:
            with pytest.raises(ClientResponseError):
                await endpoint.request(json={}, method="post")
        assert failures == []
    finally:
        await endpoint.close()
        await runner.cleanup()


async def test_refused_connection_is_reported() -> None:
    endpoint = BoundedActionEndpoint(EndpointConfig("http://127.0.0.1:9/webhook"), 1)
    with collecting_failures() as failures:
        with pytest.raises(aiohttp.ClientConnectionError):
            await endpoint.request(json={})
    await endpoint.close()
    assert failures == ["actions"]


async def test_action_calls_reuse_their_connection() -> None:
    peers = []

    async def answer(request: web.Request) -> web.Response:
        peers.append(request.transport.get_extra_info("peername"))
        return web.json_response({"events": []})

    runner, url = await _serve(answer)
    endpoint = BoundedActionEndpoint(EndpointConfig(url), timeout=2)
    try:
        for _ in range(3):
            assert await endpoint.request(json={}, method="post") == {"events": []}
        assert len(peers) == 3 and len(set(peers)) == 1
    finally:
        await endpoint.close()
        await runner.cleanup()


async def test_a_call_cut_by_the_server_is_sent_again_once() -> None:
    """A kept-alive connection the action server drops (e.g. it restarted) is not a failure."""
    calls = []

    async def drop_first(request: web.Request) -> web.Response:
        calls.append(1)
        if len(calls) == 1:
            request.transport.close()  # no response at all: the client sees a disconnection
        return web.json_response({"events": []})

    runner, url = await _serve(drop_first)
    endpoint = BoundedActionEndpoint(EndpointConfig(url), timeout=2)
    try:
        with collecting_failures() as failures:
            assert await endpoint.request(json={}, method="post") == {"events": []}
        assert failures == [] and len(calls) == 2
    finally:
        await endpoint.close()
        await runner.cleanup()


def test_agent_and_processor_get_the_bounded_endpoint_once() -> None:
    class Processor:
        action_endpoint = EndpointConfig("http://127.0.0.1:5055/webhook", token="t")

    class Agent:
        action_endpoint = Processor.action_endpoint
        processor = Processor()

    agent = Agent()
    bound_action_calls(agent, 3)
    first = agent.action_endpoint
    bound_action_calls(agent, 3)
    assert isinstance(first, BoundedActionEndpoint) and agent.action_endpoint is first
    assert agent.processor.action_endpoint is first
    assert (first.url, first.token, first.timeout) == ("http://127.0.0.1:5055/webhook", "t", 3)


# --- tracker store ---------------------------------------------------------------------------


async def test_tracker_store_retries_once_after_a_dropped_connection(tmp_path) -> None:
    store = GuardedSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "t.sqlite3"))
    assert store.engine.hide_parameters  # users' messages stay out of error messages and logs
    calls: list[int] = []

    async def flaky() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("SELECT 1", {}, Exception("server closed the connection"),
                                   connection_invalidated=True)
        return "ok"

    with collecting_failures() as failures:
        assert await store.guarded("test", flaky) == "ok"
    store.close()
    assert failures == [] and len(calls) == 2


async def test_tracker_store_reports_a_database_that_is_down(tmp_path) -> None:
    store = GuardedSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "t.sqlite3"))

    async def down() -> None:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    with collecting_failures() as failures:
        with pytest.raises(OperationalError):
            await store.guarded("test", down)
    store.close()
    assert failures == ["tracker_store"]


def test_no_message_mentions_an_internal_name() -> None:
    every = " ".join(str(v) for v in catalogue()["errors"].values())
    assert not any(word in every.lower() for word in ("rasa", "sanic", "python", "exception", "sql"))
    assert set(every) - set(string.printable) <= set("àâçéèêëîïôûùüÿœæ«»…’ÀÉ\u00a0")
