"""The windowed read of a long conversation (bot/components/session_window.py) on
PostgreSQL, the scale profile's store: the same dialogue state as Rasa's whole read, and
two stores opening one database at once."""

from __future__ import annotations

import asyncio
import threading
import warnings

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from sqlalchemy.engine import make_url

from bot.components import session_window
from bot.components.tracker_store import GuardedSQLTrackerStore
from bot.tools.stack import ROOT
from tests.support.long_conversation import dialogue_state, play_conversation

pytestmark = pytest.mark.postgres


def _store(url: str, domain: Domain) -> GuardedSQLTrackerStore:
    u = make_url(url)
    return GuardedSQLTrackerStore(domain=domain, dialect="postgresql", host=u.host, port=u.port, db=u.database,
                                  username=u.username, password=u.password)


async def test_a_long_conversation_on_postgresql_is_read_as_rasa_reads_it(postgres_db: str) -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Slot auto-fill has been removed", category=UserWarning)
        domain = Domain.load(str(ROOT / "bot" / "domain"))
    first, second = await asyncio.gather(*(asyncio.to_thread(_store, postgres_db, domain) for _ in range(2)))
    try:
        await play_conversation(first, "pg-long", 30)
        ours = await second.retrieve("pg-long")
        whole = await SQLTrackerStore._retrieve(second, "pg-long", False)  # noqa: SLF001 (Rasa's own read)
        assert sum(isinstance(e, UserUttered) for e in ours.events) == session_window.WINDOW_TURNS
        assert dialogue_state(ours, domain) == dialogue_state(whole, domain)
        assert await second.count_user_messages("pg-long", 100) == 30
    finally:
        first.engine.dispose()
        second.engine.dispose()


def test_many_instances_creating_the_tables_at_once_all_start(postgres_db: str) -> None:
    """« IF NOT EXISTS » does not see an index another transaction is still creating: without
    taking turns, one of several instances starting together failed on a duplicate name."""
    engine = sa.create_engine(postgres_db)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE events (id SERIAL PRIMARY KEY, sender_id VARCHAR(255), "
                             "type_name VARCHAR(255), timestamp FLOAT, data TEXT)"))
    for _round in range(3):
        with engine.begin() as conn:
            for name in session_window.INDEXES:
                conn.execute(sa.text(f"DROP INDEX IF EXISTS {name}"))
        start, errors = threading.Barrier(6), []

        def create(start: threading.Barrier = start, errors: list = errors) -> None:
            start.wait()
            try:
                session_window.create_tables(sa.create_engine(postgres_db))
            except Exception as exc:  # noqa: BLE001 (the test reports every failure)
                errors.append(exc)

        threads = [threading.Thread(target=create) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not errors
        with engine.connect() as conn:
            names = {r[0] for r in conn.execute(sa.text("SELECT indexname FROM pg_indexes WHERE tablename = 'events'"))}
        assert set(session_window.INDEXES) <= names
    engine.dispose()
