"""A closed question's value against the value the answer gives next to the same subject."""

from __future__ import annotations

import pytest

from actions.contradiction import contradicts


def same_weight(_group: tuple[str, ...]) -> float:
    return 1.0


PARTNERS = ("Partenaires : Région de Louga (Sénégal) — jumelage ; Province du Jiangsu (Chine) — accord ; "
            "Hann. Münden (Allemagne), Holon (Israël), Kragujevac (Serbie), Villach (Autriche) et "
            "Colmenar Viejo (Espagne).")


@pytest.mark.parametrize(("question", "answer", "expected"), [
    # a country said of the subject
    ("Louga, c'est au Mali ?", PARTNERS, True),
    ("Louga, c'est bien au Sénégal ?", PARTNERS, False),
    ("Villach est bien une ville allemande ?", PARTNERS, True),  # Allemagne is in the answer, not next to Villach
    ("Villach se trouve en Autriche ?", PARTNERS, False),
    # a nation of the United Kingdom, by its name or its adjective
    ("Brighton est une ville écossaise ?", "Brighton, en Angleterre, est jumelée avec la ville.", True),
    ("Brighton est une ville anglaise ?", "Brighton, en Angleterre, est jumelée avec la ville.", False),
        # a country that is not said of the subject decides nothing
    ("La Province a-t-elle un partenaire en Chine ?", PARTNERS, False),
    ("Suresnes anime-t-elle une plateforme des acteurs français en Haïti ?",
     "La Ville de Suresnes anime une plateforme des acteurs français du Nord d'Haïti.", False),
    # a month, a category, a street number, a rhythm, a cost, an order
    ("L'appel se clôturait le 8 mars 2018 ?", "L'appel à participations était ouvert jusqu'au 8 février 2018.", True),
    ("L'appel se clôturait le 8 février 2018 ?", "L'appel à participations était ouvert jusqu'au 8 février 2018.",
     False),
    ("Les 800 km sont-ils de catégorie 2 ?", "1350 km de catégorie 2 et 800 km de catégorie 3.", True),
    ("Les 800 km sont-ils de catégorie 3 ?", "1350 km de catégorie 2 et 800 km de catégorie 3.", False),
    ("Le service est bien au 12, rue des Carrières ?", "Adresse : 22, rue des Carrières, 92150 Suresnes", True),
    ("Les musées ont des programmes d'actions annuels ?", "Les musées ont des programmes d'actions quinquennaux.",
     True),
    ("Le dépistage est payant ?", "La Province veut dépister gratuitement le VIH.", True),
    ("La mobilité des jeunes est la première priorité ?",
     "Quatrième et dernière priorité : la mobilité internationale des jeunes.", True),
    ("L'objectif numéro un, c'est la culture pour tous ?", "Objectif 3 : la culture pour tous.", True),
    ("La culture pour tous, c'est bien l'objectif 3 ?", "Objectif 3 : la culture pour tous.", False),
    # the PST « enjeu » an actor is filed under; « la bonne gouvernance » files nothing
    ("L'Office provincial agricole fait partie des acteurs de la Gouvernance ?",
     "Nos acteurs de la transition territoriale : pôles, Office provincial agricole.", True),
    ("L'Office provincial agricole est-il un acteur de la transition territoriale ?",
     "Nos acteurs de la transition territoriale : pôles, Office provincial agricole.", False),
    ("La Direction financière est rattachée au Vivre mieux ?",
     "Nos acteurs de la gouvernance : Direction générale, Direction financière.", True),
    ("Suresnes aide-t-elle Kragujevac pour la culture ?",
     "Kragujevac (Serbie) : domaines de la bonne gouvernance et de la décentralisation.", False),
    # two values of a kind state none
    ("Louga, c'est au Sénégal ou au Mali ?", PARTNERS, False),
    # no value, nothing to contradict
    ("Louga est jumelée avec Namur ?", PARTNERS, False),
])
def test_contradicts(question, answer, expected):
    assert contradicts(question, answer, same_weight) is expected


@pytest.mark.parametrize(("question", "expected"), [
    ("Jean-Louis Testud est-il le maire de Suresnes ?", True),
    ("Jean-Louis Testud est-il l'adjoint au maire ?", False),
    ("Christian Dupuy est-il le maire de Suresnes ?", False),
    ("Christian Dupuy est-il président du Conseil départemental ?", True),
])
def test_roles(question, expected):
    answer = ("Christian Dupuy, Maire de Suresnes, est aussi Vice-Président du Conseil départemental. "
              "Jean-Louis Testud est Adjoint au Maire délégué aux Relations Internationales.")
    assert contradicts(question, answer, same_weight) is expected


def test_a_person_may_hold_several_roles():
    answer = "Christian Dupuy, Maire de Suresnes, est aussi Vice-Président du Conseil départemental."
    assert not contradicts("Christian Dupuy est-il vice-président du Conseil ?", answer, same_weight)


def test_the_stated_value_is_no_anchor():
    answer = "1350 km de catégorie 2 (cat 2) et 800 km de catégorie 3 (cat 3)."
    assert contradicts("Les 1350 km, ce sont les cours d'eau de catégorie 3, c'est ça ?", answer, same_weight)


def test_roles_in():
    from actions.contradiction import roles_in
    assert roles_in("Jean-Louis Testud est Adjoint au Maire délégué") == {"adjoint"}
    assert roles_in("Christian Dupuy, Maire de Suresnes, Vice-Président du Conseil") == {"maire", "vice president"}


def test_a_country_named_answers_its_nationality_adjective():
    from actions.contradiction import demonyms_named

    forms = demonyms_named("Province du Jiangsu (Chine) — accord d'amitié")
    assert {"chinois", "chinoise", "chinoises"} <= set(forms)
    assert "italienne" in demonyms_named("Région Toscane (Italie)")
    assert demonyms_named("Province de Namur") == []
