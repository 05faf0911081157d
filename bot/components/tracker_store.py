"""The conversation store the assistant uses: Rasa's SQL store, masking personal data,
that survives a database restart and reports its failures to the turn guard.

Rasa wraps every tracker store in a `FailSafeTrackerStore` that hides errors (a failed read
becomes an empty conversation). Recording the failure lets the channel tell the user the
service is unavailable instead of answering without the conversation's context.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import Any, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.components import session_window
from bot.server.failures import record_failure
from bot.server.privacy import mask_tracker, mask_value

log = logging.getLogger(__name__)
T = TypeVar("T")


def _use_write_ahead_log(engine: Engine) -> Any:
    """SQLite in WAL mode with normal sync: fsyncs at checkpoints, not at every commit.

    Rasa's SQL store runs on the server's event loop, so a commit waiting for a busy disk
    stalls every conversation (measured: 10 ms per commit, 150 ms worst, against 0.2 ms
    and 7 ms here). WAL also lets staff tools read while the assistant writes.

    Returns:
        A connection to keep open: SQLAlchemy 1.4 opens one connection per session for
        SQLite files, and closing the last one would checkpoint and delete the log each time.
    """
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA journal_mode=WAL")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    engine.dispose()  # pooled connections were opened before the listener
    return engine.raw_connection()


def _pooled_sqlite_engine(engine: Engine) -> Engine:
    """The same SQLite database behind a pool that keeps its connections open.

    SQLAlchemy 1.4 gives SQLite files a `NullPool`: every session (two per turn) opened
    the file, set the pragmas and mapped the log again (py-spy: 2 % of the server's busy
    time). The server uses the store from its event loop only, one session at a time, so
    pooled connections may be handed between threads (`check_same_thread`).
    """
    pooled = sa.create_engine(engine.url, poolclass=QueuePool, pool_size=2, max_overflow=8,
                              connect_args={"check_same_thread": False}, hide_parameters=True)
    engine.dispose()
    return pooled


# Attribute set on a tracker by this store: how many of its events are in the database
# and the last of them, so that saving it needs no count query (see `_additional_events`).
STORED_EVENTS = "_stored_events"
# Attribute set on a tracker read as a window of its session (see session_window.py): the
# id of the event its restored state follows (0 if read whole). Its first events restore
# that state and were never stored, so its stored events cannot be counted.
WINDOWED = "_windowed"


def _remember_stored_events(tracker: DialogueStateTracker) -> None:
    events = tracker.events
    setattr(tracker, STORED_EVENTS, (len(events), events[-1] if events else None))


class MaskingSQLTrackerStore(SQLTrackerStore):
    """SQL tracker store that never writes personal data typed by users."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        typed = mask_tracker(tracker)
        await super().save(tracker)
        self._saved(tracker, typed)

    def _saved(self, tracker: DialogueStateTracker, typed: dict[str, str]) -> None:
        """Called once the tracker's new events are stored; `typed` as `mask_tracker` gives it."""


