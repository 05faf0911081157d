"""Token-bucket rate limiting per key (conversation, address): in memory, or shared through Redis.

One instance keeps its buckets in memory (bounded in size). With several instances behind a
load balancer, per-process buckets would multiply the limit by the number of instances, so
the scale profile (REDIS_HOST set, as for the lock store) keeps them in Redis: one atomic
script per check, timed by Redis's own clock so that instances never disagree.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Protocol

log = logging.getLogger(__name__)


class Limiter(Protocol):
    async def check(self, key: str) -> float:
        """Take one token for `key`; returns 0 if allowed, else the seconds to wait."""

    async def close(self) -> None:
        """Release connections (a no-op in memory)."""


def retry_after(wait: float) -> int:
    """Whole seconds for a Retry-After header."""
    return max(1, math.ceil(wait))


class RateLimiter:
    """Allows `per_minute` requests per key, with bursts up to the same number (this process only)."""

    def __init__(self, per_minute: int, max_keys: int = 50_000, clock: Callable[[], float] = time.monotonic):
        self.capacity = float(per_minute)
        self.refill_per_second = per_minute / 60.0
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, last update)

    def __len__(self) -> int:
        """How many keys are remembered (bounded by `max_keys`)."""
        return len(self._buckets)

    def take(self, key: str) -> float:
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

    async def check(self, key: str) -> float:
        return self.take(key)

    async def close(self) -> None:
        return None


# The same bucket as RateLimiter.take, in one atomic step on the Redis server.
_BUCKET_SCRIPT = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(saved[1]) or capacity
local at = tonumber(saved[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(capacity / rate) + 1)
return tostring(wait)
"""


class RedisRateLimiter:
    """`RateLimiter`'s buckets in Redis, shared by every instance; allows the request if Redis fails
    (an unavailable guard must not make the assistant unavailable), and says so in the log."""

    def __init__(self, per_minute: int, name: str, client: object):
        self.capacity = float(per_minute)
        self.refill_per_second = per_minute / 60.0
        self.prefix = f"srei:rate:{name}:"
        self._client = client
        self._script = client.register_script(_BUCKET_SCRIPT)
        self._warned_at = 0.0

    async def check(self, key: str) -> float:
        try:
            wait = await self._script(keys=[self.prefix + key], args=[self.capacity, self.refill_per_second])
        except Exception as exc:  # noqa: BLE001 (Redis down or slow: let the request through)
            if time.monotonic() - self._warned_at > 60:
                self._warned_at = time.monotonic()
                log.warning("rate limits: Redis unavailable (%s), requests are not limited", exc.__class__.__name__)
            return 0.0
        return float(wait)

    async def close(self) -> None:
        await self._client.close(close_connection_pool=True)


def make_limiters(limits: Mapping[str, int], env: Mapping[str, str] = os.environ) -> dict[str, Limiter]:
    """One limiter per name: in Redis when REDIS_HOST is set (the scale profile), else in memory.

    In memory, each of the RASA_WORKERS processes counts alone, and the kernel spreads
    connections among them: each allows its share of the limit, so that a client never
    gets more than the limit in all (but may get less if its connections land on one).
    """
    host = env.get("REDIS_HOST", "").strip()
    if not host:
        workers = max(1, int(env.get("RASA_WORKERS") or 1))
        return {name: RateLimiter(max(1, math.ceil(per_minute / workers))) for name, per_minute in limits.items()}
    import redis.asyncio  # noqa: PLC0415 (only the scale profile needs it)

    client = redis.asyncio.Redis(host=host, port=int(env.get("REDIS_PORT") or 6379), db=int(env.get("REDIS_DB") or 0),
                                 password=env.get("REDIS_PASSWORD") or None, socket_timeout=0.5,
                                 socket_connect_timeout=0.5)
    return {name: RedisRateLimiter(per_minute, name, client) for name, per_minute in limits.items()}
