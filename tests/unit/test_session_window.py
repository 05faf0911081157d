"""A long conversation read as a window (bot/components/session_window.py) is, for the
policies and the actions, the conversation Rasa reads whole."""

from __future__ import annotations

import json
import warnings

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.components import session_window
from bot.components.tracker_store import GuardedSQLTrackerStore
from bot.tools.stack import ROOT
from tests.support.long_conversation import dialogue_state, play_conversation, play_turn


@pytest.fixture(scope="module")
def domain() -> Domain:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Slot auto-fill has been removed", category=UserWarning)
        return Domain.load(str(ROOT / "bot" / "domain"))


@pytest.fixture()
def store(tmp_path, domain: Domain):
    store = GuardedSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "t.sqlite3"))
    yield store
    store.close()


@pytest.mark.parametrize("turns", [3, session_window.WINDOW_TURNS - 1, session_window.WINDOW_TURNS, 19, 21, 40])
async def test_a_windowed_conversation_is_the_whole_one_for_the_dialogue(store, domain: Domain, turns: int) -> None:
    await play_conversation(store, "alice", turns)
    ours = await store.retrieve("alice")
    whole = await SQLTrackerStore._retrieve(store, "alice", False)  # noqa: SLF001
    assert dialogue_state(ours, domain) == dialogue_state(whole, domain)
    if turns >= session_window.WINDOW_TURNS + 2:
        users = [e for e in ours.events if isinstance(e, UserUttered)]
        assert len(users) == session_window.WINDOW_TURNS  # a window, not the whole session
        assert ours.get_slot("programme") == "PrECI" or turns > 16  # kept from turn 2 until the reset


async def test_every_event_is_stored_once_and_the_full_history_stays(store, domain: Domain) -> None:
    await play_conversation(store, "bob", 30)
    rasa = SQLTrackerStore(domain=domain, dialect="sqlite", db=str(store.engine.url.database) + "-rasa")
    start = DialogueStateTracker("bob", domain.slots)
    for event in (ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")):
        start.update(event)
    await rasa.save(start)
    for n in range(30):
        tracker = await rasa.retrieve("bob")
        play_turn(tracker, n)
        await rasa.save(tracker)
    strip = lambda t: [{k: v for k, v in e.as_dict().items() if k != "timestamp"} for e in t.events]  # noqa: E731
    assert strip(await store.retrieve_full_tracker("bob")) == strip(await rasa.retrieve_full_tracker("bob"))


async def test_without_a_saved_state_the_store_reads_the_whole_session(store, domain: Domain) -> None:
    await play_conversation(store, "carol", 20)
    with store.engine.begin() as conn:  # as a conversation saved by an older version
        conn.execute(sa.delete(session_window.conversation_state))
    ours = await store.retrieve("carol")
    assert sum(isinstance(e, UserUttered) for e in ours.events) > session_window.WINDOW_TURNS
    whole = await SQLTrackerStore._retrieve(store, "carol", False)  # noqa: SLF001
    assert dialogue_state(ours, domain) == dialogue_state(whole, domain)


async def test_the_saved_state_holds_no_personal_data(store) -> None:
    await play_conversation(store, "dan", session_window.WINDOW_TURNS)
    tracker = await store.retrieve("dan")
    tracker.update(UserUttered("écrivez à jean.dupont@example.org", {"name": "ask_contact", "confidence": 0.9}))
    tracker.update(SlotSet("topic", "jean.dupont@example.org"))
    await store.save(tracker)
    with store.engine.connect() as conn:
        saved = conn.execute(sa.select(session_window.conversation_state.c.data)).scalar()
    assert "jean.dupont" not in saved
    assert json.loads(saved)["slots"]["topic"] != "jean.dupont@example.org"


async def test_a_new_session_is_read_from_its_start(store, domain: Domain) -> None:
    await play_conversation(store, "erin", 20)
    tracker = await store.retrieve("erin")
    for event in (ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")):
        tracker.update(event)
    play_turn(tracker, 1)
    await store.save(tracker)
    ours = await store.retrieve("erin")
    assert [e.text for e in ours.events if isinstance(e, UserUttered)] == ["question 1"]
    assert ours.get_slot("programme") is None
    for n in range(2 * session_window.WINDOW_TURNS):  # the new session grows long in its turn
        tracker = await store.retrieve("erin")
        play_turn(tracker, n)
        await store.save(tracker)
    ours = await store.retrieve("erin")
    assert sum(isinstance(e, UserUttered) for e in ours.events) == session_window.WINDOW_TURNS
    whole = await SQLTrackerStore._retrieve(store, "erin", False)  # noqa: SLF001
    assert dialogue_state(ours, domain) == dialogue_state(whole, domain)


async def test_only_the_states_a_turn_may_need_are_kept(store) -> None:
    await play_conversation(store, "fay", 60)
    with store.engine.connect() as conn:
        kept = conn.execute(sa.select(sa.func.count()).select_from(session_window.conversation_state)).scalar()
    assert kept <= session_window.WINDOW_TURNS + 2  # one per turn of the window, and the one before


async def test_erasing_a_conversation_removes_its_saveddialogue_state(store) -> None:
    from bot.tools.conversation_store import ConversationStore  # noqa: PLC0415

    await play_conversation(store, "gus", 20)
    assert ConversationStore(engine=store.engine).erase("gus") > 0
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(session_window.conversation_state)).scalar() == 0


async def test_the_widget_reads_a_bounded_recent_part_starting_at_a_user_message(store) -> None:
    await play_conversation(store, "hal", 30)
    recent = await store.recent_events("hal", 50)
    assert 0 < len(recent) <= 50 and isinstance(recent[0], UserUttered)
    whole = (await store.retrieve_full_tracker("hal")).events
    assert [e.as_dict() for e in recent] == [e.as_dict() for e in list(whole)[-len(recent):]]
    assert await store.count_user_messages("hal", 100) == 30 and await store.count_user_messages("hal", 12) == 12
    assert await store.recent_events("nobody", 50) == [] and await store.count_user_messages("nobody", 10) == 0
