"""Personal data typed by users is masked before storage; ordinary text is untouched."""

from __future__ import annotations

import pytest

from bot.privacy import mask_personal_data


@pytest.mark.parametrize("text, secret", [
    ("écrivez-moi à jean.dupont@example.be svp", "jean.dupont@example.be"),
    ("mon gsm : 0475 12 34 56", "0475 12 34 56"),
    ("appelez le +32 81 77 67 70", "+32 81 77 67 70"),
    ("mon numéro national est 85.07.30-033.61", "85.07.30-033.61"),
    ("numéro national 85073003361", "85073003361"),
    ("IBAN BE68 5390 0754 7034 pour le remboursement", "BE68 5390 0754 7034"),
    ("iban be68539007547034", "be68539007547034"),
])
def test_personal_data_is_masked(text: str, secret: str) -> None:
    masked = mask_personal_data(text)
    assert secret not in masked
    assert "masqué" in masked


@pytest.mark.parametrize("text", [
    "le PrECI fermait le 8 février 2018",
    "1200 agents et 650 enseignants",
    "place Saint-Aubain 2, 5000 Namur",
    "le PST 2022-2024",
    "14.573 documents prêtés en 2021",
])
def test_ordinary_text_is_kept(text: str) -> None:
    assert mask_personal_data(text) == text
