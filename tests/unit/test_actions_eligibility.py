"""Eligibility from the criteria of the base: reading free text, the form's steps, the verdict."""

from __future__ import annotations

import pytest

from actions.eligibility_form import ActionAskEligibilityDone, ValidateEligibilityForm
from actions.eligibility_logic import (
    DONT_KNOW,
    ELIGIBLE,
    NOT_ELIGIBLE,
    UNCERTAIN,
    generic_replies,
    read_answers,
    verdict,
)
from actions.eligibility_verdict import ActionEligibilityVerdict, ActionStopEligibility
from tests.support.facts import PHONE, PRECI_DEADLINE, STREET

SCHOOL, LEVEL = "preci-etablissement-scolaire", "preci-niveau-secondaire"
NAMUROIS, DEVELOPMENT = "pisi-porteur-namurois", "pisi-cooperation-developpement"


@pytest.fixture(scope="module")
def generic(kb):
    return generic_replies(kb.programmes())


def test_yes_and_no_are_generic_but_specific_replies_are_not(generic):
    assert {"oui", "non"} <= generic
    assert "ecole primair" not in generic and "primair" not in generic


@pytest.mark.parametrize("text, expected, outcome", [
    ("je suis prof dans une école primaire, on peut participer ?", {SCHOOL: "oui", LEVEL: "primaire"}, NOT_ELIGIBLE),
    ("je suis prof dans une école secondaire", {SCHOOL: "oui", LEVEL: "secondaire"}, ELIGIBLE),
    ("nous sommes une association", {SCHOOL: "non"}, NOT_ELIGIBLE),
    ("mon école peut-elle participer ?", {SCHOOL: "oui"}, "pending"),
    ("oui je voudrais savoir", {}, "pending"),  # a bare « oui » answers nothing not asked
])
def test_free_text_answers_every_criterion_it_speaks_of(kb, generic, text, expected, outcome):
    preci = kb.programme("preci")
    answers = read_answers(preci, text, {}, None, generic)
    assert answers == expected
    assert verdict(preci, answers).outcome == outcome


def test_a_bare_yes_answers_the_criterion_being_asked(kb, generic):
    pisi = kb.programme("pisi")
    assert read_answers(pisi, "oui", {}, NAMUROIS, generic) == {NAMUROIS: "oui"}


def test_feminine_and_negated_forms_are_read(kb, generic):
    pisi = kb.programme("pisi")
    assert read_answers(pisi, "une association namuroise", {}, None, generic) == {NAMUROIS: "oui"}
    assert read_answers(pisi, "nous ne sommes pas namurois", {}, NAMUROIS, generic) == {NAMUROIS: "non"}


def test_dont_know_makes_the_verdict_uncertain_naming_the_criterion(kb, generic):
    pisi = kb.programme("pisi")
    answers = read_answers(pisi, "je ne sais pas", {NAMUROIS: "oui"}, DEVELOPMENT, generic, dont_know=True)
    assert answers == {NAMUROIS: "oui", DEVELOPMENT: DONT_KNOW}
    result = verdict(pisi, answers)
    assert result.outcome == UNCERTAIN and result.criterion.id == DEVELOPMENT


def test_a_failed_criterion_decides_even_if_another_is_unknown(kb):
    result = verdict(kb.programme("preci"), {SCHOOL: DONT_KNOW, LEVEL: "superieur"})
    assert result.outcome == NOT_ELIGIBLE and result.criterion.id == LEVEL


def test_validation_reads_the_activating_message_and_finishes_when_decided(make_tracker, run):
    tracker = make_tracker("je suis prof dans une école primaire, on peut participer au PrECI ?", "ask_eligibility",
                           [("programme", "preci")])
    result = run(ValidateEligibilityForm(), tracker)
    assert result.slot("eligibility_answers") == {SCHOOL: "oui", LEVEL: "primaire"}
    assert result.slot("eligibility_done") is True


def test_validation_keeps_what_was_said_until_the_programme_is_known(make_tracker, run):
    first = run(ValidateEligibilityForm(), make_tracker("je suis prof en primaire", "ask_eligibility"))
    assert first.slot("eligibility_done") is None
    pending = first.slot("eligibility_pending_text")
    second = run(ValidateEligibilityForm(), make_tracker("/inform", "inform", [("programme", "preci")],
                                                         eligibility_pending_text=pending))
    assert second.slot("eligibility_answers")[LEVEL] == "primaire"  # read from the kept text
    assert second.slot("eligibility_done") is True  # primary level alone decides


def test_a_public_named_before_any_programme_picks_its_programme(make_tracker, run):
    # « mon école peut participer ? »: schools are the PrECI's public, no need to ask which programme.
    result = run(ValidateEligibilityForm(), make_tracker("est-ce que mon école peut participer ?", "ask_eligibility"))
    assert result.slot("programme") == "preci"
    # A programme already discussed wins: « on est une école » may answer a PISI criterion.
    result = run(ValidateEligibilityForm(), make_tracker("on est une école", "inform", programme="pisi"))
    assert result.slot("programme") == "pisi"


def test_stop_is_left_to_the_stop_rule(make_tracker, run):
    result = run(ValidateEligibilityForm(), make_tracker("stop", "stop", programme="preci", eligibility_asked=SCHOOL))
    assert result.events == []  # nothing filled: Rasa rejects the form