class GuardedSQLTrackerStore(MaskingSQLTrackerStore):
    """`MaskingSQLTrackerStore` with one retry on a dropped connection and failure reports."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # SQLAlchemy errors quote the statement's parameters, i.e. users' messages; Rasa logs
        # these errors, so keep the parameters out of them.
        self.engine.hide_parameters = True
        if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            self.engine = _pooled_sqlite_engine(self.engine)
            self.sessionmaker = sessionmaker(bind=self.engine)
        self._wal_keeper = _use_write_ahead_log(self.engine) if self.engine.dialect.name == "sqlite" else None
        self._statements: dict[Any, sa.sql.Select] = {}  # see `_events_statement`
        session_window.create_tables(self.engine)

    def close(self) -> None:
        """Release the database connections (the server simply exits; tests call this)."""
        if self._wal_keeper is not None:
            self._wal_keeper.close()
            self._wal_keeper = None
        self.engine.dispose()

    async def guarded(self, operation: str, call: Callable[..., Awaitable[T]], *args: Any) -> T:
        """`call(*args)`, retried once on a dropped connection; a failure is reported to the turn."""
        try:
            return await call(*args)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                record_failure("tracker_store")
                raise
            # The server restarted since the pooled connection was opened: the pool has
            # discarded its connections, so one retry gets a fresh one.
            log.warning("tracker store connection lost during %s; retrying once", operation)
        except Exception:
            record_failure("tracker_store")
            raise
        try:
            return await call(*args)
        except Exception:
            record_failure("tracker_store")
            raise

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        """Rasa's `SQLTrackerStore._retrieve`, reading only the events' JSON column, and of a
        long latest session, only its recent turns (session_window.py).

        Rasa loads every event row as an ORM object only to read its `data`; selecting the
        one column (same filters, same order) halves the time of a retrieval, which every
        turn makes (measured with py-spy, see bot/rasa_patches/). A tracker read from the
        latest session remembers how many of its events are stored (`_additional_events`).
        """
        with self.session_scope() as session:
            window = None if fetch_events_from_all_sessions else self._window(session, sender_id)
            read_from, events = window if window is not None else (0, None)
            if events is None:
                rows = session.execute(self._events_statement(fetch_events_from_all_sessions), {"sender": sender_id})
                events = [json.loads(data) for data in rows.scalars()]
        if self.domain and events:
            tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
            if not fetch_events_from_all_sessions and len(tracker.events) == len(events):
                _remember_stored_events(tracker)
                setattr(tracker, WINDOWED, read_from)
            return tracker
        return None

    def _window(self, session: Session, sender_id: str) -> tuple[int, list[dict[str, Any]]] | None:
        """The latest session's recent turns after the events restoring the state they start
        from, with the id of the event that state follows; None when the whole session is to
        be read (see session_window.py)."""
        params = {"sender": sender_id}
        state = session.execute(self._statement("state"), params).first()
        if state is None:
            return None
        window = [json.loads(data) for data in
                  session.execute(self._statement("window"), {**params, "after": state.event_id}).scalars()]
        timestamp = window[0].get("timestamp") if window else None
        return state.event_id, session_window.restoring_events(json.loads(state.data), timestamp) + window

    def _statement(self, name: str) -> sa.sql.Select:
        """The window's statements, "state" and "window", built once per store (see `_events_statement`)."""
        if name not in self._statements:
            events = self.SQLEvent.__table__
            if name == "state":
                statement = session_window.state_before_window(events, self._session_start(events))
            else:
                statement = (sa.select(events.c.data)
                             .where(events.c.sender_id == sa.bindparam("sender"), events.c.id > sa.bindparam("after"))
                             .order_by(events.c.id))
            self._statements[name] = statement
        return self._statements[name]

    @staticmethod
    def _session_start(events: sa.Table) -> Any:
        """The time of the conversation's latest `SessionStarted` (None if it has none)."""
        return (sa.select(sa.func.max(events.c.timestamp))
                .where(events.c.sender_id == sa.bindparam("sender"), events.c.type_name == SessionStarted.type_name)
                .scalar_subquery())

    def _events_statement(self, all_sessions: bool) -> sa.sql.Select:
        """Rasa's event query (`_event_query`) for the `data` column, built once per store.

        Same filters and order: the conversation's events, from its latest `SessionStarted`
        on unless `all_sessions`, by id. Built with Core and a bound parameter, SQLAlchemy
        reuses its compiled form instead of building an ORM query at every turn.
        """
        statements = self._statements
        if all_sessions not in statements:
            events = self.SQLEvent.__table__
            session_start = self._session_start(events)
            statement = sa.select(events.c.data).where(events.c.sender_id == sa.bindparam("sender"))
            if not all_sessions:
                statement = statement.where(sa.or_(events.c.timestamp >= session_start, session_start.is_(None)))
            statements[all_sessions] = statement.order_by(events.c.id)
        return statements[all_sessions]

    def _additional_events(self, session: Session, tracker: DialogueStateTracker) -> Iterator:
        """Rasa's `_additional_events` without its count query when this store read the tracker.

        Rasa counts the stored events of the conversation's latest session at every save
        (py-spy: 7 % of busy time). That count is known when the tracker was read from this
        store and is updated at each save; turns of one conversation are serialised by the
        lock store, so nothing else writes between. A tracker read otherwise, or whose events
        are not the ones remembered, is counted as Rasa does; a windowed one, whose first
        events were never stored, by the time of the last event stored.
        """
        stored = getattr(tracker, STORED_EVENTS, None)
        if stored is not None:
            count, last = stored
            events = tracker.events
            if len(events) >= count and (events[count - 1] is last if count else last is None):
                return itertools.islice(events, count, None)
            if getattr(tracker, WINDOWED, 0) and last is not None:
                log.warning("windowed conversation changed since it was read; saving its later events")
                return (e for e in events if e.timestamp > last.timestamp)
        return super()._additional_events(session, tracker)

    def _saved(self, tracker: DialogueStateTracker, typed: dict[str, str]) -> None:
        """Saves the conversation's state once its session is long enough to be read as a
        window, and forgets the states older than the one it was read from."""
        read_from = getattr(tracker, WINDOWED, 0)
        if not read_from and sum(isinstance(e, UserUttered) for e in tracker.events) < session_window.WINDOW_TURNS - 1:
            return
        state = session_window.snapshot(tracker)
        state["slots"] = mask_value(state["slots"], typed)
        events, table = self.SQLEvent.__table__, session_window.conversation_state
        sender = tracker.sender_id
        with self.session_scope() as session:
            last = session.execute(sa.select(sa.func.max(events.c.id)).where(events.c.sender_id == sender)).scalar()
            session.execute(sa.delete(table).where(table.c.sender_id == sender,
                                                   sa.or_(table.c.event_id >= last, table.c.event_id < read_from)))
            session.execute(sa.insert(table).values(sender_id=sender, event_id=last, data=json.dumps(state)))
            session.commit()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        return await self.guarded("retrieve", super().retrieve, sender_id)

    async def recent_events(self, sender_id: str, limit: int) -> list[Event]:
        """The conversation's last `limit` events (all sessions), from its first user message
        among them on, in order: what the widget shows and checks, read in bounded time."""
        return await self.guarded("recent_events", self._recent_events, sender_id, limit)

    async def _recent_events(self, sender_id: str, limit: int) -> list[Event]:
        c = self.SQLEvent.__table__.c
        statement = sa.select(c.data).where(c.sender_id == sender_id).order_by(c.id.desc()).limit(limit)
        with self.session_scope() as session:
            rows = [json.loads(data) for data in session.execute(statement).scalars()][::-1]
        if len(rows) == limit:  # cut: start at a user message, as a turn does
            first = next((i for i, row in enumerate(rows) if row.get("event") == UserUttered.type_name), len(rows))
            rows = rows[first:]
        return [event for event in (Event.from_parameters(row) for row in rows) if event is not None]

    async def count_user_messages(self, sender_id: str, up_to: int) -> int:
        """How many messages the user sent in this conversation (all sessions), counted up
        to `up_to` at most: a cap is checked in bounded time."""
        return await self.guarded("count_user_messages", self._count_user_messages, sender_id, up_to)

    async def _count_user_messages(self, sender_id: str, up_to: int) -> int:
        c = self.SQLEvent.__table__.c
        users = (sa.select(c.id).where(c.sender_id == sender_id, c.type_name == UserUttered.type_name)
                 .limit(up_to).subquery())
        with self.session_scope() as session:
            return session.execute(sa.select(sa.func.count()).select_from(users)).scalar() or 0

    async def retrieve_full_tracker(self, conversation_id: str) -> DialogueStateTracker | None:
        return await self.guarded("retrieve_full_tracker", super().retrieve_full_tracker, conversation_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.guarded("save", super().save, tracker)
        _remember_stored_events(tracker)

    async def keys(self) -> Iterable[str]:
        return await self.guarded("keys", super().keys)
