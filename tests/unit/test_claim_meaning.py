"""A claimed word said in a word close in meaning supports the claim for part of its weight."""

from actions.claim_meaning import PART, unsupported_by_meaning


def one(_group: tuple[str, ...]) -> float:
    return 1.0


def test_a_word_close_in_meaning_counts_for_part_of_its_weight(language_model):
    claims = (("entretien",), ("immeubles",))
    answer = "La Province prévoit l'entretien de ses bâtiments."
    assert unsupported_by_meaning("L'entretien des immeubles est-il prévu ?", answer, claims, one) == (1 - PART) / 2


def test_a_word_far_in_meaning_counts_for_nothing(language_model):
    claims = (("prevention",), ("financement",))
    answer = "La Province veut renforcer la prévention du suicide."
    assert unsupported_by_meaning("La prévention est-elle un financement ?", answer, claims, one) == 0.5


def test_words_said_as_such_leave_nothing_unsupported(language_model):
    claims = (("prevention",),)
    assert unsupported_by_meaning("La prévention ?", "la prévention du suicide", claims, one) == 0.0


def test_a_vector_borrowed_from_a_word_of_another_root_means_nothing(language_model):
    # the model stores « confessionnel » with the vector it trained for « institutionnel »
    claims = (("enseignement",), ("confessionnel",))
    answer = "Un enseignement institutionnel de qualité."
    assert unsupported_by_meaning("Un enseignement confessionnel ?", answer, claims, one) == 0.5
