"""A follow-up that names nothing is answered about what the previous exchange named
(`answer_selection.previous_focus`), and « où en sont… ? » asks how things stand, not where."""

from __future__ import annotations

import pytest

from actions.answer_selection import leans_on_context
from actions.fallback import ActionKbFallback
from actions.question_shape import DATE, OTHER, WHERE, question_shape


def exchange(asked: str, said: str) -> list[dict]:
    return [{"event": "user", "text": asked}, {"event": "bot", "text": said}]


def test_a_follow_up_naming_nothing_keeps_to_the_partner_just_named(make_tracker, run):
    # « accord » alone also finds the Basse-Normandie's four accords, one of them in China
    before = exchange("Quelle collectivité chinoise est liée à la Province de Namur ?",
                      "Province de Namur – Province du Jiangsu (Chine) : la Province de Namur a un partenaire en Chine.")
    result = run(ActionKbFallback(), make_tracker("C'est quel genre d'accord au juste ?", "nlu_fallback",
                                                  events=before))
    assert "amitié" in result.text and "Jiangsu" in result.text
    assert "Fujian" not in result.text and "Source :" in result.text


def test_a_follow_up_naming_nothing_keeps_to_the_body_just_named(make_tracker, run):
    # the definition of a twinning (Namur's example) is not what Suresnes' twin towns are
    before = exchange("Combien de villes jumelles compte Suresnes ?", "Ville de Suresnes : 6 jumelages.")
    result = run(ActionKbFallback(), make_tracker("et elles sont dans quels pays ?", "nlu_fallback", events=before))
    assert "Holon" in result.text and "Louga" not in result.text


def test_a_question_naming_its_own_subject_is_not_held_to_the_previous_one(make_tracker, run):
    before = exchange("Quelle collectivité chinoise est liée à la Province de Namur ?",
                      "Province de Namur – Province du Jiangsu (Chine) : la Province de Namur a un partenaire en Chine.")
    result = run(ActionKbFallback(), make_tracker("et Suresnes, elle a combien de villes jumelles ?", "nlu_fallback",
                                                  events=before))
    assert "6 jumelages" in result.text and "Holon" in result.text
    result = run(ActionKbFallback(), make_tracker("et avec Louga, depuis quand ?", "nlu_fallback", events=before))
    assert "20 ans" in result.text and "Jiangsu" not in result.text


@pytest.mark.parametrize("question, leans", [
    ("C'est quel type de structure administrative exactement ?", True),  # « c'est »: what was just named
    ("C'est quoi le PISI ?", False),  # names its subject
])
def test_it_is_stands_for_what_was_just_named(kb, question, leans):
    assert leans_on_context(kb, question) is leans


@pytest.mark.parametrize("question, shape", [
    ("Et où en est la coopération avec Kragujevac ?", OTHER),
    ("La coopération avec Kragujevac, elle en est où ?", OTHER),
    ("Et où se trouve le service de Suresnes ?", WHERE),
])
def test_how_things_stand_is_not_a_place(question, shape):
    assert question_shape(question) == shape


@pytest.mark.parametrize("question", ["depuis qd ?", "et ca a commence qd"])
def test_qd_typed_for_quand_asks_a_date(question):
    assert question_shape(question) == DATE


def test_the_same_year_points_back_and_is_not_searched_for(make_tracker, run):
    # « la même année » is 2021, said just before; a passage need not hold « même » nor « année »
    before = exchange("Le Delta a prêté combien de documents aux bibliothèques en 2021 ?",
                      "Le Delta a prêté des documents aux bibliothèques en 2021.")
    result = run(ActionKbFallback(), make_tracker("Et combien d'activités différentes la même année ?",
                                                  "nlu_fallback", events=before))
    assert "232" in result.text


def test_a_pronoun_points_to_the_partner_just_named_however_long_the_exchange(make_tracker, run):
    # a long question before (the asker's scene) makes every passage score low; all about Louga,
    # the best one is still what « elle » points to
    before = exchange("J'écris un petit texte pour le bulletin de notre club : depuis combien d'années la "
                      "Province de Namur coopère-t-elle avec Louga ?",
                      "Province de Namur et Région de Louga (Sénégal) — jumelage.")
    result = run(ActionKbFallback(), make_tracker("Elle se trouve dans quel pays, cette région ?", "nlu_fallback",
                                                  events=before, last_answer="partnership_details",
                                                  partner="namur-louga", body="namur"))
    assert "Sénégal" in result.text and "Source :" in result.text
