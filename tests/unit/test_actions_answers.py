"""Service, strategy, partnerships, definitions and PST answers: facts from the base, sources, dates."""

from __future__ import annotations

import pytest

from actions.definitions import ActionAnswerDefinition
from actions.partnerships import ActionAnswerPartnershipDetails, ActionAnswerPartnerships
from actions.pst import ActionAnswerPst
from actions.service import ActionAnswerServiceInfo, ActionAnswerStrategy


def test_service_info_lists_the_missions_of_the_service_named(make_tracker, run):
    result = run(ActionAnswerServiceInfo(), make_tracker("que fait le SREI ?", "ask_service_info"))
    assert "Direction générale" in result.text and "PrECI" in result.text
    assert "Source : Province de Namur" in result.text
    assert result.slot("body") == "namur"


def test_old_source_shows_its_publication_date(make_tracker, run):
    result = run(ActionAnswerServiceInfo(), make_tracker("que fait le SERI ?", "ask_service_info",
                                                         [("body", "ille-et-vilaine")]))
    assert "publié le mercredi 7 octobre 2015" in result.text


def test_body_without_a_service_is_said_so_with_what_is_known(make_tracker, run):
    result = run(ActionAnswerServiceInfo(), make_tracker("et la Basse-Normandie ?", "ask_service_info",
                                                         [("body", "basse-normandie")]))
    assert "ne décrivent pas" in result.text and "Fujian" in result.text


def test_strategy_leads_with_the_summary_of_the_priorities(make_tracker, run):
    result = run(ActionAnswerStrategy(), make_tracker("quelles sont les priorités de l'Ille-et-Vilaine ?",
                                                      "ask_strategy", [("body", "ille-et-vilaine")]))
    lead = result.text.splitlines()[1]
    assert "quatre priorités" in lead
    namur = run(ActionAnswerStrategy(), make_tracker("les mots-clés de la stratégie provinciale", "ask_strategy"))
    assert "pertinence, convergence, cohérence et efficience" in namur.text


def test_twinnings_are_listed_with_kind_country_and_since(make_tracker, run):
    result = run(ActionAnswerPartnerships(), make_tracker("avec qui Namur est-elle jumelée ?", "ask_partnerships",
                                                          [("body", "namur")]))
    assert "Région de Louga (Sénégal) — jumelage, depuis plus de 20 ans" in result.text
    assert "Province du Jiangsu (Chine)" in result.text and "Tunis" in result.text
    assert '/ask_partnership_details{"partner": "namur-louga"}' in [b["payload"] for b in result.buttons]


def test_partners_in_one_country_only(make_tracker, run):
    result = run(ActionAnswerPartnerships(), make_tracker("la province a-t-elle des partenaires en Chine ?",
                                                          "ask_partnerships", [("country", "Chine")]))
    assert "Jiangsu" in result.text and "Louga" not in result.text


def test_no_partner_in_a_country_is_said_not_invented(make_tracker, run):
    result = run(ActionAnswerPartnerships(), make_tracker("Suresnes a des partenaires au Japon ?", "ask_partnerships",
                                                          [("body", "suresnes"), ("country", "Japon")]))
    assert "ne donnent pas de partenaire dans ce pays (Japon)" in result.text


@pytest.mark.parametrize("value", ["[Cliquez ici](https://evil.example/login)", "<b>Atlantide</b>", "Atlantide"])
def test_a_country_value_that_names_no_country_is_never_echoed(make_tracker, run, value: str):
    """What the NLU or a `/intent{…}` command put in the entity reaches the answer only once recognised."""
    result = run(ActionAnswerPartnerships(), make_tracker("des partenaires là-bas ?", "ask_partnerships",
                                                          [("country", value)]))
    assert "ne donnent pas de partenaire à cet endroit" in result.text and "Louga" in result.text
    assert value not in result.text and "evil" not in result.text
    assert result.slot("country") is None


