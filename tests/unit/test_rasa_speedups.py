"""The speed-ups of bot/rasa_patches/ and bot/components/tracker_store.py change nothing Rasa does."""

from __future__ import annotations

import warnings

import pytest
import yaml
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from bot.components.tracker_store import GuardedSQLTrackerStore
from bot.rasa_patches import action_validation, event_types, spacy_loading
from bot.tools.stack import ROOT

RESPONSES = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "last_answer", "value": "contact"}],
     "responses": [{"text": "Bonjour", "buttons": [{"title": "a", "payload": "/greet"}]}]},
    {"events": [{"event": "bogus"}], "responses": []},
    {"events": "not a list"},
    {"responses": [{"text": 3}]},
    {"events": [{"event": "slot", "name": "topic", "value": None, "timestamp": None},
                {"event": "followup", "name": "action_x"}, {"event": "action_execution_rejected"}]},
    {"events": [{"event": "slot", "value": "sans nom"}]},
    {"events": [{"event": "slot", "name": 3, "value": 1}]},
    {"events": [{"name": "sans type"}]},
    {"events": [{"event": 7}]},
    {"events": ["pas un objet"]},
    {"events": [{"event": "user", "text": "salut", "parse_data": {"intent": {"name": "greet", "confidence": "x"}}}]},
    {"events": [{"event": "user", "text": "salut", "parse_data": {"intent": {"name": "greet", "confidence": 0.9}}}]},
    {"events": [{"event": "slot", "name": "a", "value": 1, "timestamp": "hier"}]},
    {"events": [{"event": "entities", "entities": [{"entity": "pays", "value": "Bénin"}]}],
     "responses": [{"text": "ok"}]},
    {"events": [{"event": "entities"}]},
    "pas un objet",
]


@pytest.mark.parametrize("response", RESPONSES)
def test_action_responses_are_validated_as_rasa_does(response: dict) -> None:
    action = RemoteAction("action_x", None)

    def outcome(validate) -> str:
        try:
            return str(validate(action, response))
        except ValidationError as exc:
            return exc.message

    assert outcome(action_validation._validate_action_result) == outcome(action_validation._rasa_validate_action_result)


def test_the_response_schema_splits_by_event_type() -> None:
    """The fast check relies on the schema's shape; if Rasa changed it, the check is off."""
    assert action_validation._validators_by_event() is not None
    assert action_validation._quickly_valid({"events": [{"event": "slot", "name": "a", "value": 1}]})
    assert not action_validation._quickly_valid({"events": [{"event": "slot", "name": "a"}]})


def test_an_invalid_action_response_is_rejected_with_rasas_message() -> None:
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action_validation._validate_action_result(RemoteAction("action_x", None), {"events": [{"event": "bogus"}]})


def test_event_classes_are_resolved_as_rasa_does() -> None:
    names = {cls.type_name for cls in all_subclasses(Event) if isinstance(getattr(cls, "type_name", None), str)}
    assert {"user", "bot", "action", "slot", "session_started"} <= names
    for name in sorted(names) * 2:  # the second lookup comes from the memo
        assert event_types._resolve_by_type(name) is event_types._rasa_resolve_by_type(name)
    assert event_types._resolve_by_type("topic") is None
    assert event_types._resolve_by_type("no_such_event", UserUttered) is UserUttered
    with pytest.raises(ValueError, match="Unknown event name"):
        event_types._resolve_by_type("no_such_event")


def test_no_component_reads_the_entities_of_spacy() -> None:
    """The server loads spaCy without NER; that holds only while nothing reads its entities."""
    config = yaml.safe_load((ROOT / "bot" / "config.yml").read_text(encoding="utf-8"))
    names = [component["name"] for component in config["pipeline"]]
    assert "SpacyNLP" in names and "SpacyEntityExtractor" not in names


def test_spacy_without_ner_gives_the_same_tokens_and_vectors() -> None:
    model = spacy_loading._load_spacy_model("fr_core_news_md")
    nlp = model.model
    assert "ner" not in nlp.pipe_names and "lemmatizer" in nlp.pipe_names

    def features(text: str) -> list[tuple]:
        doc = nlp(text)
        return [(t.text, t.lemma_, t.pos_, t.tag_, t.is_stop, t.vector.tobytes()) for t in doc]

    texts = ["Comment contacter le Service des relations internationales à Namur ?",
             "Je représente une ASBL d'Andenne : peut-on bénéficier du PISI en 2026 ?"]
    lean = [features(t) for t in texts]
    nlp.enable_pipe("ner")
    assert [features(t) for t in texts] == lean


