"""Token-bucket rate limiting per key (conversation, address), in memory, bounded in size.

Each process keeps its own buckets: with N replicas behind a load balancer the effective
limit is up to N times higher, which is acceptable for a guard against floods.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable


class RateLimiter:
    """Allows `per_minute` requests per key, with bursts up to the same number."""

    def __init__(self, per_minute: int, max_keys: int = 50_000, clock: Callable[[], float] = time.monotonic):
        self.capacity = float(per_minute)
        self.refill_per_second = per_minute / 60.0
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, last update)

    def check(self, key: str) -> float:
        """Take one token for `key`; returns 0 if allowed, else the seconds to wait."""
        now = self._clock()
        tokens, last = self._buckets.pop(key, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.refill_per_second)
        if tokens >= 1.0:
            tokens -= 1.0
            wait = 0.0
        else:
            wait = (1.0 - tokens) / self.refill_per_second
        self._buckets[key] = (tokens, now)  # most recently used last
        while len(self._buckets) > self.max_keys:
            # The least recently used key has refilled the longest: forgetting it is lenient, never unfair.
            self._buckets.popitem(last=False)
        return wait

    @staticmethod
    def retry_after(wait: float) -> int:
        """Whole seconds for a Retry-After header."""
        return max(1, math.ceil(wait))