def test_unclear_reply_is_said_and_the_form_goes_on(make_tracker, run):
    result = run(ValidateEligibilityForm(), make_tracker("banane", "inform", programme="preci",
                                                         eligibility_asked=SCHOOL, eligibility_answers={}))
    assert "pas compris" in result.text
    assert result.slot("eligibility_done") is None


def test_side_question_is_answered_during_the_dialogue(make_tracker, run, monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", "2024-05-01")
    result = run(ValidateEligibilityForm(), make_tracker("c'est quand la date limite ?", "ask_deadline",
                                                         programme="preci", eligibility_asked=SCHOOL))
    assert PRECI_DEADLINE in result.text
    assert result.slot("eligibility_done") is None


def test_question_offers_the_answers_of_the_knowledge_base_as_buttons(make_tracker, run, kb):
    result = run(ActionAskEligibilityDone(), make_tracker("mon école peut participer ?", "ask_eligibility",
                                                          programme="preci", eligibility_answers={SCHOOL: "oui"}))
    level = next(c for c in kb.programme("preci").criteria if c.id == LEVEL)
    assert level.question in result.text
    assert "vous pouvez dire « stop »" in result.text  # first question of the dialogue
    titles = [b["title"] for b in result.buttons]
    assert titles[:len(level.answers)] == [a.label for a in level.answers]
    assert "Je ne sais pas" in titles
    assert result.slot("eligibility_asked") == LEVEL


def test_unknown_programme_is_asked_with_buttons(make_tracker, run):
    result = run(ActionAskEligibilityDone(), make_tracker("je peux participer ?", "ask_eligibility"))
    payloads = [b["payload"] for b in result.buttons]
    assert '/inform{"programme": "preci"}' in payloads and '/inform{"programme": "pisi"}' in payloads


def test_not_eligible_verdict_names_the_deciding_criterion_and_what_to_do(make_tracker, run, kb):
    result = run(ActionEligibilityVerdict(), make_tracker(
        "primaire", "inform", programme="preci", eligibility_answers={SCHOOL: "oui", LEVEL: "primaire"}))
    level = next(c for c in kb.programme("preci").criteria if c.id == LEVEL)
    primary = next(a for a in level.answers if a.value == "primaire")
    assert "vous ne pouvez pas participer au PrECI" in result.text
    assert primary.why in result.text
    assert PHONE in result.text
    assert "Source :" in result.text
    assert result.slot("eligibility_answers") is None  # reset for another check
    assert result.slot("last_answer") == "eligibility"


def test_eligible_verdict_gives_the_deadline_status(make_tracker, run, monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", "2024-05-01")
    result = run(ActionEligibilityVerdict(), make_tracker(
        "secondaire", "inform", programme="preci", eligibility_answers={SCHOOL: "oui", LEVEL: "secondaire"}))
    assert "vous pouvez participer au PrECI" in result.text
    assert f"clôturé depuis le {PRECI_DEADLINE}" in result.text


def test_uncertain_verdict_names_the_criterion_and_the_contact(make_tracker, run, kb):
    result = run(ActionEligibilityVerdict(), make_tracker(
        "je ne sais pas", "dont_know", programme="pisi", eligibility_answers={NAMUROIS: "oui", DEVELOPMENT: DONT_KNOW}))
    question = next(c for c in kb.programme("pisi").criteria if c.id == DEVELOPMENT).question
    assert "incertaine" in result.text and question in result.text
    assert PHONE in result.text


def test_stop_ends_the_form_and_forgets_the_answers(make_tracker, run):
    result = run(ActionStopEligibility(), make_tracker("stop", "stop", active_loop="eligibility_form",
                                                       programme="preci", eligibility_answers={SCHOOL: "oui"}))
    assert {"event": "active_loop", "name": None, "timestamp": None} in result.events
    assert result.slot("eligibility_answers") is None
    assert "j'arrête" in result.text


def test_naming_the_other_programme_mid_dialogue_starts_its_own_criteria(make_tracker, run):
    # The slot mapping has already put « pisi » in the slot when the validation runs.
    result = run(ValidateEligibilityForm(), make_tracker("et pour le PISI ?", "inform", [("programme", "pisi")],
                                                         programme="pisi", eligibility_asked=LEVEL,
                                                         eligibility_answers={SCHOOL: "oui"}))
    assert result.slot("eligibility_answers") == {}
    assert result.slot("eligibility_asked") is None  # the next question starts with the introduction
    assert result.slot("eligibility_done") is None


def test_a_corrupt_slot_gives_a_french_apology_not_a_crash(make_tracker, run):
    result = run(ValidateEligibilityForm(), make_tracker("oui", "affirm", programme="preci",
                                                         eligibility_answers=[1, 2, 3]))
    assert result.events == []
    assert result.messages[0]["response"] == "utter_action_failed"


def test_side_question_before_the_programme_is_known_is_answered(make_tracker, run):
    result = run(ValidateEligibilityForm(), make_tracker("quelle est l'adresse du service ?", "ask_contact",
                                                         [("contact_kind", "address")]))
    assert STREET in result.text
    assert result.slot("eligibility_done") is None


def test_starting_about_the_programme_discussed_is_not_a_misunderstanding(make_tracker, run):
    result = run(ValidateEligibilityForm(), make_tracker("est-ce que je peux participer ?", "ask_eligibility",
                                                         programme="preci"))
    assert result.messages == []
    assert result.slot("eligibility_done") is None
