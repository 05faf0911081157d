"""A long conversation played turn by turn through a conversation store, as the server
plays it, and the state its dialogue depends on (tests of bot/components/session_window.py)."""

from __future__ import annotations

from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.components import session_window

INTENTS = ["ask_contact", "ask_programme", "greet", "ask_partnership"]


def play_turn(tracker: DialogueStateTracker, n: int) -> None:
    """One turn whose events vary with `n`: slots set and reset, a form, a reverted message."""
    tracker.update(UserUttered(f"question {n}", {"name": INTENTS[n % 4], "confidence": 0.9}))
    if n % 11 == 5:  # a fallback: the message is taken back
        tracker.update(ActionExecuted("action_default_fallback"))
        tracker.update(BotUttered("Je n'ai pas compris."))
        tracker.update(UserUtteranceReverted())
        tracker.update(ActionExecuted("action_listen"))
        return
    tracker.update(ActionExecuted("action_answer"))
    tracker.update(BotUttered(f"réponse {n}"))
    if n % 3 == 0:
        tracker.update(SlotSet("topic", f"sujet {n}"))
    if n == 2:
        tracker.update(SlotSet("programme", "PrECI"))  # set once, long before the window
    if n % 17 == 16:
        tracker.update(AllSlotsReset())
    if n == 20:
        tracker.update(ActiveLoop("eligibility_form"))
    if n == 24:
        tracker.update(ActiveLoop(None))
    tracker.update(ActionExecuted("action_listen"))


async def play_conversation(store: TrackerStore, sender: str, turns: int) -> None:
    """`turns` turns, each read from the store, played and saved, as the server does."""
    start = DialogueStateTracker(sender, store.domain.slots)
    start.update(ActionExecuted("action_session_start"))
    start.update(SessionStarted())
    start.update(ActionExecuted("action_listen"))
    await store.save(start)
    for n in range(turns):
        tracker = await store.retrieve(sender)
        play_turn(tracker, n)
        await store.save(tracker)


def dialogue_state(tracker: DialogueStateTracker, domain: Domain) -> dict:
    return {"slots": tracker.current_slot_values(), "loop": tracker.active_loop_name,
            "paused": tracker.is_paused(), "latest": tracker.latest_message.text,
            "states": tracker.past_states(domain)[-2 * session_window.WINDOW_TURNS + 6:]}
