"""Out of scope: an honest « no », plus whom to ask when the question is about a service we know."""

from __future__ import annotations

from actions.out_of_scope import ActionAnswerOutOfScope
from tests.support.facts import PHONE


def test_unknown_fact_about_a_known_service_points_to_it(make_tracker, run):
    result = run(ActionAnswerOutOfScope(), make_tracker("quel est le budget du SREI ?", "out_of_scope",
                                                        [("body", "namur")]))
    assert result.text.startswith("Mes sources ne donnent pas cette information")
    assert PHONE in result.text


def test_a_town_named_gets_the_refusal_with_the_default_service_contact(make_tracker, run):
    result = run(ActionAnswerOutOfScope(), make_tracker("quel temps fera-t-il demain à Namur ?", "out_of_scope",
                                                        [("body", "namur")]))
    assert "ne donnent pas cette information" in result.text and PHONE in result.text
    assert "Source :" not in result.text


def test_a_question_about_nothing_we_know_is_declined_with_someone_to_ask(make_tracker, run):
    result = run(ActionAnswerOutOfScope(), make_tracker("je veux un visa pour le Canada", "out_of_scope"))
    assert "ne donnent pas cette information" in result.text and PHONE in result.text
    assert "Source :" not in result.text


def test_unknown_detail_of_a_programme_points_to_the_service_running_it(make_tracker, run):
    # « le PISI, c'est combien ? »: the documents are silent, the SREI (which runs the PISI) knows.
    result = run(ActionAnswerOutOfScope(), make_tracker("quel est le montant du subside PISI ?", "out_of_scope",
                                                        [("programme", "pisi")]))
    assert result.text.startswith("Mes sources ne donnent pas cette information")
    assert "Service des relations extérieures et internationales" in result.text and PHONE in result.text


def test_a_follow_up_taken_for_out_of_scope_goes_on_with_the_list(make_tracker, run):
    from actions.out_of_scope import ActionAnswerOutOfScope
    result = run(ActionAnswerOutOfScope(), make_tracker("laquelle est en chine ?", "out_of_scope", [("country", "Chine")],
                                                        last_answer="partnerships", body="namur"))
    assert "Jiangsu" in result.text
    assert "Fujian" not in result.text  # Basse-Normandie's partner, not in the list just given


def test_a_contact_detail_of_the_card_taken_for_out_of_scope_gets_the_card(make_tracker, run):
    # the NLU may read « du service » as somebody else's service: nothing else named, the card answers
    result = run(ActionAnswerOutOfScope(), make_tracker("Vous avez le numéro de téléphone du service ?", "out_of_scope",
                                                        [("contact_kind", "phone")]))
    assert PHONE in result.text and "Source :" in result.text and "Suresnes" not in result.text
    # a service the card does not show is still declined
    result = run(ActionAnswerOutOfScope(), make_tracker("le numéro de téléphone du service des impôts ?", "out_of_scope",
                                                        [("contact_kind", "phone")]))
    assert result.text.startswith("Mes sources ne donnent pas cette information")
    # nor is anything else named beside the contact words
    result = run(ActionAnswerOutOfScope(), make_tracker("Mon passeport expire, où dois-je aller pour le renouveler ?",
                                                        "out_of_scope", [("contact_kind", "address")]))
    assert result.text.startswith("Mes sources ne donnent pas cette information")


def test_where_a_service_in_context_is_installed_gets_its_address(make_tracker, run):
    result = run(ActionAnswerOutOfScope(), make_tracker("et il est installé où ?", "out_of_scope", body="namur"))
    assert "Saint-Aubain" in result.text and "Source :" in result.text
