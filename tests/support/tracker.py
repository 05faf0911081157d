"""Reads what the assistant stored (Rasa's `events` table), for assertions."""

from __future__ import annotations

from collections import defaultdict

from bot.tools.conversation_store import ConversationStore, StoredEvent


def events_by_sender(url: str) -> dict[str, list[StoredEvent]]:
    """Every stored event, grouped by conversation, in storage order."""
    store = ConversationStore(url)
    try:
        grouped: dict[str, list[StoredEvent]] = defaultdict(list)
        for event in store.iter_events():
            grouped[event.sender_id].append(event)
        return dict(grouped)
    finally:
        store.engine.dispose()


def stored_events(url: str, sender: str) -> list[StoredEvent]:
    """The stored events of one conversation."""
    return events_by_sender(url).get(sender, [])


def user_texts(events: list[StoredEvent]) -> list[str]:
    return [e.data.get("text") for e in events if e.type_name == "user"]


def turns_are_complete(events: list[StoredEvent]) -> bool:
    """Whether every user message is followed by at least one bot message before the next one."""
    answered = True
    for event in events:
        if event.type_name == "user":
            if not answered:
                return False
            answered = False
        elif event.type_name == "bot":
            answered = True
    return answered
