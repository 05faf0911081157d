"""The action server gets the recent events only (bot/rasa_patches/action_payload.py), and that is enough."""

from __future__ import annotations

from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker

from actions.fallback import previous_bot_action
from bot.rasa_patches import action_payload


def _conversation(turns: int) -> DialogueStateTracker:
    tracker = DialogueStateTracker("u", [TextSlot("last_answer", mappings=[])])
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(ActionExecuted("action_listen"))
    for turn in range(turns):
        tracker.update(UserUttered(f"question {turn}", {"name": "ask_contact", "confidence": 0.9}))
        tracker.update(ActionExecuted(f"action_turn_{turn}"))
        tracker.update(BotUttered(f"réponse {turn}"))
        tracker.update(SlotSet("last_answer", f"a{turn}"))
        tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("et ensuite ?", {"name": "follow_up", "confidence": 0.9}))
    return tracker


def _body(tracker: DialogueStateTracker, format_call) -> dict:
    return format_call(RemoteAction("action_follow_up", None), tracker, Domain.empty())


def test_only_the_last_two_turns_are_sent_and_the_rest_is_rasas() -> None:
    tracker = _conversation(8)
    ours = _body(tracker, action_payload._action_call_format)
    theirs = _body(tracker, action_payload._rasa_action_call_format)
    events = ours["tracker"].pop("events")
    full = theirs["tracker"].pop("events")
    assert ours == theirs
    assert events == full[-len(events):] and len(events) < len(full)
    assert [e["text"] for e in events if e["event"] == "user"] == ["question 7", "et ensuite ?"]


def test_a_short_conversation_is_sent_whole() -> None:
    tracker = DialogueStateTracker("u", [])
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered("bonjour", {"name": "greet", "confidence": 0.9}))
    assert _body(tracker, action_payload._action_call_format) == _body(tracker, action_payload._rasa_action_call_format)


def test_the_actions_see_the_same_previous_answer() -> None:
    tracker = _conversation(5)
    for format_call in (action_payload._action_call_format, action_payload._rasa_action_call_format):
        sdk = Tracker.from_dict(_body(tracker, format_call)["tracker"])
        assert previous_bot_action(sdk) == "action_turn_4"
        assert sdk.get_slot("last_answer") == "a4"