@pytest.fixture(scope="module")
def rasa_domain() -> Domain:
    with warnings.catch_warnings():
        # Rasa 3.6 announces on every load that slot auto-fill was removed in 3.0.
        warnings.filterwarnings("ignore", message="Slot auto-fill has been removed", category=UserWarning)
        return Domain.load(str(ROOT / "bot" / "domain"))


def _conversation(sender: str, domain: Domain) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, domain.slots)
    for session in range(2):
        tracker.update(ActionExecuted("action_session_start"))
        tracker.update(SessionStarted())
        tracker.update(ActionExecuted("action_listen"))
        for turn in range(3):
            tracker.update(UserUttered(f"question {session}.{turn}", {"name": "ask_contact", "confidence": 0.9}))
            tracker.update(ActionExecuted("action_answer_contact"))
            tracker.update(BotUttered("réponse", {"buttons": None}))
            tracker.update(SlotSet("last_answer", "contact"))
            tracker.update(ActionExecuted("action_listen"))
    return tracker


async def test_trackers_are_read_back_as_rasas_sql_store_reads_them(tmp_path, rasa_domain: Domain) -> None:
    store = GuardedSQLTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(tmp_path / "t.sqlite3"))
    try:
        await store.save(_conversation("alice", rasa_domain))
        assert await store.retrieve("nobody") is None
        for full in (False, True):
            ours = await store._retrieve("alice", full)
            theirs = await SQLTrackerStore._retrieve(store, "alice", full)
            assert [e.as_dict() for e in ours.events] == [e.as_dict() for e in theirs.events]
            assert ours.current_slot_values() == theirs.current_slot_values()
        latest = await store.retrieve("alice")
        assert sum(isinstance(e, UserUttered) for e in latest.events) == 3  # the latest session only
    finally:
        store.close()


async def _stored_rows(store: GuardedSQLTrackerStore, sender: str) -> list[dict]:
    tracker = await store._retrieve(sender, True)
    return [{k: v for k, v in e.as_dict().items() if k != "timestamp"} for e in tracker.events]


async def test_saving_a_tracker_read_from_the_store_adds_only_its_new_events(tmp_path, rasa_domain: Domain) -> None:
    """The remembered count gives the rows Rasa's count query gives: no event lost or doubled."""
    ours = GuardedSQLTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(tmp_path / "ours.sqlite3"))
    rasa = SQLTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(tmp_path / "rasa.sqlite3"))
    try:
        for store in (ours, rasa):
            await store.save(_conversation("bob", rasa_domain))
            for turn in range(3):
                tracker = await store.retrieve("bob")
                tracker.update(UserUttered(f"suite {turn}", {"name": "ask_contact", "confidence": 0.9}))
                await store.save(tracker)
                tracker.update(ActionExecuted("action_listen"))
                await store.save(tracker)  # a second save of the same tracker in one turn
        assert await _stored_rows(ours, "bob") == await _stored_rows(rasa, "bob")
    finally:
        ours.close()


async def test_a_tracker_whose_events_changed_is_counted_as_rasa_does(tmp_path, rasa_domain: Domain) -> None:
    store = GuardedSQLTrackerStore(domain=rasa_domain, dialect="sqlite", db=str(tmp_path / "t.sqlite3"))
    try:
        await store.save(_conversation("carol", rasa_domain))
        tracker = await store.retrieve("carol")
        stored = len(tracker.events)
        # Copies of the events, and a stale remembered count: only the count query is right.
        copies = [Event.from_parameters(e.as_dict()) for e in tracker.events]
        replaced = DialogueStateTracker.from_events("carol", copies, rasa_domain.slots)
        replaced._stored_events = (stored - 2, tracker.events[stored - 3])
        replaced.update(UserUttered("nouvelle question", {"name": "ask_contact", "confidence": 0.9}))
        await store.save(replaced)
        assert len((await store.retrieve("carol")).events) == stored + 1
        assert type(store.engine.pool).__name__ == "QueuePool"
    finally:
        store.close()
