"""The lock stores serialise one conversation across Rasa processes: Redis (real server,
several machines) and SQLite (the conversations' file, several workers on one machine).

Each thread stands for one Rasa process: its own store, its own connection. With Rasa's
stock lock stores these races lose tickets (two holders at once); see
bot/components/lock_store.py.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Callable

import pytest
from rasa.utils.endpoints import EndpointConfig

from bot.components.lock_store import AtomicRedisLockStore, AtomicTickets, SQLiteLockStore

pytestmark = pytest.mark.integration
INSTANCES = 4


@pytest.fixture(params=["redis", "sqlite"])
def store_for(request: pytest.FixtureRequest, tmp_path) -> Callable[[], AtomicTickets]:
    """A new store (its own connection) on the shared Redis server or SQLite file."""
    if request.param == "sqlite":
        return lambda: SQLiteLockStore(db=str(tmp_path / "conversations.sqlite3"))
    server = request.getfixturevalue("redis_server")
    return lambda: AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=server.port, db=0))


def run_in_threads(target, count: int = INSTANCES) -> None:
    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)


def test_tickets_issued_at_the_same_time_by_several_instances_are_all_different(store_for) -> None:
    conversation = f"tickets-{uuid.uuid4().hex[:6]}"
    issued: list[int] = []
    guard = threading.Lock()

    def instance(_: int) -> None:
        store = store_for()
        for _ in range(50):
            ticket = store.issue_ticket(conversation)
            with guard:
                issued.append(ticket)

    run_in_threads(instance)
    assert len(issued) == INSTANCES * 50
    assert len(set(issued)) == len(issued)
    assert len(store_for().get_lock(conversation).tickets) == len(issued)


def test_only_one_instance_at_a_time_holds_a_conversation(store_for) -> None:
    conversation = f"exclusive-{uuid.uuid4().hex[:6]}"
    state = {"counter": 0, "inside": 0, "overlaps": 0}
    turns_per_instance = 15

    async def turns(store: AtomicTickets) -> None:
        for _ in range(turns_per_instance):
            async with store.lock(conversation, wait_time_in_seconds=0.005):
                state["inside"] += 1
                state["overlaps"] += state["inside"] > 1
                seen = state["counter"]
                await asyncio.sleep(0.002)  # a turn's work: another holder would write in between
                state["counter"] = seen + 1
                state["inside"] -= 1

    run_in_threads(lambda _: asyncio.run(turns(store_for())))
    assert state["overlaps"] == 0
    assert state["counter"] == INSTANCES * turns_per_instance  # no lost update
    # The last holder removed the lock: nothing stays behind.
    assert store_for().get_lock(conversation) is None


def test_a_released_ticket_keeps_the_lock_while_others_wait(store_for) -> None:
    store = store_for()
    conversation = f"queue-{uuid.uuid4().hex[:6]}"
    first, second = store.issue_ticket(conversation), store.issue_ticket(conversation)
    store.cleanup(conversation, first)
    lock = store.get_lock(conversation)
    assert lock is not None and lock.now_serving == second
    store.cleanup(conversation, second)
    assert store.get_lock(conversation) is None


def test_an_expired_ticket_of_a_crashed_instance_is_dropped(store_for) -> None:
    store = store_for()
    conversation = f"crash-{uuid.uuid4().hex[:6]}"
    store.issue_ticket(conversation, lock_lifetime=-1)  # its holder died long ago
    waiting = store.issue_ticket(conversation)
    store.update_lock(conversation)
    assert store.get_lock(conversation).now_serving == waiting
