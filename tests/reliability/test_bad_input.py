"""Bad input on the public endpoints: a clear error or a normal answer, never a crash or a leak.

Runs the table of tests/reliability/bad_inputs.py against the REST channel of the embedded
stack (SQLite conversations) and, in `make test-long`, of a scaled-out instance (PostgreSQL).
"""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from tests.reliability.bad_inputs import ANSWER, REST, BadInput, bad_inputs
from tests.reliability.conftest import Target
from tests.support.facts import PHONE
from tests.support.http import INTERNAL_DETAIL, ask, ask_text, post_raw, texts
from tests.support.tracker import stored_events, user_texts

pytestmark = pytest.mark.integration

CASES = bad_inputs(REST)
ECHO = ("<script", "onerror", "javascript:", "<img")


def check_response(case: BadInput, status: int | None, raw: bytes, conversation: str | None) -> None:
    """The checks every endpoint's answer to a bad input must pass."""
    body = raw.decode("utf-8", errors="replace")
    assert not INTERNAL_DETAIL.search(body), f"internal detail leaked: {body[:300]}"
    assert not any(e in body.lower() for e in ECHO), f"payload echoed back: {body[:300]}"
    if case.expect == ANSWER:
        assert status == 200, body[:300]
        replies = json.loads(raw)
        assert isinstance(replies, list) and texts(replies).strip(), body[:300]
        assert {r["recipient_id"] for r in replies} == {conversation}
    else:
        assert status in case.statuses, (status, body[:300])
        error = json.loads(raw)["error"]  # the server's one error shape
        assert isinstance(error["code"], str) and isinstance(error["message"], str) and error["message"].strip()
        assert any(c in error["message"] for c in "éèêàçû«"), f"not a French message: {error['message']}"


def conversation_of(case: BadInput) -> str | None:
    try:
        return json.loads(case.body).get(REST.conversation_field)
    except (ValueError, AttributeError, RecursionError):
        return None


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gets_a_clear_error_or_a_normal_answer_and_the_server_stays_up(target: Target,
                                                                                 case: BadInput) -> None:
    response = post_raw(target.port, REST.path, case.body, case.content_type)
    check_response(case, response.status, response.body, conversation_of(case))
    follow_up = post_raw(target.port, REST.path, json.dumps(REST.body(message="Bonjour")).encode())
    assert follow_up.status == 200 and texts(follow_up.json()).strip()


async def test_sql_in_messages_is_stored_verbatim_and_the_store_intact(target: Target) -> None:
    sender = f"sql-{target.name}"
    hostile = ["namur'; DROP TABLE events; --", '/ask_contact{"body":"\'; DELETE FROM events;--"}']
    async with aiohttp.ClientSession() as session:
        for text in hostile:
            await ask_text(session, target.url, sender, text)
        answer = await ask_text(session, target.url, sender, "Quel est le numéro de téléphone du SREI ?")
    assert PHONE in answer
    stored = user_texts(stored_events(target.tracker_url, sender))
    assert stored == [*hostile, "Quel est le numéro de téléphone du SREI ?"]


async def test_client_cannot_forge_the_channel_or_store_metadata(target: Target) -> None:
    sender = f"forge-{target.name}"
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{target.url}{REST.path}", json=REST.body(
                sender, "Bonjour", input_channel="admin", metadata={"role": "admin"})) as resp:
            assert resp.status == 200
    users = [e for e in stored_events(target.tracker_url, sender) if e.type_name == "user"]
    assert [u.data["input_channel"] for u in users] == ["rest"]
    assert "role" not in json.dumps(users[0].data.get("metadata") or {})


async def test_parallel_bad_inputs_do_not_disturb_normal_users(target: Target) -> None:
    """A burst of garbage from one client while others talk: their answers are unchanged."""
    garbage = [c for c in CASES if c.expect != ANSWER and len(c.body) < 100_000]

    async def normal_user(session: aiohttp.ClientSession, i: int) -> str:
        return await ask_text(session, target.url, f"calm-{target.name}-{i}", "Quel est le numéro de téléphone du SREI ?")

    async def attacker() -> None:
        for case in garbage:
            await asyncio.to_thread(post_raw, target.port, REST.path, case.body, case.content_type)

    async with aiohttp.ClientSession() as session:
        results = await asyncio.gather(attacker(), *(normal_user(session, i) for i in range(10)))
        status, _ = await ask(session, target.url, f"calm-{target.name}-after", "Bonjour")
    assert all(PHONE in answer for answer in results[1:])
    assert status == 200
