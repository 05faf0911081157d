"""Scale-out by configuration only: two Rasa instances share PostgreSQL, Redis and the actions.

The `scaled` fixture starts them from bot/endpoints.scale.yml and environment variables
(no code differs from the embedded set-up); a conversation's turns go alternately to
each instance, as a load balancer without sticky sessions would send them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import aiohttp
import pytest
import redis

from tests.conftest import ROOT
from tests.reliability.conftest import Scaled, build_knowledge
from tests.reliability.test_load import burst
from tests.support.facts import PHONE, STREET, SURESNES_PHONE, SURESNES_STREET
from tests.support.http import ask_text
from tests.support.tracker import stored_events, turns_are_complete, user_texts

pytestmark = [pytest.mark.integration, pytest.mark.slow]


async def test_context_follows_the_conversation_from_one_instance_to_the_other(scaled: Scaled) -> None:
    sender = f"scale-{uuid.uuid4().hex[:6]}"
    a, b = scaled.a.config.rasa_url, scaled.b.config.rasa_url
    async with aiohttp.ClientSession() as session:
        full = await ask_text(session, a, sender, "Comment joindre le SREI ?")
        phone = await ask_text(session, b, sender, "et son numéro ?")
        address = await ask_text(session, a, sender, "et son adresse ?")
        suresnes = await ask_text(session, b, sender, "Comment joindre le service de Suresnes ?")
        suresnes_phone = await ask_text(session, a, sender, "et son numéro ?")
    assert STREET in full and PHONE in full
    assert PHONE in phone and STREET not in phone  # B knew what A had been asked
    assert STREET in address and PHONE not in address
    assert SURESNES_STREET in suresnes
    assert SURESNES_PHONE in suresnes_phone and PHONE not in suresnes_phone
    events = stored_events(scaled.tracker_url, sender)  # in PostgreSQL
    assert len(user_texts(events)) == 5 and turns_are_complete(events)
    assert not scaled.a.config.tracker_sqlite.exists()  # nothing went to the embedded SQLite store


async def test_a_burst_split_over_both_instances_is_serialised_by_the_redis_lock(scaled: Scaled) -> None:
    locks = redis.Redis(host="127.0.0.1", port=scaled.redis.port)
    try:
        before = locks.info("commandstats").get("cmdstat_set", {}).get("calls", 0)
        sender = f"scale-burst-{uuid.uuid4().hex[:6]}"
        sent = await burst([scaled.a.config.rasa_url, scaled.b.config.rasa_url], sender)
        after = locks.info("commandstats").get("cmdstat_set", {}).get("calls", 0)
    finally:
        locks.close()
    events = stored_events(scaled.tracker_url, sender)
    assert sorted(user_texts(events)) == sorted(sent)
    assert turns_are_complete(events)
    assert after - before >= len(sent)  # the instances took their locks in Redis


async def test_knowledge_base_in_postgresql_is_rebuilt_while_both_instances_serve(scaled: Scaled,
                                                                                  tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "knowledge" / "content", content)
    namur = content / "namur.yml"
    namur.write_text(namur.read_text(encoding="utf-8").replace(PHONE, "081 000 999"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "knowledge", "build"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "KNOWLEDGE_DB_URL": scaled.kb_url, "KNOWLEDGE_CONTENT_DIR": str(content)})
    assert result.returncode == 0, result.stderr
    try:
        async with aiohttp.ClientSession() as session:
            on_a = await ask_text(session, scaled.a.config.rasa_url, "kb-pg-a", "Quel est le numéro du SREI ?")
            on_b = await ask_text(session, scaled.b.config.rasa_url, "kb-pg-b", "Quel est le numéro du SREI ?")
    finally:
        build_knowledge(scaled.kb_url)  # the real content again, for the other tests
    assert "081 000 999" in on_a and "081 000 999" in on_b
    assert PHONE not in on_a + on_b


def test_the_widget_rate_limit_is_shared_by_both_instances(scaled: Scaled) -> None:
    """120 requests a minute per address in all: alternating between instances does not double it."""
    import urllib.error
    import urllib.request

    address = f"203.0.113.{uuid.uuid4().int % 250 + 1}"

    def config(url: str) -> int:
        request = urllib.request.Request(f"{url}/webhooks/widget/config", headers={"X-Real-IP": address})
        try:
            with urllib.request.urlopen(request, timeout=10) as resp:  # noqa: S310 (loopback)
                return resp.status
        except urllib.error.HTTPError as err:
            return err.code

    # The bucket refills 2 requests a second, so a slow machine may get a few more than 120 through;
    # doubled buckets would let about 240 through before the first refusal.
    started = time.monotonic()
    statuses: list[int] = []
    while 429 not in statuses and len(statuses) < 400:
        statuses.append(config((scaled.a if len(statuses) % 2 else scaled.b).config.rasa_url))
    elapsed = time.monotonic() - started
    allowed = statuses.index(429) if 429 in statuses else len(statuses)
    assert set(statuses[:allowed]) == {200}
    assert 120 <= allowed <= 120 + 2 * elapsed + 1, (allowed, elapsed)
