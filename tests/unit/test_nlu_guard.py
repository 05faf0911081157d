"""The NLU step that keeps questions of fact out of the eligibility dialogue."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.components.nlu_guard import EligibilityIntentGuard, asks_about_taking_part


@pytest.mark.parametrize(("text", "entities", "taking_part"), [
    ("Puis-je participer ?", [], True),
    ("Nous sommes une ASBL namuroise, sommes-nous éligibles ?", [], True),
    ("une école primaire peut-elle répondre à l'appel ?", [], True),
    ("c'est possible pour une école primaire ?", [{"entity": "audience", "value": "preci"}], True),
    ("Quels collèges de Suresnes y participent ?", [], False),
    ("Je suis étudiant en droit. La loi Thiollière, elle date de quelle année ?", [], False),
    ("Quels sont les critères de recherche du répertoire du CITIM ?", [], False),
    ("Combien de lycées ont participé au programme l'an dernier ?", [{"entity": "programme", "value": "preci"}], False),
    ("Notre ASBL : quel est le montant maximum d'un soutien ?", [{"entity": "programme", "value": "pisi"}], False),
    ("Notre ASBL peut-elle demander un soutien ?", [{"entity": "programme", "value": "pisi"}], True),
])
def test_taking_part_is_read_in_the_question_itself(text, entities, taking_part):
    assert asks_about_taking_part(text, entities) is taking_part


def message(text: str, intent: str) -> Message:
    m = Message.build(text=text)
    m.set("intent", {"name": intent, "confidence": 0.8})
    m.set("intent_ranking", [{"name": intent, "confidence": 0.8}])
    m.set("entities", [])
    return m


def test_only_an_eligibility_reading_without_taking_part_becomes_a_fallback():
    guard = EligibilityIntentGuard()
    fact, real, other = guard.process([message("Quels collèges y participent ?", "ask_eligibility"),
                                       message("Puis-je participer au PrECI ?", "ask_eligibility"),
                                       message("Quels collèges y participent ?", "ask_pst")])
    assert fact.get("intent") == {"name": "nlu_fallback", "confidence": 0.8}
    assert fact.get("intent_ranking")[0]["name"] == "nlu_fallback"
    assert real.get("intent")["name"] == "ask_eligibility"
    assert other.get("intent")["name"] == "ask_pst"
