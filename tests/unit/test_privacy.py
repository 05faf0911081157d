"""Personal data typed by users is masked before storage; ordinary text is untouched."""

from __future__ import annotations

import pytest

from bot.privacy import mask_personal_data


@pytest.mark.parametrize("text, secret", [
    ("écrivez-moi à jean.dupont@example.be svp", "jean.dupont@example.be"),
    ("mon gsm : 0475 12 34 56", "0475 12 34 56"),
    ("appelez le +32 81 77 67 70", "+32 81 77 67 70"),
    ("mon numéro national est 85.07.30-033.61", "85.07.30-033.61"),
    ("numéro national 85073003361", "85073003361"),
    ("IBAN BE68 5390 0754 7034 pour le remboursement", "BE68 5390 0754 7034"),
    ("iban be68539007547034", "be68539007547034"),
])
def test_personal_data_is_masked(text: str, secret: str) -> None:
    masked = mask_personal_data(text)
    assert secret not in masked
    assert "masqué" in masked


@pytest.mark.parametrize("text", [
    "le PrECI fermait le 8 février 2018",
    "1200 agents et 650 enseignants",
    "place Saint-Aubain 2, 5000 Namur",
    "le PST 2022-2024",
    "14.573 documents prêtés en 2021",
])
def test_ordinary_text_is_kept(text: str) -> None:
    assert mask_personal_data(text) == text


def test_entities_and_slots_holding_personal_data_are_masked_too() -> None:
    """An entity the NLU found inside a phone number or e-mail, and the slot it filled."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.slots import TextSlot
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.privacy import mask_tracker

    text = "Rappelez-moi au 0475 12 34 56 ou à marie.secret@example.be, sujet jumelage"
    entities = [{"entity": "topic", "start": 21, "end": 29, "value": "12 34 56"},
                {"entity": "topic", "start": 35, "end": 58, "value": "marie.secret@example.be"},
                {"entity": "topic", "start": 66, "end": 74, "value": "jumelage"}]
    tracker = DialogueStateTracker("u", [TextSlot("topic", mappings=[])])
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(text, {"name": "inform", "confidence": 0.9}, entities))
    tracker.update(SlotSet("topic", "12 34 56"))
    tracker.update(SlotSet("topic", "jumelage"))
    tracker.update(BotUttered("Téléphone du service : 081 77 67 70", {"buttons": [
        {"title": "Le PST", "payload": '/ask_pst{"topic": "marie.secret@example.be"}'}]}))
    mask_tracker(tracker)
    stored = repr([e.as_dict() for e in tracker.events])
    assert "12 34 56" not in stored and "marie.secret" not in stored and "0475" not in stored
    assert [e["value"] for e in tracker.events[1].entities][2] == "jumelage"
    assert [e.value for e in tracker.events if isinstance(e, SlotSet)][1] == "jumelage"
    assert tracker.events[-1].text == "Téléphone du service : 081 77 67 70"  # the bot's own answer is kept
