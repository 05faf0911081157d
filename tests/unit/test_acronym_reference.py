"""« Ce sigle, il veut dire quoi ? » is searched as the acronym last given."""

from actions.acronym_reference import resolve_acronym

PRECI = "Programme provincial d'Education Citoyenne à dimension Internationale (PrECI) : Le programme vise…"


def test_the_acronym_of_the_previous_answer_takes_its_place():
    assert resolve_acronym("Ce sigle, il veut dire quoi au juste ?", "La Province a-t-elle un programme ?",
                           PRECI) == "le sigle PrECI, il veut dire quoi au juste ?"


def test_the_answer_s_title_comes_first_then_the_user_s_own_acronym():
    assert resolve_acronym("Que veut dire ce sigle ?", "Trésorière d'une petite ONG : un répertoire ?",
                           "Oui. Répertoire CITIM des acteurs : la page renvoie…") == "Que veut dire le sigle CITIM ?"
    assert resolve_acronym("ça veut dire quoi, cet acronyme ?", "Le SERI gère quoi ?",
                           "Service Europe : Le service gère (PrECI)…") == "ça veut dire quoi, le sigle SERI ?"


def test_a_question_naming_its_acronym_or_none_asked_is_left_alone():
    assert resolve_acronym("Le SREI, que veut dire ce sigle ?", "", PRECI) == "Le SREI, que veut dire ce sigle ?"
    assert resolve_acronym("Et ce programme ?", "", PRECI) == "Et ce programme ?"
    assert resolve_acronym("ce sigle veut dire quoi ?", "Et à Namur ?", "Aucun sigle ici.") == "ce sigle veut dire quoi ?"
