"""Retention, erasure and the report, against Rasa's real SQL tracker store on SQLite."""

from __future__ import annotations

import time

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.components.tracker_store import MaskingSQLTrackerStore
from bot.tools import report
from bot.tools.conversation_store import ConversationStore
from bot.tools.retention import main as retention_main

DAY = 86400


def user(text: str, intent: str, ts: float) -> UserUttered:
    return UserUttered(text, intent={"name": intent, "confidence": 1.0}, timestamp=ts)


@pytest.fixture
def store(tmp_path, monkeypatch):
    db = tmp_path / "conversations.sqlite3"
    monkeypatch.setenv("TRACKER_SQLITE_PATH", str(db))
    monkeypatch.delenv("TRACKER_DB_HOST", raising=False)
    return MaskingSQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(db))


async def save(store, sender: str, events: list) -> None:
    await store.save(DialogueStateTracker.from_events(sender, events))


async def test_stored_messages_are_masked(store) -> None:
    now = time.time()
    await save(store, "c1", [user("contactez-moi : a.b@example.org ou 0475 12 34 56", "ask_contact", now)])
    texts = [e.data.get("text") for e in ConversationStore().iter_events()]
    assert texts and all("example.org" not in t and "0475" not in t for t in texts)


async def test_purge_deletes_only_conversations_older_than_the_limit(store) -> None:
    now = time.time()
    await save(store, "old", [user("bonjour", "greet", now - 100 * DAY)])
    await save(store, "recent", [user("bonjour", "greet", now - 100 * DAY), user("merci", "thank", now - DAY)])
    assert ConversationStore().purge_older_than(90, now=now) == 1
    senders = {e.sender_id for e in ConversationStore().iter_events()}
    assert senders == {"recent"}


async def test_erase_by_code_removes_one_conversation(store, capsys) -> None:
    now = time.time()
    await save(store, "keep", [user("bonjour", "greet", now)])
    await save(store, "forget-me", [user("bonjour", "greet", now)])
    assert retention_main(["erase", "forget-me"]) == 0
    assert {e.sender_id for e in ConversationStore().iter_events()} == {"keep"}
    assert retention_main(["erase", "forget-me"]) == 1
    assert "Aucune conversation" in capsys.readouterr().err


async def test_report_groups_unanswered_questions_and_ratings(store, tmp_path) -> None:
    now = time.time()
    for sender in ("a", "b"):
        await save(store, sender, [
            user("Quel temps fera-t-il ?", "out_of_scope", now),
            ActionExecuted("utter_out_of_scope", timestamp=now),
            user("Comment contacter le SREI ?", "ask_contact", now + 1),
            ActionExecuted("action_answer_contact", timestamp=now + 1),
            BotUttered("Téléphone : …", timestamp=now + 1),
            user("/feedback_negative", "feedback_negative", now + 2),
            # an answer the action server replaced by « mes sources ne donnent pas… »
            user("La Province de Liège a-t-elle un PISI ?", "ask_programme_info", now + 3),
            ActionExecuted("action_answer_programme_info", timestamp=now + 3),
            SlotSet("last_answer", "declined", timestamp=now + 3),
        ])
    stats = report.compute(list(ConversationStore().iter_events()))
    assert stats.total_conversations == 2
    assert stats.intents["ask_contact"] == 2
    assert {g["text"]: g["count"] for g in stats.unanswered.values()} == {
        "Quel temps fera-t-il ?": 2, "La Province de Liège a-t-elle un PISI ?": 2}
    assert stats.ratings["ask_contact"]["down"] == 2
    assert stats.bad_answers[0]["question"] == "Comment contacter le SREI ?"
    out = tmp_path / "r.html"
    assert report.main(["--out", str(out)]) == 0
    page = out.read_text()
    assert "Quel temps fera-t-il ?" in page and "data:image/png;base64," in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
