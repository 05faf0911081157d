"""A value read from the knowledge base for the channel, cached, never waited on for long.

Errors are exactly when a service may be down, so a failing or slow read yields the last
good value (or the fallback) within `timeout`, and is retried after 30 s, not on every call.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class CachedRead(Generic[T]):
    """Caches `loader()` for `ttl` seconds; never waits more than `timeout`."""

    def __init__(self, loader: Callable[[], T], fallback: Callable[[], T], ttl: float = 300.0,
                 timeout: float = 1.0):
        self._loader = loader
        self._fallback = fallback
        self._ttl = ttl
        self._timeout = timeout
        self._value: T | None = None
        self._loaded_at = 0.0

    async def get(self) -> T:
        """The current value (refreshed when stale), or the last good one if the read fails."""
        now = time.monotonic()
        if self._value is None or now - self._loaded_at > self._ttl:
            try:
                self._value = await asyncio.wait_for(asyncio.to_thread(self._loader), self._timeout)
                self._loaded_at = now
            except Exception as exc:  # noqa: BLE001 (any failure: keep serving the last good value)
                log.warning("knowledge base unavailable (%s)", exc.__class__.__name__)
                self._loaded_at = now - self._ttl + 30
        return self._value if self._value is not None else self._fallback()