def test_partnership_details_say_when_the_documents_are_silent(make_tracker, run):
    louga = run(ActionAnswerPartnershipDetails(), make_tracker("depuis quand avec Louga ?", "ask_partnership_details",
                                                               [("partner", "namur-louga")]))
    assert "depuis plus de 20 ans" in louga.text and "médico-social" in louga.text
    tunis = run(ActionAnswerPartnershipDetails(), make_tracker("et avec Tunis ?", "ask_partnership_details"))
    assert "Depuis quand : les documents ne le précisent pas." in tunis.text
    assert "Domaines : les documents ne les précisent pas." in tunis.text
    assert tunis.slot("partner") == "namur-tunis"


def test_definition_by_entity_id_or_by_name_in_the_text(make_tracker, run):
    by_id = run(ActionAnswerDefinition(), make_tracker("c'est quoi ?", "ask_definition",
                                                       [("topic", "def-loi-thiolliere")]))
    assert "2007" in by_id.text and "publié le vendredi 22 juin 2012" in by_id.text
    by_name = run(ActionAnswerDefinition(), make_tracker("qu'est-ce qu'un jumelage", "ask_definition"))
    assert by_name.text.startswith("Jumelage :")


def test_unknown_notion_is_not_invented(make_tracker, run):
    result = run(ActionAnswerDefinition(), make_tracker("c'est quoi le zorglub ?", "ask_definition"))
    assert "Source" not in result.text
    assert all(b["payload"].startswith("/ask_definition") for b in result.buttons)


def test_pst_parts_by_name_and_the_plan_itself(make_tracker, run):
    stakes = run(ActionAnswerPst(), make_tracker("quels sont les enjeux du PST ?", "ask_pst"))
    assert "5 enjeux" in stakes.text.splitlines()[0] or "cinq enjeux" in stakes.text.splitlines()[0]
    assert "informations de 2022" in stakes.text
    wilway = run(ActionAnswerPst(), make_tracker("c'est quoi Wilway ?", "ask_pst"))
    assert "outil de gestion du PST" in wilway.text
    plan = run(ActionAnswerPst(), make_tracker("c'est quoi le PST ?", "ask_pst"))
    assert plan.text.startswith("Programme Stratégique Transversal (PST) :")
    assert '/ask_pst{"topic": "pst-enjeux"}' in [b["payload"] for b in plan.buttons]


def test_pst_question_without_a_recognisable_fact_goes_to_the_fallback(make_tracker, run):
    result = run(ActionAnswerPst(), make_tracker("faut-il un permis d'urbanisme pour une véranda ?", "ask_pst"))
    assert "Source :" not in result.text
    assert result.slot("last_answer") == "fallback_miss"


def test_pst_figure_found_without_naming_the_pst(make_tracker, run):
    result = run(ActionAnswerPst(), make_tracker("combien d'agents à la province ?", "ask_pst"))
    assert "1200 agents" in result.text


def test_body_without_service_adds_the_fact_that_answers_the_question(make_tracker, run):
    result = run(ActionAnswerServiceInfo(), make_tracker(
        "qu'est-ce que la coopération décentralisée apporte aux habitants de Basse-Normandie ?", "ask_service_info"))
    assert "Fujian" in result.text  # what the body is
    assert "apprentissage interculturel" in result.text  # what it brings, from the impacts fact


def test_pst_fact_clearly_best_though_partly_matched(make_tracker, run):
    result = run(ActionAnswerPst(), make_tracker("en quelle année la province vise-t-elle zéro émission de carbone ?",
                                                 "ask_pst"))
    assert "2030" in result.text and "Source :" in result.text


def test_strategy_question_about_one_partnership_gives_that_partnership(make_tracker, run):
    result = run(ActionAnswerStrategy(), make_tracker(
        "quels sont les objectifs de la coopération de Suresnes avec Cap-Haïtien ?", "ask_strategy",
        [("body", "suresnes"), ("partner", "suresnes-cap-haitien")]))
    assert "bonne gouvernance" in result.text and "depuis 1998" in result.text
    assert result.slot("last_answer") == "partnership_details"


def test_two_notions_named_get_both_definitions(make_tracker, run):
    result = run(ActionAnswerDefinition(), make_tracker(
        "c'est quoi la différence entre jumelage et coopération décentralisée ?", "ask_definition",
        [("topic", "def-jumelage")]))  # the NLU found one; the other is named in the text
    assert result.text.startswith("Jumelage")
    assert "Coopération décentralisée :" in result.text
