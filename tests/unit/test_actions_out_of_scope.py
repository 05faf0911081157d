"""Out of scope: an honest « no », plus whom to ask when the question is about a body we know."""

from __future__ import annotations

from actions.out_of_scope import ActionAnswerOutOfScope


def test_unknown_fact_about_a_known_body_points_to_its_service(make_tracker, run):
    result = run(ActionAnswerOutOfScope(), make_tracker("quel est le budget du SREI ?", "out_of_scope",
                                                        [("body", "namur")]))
    assert result.text.startswith("Mes sources ne donnent pas cette information")
    assert "081 776 770" in result.text


def test_another_body_s_service_is_the_one_pointed_to(make_tracker, run):
    result = run(ActionAnswerOutOfScope(), make_tracker("quelle est la population de Suresnes ?", "out_of_scope"))
    assert "01 42 04 96 77" in result.text and "081 776 770" not in result.text


def test_a_question_about_nothing_we_know_gets_the_plain_refusal(make_tracker, run):
    result = run(ActionAnswerOutOfScope(), make_tracker("je veux un visa pour le Canada", "out_of_scope"))
    assert [m["response"] for m in result.messages] == ["utter_out_of_scope"]
