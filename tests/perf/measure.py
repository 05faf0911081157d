"""Timing helpers for the benchmark: percentiles, sequential series, open and closed loops."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

Send = Callable[[str, str], Awaitable[bool]]  # (sender, message) -> ok


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile of `values` (q in 0..100)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


@dataclass
class Series:
    """Latency figures (milliseconds) of one measurement, medians over repeated runs."""

    p50: float
    p95: float
    p99: float
    count: int
    errors: int = 0

    @classmethod
    def of_runs(cls, runs: list[list[float]], errors: int = 0) -> Series:
        med = statistics.median
        return cls(med(percentile(r, 50) for r in runs), med(percentile(r, 95) for r in runs),
                   med(percentile(r, 99) for r in runs), sum(len(r) for r in runs), errors)


async def sequential(send: Send, messages: list[str], count: int, tag: str, per_conversation: int = 20) -> list[float]:
    """`count` turns from one user, one after the other; a new conversation every few turns.

    Conversations are kept short, as real ones are: one endless conversation would measure
    the growth of its own history instead of a turn.
    """
    latencies = []
    for i in range(count):
        start = time.perf_counter()
        if not await send(f"{tag}-{i // per_conversation}", messages[i % len(messages)]):
            raise RuntimeError(f"échec d'un tour pendant « {tag} »")
        latencies.append((time.perf_counter() - start) * 1000)
    return latencies


async def open_loop(send: Send, messages: list[str], rate: float, seconds: float, tag: str,
                    users: int | None = None) -> tuple[list[float], int]:
    """Messages arrive at a fixed rate whatever the replies; each user has its own conversation.

    Latency counts from the scheduled send time, so a slow server cannot hide its queue.
    """
    users = users or max(1, int(rate * 2))  # each user speaks about every two seconds
    total = int(rate * seconds)
    latencies: list[float] = []
    errors = 0
    t0 = time.perf_counter() + 0.1

    async def one(i: int) -> None:
        nonlocal errors
        scheduled = t0 + i / rate
        await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
        try:
            ok = await asyncio.wait_for(send(f"{tag}-u{i % users}", messages[i % len(messages)]), timeout=30)
        except (asyncio.TimeoutError, OSError):
            ok = False
        if ok:
            latencies.append((time.perf_counter() - scheduled) * 1000)
        else:
            errors += 1

    await asyncio.gather(*(one(i) for i in range(total)))
    return latencies, errors


async def closed_loop(send: Send, messages: list[str], concurrency: int, seconds: float, tag: str) -> float:
    """Saturated throughput: `concurrency` users sending back to back; returns messages/s."""
    done = 0
    stop_at = time.perf_counter() + seconds

    async def user(u: int) -> None:
        nonlocal done
        i = 0
        while time.perf_counter() < stop_at:
            if await send(f"{tag}-c{u}-{i // 20}", messages[(u + i) % len(messages)]):
                done += 1
            i += 1

    start = time.perf_counter()
    await asyncio.gather(*(user(u) for u in range(concurrency)))
    return done / (time.perf_counter() - start)
