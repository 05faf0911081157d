"""Load: many conversations at once, each reply to its own conversation, nothing lost.

The 200 × 10 runs are slow (make test-long), once on the embedded stack and once spread
over the two instances of the scaled-out set-up; the same-conversation burst is fast.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid

import aiohttp
import pytest

from bot.tools.stack import Stack
from tests.reliability.conftest import Scaled, sqlite_target
from tests.reliability.conversations import play, script
from tests.support.http import ask, texts
from tests.support.tracker import events_by_sender, stored_events, turns_are_complete, user_texts

pytestmark = pytest.mark.integration
CONVERSATIONS, TURNS = 200, 10


async def run_load(base_urls: list[str], tracker_url: str, label: str) -> None:
    run = uuid.uuid4().hex[:6]
    scripts = [script(f"load-{run}-{i:03d}", i, TURNS) for i in range(CONVERSATIONS)]
    assert len({s.turns for s in scripts}) > CONVERSATIONS * 0.95  # nearly every conversation is unique
    durations: list[float] = []

    async def timed_play(session: aiohttp.ClientSession, s) -> list[str]:
        started = time.monotonic()
        found = await play(session, base_urls, s)
        durations.append((time.monotonic() - started) / TURNS)
        return found

    started = time.monotonic()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
        results = await asyncio.wait_for(asyncio.gather(*(timed_play(session, s) for s in scripts)), timeout=1500)
    elapsed = time.monotonic() - started
    problems = [p for found in results for p in found]
    assert not problems, f"{len(problems)} problems, e.g. {problems[:5]}"

    stored = events_by_sender(tracker_url)
    for s in scripts:
        events = stored.get(s.sender, [])
        assert user_texts(events) == list(s.turns), s.sender  # all messages, in order, in their own conversation
        assert turns_are_complete(events), s.sender  # each with its answer
    messages = CONVERSATIONS * TURNS
    print(f"\n[{label}] {CONVERSATIONS} conversations x {TURNS} messages = {messages} messages in {elapsed:.0f} s "
          f"({messages / elapsed:.1f} msg/s), mean wait per message {statistics.mean(durations):.1f} s, "
          f"0 lost, 0 misdelivered")


@pytest.mark.slow
@pytest.mark.timeout(1800)
async def test_200_concurrent_conversations_on_the_embedded_stack(stack: Stack) -> None:
    await run_load([stack.config.rasa_url], sqlite_target(stack).tracker_url, "SQLite, 1 instance")


@pytest.mark.slow
@pytest.mark.timeout(1800)
async def test_200_concurrent_conversations_alternating_between_two_instances(scaled: Scaled) -> None:
    await run_load([scaled.a.config.rasa_url, scaled.b.config.rasa_url], scaled.tracker_url,
                   "PostgreSQL + Redis, 2 instances")


async def burst(base_urls: list[str], sender: str) -> list[str]:
    """Ten different messages of one conversation sent at the same time (round-robin on `base_urls`)."""
    messages = ["Bonjour", "Comment joindre le SREI ?", "et son numéro ?", "merci", "tu es un robot ?",
                "et son adresse ?", "qui est le responsable ?", "Comment joindre le service de Suresnes ?",
                "au revoir", "Quel est le numéro de téléphone du SREI ?"]
    async with aiohttp.ClientSession() as session:
        answers = await asyncio.gather(*(ask(session, base_urls[i % len(base_urls)], sender, m)
                                         for i, m in enumerate(messages)))
    for status, replies in answers:
        assert status == 200 and texts(replies).strip(), (status, replies)
    return messages


async def test_a_burst_in_one_conversation_is_serialised_without_loss(stack: Stack) -> None:
    sender = f"burst-{uuid.uuid4().hex[:6]}"
    sent = await burst([stack.config.rasa_url], sender)
    events = stored_events(sqlite_target(stack).tracker_url, sender)
    assert sorted(user_texts(events)) == sorted(sent)  # every message recorded once
    assert turns_are_complete(events)  # one at a time: each answered before the next was read
