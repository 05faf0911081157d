"""Redis lock store whose ticket operations are atomic across Rasa instances.

Rasa's `RedisLockStore` reads a conversation's ticket lock, changes it in Python and
writes it back. Two instances issuing tickets for the same conversation at the same
moment can both read "last ticket 3", both take ticket 4 and then process the
conversation at the same time, so one turn's events are lost. Here every
read-modify-write runs in a Redis WATCH/MULTI transaction that redis-py retries when
another instance changed the lock in between.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
# `change` gets the stored lock (None if there is none) and returns its result and the
# lock to store back (None deletes the key).
LockChange = Callable[[TicketLock | None], tuple[T, TicketLock | None]]


class AtomicRedisLockStore(RedisLockStore):
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
