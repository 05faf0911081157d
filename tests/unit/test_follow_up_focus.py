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


# The previous exchanges the follow-ups below lean on.
JIANGSU_NAMED = exchange("Quelle collectivité chinoise est liée à la Province de Namur ?",
                         "Province de Namur – Province du Jiangsu (Chine) : la Province de Namur a un partenaire en Chine.")
SURESNES_IN_CHINA = exchange("La Ville de Suresnes a-t-elle une ville partenaire en Chine ?",
                             "Non. Ville de Suresnes — 8 partenaires à l'étranger.")
TOSCANE_CONFIRMED = exchange("La Région Basse-Normandie coopère-t-elle avec la Toscane ?",
                             "Oui. Région Basse-Normandie et Région Toscane (Italie) — accord de coopération.")


def follow_up(make_tracker, run, question: str, before: list[dict], **slots) -> str:
    """The reply to `question`, read by the fallback as the NLU left it, after `before`."""
    return run(ActionKbFallback(), make_tracker(question, "nlu_fallback", events=before, **slots)).text


def test_a_follow_up_naming_nothing_keeps_to_the_partner_just_named(make_tracker, run):
    # « accord » alone also finds the Basse-Normandie's four accords, one of them in China
    said = follow_up(make_tracker, run, "C'est quel genre d'accord au juste ?", JIANGSU_NAMED)
    assert "amitié" in said and "Jiangsu" in said
    assert "Fujian" not in said and "Source :" in said


def test_a_follow_up_naming_nothing_keeps_to_the_body_just_named(make_tracker, run):
    # the definition of a twinning (Namur's example) is not what Suresnes' twin towns are
    before = exchange("Combien de villes jumelles compte Suresnes ?", "Ville de Suresnes : 6 jumelages.")
    said = follow_up(make_tracker, run, "et elles sont dans quels pays ?", before)
    assert "Holon" in said and "Louga" not in said


def test_a_question_naming_its_own_subject_is_not_held_to_the_previous_one(make_tracker, run):
    said = follow_up(make_tracker, run, "et Suresnes, elle a combien de villes jumelles ?", JIANGSU_NAMED)
    assert "6 jumelages" in said and "Holon" in said
    said = follow_up(make_tracker, run, "et avec Louga, depuis quand ?", JIANGSU_NAMED)
    assert "20 ans" in said and "Jiangsu" not in said


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
    assert "232" in follow_up(make_tracker, run, "Et combien d'activités différentes la même année ?", before)


def test_a_pronoun_points_to_the_partner_just_named_however_long_the_exchange(make_tracker, run):
    # a long question before (the asker's scene) makes every passage score low; all about Louga,
    # the best one is still what « elle » points to
    before = exchange("J'écris un petit texte pour le bulletin de notre club : depuis combien d'années la "
                      "Province de Namur coopère-t-elle avec Louga ?",
                      "Province de Namur et Région de Louga (Sénégal) — jumelage.")
    said = follow_up(make_tracker, run, "Elle se trouve dans quel pays, cette région ?", before,
                     last_answer="partnership_details", partner="namur-louga", body="namur")
    assert "Sénégal" in said and "Source :" in said


def test_an_elliptic_follow_up_to_a_closed_question_is_closed_too(make_tracker, run):
    # the previous claim (« un partenaire en Chine ») put to the body named now
    said = follow_up(make_tracker, run, "Et la Région Basse-Normandie, elle aussi ?", SURESNES_IN_CHINA)
    assert said.startswith("Oui") and "Fujian" in said


def test_what_an_elliptic_follow_up_names_must_be_said_for_a_yes(make_tracker, run):
    assert follow_up(make_tracker, run, "et avec la Catalogne, en Espagne ?", TOSCANE_CONFIRMED).startswith("Non")


@pytest.mark.parametrize("question", ["et alors ?", "Et depuis quand ?", "et le samedi matin ?"])
def test_a_follow_up_naming_nothing_new_carries_no_claim(kb, make_tracker, question):
    assert carried_claim(kb, make_tracker(question, "inform", events=TOSCANE_CONFIRMED), question) is None


def test_the_carried_claim_names_what_the_follow_up_names_instead(kb, make_tracker):
    question = "Et la Région Basse-Normandie, elle aussi ?"
    claim = carried_claim(kb, make_tracker(question, "inform", events=SURESNES_IN_CHINA), question)
    assert "basse normandie" in claim and "chine" in claim and "suresnes" not in claim
