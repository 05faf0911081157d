"""Faults: the user gets a clear French message with the contact, and nothing is lost.

Fast ones (make test) use the embedded stack; those that restart Rasa or the databases are
marked slow (make test-long).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import threading
import time
from pathlib import Path

import aiohttp
import pytest

from bot.tools.stack import Stack, StackConfig, StackError
from knowledge import KnowledgeBase, KnowledgeUnavailable
from tests.conftest import free_port
from tests.reliability.conftest import Scaled, log_text, sqlite_target
from tests.support.facts import PHONE, STREET, SURESNES_PHONE, SURESNES_STREET
from tests.support.http import ask, ask_text, texts, timed
from tests.support.tracker import stored_events, turns_are_complete, user_texts

pytestmark = pytest.mark.integration
QUESTION = "Comment joindre le SREI ?"


def assert_service_message(text: str) -> None:
    assert "problème technique" in text and PHONE in text, text


# --- action server ------------------------------------------------------------------------


async def test_action_server_down_gives_the_contact_within_5_s_then_recovers(stack: Stack) -> None:
    sender = "fault-actions-down"
    stack.stop_one("actions")
    try:
        async with aiohttp.ClientSession() as session:
            seconds, (status, body) = await timed(ask(session, stack.config.rasa_url, sender, QUESTION))
            assert status == 200 and seconds < 5.0, (status, seconds)
            assert_service_message(texts(body))
            stack.start_one("actions")
            answer = await ask_text(session, stack.config.rasa_url, sender, QUESTION)
    finally:
        if "actions" not in stack.procs:
            stack.start_one("actions")
    assert STREET in answer and PHONE in answer
    events = stored_events(sqlite_target(stack).tracker_url, sender)
    assert user_texts(events) == [QUESTION, QUESTION]  # the failed turn is recorded too


async def test_hung_action_server_gives_the_contact_within_5_s_then_recovers(stack: Stack) -> None:
    """SIGSTOP: the action server accepts connections but never answers, like a stuck process."""
    sender = "fault-actions-hung"
    pid = stack.procs["actions"].pid
    os.killpg(pid, signal.SIGSTOP)
    try:
        async with aiohttp.ClientSession() as session:
            seconds, (status, body) = await timed(ask(session, stack.config.rasa_url, sender, QUESTION))
            os.killpg(pid, signal.SIGCONT)
            assert status == 200 and seconds < 5.0, (status, seconds)
            assert_service_message(texts(body))
            answer = await ask_text(session, stack.config.rasa_url, sender, "et son numéro ?")
    finally:
        os.killpg(pid, signal.SIGCONT)
    assert PHONE in answer


# --- knowledge base -------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["missing", "corrupt", "empty"])
def test_unusable_knowledge_base_refuses_to_start_with_a_clear_message(tmp_path: Path, damage: str) -> None:
    kb = tmp_path / "knowledge.sqlite3"
    if damage == "corrupt":
        kb.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    elif damage == "empty":
        sqlite3.connect(kb).close()  # a valid SQLite file without the tables
    config = StackConfig(rasa_port=free_port(), actions_port=free_port(), tracker_sqlite=tmp_path / "conv.sqlite3",
                         log_dir=tmp_path / "log", extra_env={"KNOWLEDGE_DB_URL": f"sqlite:///{kb}"})
    stack = Stack(config)
    with pytest.raises(StackError) as refused:
        stack.start()
    message = str(refused.value)
    assert message.startswith("Base de connaissances inutilisable")
    assert ("introuvable" if damage == "missing" else "illisible") in message
    assert "make knowledge" in message or damage != "missing"
    assert not stack.procs  # nothing was started


def test_bad_setting_refuses_to_start_naming_the_variable(tmp_path: Path) -> None:
    config = StackConfig(rasa_port=free_port(), actions_port=free_port(), tracker_sqlite=tmp_path / "conv.sqlite3",
                         log_dir=tmp_path / "log", extra_env={"ACTION_TIMEOUT_SECONDS": "trois"})
    stack = Stack(config)
    with pytest.raises(StackError, match="ACTION_TIMEOUT_SECONDS='trois'"):
        stack.start()
    assert not stack.procs


def test_base_replaced_many_times_under_queries_never_fails_a_reader(tmp_path: Path, kb_url: str) -> None:
    """Rebuilds swap the file (os.replace) while readers query: each read sees the old or the new base."""
    source = Path(kb_url.removeprefix("sqlite:///"))
    versions = []
    for phone in ("081 111 111", "081 222 222"):
        copy = tmp_path / f"base-{phone[-3:]}.sqlite3"
        shutil.copy(source, copy)
        with sqlite3.connect(copy) as db:
            assert db.execute("UPDATE contacts SET value = ? WHERE value = ?", (phone, PHONE)).rowcount == 1
        versions.append((copy, phone))
    live = tmp_path / "knowledge.sqlite3"
    shutil.copy(versions[0][0], live)
    kb = KnowledgeBase(f"sqlite:///{live}")
    seen: set[str] = set()
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                phones = [c.value for c in kb.contacts(kind="phone") if c.value.startswith("081")]
                seen.update(phones)
                assert len(phones) == 1, phones
            except BaseException as exc:  # noqa: BLE001 (collected, asserted below)
                errors.append(exc)
                return

    readers = [threading.Thread(target=reader) for _ in range(4)]
    for t in readers:
        t.start()
    try:
        for i in range(60):
            staged = tmp_path / f".staged-{i}"
            shutil.copy(versions[i % 2][0], staged)
            os.replace(staged, live)  # what knowledge.builder does
            time.sleep(0.02)
    finally:
        stop.set()
        for t in readers:
            t.join(10)
    kb.close()
    assert not errors, errors[:3]
    assert seen == {"081 111 111", "081 222 222"}


def test_base_corrupted_while_running_says_so_then_recovers(tmp_path: Path, kb_url: str) -> None:
    live = tmp_path / "knowledge.sqlite3"
    shutil.copy(Path(kb_url.removeprefix("sqlite:///")), live)
    kb = KnowledgeBase(f"sqlite:///{live}")
    assert kb.contacts(kind="phone")
    broken = tmp_path / ".broken"
    broken.write_bytes(b"not a database at all" * 100)
    shutil.copy(live, tmp_path / "good.sqlite3")
    os.replace(broken, live)
    with pytest.raises(KnowledgeUnavailable, match="illisible"):
        kb.contacts(kind="phone")
    os.replace(tmp_path / "good.sqlite3", live)
    assert any(c.value == PHONE for c in kb.contacts(kind="phone"))
    kb.close()


# --- Rasa restart and tracker database ---------------------------------------------------


@pytest.mark.slow
async def test_rasa_restarted_mid_conversation_continues_where_it_was(stack: Stack) -> None:
    sender = "fault-rasa-restart"
    async with aiohttp.ClientSession() as session:
        first = await ask_text(session, stack.config.rasa_url, sender, "Comment joindre le service de Suresnes ?")
    stack.start_one("rasa")  # stops it (SIGTERM), starts it again
    async with aiohttp.ClientSession() as session:
        follow_up = await ask_text(session, stack.config.rasa_url, sender, "et son numéro ?")
    events = stored_events(sqlite_target(stack).tracker_url, sender)
    slots = [e.data for e in events if e.type_name == "slot" and e.data.get("name") == "body"]
    assert slots and slots[-1]["value"] == "suresnes"  # the context survived the restart
    assert SURESNES_STREET in first
    assert SURESNES_PHONE in follow_up and SURESNES_STREET not in follow_up and PHONE not in follow_up
    assert user_texts(events) == ["Comment joindre le service de Suresnes ?", "et son numéro ?"]
    assert turns_are_complete(events)


@pytest.mark.slow
async def test_tracker_database_down_then_back_without_restarting_rasa(scaled: Scaled) -> None:
    sender = "fault-db-down"
    a, b = scaled.a.config.rasa_url, scaled.b.config.rasa_url
    async with aiohttp.ClientSession() as session:
        assert STREET in await ask_text(session, a, sender, QUESTION)
        scaled.pg.stop()
        try:
            seconds, (status, body) = await timed(ask(session, b, sender, "et son numéro ?"))
            assert status == 503 and seconds < 5.0, (status, seconds, body)
            assert_service_message(body["error"]["message"])
        finally:
            scaled.pg.start()
        # Both instances had open connections to the old server: neither needs a restart.
        on_b = await ask_text(session, b, sender, "et son numéro ?")
        on_a = await ask_text(session, a, f"{sender}-other", QUESTION)
    assert PHONE in on_b and STREET not in on_b  # context from before the outage
    assert STREET in on_a
    events = stored_events(scaled.tracker_url, sender)
    assert user_texts(events) == [QUESTION, "et son numéro ?"]
    assert turns_are_complete(events)
    assert "et son numéro" not in log_text(scaled.b)  # the user's words never reach the logs
