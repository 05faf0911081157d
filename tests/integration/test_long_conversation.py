"""A long conversation through the real servers: each turn reads a window of it
(bot/components/session_window.py) and the dialogue keeps its context."""

from __future__ import annotations

import warnings

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered

from bot.components import session_window
from bot.components.tracker_store import GuardedSQLTrackerStore
from bot.tools.stack import ROOT
from tests.integration.test_conversation_dialogues import ask

pytestmark = pytest.mark.integration

TURNS = [
    "bonjour", "c'est quoi le PrECI ?", "mon école peut-elle participer ?", "stop",
    "avec qui Namur est-elle jumelée ?", "et pour Suresnes ?", "comment contacter le service ?",
    "quels partenaires en Afrique ?", "merci", "c'est quoi le PISI ?", "qui peut le demander ?",
    "quelle est la date limite ?", "quel temps fera-t-il demain ?", "quelles sont les priorités du PST ?",
    "où se trouve le service ?", "il est ouvert le samedi ?", "au revoir",
]  # a state is saved from the 7th message on; from the 16th, a turn reads 8 of them


async def test_a_long_conversation_is_read_as_a_window_that_rasa_would_read_whole(stack) -> None:
    for message in TURNS:
        ask(stack, "long-1", message)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Slot auto-fill has been removed", category=UserWarning)
        domain = Domain.load(str(ROOT / "bot" / "domain"))
    store = GuardedSQLTrackerStore(domain=domain, dialect="sqlite", db=str(stack.config.tracker_sqlite))
    try:
        ours = await store.retrieve("long-1")
        whole = await SQLTrackerStore._retrieve(store, "long-1", False)  # noqa: SLF001 (Rasa's own read)
    finally:
        store.close()
    assert sum(isinstance(e, UserUttered) for e in ours.events) == session_window.WINDOW_TURNS
    assert sum(isinstance(e, UserUttered) for e in whole.events) == len(TURNS)
    assert ours.current_slot_values() == whole.current_slot_values()
    assert ours.active_loop_name == whole.active_loop_name
    assert ours.past_states(domain)[-6:] == whole.past_states(domain)[-6:]


def test_the_dialogue_keeps_its_context_after_many_turns(stack) -> None:
    for message in TURNS:
        ask(stack, "long-2", message)
    first, _ = ask(stack, "long-2", "avec qui Namur est-elle jumelée ?")
    assert "Louga" in first
    text, _ = ask(stack, "long-2", "et pour Suresnes ?")
    assert "Hackney" in text and "Louga" not in text
