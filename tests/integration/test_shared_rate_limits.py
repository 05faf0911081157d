"""Rate limits shared by several instances through a real Redis server (the scale profile).

Each limiter set stands for one Rasa instance: its own Redis client, the same buckets.
"""

from __future__ import annotations

import uuid

import pytest

from bot.channels.ratelimit import RateLimiter, RedisRateLimiter, make_limiters
from tests.conftest import free_port
from tests.support.servers import RedisServer

pytestmark = pytest.mark.integration


def instance(server: RedisServer, per_minute: int) -> RedisRateLimiter:
    env = {"REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(server.port), "REDIS_DB": "0"}
    return make_limiters({"address": per_minute}, env)["address"]


async def test_two_instances_share_one_limit(redis_server: RedisServer) -> None:
    a, b = instance(redis_server, 6), instance(redis_server, 6)
    assert isinstance(a, RedisRateLimiter)
    key = f"198.51.100.{uuid.uuid4().int % 250}"
    waits = [await (a if i % 2 else b).check(key) for i in range(8)]
    assert waits[:6] == [0.0] * 6  # 6 a minute in all, not 6 per instance
    assert 9 < waits[6] <= 10 and waits[7] > 0
    assert await a.check(key + "-other") == 0.0  # keys are independent
    await a.close()
    await b.close()


async def test_the_shared_bucket_refills_like_the_local_one(redis_server: RedisServer) -> None:
    shared, local = instance(redis_server, 600), RateLimiter(600)  # 10 a second
    key = f"conv-{uuid.uuid4().hex}"
    shared_waits = [await shared.check(key) for _ in range(601)]
    local_waits = [local.take(key) for _ in range(601)]
    assert shared_waits.count(0.0) >= 600 and local_waits.count(0.0) == 600
    assert shared_waits[-1] <= 0.1 and local_waits[-1] <= 0.1
    await shared.close()


async def test_without_redis_requests_go_through() -> None:
    """An unavailable guard must not make the assistant unavailable: allowed, and logged."""
    env = {"REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(free_port())}  # nothing listens there
    limiter = make_limiters({"address": 1}, env)["address"]
    assert [await limiter.check("x") for _ in range(3)] == [0.0, 0.0, 0.0]
    await limiter.close()


def test_without_redis_host_the_limits_are_in_memory() -> None:
    assert isinstance(make_limiters({"address": 5}, {})["address"], RateLimiter)
