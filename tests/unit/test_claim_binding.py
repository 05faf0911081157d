"""A closed question's claim checked on what the answer says of the thing it names: the
words of the claim being somewhere in the answer is not enough (twenty-first round)."""

from __future__ import annotations

import pytest

from actions.answer_shape import claimed, confirms
from actions.clause_binding import said_apart, said_of_bracketed_other, said_of_other_rank
from actions.evidence import (
    denied_by_question,
    missing_numbers,
    opposite_quality,
    prefixed_title,
    refused_by_question,
    swapped_qualifiers,
    wrong_counts,
)
from actions.fallback import ActionKbFallback
from actions.programmes import ActionAnswerProgrammeInfo


def same_weight(_group: tuple[str, ...]) -> float:
    return 5.0


VISITS = ("Deux délégations sont venues : une délégation italienne a visité le musée du verre et la crèche ; "
          "une délégation japonaise a découvert la politique sportive et visité la piscine.")


@pytest.mark.parametrize(("question", "apart"), [
    # what the answer says of the other delegation
    ("La délégation japonaise a-t-elle visité le musée du verre ?", True),
    ("La délégation italienne est-elle allée à la piscine ?", True),
    # what it says of the one asked about
    ("La délégation italienne a-t-elle visité le musée du verre ?", False),
    ("La délégation japonaise a-t-elle visité la piscine ?", False),
])
def test_a_claim_said_of_a_parallel_thing_is_not_confirmed(question, apart):
    assert said_apart(question, VISITS, same_weight) is apart
    assert confirms(question, VISITS, same_weight) is not apart


def test_a_qualifier_the_question_also_says_is_no_rival():
    answer = ("Le service soutient des opérateurs locaux ; il veut aussi promouvoir ses opérateurs publics "
              "comme privés à l'étranger.")
    assert not said_apart("Le service promeut-il les opérateurs locaux, publics et privés, à l'étranger ?",
                          answer, same_weight)


def test_a_count_of_an_acronym_is_read_like_any_count():
    answer = "La commune dispose de 2 CPAS et 4 crèches, ouverts depuis le 01/09/2020."
    assert wrong_counts("La commune a-t-elle 4 CPAS ?", answer)
    assert not wrong_counts("La commune a-t-elle 2 CPAS ?", answer)
    # a number written before another one (a date) does not count the acronym
    assert not wrong_counts("2 CPAS au 01/09/2020, c'est juste ?", "Au 01/09/2020, 2 CPAS.")


def test_a_word_after_a_comma_does_not_qualify_the_noun_before_it():
    answer = "Ils comptent sur ces agents, volontaires pour suivre les projets sur la durée."
    assert not swapped_qualifiers("Les agents municipaux suivent-ils les projets sur la durée ?", answer)
    assert swapped_qualifiers("Les agents municipaux suivent-ils les projets ?", "Les agents volontaires suivent les projets.")


def test_a_narrowed_claim_about_a_named_partner_is_answered_no_from_its_entry(make_tracker, run):
    result = run(ActionKbFallback(), make_tracker("La coopération avec Louga porte-t-elle uniquement sur le tourisme ?",
                                                   "nlu_fallback"))
    assert result.text.startswith("Non") and "médico-social" in result.text


def test_a_programme_guessed_from_a_public_yields_to_the_passage_on_that_public(make_tracker, run):
    # « écoles secondaires » is the PrECI's public, but the claim is about the Province's schools
    result = run(ActionAnswerProgrammeInfo(), make_tracker("La Province gère-t-elle sept écoles secondaires ?",
                                                           "ask_programme_info"))
    assert result.text.startswith("Non") and "3 écoles secondaires" in result.text
    # an open question on that public is about what the programme offers it
    result = run(ActionAnswerProgrammeInfo(), make_tracker("les écoles secondaires, elles peuvent faire quoi ?",
                                                           "ask_programme_info"))
    assert "PrECI" in result.text.split("\n")[0]
    # ...and so is a closed one asking for a programme
    result = run(ActionAnswerProgrammeInfo(), make_tracker("Y a-t-il chez vous un programme ouvert aux écoles secondaires ?",
                                                           "ask_programme_info"))
    assert "PrECI" in result.text.split("\n")[0]


def test_what_a_question_says_is_left_out_and_the_answer_says_is_there_is_a_no():
    answer = "Les communes peuvent signer des accords, dans le respect des règles européennes, après concertation."
    assert denied_by_question("Les communes signent-elles ces accords sans tenir compte des règles européennes ?", answer)
    assert denied_by_question("Les communes signent-elles ces accords sans concertation ?", answer)
    # the answer denies it too: the question says what the answer says
    assert not denied_by_question("Les communes signent-elles sans consulter les habitants ?",
                                  "Les communes signent sans que les habitants soient consultés.")
    assert not denied_by_question("Ces accords sont-ils gratuits ?", answer)


TWINNING = "Le jumelage apporte à la région des opportunités économiques et des échanges culturels avec l'Italie."


@pytest.mark.parametrize(("question", "refused"), [
    ("Le jumelage n'offre aucune opportunité économique à la région ?", True),
    ("Le jumelage n'a rien à voir avec les échanges culturels, c'est ça ?", True),
    ("La région refuse-t-elle les échanges culturels ?", True),
    ("La région se désintéresse des échanges culturels ?", True),
    # the refused thing is not all said: « en Asie » is nowhere
    ("Le jumelage n'apporte aucun échange culturel en Asie ?", False),
    # nothing is said to be absent
    ("Le jumelage apporte-t-il des opportunités économiques ?", False),
])
def test_what_a_question_says_is_absent_or_refused_and_the_answer_says_is_a_no(question, refused):
    assert bool(refused_by_question(question, TWINNING)) is refused
    if refused:
        assert not confirms(question, TWINNING, same_weight)


