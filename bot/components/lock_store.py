"""Lock stores whose ticket operations are atomic across Rasa processes: in Redis (several
machines, endpoints.scale.yml) and in the SQLite file of the conversations (several Rasa
workers on one machine, endpoints.yml).

Rasa's lock stores read a conversation's ticket lock, change it in Python and write it
back. Two processes issuing tickets for the same conversation at the same moment can both
read "last ticket 3", both take ticket 4 and then process the conversation at the same
time, so one turn's events are lost. Here every read-modify-write is one transaction:
Redis WATCH/MULTI, retried by redis-py when another instance changed the lock in between;
SQLite `BEGIN IMMEDIATE`, which waits for the other writer.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
# `change` gets the stored lock (None if there is none) and returns its result and the
# lock to store back (None deletes the key).
LockChange = Callable[[TicketLock | None], tuple[T, TicketLock | None]]


class AtomicTickets:
    """Rasa's ticket operations, each one read-modify-write in `_atomically`."""

    def _atomically(self, conversation_id: str, change: LockChange[T]) -> T:
        raise NotImplementedError

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue the next ticket of the conversation's lock, creating the lock if needed."""

        def take(lock: TicketLock | None) -> tuple[int, TicketLock]:
            lock = lock or self.create_lock(conversation_id)
            return lock.issue_ticket(lock_lifetime), lock

        try:
            return self._atomically(conversation_id, take)
        except Exception as error:  # same contract as Rasa's: callers expect LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        """Drop expired tickets (a crashed instance's ticket must not block the others forever)."""

        def refresh(lock: TicketLock | None) -> tuple[None, TicketLock | None]:
            if lock:
                lock.remove_expired_tickets()
            return None, lock

        self._atomically(conversation_id, refresh)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket `ticket_number`; the lock stays, even empty."""

        def release(lock: TicketLock | None) -> tuple[None, TicketLock | None]:
            if lock:
                lock.remove_ticket_for(ticket_number)
            return None, lock

        self._atomically(conversation_id, release)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket and, in the same transaction, the lock when nobody else waits."""

        def release(lock: TicketLock | None) -> tuple[None, TicketLock | None]:
            if lock:
                lock.remove_ticket_for(ticket_number)
            return None, lock if lock and lock.is_someone_waiting() else None

        self._atomically(conversation_id, release)


class AtomicRedisLockStore(AtomicTickets, RedisLockStore):
    """`RedisLockStore` with atomic ticket issue, refresh and release."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        """Accept Rasa's endpoint config (`type: bot.components.lock_store.AtomicRedisLockStore`) or keywords.

        Args:
            endpoint_config: the `lock_store` section of endpoints.yml: `url` is the Redis host,
                the other keys (port, db, password, key_prefix...) are `RedisLockStore`'s.
            **kwargs: `RedisLockStore` keywords, used when no endpoint config is given.
        """
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _atomically(self, conversation_id: str, change: LockChange[T]) -> T:
        key = self.key_prefix + conversation_id

        def attempt(pipe: Any) -> T:
            raw = pipe.get(key)  # immediate: the pipeline is watching `key`
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            result, updated = change(lock)
            pipe.multi()
            if updated is None:
                pipe.delete(key)
            else:
                pipe.set(key, updated.dumps())
            return result

        return self.red.transaction(attempt, key, value_from_callable=True)


class SQLiteLockStore(AtomicTickets, LockStore):
    """Ticket locks in a table of the conversations' SQLite file, shared by the Rasa workers
    of one machine (`RASA_WORKERS`); a lock is one row, written in one transaction."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, db: str | None = None) -> None:
        path = db or (endpoint_config.kwargs.get("db") if endpoint_config else None)
        if not path:
            raise ValueError("SQLiteLockStore : le chemin du fichier (db) manque")
        # Autocommit mode: each operation opens its own transaction (BEGIN IMMEDIATE).
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
        # Workers starting together on a new file: switching to WAL does not wait for the
        # busy timeout, so the loser retries for a few seconds.
        for attempt in range(50):
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("CREATE TABLE IF NOT EXISTS conversation_locks "
                                 "(conversation_id TEXT PRIMARY KEY, data TEXT NOT NULL)")
                break
            except sqlite3.OperationalError:
                if attempt == 49:
                    raise
                time.sleep(0.1)

    def _read(self, conversation_id: str) -> TicketLock | None:
        row = self._db.execute("SELECT data FROM conversation_locks WHERE conversation_id = ?",
                               (conversation_id,)).fetchone()
        return TicketLock.from_dict(json.loads(row[0])) if row else None

    def _write(self, conversation_id: str, lock: TicketLock | None) -> None:
        if lock is None:
            self._db.execute("DELETE FROM conversation_locks WHERE conversation_id = ?", (conversation_id,))
        else:
            self._db.execute("INSERT INTO conversation_locks VALUES (?, ?) ON CONFLICT (conversation_id) "
                             "DO UPDATE SET data = excluded.data", (conversation_id, lock.dumps()))

    def _atomically(self, conversation_id: str, change: LockChange[T]) -> T:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            result, updated = change(self._read(conversation_id))
            self._write(conversation_id, updated)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return result

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        return self._read(conversation_id)

    def delete_lock(self, conversation_id: str) -> None:
        self._write(conversation_id, None)

    def save_lock(self, lock: TicketLock) -> None:
        self._write(lock.conversation_id, lock)

    def close(self) -> None:
        self._db.close()
