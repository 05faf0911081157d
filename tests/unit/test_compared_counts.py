"""A closed question comparing counts is answered by the comparison."""

from __future__ import annotations

import pytest

from actions.compared_counts import compares_counts

STAFF = "La Province est forte d'une administration composée de 1200 agents et 650 enseignants (957 ETP au 31/03/2022)."


@pytest.mark.parametrize(("question", "answer", "expected"), [
    # a threshold, from above or below, with the unit written another way
    ("Le réseau points-noeuds dépasse-t-il les 2000 kilomètres ?", "Le réseau est de 2.094 km.", True),
    ("Le réseau fait plus de 3000 km ?", "Le réseau est de 2.094 km.", False),
    ("La Province emploie plus de 2000 ETP, non ?", STAFF, False),
    ("Suresnes a au moins 6 jumelages ?", "Suresnes a 6 jumelages.", True),
    ("Suresnes a moins de 6 jumelages ?", "Suresnes a 6 jumelages.", False),
    # two counts of the answer compared
    ("Il y a plus d'enseignants que d'agents ?", STAFF, False),
    ("Il y a plus d'agents que d'enseignants ?", STAFF, True),
    # a bound says what it can: « plus de 20 ans » is more than 10, maybe more than 30
    ("Namur coopère avec Louga depuis plus de 10 ans ?", "jumelage, depuis plus de 20 ans", True),
    ("Namur coopère avec Louga depuis plus de 30 ans ?", "jumelage, depuis plus de 20 ans", None),
    ("Plus de 10.000 analyses par an ?", "Environ 15.000 analyses agronomiques par an.", True),
    ("Plus de 15.000 analyses par an ?", "Environ 15.000 analyses agronomiques par an.", None),
    # nothing compared, or the unit not counted: other checks decide
    ("Le PST compte 5 enjeux ?", "Le PST compte 5 enjeux.", None),
    ("La Province a plus de 10 musées ?", STAFF, None),
])
def test_compares_counts(question, answer, expected):
    assert compares_counts(question, answer) is expected
