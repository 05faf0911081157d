"""The number, the sum or the silence a question asks for: « combien » counted in a list, « quel
montant » given by the passage that states a sum of what is named, and what the service's page
does not say (where to park, which elected member) answered as a silence with the contact."""

from __future__ import annotations

from actions.answer_shape import counted_things
from actions.contact import ActionAnswerContact
from actions.out_of_scope import ActionAnswerOutOfScope
from actions.pst import ActionAnswerPst
from actions.service import ActionAnswerServiceInfo
from tests.support.facts import PHONE

ADDRESS = [{"entity": "contact_kind", "value": "address"}]


def test_a_sum_asked_is_given_by_the_passage_that_states_it_even_after_an_out_of_scope_reading(make_tracker, run):
    result = run(ActionAnswerOutOfScope(), make_tracker("À combien s'élève l'enveloppe du budget participatif ?",
                                                        "out_of_scope"))
    assert "200.000" in result.text and "Source :" in result.text


def test_a_sum_of_something_no_passage_prices_stays_declined(make_tracker, run):
    result = run(ActionAnswerOutOfScope(), make_tracker("Quel est le montant de la subvention du PrECI ?",
                                                        "out_of_scope"))
    assert "€" not in result.text and PHONE in result.text


def test_how_many_members_of_a_list_is_answered_with_the_count(make_tracker, run):
    result = run(ActionAnswerPst(), make_tracker("Le volet gouvernance du PST mobilise combien d'acteurs ?", "ask_pst"))
    assert "10 acteurs" in result.text and "Source :" in result.text


def test_a_plural_that_agrees_with_the_thing_counted_is_counted_too():
    assert counted_things("elle a combien de villes jumelles ?") == ["villes", "jumelles"]
    assert counted_things("combien de centres PMS ?") == ["centres", "pms"]
    assert counted_things("cb de centres pms ?") == ["centres", "pms"]  # an acronym typed in lower case
    assert counted_things("combien d'années portent sur le plan ?") == ["annees"]  # a verb is not counted


def test_what_the_card_does_not_say_of_a_place_is_not_answered_by_the_card(make_tracker, run):
    # « où » asks a place, but where to park, which the card does not say: a silence and the contact
    result = run(ActionAnswerContact(), make_tracker("Où peut-on stationner près du Palais provincial ?",
                                                     "ask_contact", ADDRESS))
    assert "ne précise pas" in result.text and PHONE in result.text
    assert "Adresse :" not in result.text and "Source :" not in result.text  # a silence cites nothing


def test_the_address_asked_is_still_the_card(make_tracker, run):
    result = run(ActionAnswerContact(), make_tracker("C'est quoi l'adresse postale du service ?", "ask_contact", ADDRESS))
    assert "Saint-Aubain" in result.text and "Source :" in result.text


def test_an_elected_member_the_page_does_not_name_is_a_silence_with_the_contact(make_tracker, run):
    result = run(ActionAnswerServiceInfo(), make_tracker(
        "Quel élu provincial s'occupe des relations internationales ?", "ask_service_info"))
    assert "ne nomme pas" in result.text and PHONE in result.text


def test_a_nationality_adjective_is_said_by_the_passage_naming_the_country(make_tracker, run):
    # read as out of scope, « la province chinoise » is still the partner « (Chine) »
    result = run(ActionAnswerOutOfScope(), make_tracker("Namur a un accord avec quelle province chinoise ?", "out_of_scope"))
    assert "Jiangsu" in result.text and "Source :" in result.text


def test_a_qualifier_of_what_is_counted_is_not_counted():
    assert counted_things("avec combien de villes étrangères est-elle jumelée ?") == ["villes"]


def test_a_sum_is_a_figure_in_euros_not_a_word_about_money():
    from actions.answer_shape import gives_amount

    assert gives_amount("un budget de 200.000 €/an") and gives_amount("15 000 euros")
    assert not gives_amount("la gestion des budgets") and not gives_amount("le montant prévisionnel des engagements")


def test_a_count_put_forward_is_checked_against_the_passage_that_gives_it(make_tracker, run):
    from actions.answer_shape import count_claimed

    assert count_claimed("Le club a 12 terrains couverts, exact ?") == "combien de terrains couverts ?"
    assert count_claimed("Le jumelage date de 2004 ?") is None  # a year counts nothing
    result = run(ActionAnswerServiceInfo(), make_tracker("La Province a 9 centres PMS et 3 PSE, c'est juste ?",
                                                         "ask_service_info"))
    assert result.text.startswith("Non") and "6 PMS" in result.text and "Source :" in result.text


def test_a_false_claim_naming_a_body_the_sources_do_not_describe_is_a_no_with_the_fact(make_tracker, run):
    result = run(ActionAnswerContact(), make_tracker(
        "Christian Dupuy est-il vice-président du conseil départemental du Val-de-Marne ?", "ask_contact"))
    assert result.text.startswith("Non") and "Hauts-de-Seine" in result.text and "Source :" in result.text


def test_a_closed_question_followed_by_how_many_gets_yes_then_the_number(make_tracker, run):
    from actions.fallback import ActionKbFallback
    from actions.question_shape import closed_before

    assert closed_before("Il y a un budget participatif ? De combien par an ?") == "Il y a un budget participatif ?"
    assert closed_before("À l'attention de qui dois-je écrire ? Qui est le responsable ?") is None  # both open
    assert closed_before("Combien de PMS ?") is None
    result = run(ActionKbFallback(), make_tracker("La Province utilise-t-elle des logiciels de simplification "
                                                  "administrative ? Combien ?", "nlu_fallback"))
    assert result.text.startswith("Oui") and "9 logiciels" in result.text


def test_a_list_a_passage_gives_without_its_number_is_counted(make_tracker, run):
    from actions.fallback import ActionKbFallback

    result = run(ActionKbFallback(), make_tracker("Combien de valeurs de solidarité le Département d'Ille-et-Vilaine "
                                                  "cite-t-il en exemple ?", "nlu_fallback"))
    assert result.text.startswith("Les documents en citent 4 :") and "autonomie alimentaire" in result.text
    assert "Source :" in result.text


def test_only_a_closed_list_after_the_plural_counted_is_counted():
    from actions.listed_count import listed_count

    said = "Les Régions possèdent des compétences spécifiques (aménagement du territoire, formation, ou encore " \
           "développement économique) qui forment des axes de travail."
    assert listed_count("Combien de compétences spécifiques sont citées ?", said) == 3
    # after a singular, « : » explains; an open list, measures and people are not counted
    assert listed_count("combien de priorités ?", "Quatrième priorité du Département : soutenir les jeunes, "
                                                  "comme les demandeurs d'emploi et les bénéficiaires du RSA.") is None
    assert listed_count("combien de partenaires ?", "des partenaires : l'Union européenne, la Banque mondiale, "
                                                    "d'autres collectivités...") is None
    assert listed_count("combien de cours d'eau ?", "des cours d'eau entretenus : 1350 km et 800 km.") is None
    assert listed_count("combien de jeunes ?", "des jeunes, comme les demandeurs d'emploi et les bénéficiaires "
                                               "du RSA.") is None


def test_the_thing_counted_is_recognised_through_a_slip_of_the_keyboard(make_tracker, run):
    from actions.answer_shape import never_counts

    said = "La Province dispose de 11 services de santé mentale généraliste avec antenne."
    assert not never_counts("Combien de servcies de santé mentale la Province a-t-elle ?", said)
    assert not never_counts("Combien d'agnets compte l'administration ?", "une administration de 1200 agents")
    assert never_counts("Combien de pays ?", "des gays")  # short words: one letter is another word
