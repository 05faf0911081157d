"""How the cost grows, for `make bench`: along one conversation, and with a full store.

Each figure is measured side by side with its reference in the same run: turn 1,000 of a
conversation against its first turns, a store of a million events against an empty one.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import time
from pathlib import Path

from tests.perf.measure import Send, percentile, sequential

# Turns of one conversation whose cost is reported: the median of the `SPAN` turns ending there.
MARKS = (50, 100, 500, 1000)
SPAN = 50


async def along_one_conversation(send: Send, messages: list[str], tag: str, conversations: int = 3,
                                 turns: int = MARKS[-1]) -> dict[int, float]:
    """Median latency (ms) of the `SPAN` turns ending at each mark, over `conversations`
    conversations of `turns` turns each (medians of the per-conversation medians)."""
    per_mark: dict[int, list[float]] = {mark: [] for mark in MARKS if mark <= turns}
    for c in range(conversations):
        latencies = await sequential(send, messages, turns, f"{tag}-{c}", per_conversation=turns)
        for mark in per_mark:
            per_mark[mark].append(statistics.median(latencies[mark - SPAN:mark]))
    return {mark: statistics.median(values) for mark, values in per_mark.items()}


def template_conversation(store: Path, length: int = 20) -> list[tuple]:
    """The stored rows of a conversation of about `length` events in `store`, to copy."""
    with sqlite3.connect(store) as db:
        sender = db.execute("SELECT sender_id FROM events GROUP BY sender_id ORDER BY abs(count(*) - ?) LIMIT 1",
                            (length,)).fetchone()[0]
        return db.execute("SELECT type_name, intent_name, action_name, data FROM events WHERE sender_id = ? "
                          "ORDER BY id", (sender,)).fetchall()


def fill_store(live: Path, target: Path, template: list[tuple], events: int, days: int = 120) -> float:
    """Copies `live` (a store the assistant uses) to `target` with `events` more events:
    copies of `template` under new conversation codes, spread over the last `days` days.

    Returns the seconds it took. The copies are never shipped: they live in the bench's
    temporary folder.
    """
    started = time.perf_counter()
    with sqlite3.connect(live) as source, sqlite3.connect(target) as copy:
        source.backup(copy)  # consistent, write-ahead log included
    rng = random.Random(42)
    now = time.time()
    with sqlite3.connect(target) as db:
        db.execute("PRAGMA journal_mode=WAL")
        rows = []
        for n in range(events // len(template) + 1):
            begin = now - rng.uniform(0, days) * 86400
            for k, (type_name, intent, action, data) in enumerate(template):
                stamp = begin + k
                rows.append((f"rempli-{n:06d}", type_name, stamp, intent, action,
                             json.dumps({**json.loads(data), "timestamp": stamp})))
                if len(rows) == 50_000:
                    db.executemany("INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, "
                                   "data) VALUES (?, ?, ?, ?, ?, ?)", rows)
                    rows = []
        db.executemany("INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
                       "VALUES (?, ?, ?, ?, ?, ?)", rows)
    return time.perf_counter() - started


def staff_operations(store: Path, days: int = 90) -> dict[str, float]:
    """Seconds that erasing one conversation and purging those older than `days` take."""
    from bot.tools.conversation_store import ConversationStore  # noqa: PLC0415

    conversations = ConversationStore(f"sqlite:///{store}")
    timings = {}
    start = time.perf_counter()
    conversations.erase("rempli-000007")
    timings["erase_s"] = time.perf_counter() - start
    start = time.perf_counter()
    timings["purged"] = conversations.purge_older_than(days)
    timings["purge_s"] = time.perf_counter() - start
    conversations.engine.dispose()
    return timings


def percentiles(full: list[list[float]], empty: list[list[float]], q: float) -> tuple[float, float]:
    """Medians over the series of the `q` percentile of each: (full store, empty store)."""
    return (statistics.median(percentile(s, q) for s in full), statistics.median(percentile(s, q) for s in empty))
