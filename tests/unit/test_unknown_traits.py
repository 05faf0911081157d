"""A trait of a place that no source describes (its language, weather, population…) is an
honest « the sources do not say » with whom to ask, not the card of the place named."""

from __future__ import annotations

from actions.fallback import ActionKbFallback
from actions.partnerships import ActionAnswerPartnershipDetails
from actions.unknown_attribute import unknown_traits
from knowledge.access import shared_kb
from tests.support.facts import PHONE


def test_a_language_no_passage_on_the_partner_speaks_of_is_declined(make_tracker, run):
    result = run(ActionAnswerPartnershipDetails(), make_tracker(
        "Quelle est la langue officielle de la région de Louga ?", "ask_partnership_details",
        [("partner", "namur-louga")]))
    assert "ne donnent pas" in result.text and PHONE in result.text
    assert "Source :" not in result.text and "Depuis quand" not in result.text  # not the twinning card


def test_the_weather_is_declined_whatever_place_it_names(make_tracker, run):
    result = run(ActionKbFallback(), make_tracker("Est-ce qu'il va neiger à Namur ce week-end ?", "nlu_fallback"))
    assert PHONE in result.text and "Source :" not in result.text


def test_a_trait_a_passage_on_what_is_named_speaks_of_is_left_to_the_passages():
    kb = shared_kb()
    # the Ille-et-Vilaine's school trips speak of languages; a quoted name asks no trait
    assert unknown_traits(kb, "L'Ille-et-Vilaine aide-t-elle les collégiens à découvrir d'autres langues ?") == []
    assert unknown_traits(kb, "Le PISI, c'est le « Programme sur le Climat » ?") == []
    assert unknown_traits(kb, "Quelle est la capitale de la région de Louga ?") == ["capitale"]
    # « quel temps » is the weather; « depuis combien de temps » and « temps plein » are not
    assert unknown_traits(kb, "Il fait quel temps à Louga en décembre ?") == ["quel temps"]
    assert unknown_traits(kb, "Depuis combien de temps la Province coopère-t-elle avec Louga ?") == []
    assert unknown_traits(kb, "Les agents travaillent-ils à temps plein ?") == []


def test_a_way_to_reach_the_service_no_source_gives_is_declined_not_denied(make_tracker, run):
    from actions.contact import ActionAnswerContact

    result = run(ActionAnswerContact(), make_tracker("Le comité a-t-il une page Instagram ou un fax ?", "ask_contact"))
    assert PHONE in result.text and "Source :" not in result.text and not result.text.startswith("Non")


def test_a_particular_no_source_gives_is_declined_not_the_contact_card(make_tracker, run):
    from actions.contact import ActionAnswerContact

    for question in ("c koi le num perso du directeur svp", "Quel est le numéro BCE de la Province ?",
                     "Sur quel compte bancaire verser un don ?", "Qui dirigeait le service avant son directeur actuel, son prédécesseur ?"):
        result = run(ActionAnswerContact(), make_tracker(question, "ask_contact"))
        assert PHONE in result.text and "Source :" not in result.text, question


def test_a_task_asked_of_the_assistant_is_declined_not_searched(make_tracker, run):
    from actions.task_request import asks_a_task

    # « se traduit par un appui » is the only passage the words « traduis » and « bonne » find
    result = run(ActionKbFallback(), make_tracker("traduis « bonne gouvernance » en wolof stp", "nlu_fallback"))
    assert PHONE in result.text and "Source :" not in result.text
    assert asks_a_task("Pourriez-vous m'écrire un petit poème sur Namur ?")
    assert asks_a_task("ecris moi une dissert sur la mondialisation")
    # a question on how something translates, or a user who writes a charter, asks no task
    assert not asks_a_task("Comment se traduit la coopération de Suresnes ?")
    assert not asks_a_task("Nous rédigeons une charte : quelles valeurs la Province affiche-t-elle ?")


def test_a_job_or_internship_at_a_service_is_declined_read_in_the_asking_sentence(kb, make_tracker, run):
    from actions.service import ActionAnswerServiceInfo

    for question in ("Je termine un master et je cherche du travail : est-ce que le SREI recrute en ce moment ?",
                     "Y a-t-il des postes vacants en ce moment au service international de la Province ?"):
        result = run(ActionAnswerServiceInfo(), make_tracker(question, "ask_service_info"))
        assert PHONE in result.text and "Source :" not in result.text and not result.text.startswith("Non"), question
    # an internship the asker tells of is no job asked
    assert not unknown_traits(kb, "Mon fils est stagiaire au Mali. L'Ille-et-Vilaine coopère-t-elle avec ce pays ?")
    # who led it before someone is a predecessor; who led it at a date is not
    assert unknown_traits(kb, "Qui dirigeait le SREI avant Bernard Ruyssen ?") == ["predecesseur"]
    assert not unknown_traits(kb, "Qui dirigeait le SREI en 2017 ?")
