"""The scenario runner against a small real HTTP server standing in for Rasa's REST channel."""

from __future__ import annotations

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.scenarios.format import Expect, Scenario, Turn
from bot.scenarios.play import format_report, play_all


def scenario(name: str, *turns: tuple[str, Expect], today: str | None = None, category: str = "c") -> Scenario:
    return Scenario(name, category, tuple(Turn(u, e) for u, e in turns), "test.yml", today)


async def fake_assistant() -> tuple[TestServer, list[dict]]:
    """Echoes the message and how many messages this sender has sent before."""
    seen: list[dict] = []

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        seen.append(body)
        count = sum(1 for b in seen if b["sender"] == body["sender"])
        return web.json_response([{"text": f"tour {count} : {body['message']}"},
                                  {"text": "Source : test", "buttons": [{"title": "Suite", "payload": "/x"}]}])

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    return server, seen


async def test_each_conversation_has_its_own_sender_and_every_turn_is_checked():
    server, seen = await fake_assistant()
    try:
        report = await play_all(str(server.make_url("")), [
            scenario("a", ("bonjour", Expect(contains=("tour 1",), source=True)),
                     ("encore", Expect(contains=("tour 2", "encore")))),
            scenario("b", ("salut", Expect(contains=("tour 1",), not_contains=("Suite",)))),
            scenario("c", ("x", Expect(contains=("absent",)))),
        ], markers=("désolé",))
    finally:
        await server.close()
    assert len({b["sender"] for b in seen}) == 3
    by_name = {r.scenario.name: r for r in report.results}
    assert by_name["a"].passed and by_name["b"].passed  # button titles are not part of the text
    assert not by_name["c"].passed and not report.passed
    assert by_name["c"].turns[0].failures == ["devrait contenir « absent »"]
    assert by_name["b"].turns[0].buttons == ["Suite"]
    assert "ÉCHEC c/c tour 1" in format_report(report, only_failures=True)


async def test_conversations_needing_another_date_are_skipped_with_the_reason():
    server, seen = await fake_assistant()
    try:
        report = await play_all(str(server.make_url("")), [
            scenario("dated", ("x", Expect()), today="2018-01-29"),
            scenario("plain", ("y", Expect())),
        ], server_today="2026-11-21", markers=("désolé",))
    finally:
        await server.close()
    assert [r.scenario.name for r in report.results] == ["plain"]
    assert [(s.name, why) for s, why in report.skipped] == [
        ("dated", "nécessite un serveur lancé avec ASSISTANT_TODAY=2018-01-29")]
    assert [b["message"] for b in seen] == ["y"]
