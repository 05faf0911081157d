"""Bodies and offices the sources do not describe are declined, not answered with a neighbour."""

from __future__ import annotations

import pytest

from actions.other_bodies import unknown_body


@pytest.mark.parametrize(("question", "expected"), [
    ("Quelle est l'adresse de l'ambassade de Tunisie à Bruxelles ?", True),
    ("Avec quelles villes étrangères la Ville de Namur est-elle jumelée ?", True),  # the sources describe its Province
    ("La Province de Hainaut a-t-elle des partenaires ?", True),
    ("La commune de Suresnes a combien de jumelages ?", False),  # a commune is its Ville
    ("La région de Louga est dans quel pays ?", False),
    ("Le Conseil régional de Basse-Normandie a-t-il un site ?", False),
    ("Le SREI est dans quelle rue de la ville de Namur ?", False),  # names a service the sources describe
    # a word the sources use only as a dialogue's answer (« province de Luxembourg ») names no body they describe
    ("La Province de Luxembourg a-t-elle un service d'échanges avec l'étranger ?", True),
    # a service « of » that body is its own, not the one the sources describe under that name
    ("L'adresse du service des relations internationales de la province de Luxembourg ?", True),
    # a body a passage speaks of, and a region of a country, are not unknown bodies
    ("Le Conseil départemental des Hauts-de-Seine a-t-il un vice-président suresnois ?", False),
    ("Ce réseau d'acteurs couvre quelle région du pays ?", False),
    # an office named as a kind of place (« d'université ») is no office asked about
    ("Cette priorité vise surtout les étudiants d'université, non ?", False),
    ("Je dois aller au consulat du Sénégal, vous avez les horaires ?", True),
])
def test_unknown_body(kb, question, expected):
    assert unknown_body(kb, question) is expected


@pytest.mark.parametrize(("question", "expected"), [
    ("Je peux passer vendredi à 17h30 au 22 rue des Carrières ?", "suresnes"),
    ("Le bureau place Saint-Aubain est ouvert le samedi ?", "namur"),
    ("J'appelle le 01 42 04 96 77 lundi à 9h ?", "suresnes"),
    ("Rue de la Loi, c'est ouvert ?", None),
])
def test_a_body_is_known_by_its_address_or_phone(kb, question, expected):
    from actions.context import body_by_contact
    assert body_by_contact(kb, question) == expected


@pytest.mark.parametrize(("question", "expected"), [
    # the body is the claim put to the test about what the sources describe: « Non », then the fact
    ("Christian Dupuy est-il vice-président du conseil départemental du Val-de-Marne ?", False),
    ("La transition numérique prévue par le PST ne concerne que la ville de Namur ?", False),
    # the body is what the question is about, or too little comes before it
    ("La Province de Hainaut coopère-t-elle avec le Burkina ?", True),
    ("Le PISI finance-t-il des projets de la province de Liège ?", True),
])
def test_a_closed_question_may_claim_an_unknown_body(kb, question, expected):
    assert unknown_body(kb, question) is True
    assert unknown_body(kb, question, closed=True) is expected