def test_a_refused_thing_the_answer_denies_too_is_not_refuted():
    answer = "Le jumelage n'apporte aucune opportunité économique : il reste culturel."
    assert not refused_by_question("Le jumelage n'offre aucune opportunité économique ?", answer)


def test_a_bare_title_is_not_the_prefixed_one():
    answer = "Paul Martin, maire de Ville, est aussi Vice-Président du conseil régional."
    assert prefixed_title("Paul Martin est-il président du conseil régional ?", answer)
    assert not confirms("Paul Martin est-il président du conseil régional ?", answer, same_weight)
    assert not prefixed_title("Paul Martin est-il vice-président du conseil régional ?", answer)
    # the bare title is also given to someone: the question is read as usual
    assert not prefixed_title("Paul Martin est-il président du club ?", answer + " Il est président du club.")


def test_a_quality_said_with_an_opposing_prefix_is_its_opposite():
    answer = "Le plan veut un service de santé scolaire décentralisé et un dialogue informel."
    assert opposite_quality("La santé scolaire sera-t-elle centralisée ?", answer) == ["centralisee"]
    assert not confirms("La santé scolaire sera-t-elle centralisée ?", answer, same_weight)
    assert opposite_quality("Le dialogue est-il formel ?", answer) == ["formel"]
    # the quality itself is said too, or the prefixed word is another word (« important »)
    assert not opposite_quality("Le dialogue est-il formel ?", answer + " Un volet formel existe.")
    assert not opposite_quality("Un programme portant sur l'emploi ?", "Un programme important pour l'emploi.")
    assert not opposite_quality("Un placement des jeunes ?", "Le déplacement des jeunes.")


def test_a_quoted_letter_of_an_acronym_claims_nothing_of_its_own():
    answer = "Le service Europe et relations internationales (SERI) du Département gère les projets."
    assert confirms("Le « E » de SERI, c'est pour Europe ?", answer, same_weight)
    assert not confirms("Le « E » de SERI, c'est pour Échanges ?", answer, same_weight)


def test_among_them_claims_no_lot():
    answer = "La Région a signé un accord avec la région Toscane (Italie), l'une de ses quatre partenaires."
    assert confirms("Il y a aussi la Toscane dans le lot ?", answer, same_weight)


def test_both_of_them_is_no_count_but_every_two_years_is():
    answer = "La ville a cinq jumelages : Lyon, Turin, Gand, Porto et Graz."
    assert not missing_numbers(claimed("Lyon et Turin sont-elles toutes les deux jumelées avec la ville ?"), answer)
    assert confirms("Lyon et Turin sont-elles toutes les deux jumelées avec la ville ?", answer, same_weight)
    assert missing_numbers(claimed("Les jumelages sont-ils renouvelés tous les deux ans ?"), answer)


def test_a_cleft_naming_an_abbreviation_singles_out_nothing():
    answer = "L'ABC (Agence bleue du climat) conseille les communes."
    assert confirms("ABC, c'est bien l'abréviation de l'Agence bleue du climat ?", answer, same_weight)


ROLES = "Le plan associe la mairie (décisions politiques) et les services (mise en œuvre technique)."
ACTIONS = ("Trois actions : la campagne Arc-en-ciel (égalité), un atelier pour les aidants (ATELIA) et un outil "
           "de dépistage du diabète (DIABO).")


@pytest.mark.parametrize(("question", "answer", "other"), [
    ("Ce sont les services qui prennent les décisions politiques ?", ROLES, True),
    ("C'est la mairie qui prend les décisions politiques ?", ROLES, False),
    ("La campagne Arc-en-ciel porte-t-elle sur le dépistage du diabète ?", ACTIONS, True),
    ("La campagne Arc-en-ciel porte-t-elle sur l'égalité ?", ACTIONS, False),
    # both named together on purpose
    ("Le plan associe-t-il la mairie et les services ?", ROLES, False),
    # brackets that list examples label nothing
    ("Le réseau aide-t-il les écoles du Mali ?",
     "Le réseau aide les écoles (par exemple au Mali) et les clubs (Ligue sportive).", False),
])
def test_a_claim_joining_two_bracketed_things_is_not_confirmed(question, answer, other):
    assert said_of_bracketed_other(question, answer, same_weight) is other


AXES = "Le plan du quartier compte trois axes : 1) la mobilité douce ; 2) la rénovation des écoles et 3) les fêtes locales."


@pytest.mark.parametrize(("question", "other"), [
    ("Le premier axe du plan porte-t-il sur la rénovation des écoles ?", True),
    ("Le 3e axe, c'est la mobilité douce ?", True),
    ("Le deuxième axe du plan porte-t-il sur la rénovation des écoles ?", False),
    ("Le premier axe, c'est la mobilité douce ?", False),
    ("Le cinquième axe porte-t-il sur les fêtes locales ?", False),  # no such item: other checks decide
])
def test_a_claim_given_the_rank_of_another_numbered_item_is_not_confirmed(question, other):
    assert said_of_other_rank(question, AXES, same_weight) is other
