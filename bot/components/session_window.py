"""A bounded view of a long conversation: its recent turns, after the state they start from.

Rasa reads, replays and featurises every event of the current session at every turn, so a
turn cost more the longer the conversation (measured: 65 ms at turn 1, 354 ms at turn 500).
The policies look back a few turns (`max_history` 3 and 5 in bot/config.yml) and the
actions two (bot/rasa_patches/action_payload.py); what older turns still carry is state:
slot values, the active form, a pause.

So once a session is long, each save also stores the conversation's state after its last
event (`conversation_state`), and a turn reads the state saved just before its
`WINDOW_TURNS`-th latest user message, restored as the events that set it, followed by
every event after it. Replaying those gives the state Rasa gets from the whole session,
and the same last turns for the policies. When no such state exists in the session (it is
short, or the state was written by an older version), the whole session is read, as Rasa
does. The full history stays stored: the widget's history, reports and erasure read it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

if TYPE_CHECKING:  # staff tools use the table without loading Rasa
    from rasa.shared.core.trackers import DialogueStateTracker

# User messages of the session a turn reads (more than the policies' `max_history` of 5).
WINDOW_TURNS = 8

metadata = sa.MetaData()
conversation_state = sa.Table(
    "conversation_state", metadata,
    sa.Column("sender_id", sa.String(255), primary_key=True),
    sa.Column("event_id", sa.Integer, primary_key=True),  # the state after this event
    sa.Column("data", sa.Text, nullable=False),
)

# Rasa indexes `events.sender_id` alone: finding a conversation's latest session start or
# latest events then reads all of its rows, and a purge by date the whole table.
INDEXES = {
    "ix_events_sender_type_time": "sender_id, type_name, timestamp",
    "ix_events_sender_event": "sender_id, id",
    "ix_events_timestamp": "timestamp",
}


# Any fixed number: the PostgreSQL advisory lock that instances creating the tables share.
_CREATION_LOCK = 5_105_151
ATTEMPTS = 5


def create_tables(engine: sa.engine.Engine) -> None:
    """The state table and the indexes on Rasa's `events` table (which must exist).

    Instances starting together on one PostgreSQL database may both try to create them, and
    « IF NOT EXISTS » does not see an index another transaction is still creating (its
    commit then fails on a duplicate name): creators take turns under an advisory lock, and
    a failed pass is retried, when the other's work is visible.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CREATION_LOCK})
                metadata.create_all(conn)
                for name, columns in INDEXES.items():
                    conn.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON events ({columns})"))
            return
        except sa.exc.DBAPIError:
            if attempt == ATTEMPTS:
                raise
            time.sleep(0.2 * attempt)


def snapshot(tracker: DialogueStateTracker) -> dict[str, Any]:
    """The state of `tracker` after its last event that outlives its recent turns."""
    slots = {name: slot.value for name, slot in tracker.slots.items() if slot.value != slot.initial_value}
    return {"slots": slots, "active_loop": tracker.active_loop_name, "paused": tracker.is_paused()}


def restoring_events(state: dict[str, Any], timestamp: float | None) -> list[dict[str, Any]]:
    """Events (as stored) that put a new tracker in `state`, dated like the window's start."""
    events: list[dict[str, Any]] = [{"event": "slot", "name": name, "value": value, "timestamp": timestamp}
                                    for name, value in (state.get("slots") or {}).items()]
    if state.get("active_loop"):
        events.append({"event": "active_loop", "name": state["active_loop"], "timestamp": timestamp})
    if state.get("paused"):
        events.append({"event": "pause", "timestamp": timestamp})
    return events


def state_before_window(events: sa.Table, session_start: Any) -> sa.sql.Select:
    """The latest saved state before the session's `WINDOW_TURNS`-th latest user message,
    if it is in the session: (event_id, data), or no row.

    The user messages are found by time, which `ix_events_sender_type_time` keeps in order.
    """
    c, s = events.c, conversation_state.c
    sender = sa.bindparam("sender")
    in_session = sa.or_(c.timestamp >= session_start, session_start.is_(None))
    nth_user = (sa.select(c.id).where(c.sender_id == sender, c.type_name == "user", in_session)
                .order_by(c.timestamp.desc()).limit(1).offset(WINDOW_TURNS - 1).scalar_subquery())
    # By time too: `max(id)` would read every event of the conversation through another index.
    session_started = (sa.select(c.id).where(c.sender_id == sender, c.type_name == "session_started")
                       .order_by(c.timestamp.desc()).limit(1).scalar_subquery())
    return (sa.select(s.event_id, s.data)
            .where(s.sender_id == sender, s.event_id < nth_user,
                   s.event_id >= sa.func.coalesce(session_started, 0))
            .order_by(s.event_id.desc()).limit(1))
