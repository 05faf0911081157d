"""A follow-up naming one item of what was just discussed gets the passage about that item
(`answer_selection.in_context_of_previous`), a common noun is not a body's name
(`context.loose_mentions`), and hedges (« concrètement ») are not searched for."""

from __future__ import annotations

from actions.answer_selection import leans_on_context, previous_exchange
from actions.context import body_in_context
from actions.fallback import ActionKbFallback
from actions.follow_up import ActionFollowUp
from actions.partnerships import ActionAnswerPartnerships
from actions.service import ActionAnswerStrategy
from knowledge.textnorm import question_groups


def exchange(asked: str, said: str) -> list[dict]:
    return [{"event": "user", "text": asked}, {"event": "bot", "text": said}]


# The previous answer: one keyword's passage, with no titles offered after it.
ONE_KEYWORD = exchange("La pertinence, pour la stratégie de la Province, ça désigne quoi ?",
                       "Stratégie de la Province de Namur : pertinence : anticiper les besoins identifiés.\n"
                       "Source : Province de Namur, « Service des relations extérieures et internationales (SREI) ».")


def test_another_item_named_after_one_gets_its_own_passage_not_the_overview(make_tracker, run):
    # the strategy's answer is the overview naming all four; the keyword named has its passage
    said = run(ActionAnswerStrategy(), make_tracker("Et l'efficience ?", "ask_strategy", events=ONE_KEYWORD)).text
    assert said.startswith("Stratégie de la Province de Namur : efficience")
    assert "valeur ajoutée" in said and "Source :" in said


def test_a_hedged_follow_up_on_an_item_gets_its_passage(make_tracker, run):
    question = "Et la convergence, elle recouvre quoi concrètement ?"
    said = run(ActionKbFallback(), make_tracker(question, "nlu_fallback", events=ONE_KEYWORD)).text
    assert "convergence des acteurs" in said


def test_hedges_are_not_searched_for():
    words = {w for group in question_groups("Ça marche comment, concrètement et vraiment ?") for w in group}
    assert not words & {"concretement", "vraiment"}


def test_a_province_that_is_not_the_province_keeps_the_body_discussed(kb, make_tracker, run):
    before = exchange("La Région Basse-Normandie a-t-elle un accord avec le Hampshire ?",
                      "Oui. Région Basse-Normandie et Comté du Hampshire (Royaume-Uni) — accord de coopération.")
    tracker = make_tracker("Et avec une province chinoise, elle a un accord aussi ?", "ask_partnerships",
                           events=before, body="basse-normandie")
    assert body_in_context(kb, tracker) == "basse-normandie"
    said = run(ActionAnswerPartnerships(), tracker).text
    assert "Fujian" in said and "Jiangsu" not in said
    # « la Province » still names Namur
    tracker = make_tracker("Et la Province, elle a quels partenaires ?", "ask_partnerships", events=before,
                           body="basse-normandie")
    assert body_in_context(kb, tracker) == "namur"


def test_in_this_frame_leans_on_the_previous_answer_however_long(kb):
    assert leans_on_context(kb, "Quelle association de jeunes le Département aide-t-il financièrement dans ce cadre ?")
    assert not leans_on_context(kb, "Quelle association de jeunes le Département d'Ille-et-Vilaine aide-t-il financièrement ?")


def test_a_heading_line_is_not_all_the_context(make_tracker):
    before = exchange("Et sa dernière priorité ?", "Action internationale — Département d'Ille-et-Vilaine :\n"
                                                    "Quatrième priorité : la mobilité internationale des jeunes.")
    _, said = previous_exchange(make_tracker("et pour ça ?", "nlu_fallback", events=before))
    assert "mobilité internationale des jeunes" in said


def test_a_rank_after_an_answer_under_a_heading_is_that_rank_of_the_same_list(make_tracker, run):
    # the strategy's answer heads its lines with the body's name: the rank is on the next line
    before = exchange("Sa première priorité à l'international, c'est laquelle ?",
                      "Action internationale — Département d'Ille-et-Vilaine :\n"
                      "Première priorité du Département d'Ille-et-Vilaine : contribuer au développement des pays "
                      "les plus pauvres.\nSource : Département d'Ille-et-Vilaine.\nLes documents détaillent aussi :\n"
                      "• Les quatre priorités internationales de l'Ille-et-Vilaine\n"
                      "• Priorité 1 de l'Ille-et-Vilaine : le développement des pays les plus pauvres")
    said = run(ActionFollowUp(), make_tracker("Et la dernière ?", "inform", events=before, last_answer="strategy")).text
    assert said.startswith("Priorité 4 de l'Ille-et-Vilaine")


def test_a_place_tagged_as_a_body_does_not_drop_the_body_discussed(make_tracker, run):
    # the NLU tags « Norvège » as a body too, and the slot takes it over the Région's id
    tracker = make_tracker("Et le partenaire en Norvège ?", "ask_partnerships",
                           [("body", "Norvège"), ("country", "Norvège")],
                           events=[{"event": "slot", "name": "body", "value": "basse-normandie"},
                                   {"event": "slot", "name": "body", "value": "Norvège"}],
                           body="Norvège", country="Norvège")
    said = run(ActionAnswerPartnerships(), tracker).text
    assert "Hordaland" in said and "Province de Namur" not in said
    # emptied on purpose, the slot keeps nothing: the default body answers
    tracker = make_tracker("Et le partenaire en Norvège ?", "ask_partnerships", [("body", "Norvège")],
                           events=[{"event": "slot", "name": "body", "value": "basse-normandie"},
                                   {"event": "slot", "name": "body", "value": None},
                                   {"event": "slot", "name": "body", "value": "Norvège"}],
                           body="Norvège", country="Norvège")
    assert "Hordaland" not in run(ActionAnswerPartnerships(), tracker).text
