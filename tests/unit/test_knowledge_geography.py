"""Continents from CLDR: the partners' countries land where a reader expects them."""

from __future__ import annotations

import pytest

from knowledge.geography import continent_code, continent_name, in_continent, is_continent


@pytest.mark.parametrize(("country", "continent"), [
    ("Sénégal", "Afrique"), ("Tunisie", "afrique"), ("Madagascar", "Afrique"), ("Chine", "Asie"),
    ("Inde", "Asie"), ("Espagne", "Europe"), ("Royaume-Uni", "Europe"), ("Serbie", "Europe"),
    ("Norvège", "europe"), ("Haïti", "Amérique"), ("Haiti", "Amériques")])
def test_countries_of_the_sources_are_on_their_continent(country, continent):
    assert in_continent(country, continent)


def test_a_country_is_on_one_continent_only():
    assert not in_continent("Espagne", "Afrique")  # Ceuta's time zone is no reason
    assert not in_continent("Chine", "Europe")


def test_only_continents_are_continents():
    assert is_continent("Asie") and is_continent("amerique latine")
    assert not is_continent("Chine") and not is_continent(None)
    assert continent_code("Océanie") == continent_code("oceanie")


def test_adjectives_name_their_continent():
    assert in_continent("Sénégal", "africaine") and in_continent("Serbie", "européennes")
    assert continent_name("asiatiques") == "Asie" and continent_name("Chine") == "Chine"


def test_parts_of_continents_hold_their_own_countries():
    from knowledge.geography import continent_in, continents_named, in_continent, is_continent

    part = continent_in("Et celle d'Afrique de l'Ouest, c'est laquelle ?")
    assert is_continent(part) and in_continent("Sénégal", part) and not in_continent("Tunisie", part)
    assert in_continent("Tunisie", continent_in("un partenaire en Afrique du Nord ?"))
    assert continent_in("et en Asie ?") == "asie"  # a continent alone stays the continent
    assert "Afrique de l'Ouest" in continents_named("Région de Louga (Sénégal)")
    assert "Afrique du Nord" not in continents_named("Région de Louga (Sénégal)")
