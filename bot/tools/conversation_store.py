"""Direct access to the conversation store (Rasa's `events` table) for staff commands.

Same settings as the running assistant: PostgreSQL when TRACKER_DB_HOST is set (with
TRACKER_DB_PORT/NAME/USER/PASSWORD), else the SQLite file TRACKER_SQLITE_PATH.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import MetaData, Table, create_engine, delete, func, select
from sqlalchemy.engine import URL, Engine

from bot.components.session_window import conversation_state, create_tables

ROOT = Path(__file__).resolve().parents[2]


def tracker_db_url() -> URL | str:
    """SQLAlchemy URL of the conversation store, from the environment."""
    host = os.environ.get("TRACKER_DB_HOST")
    if host:
        return URL.create(
            "postgresql", username=os.environ.get("TRACKER_DB_USER"), password=os.environ.get("TRACKER_DB_PASSWORD"),
            host=host, port=int(os.environ.get("TRACKER_DB_PORT", "5432")),
            database=os.environ.get("TRACKER_DB_NAME", "rasa"),
        )
    path = os.environ.get("TRACKER_SQLITE_PATH", str(ROOT / "var" / "conversations.sqlite3"))
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class StoredEvent:
    sender_id: str
    type_name: str
    timestamp: float
    intent: str | None
    action: str | None
    data: dict


class ConversationStore:
    """Reads and deletes conversations in Rasa's `events` table, with their saved state."""

    def __init__(self, url: URL | str | None = None, engine: Engine | None = None):
        self.engine = engine or create_engine(url or tracker_db_url())
        self.events = Table("events", MetaData(), autoload_with=self.engine)
        create_tables(self.engine)  # a store the assistant has not opened since it gained them

    def iter_events(self, since: float | None = None) -> Iterator[StoredEvent]:
        """Every stored event in order, optionally only those after `since` (epoch seconds)."""
        e = self.events.c
        stmt = select(e.sender_id, e.type_name, e.timestamp, e.intent_name, e.action_name, e.data).order_by(e.id)
        if since is not None:
            stmt = stmt.where(e.timestamp >= since)
        with self.engine.connect() as conn:
            for r in conn.execute(stmt):
                yield StoredEvent(r.sender_id, r.type_name, r.timestamp or 0.0, r.intent_name, r.action_name,
                                  json.loads(r.data or "{}"))

    def purge_older_than(self, days: int, now: float | None = None) -> int:
        """Delete whole conversations whose last event is older than `days`; returns how many.

        Reads only the events older than the cutoff and each candidate's last event (by the
        indexes of session_window.py), not the whole table.
        """
        cutoff = (now or time.time()) - days * 86400
        e, last = self.events.c, self.events.alias("last").c
        candidates = select(e.sender_id).where(e.timestamp < cutoff).distinct()
        deleted = 0
        with self.engine.begin() as conn:
            senders = [r.sender_id for r in conn.execute(candidates)]
            for i in range(0, len(senders), 500):
                chunk = senders[i:i + 500]
                last_ids = select(func.max(last.id)).where(last.sender_id.in_(chunk)).group_by(last.sender_id)
                stale = [r.sender_id for r in conn.execute(
                    select(e.sender_id).where(e.id.in_(last_ids), e.timestamp < cutoff))]
                self._delete(conn, stale)
                deleted += len(stale)
        return deleted

    def erase(self, sender_id: str) -> int:
        """Delete one conversation by its code; returns the number of events removed."""
        with self.engine.begin() as conn:
            return self._delete(conn, [sender_id])

    def _delete(self, conn, senders: list[str]) -> int:
        conn.execute(delete(conversation_state).where(conversation_state.c.sender_id.in_(senders)))
        return conn.execute(delete(self.events).where(self.events.c.sender_id.in_(senders))).rowcount
