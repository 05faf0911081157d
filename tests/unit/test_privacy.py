"""Personal data typed by users is masked before storage; ordinary text is untouched."""

from __future__ import annotations

import pytest

from bot.server.privacy import mask_personal_data

# (kind, what the user typed): each must disappear from the stored text, whatever its form.
PERSONAL_DATA = [
    # phones: Belgian
    ("phone", "0475 12 34 56"), ("phone", "0470  12  34  56"), ("phone", "0470/12.34.56"), ("phone", "0470123456"),
    ("phone", "0470-12-34-56"), ("phone", "0470.12.34.56"), ("phone", "+32 (0)470 12 34 56"),
    ("phone", "+32 470 12 34 56"), ("phone", "+32470123456"), ("phone", "0032 470 12 34 56"),
    ("phone", "+32 81 77 67 70"), ("phone", "081/77.67.70"), ("phone", "081 77 67 70"), ("phone", "02 511 22 33"),
    ("phone", "+32 (0) 2 511 22 33"), ("phone", "04 70 12 34 56"),
    # phones: French
    ("phone", "06 12 34 56 78"), ("phone", "06.12.34.56.78"), ("phone", "+33 6 12 34 56 78"),
    ("phone", "+33 (0)6 12 34 56 78"), ("phone", "0033 6 12 34 56 78"), ("phone", "01-45-67-89-10"),
    ("phone", "+33612345678"),
    # national numbers: Belgian register, French NIR
    ("national_number", "85.07.30-033.61"), ("national_number", "85073003361"), ("national_number", "850730-033-28"),
    ("national_number", "85.07.30 - 033.28"), ("national_number", "85 07 30 033 28"),
    ("national_number", "85-07-30-033-28"), ("national_number", "1 85 07 75 123 456 78"),
    ("national_number", "185077512345678"), ("national_number", "2 90 12 2A 123 456 12"),
    # IBANs
    ("iban", "BE68 5390 0754 7034"), ("iban", "be68539007547034"), ("iban", "BE68-5390-0754-7034"),
    ("iban", "BE 68 5390 0754 7034"), ("iban", "BE68539007547034"), ("iban", "FR76 3000 6000 0112 3456 7890 189"),
    ("iban", "FR7630006000011234567890189"), ("iban", "LU28 0019 4006 4475 0000"),
    # e-mails, plain and disguised
    ("email", "jean.dupont@example.be"), ("email", "jean.dupont(at)gmail.com"), ("email", "jean.dupont [at] gmail.com"),
    ("email", "jean.dupont [at] gmail [dot] com"), ("email", "jean.dupont arobase gmail point com"),
    ("email", "marie_durand+srei@province.namur.be"), ("email", "jean.dupont @ gmail.com"),
    ("email", "JEAN.DUPONT@GMAIL.COM"),
]
MASK = {"phone": "[téléphone masqué]", "national_number": "[numéro national masqué]", "iban": "[IBAN masqué]",
        "email": "[e-mail masqué]"}


@pytest.mark.parametrize("kind, secret", PERSONAL_DATA, ids=[s for _, s in PERSONAL_DATA])
def test_personal_data_is_masked_in_every_usual_form(kind: str, secret: str) -> None:
    masked = mask_personal_data(f"Bonjour, voici : {secret}. Merci")
    assert masked == f"Bonjour, voici : {MASK[kind]}. Merci"


def test_the_table_holds_at_least_40_variants() -> None:
    assert len(PERSONAL_DATA) >= 40 and len({kind for kind, _ in PERSONAL_DATA}) == 4


@pytest.mark.parametrize("text", [
    "le PrECI fermait le 8 février 2018",
    "1200 agents et 650 enseignants",
    "place Saint-Aubain 2, 5000 Namur",
    "92150 Suresnes",
    "le PST 2022-2024",
    "de 2022 à 2024 pour 1500 projets",
    "en 2024 pour 1500 projets",
    "14.573 documents prêtés en 2021",
    "le 12/03/2024 à 14h30",
    "31.12.2024",
    "2024-12-31",
    "un budget de 1 500 000 euros",
    "15 000 € par an",
    "ouvert de 8h30 à 12h et de 13h à 16h30",
    "le point sur le jumelage",
    "regardez ce point de vue",
    "jumelage depuis 1954, renouvelé en 2004",
    "articles 2 et 3 du règlement",
])
def test_ordinary_text_is_kept(text: str) -> None:
    assert mask_personal_data(text) == text


def test_entities_and_slots_holding_personal_data_are_masked_too() -> None:
    """An entity the NLU found inside a phone number or e-mail, and the slot it filled."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.slots import TextSlot
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.server.privacy import mask_tracker

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
