"""A follow-up that names nothing is answered about what the previous exchange named
(`answer_selection.previous_focus`), and « où en sont… ? » asks how things stand, not where."""

from __future__ import annotations

import pytest

from actions.answer_selection import leans_on_context
from actions.carried_claim import carried_claim
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


def test_an_elliptic_follow_up_to_a_closed_question_is_closed_too(make_tracker, run):
    # the previous claim (« un partenaire en Chine ») put to the body named now
    before = exchange("La Ville de Suresnes a-t-elle une ville partenaire en Chine ?",
                      "Non. Ville de Suresnes — 8 partenaires à l'étranger.")
    result = run(ActionKbFallback(), make_tracker("Et la Région Basse-Normandie, elle aussi ?", "nlu_fallback",
                                                  events=before))
    assert result.text.startswith("Oui") and "Fujian" in result.text


def test_what_an_elliptic_follow_up_names_must_be_said_for_a_yes(make_tracker, run):
    before = exchange("La Région Basse-Normandie coopère-t-elle avec la Toscane ?",
                      "Oui. Région Basse-Normandie et Région Toscane (Italie) — accord de coopération.")
    result = run(ActionKbFallback(), make_tracker("et avec la Catalogne, en Espagne ?", "nlu_fallback",
                                                  events=before))
    assert result.text.startswith("Non")


@pytest.mark.parametrize("follow_up", ["et alors ?", "Et depuis quand ?", "et le samedi matin ?"])
def test_a_follow_up_naming_nothing_new_carries_no_claim(kb, make_tracker, follow_up):
    before = exchange("La Région Basse-Normandie coopère-t-elle avec la Toscane ?", "Oui. Région Toscane (Italie).")
    assert carried_claim(kb, make_tracker(follow_up, "inform", events=before), follow_up) is None


def test_the_carried_claim_names_what_the_follow_up_names_instead(kb, make_tracker):
    before = exchange("La Ville de Suresnes a-t-elle une ville partenaire en Chine ?", "Non.")
    claim = carried_claim(kb, make_tracker("Et la Région Basse-Normandie, elle aussi ?", "inform", events=before),
                          "Et la Région Basse-Normandie, elle aussi ?")
    assert "basse normandie" in claim and "chine" in claim and "suresnes" not in claim
