"""Plain-text pages: encoding repair, and cutting into passages without losing a word."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from knowledge.ingest import detect_published, detect_title, read_text_file
from knowledge.pages import MAX, format_page, repair_text, split_front_matter, split_passages
from knowledge.settings import PROJECT_ROOT

SEEDS = Path(os.environ.get("SEEDS_DIR", PROJECT_ROOT.parent / "shared" / "seeds"))
seed_files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
needs_seeds = pytest.mark.skipif(not seed_files, reason=f"source documents not found in {SEEDS} (set SEEDS_DIR)")


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_repair_fixes_mojibake_even_next_to_a_non_breaking_space() -> None:
    damaged = "É".encode().decode("cp1252")  # « Ã‰ », what a wrong decoding leaves
    assert repair_text(f"-\u00a0{damaged}changes d’expériences\n") == "- Échanges d'expériences\n"


def test_repair_drops_markup_and_layout_noise() -> None:
    raw = "Titre  \r\n\r\n\r\n\r\nDu **gras** et 20<sup>22</sup>\tici.  \n"
    assert repair_text(raw) == "Titre\n\nDu gras et 20 22 ici.\n"


def test_markdown_headings_nest() -> None:
    text = "# Nos valeurs\n\n## PROXIMITÉ\n\nÉcoute et respect.\n\n## EXPERTISE\n\nExpérience de terrain.\n"
    assert split_passages(text) == [("Nos valeurs – PROXIMITÉ", "Écoute et respect."),
                                    ("Nos valeurs – EXPERTISE", "Expérience de terrain.")]


def test_question_lines_and_short_lines_before_text_are_headings() -> None:
    text = ("Relations internationales\n\nUn texte qui suit le titre.\n\n"
            "Qu'est-ce que la coopération ?\n\nUne réponse.\n")
    assert split_passages(text) == [("Relations internationales", "Un texte qui suit le titre."),
                                    ("Qu'est-ce que la coopération ?", "Une réponse.")]


def test_lists_of_short_lines_stay_text_in_markdown_pages() -> None:
    text = "# Valeurs\n\nClarté\n\nConfiance\n\nNous garantissons la transparence.\n"
    assert split_passages(text) == [("Valeurs", "Clarté\nConfiance\nNous garantissons la transparence.")]


def test_long_paragraphs_are_cut_between_sentences() -> None:
    sentence = "La Province soutient des projets de coopération au développement dans le Sud. "
    passages = split_passages("Titre\n\n" + sentence * 40)
    assert len(passages) > 1
    assert all(len(text) <= MAX for _, text in passages)
    assert all(text.endswith("Sud.") for _, text in passages)


def test_front_matter_round_trip() -> None:
    page = format_page({"source": "a.txt", "title": 'Un "titre"', "published": None}, "Texte.\n")
    header, text, first_line = split_front_matter(page)
    assert header == 'source: "a.txt"\ntitle: "Un \\"titre\\""\n'
    assert text == "Texte.\n" and first_line == 5


def test_detect_published_and_title() -> None:
    assert detect_published("Titre\npublié le 07.10.2015\nTexte") == dt.date(2015, 10, 7)
    assert detect_published("vendredi 22 juin 2012\n\nTitre") == dt.date(2012, 6, 22)
    assert detect_published("La loi du 25 janvier 2007 relative à l'action extérieure des collectivités") is None
    assert detect_title("vendredi 22 juin 2012\n\nLa coopération en Normandie\n\nTexte.", "x") == \
        "La coopération en Normandie"
    assert detect_title("", "fichier") == "fichier"


def test_windows_1252_files_are_read(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes("Échanges réciproques".encode("cp1252"))
    assert read_text_file(path) == "Échanges réciproques"


@needs_seeds
@pytest.mark.parametrize("path", seed_files, ids=lambda p: p.name)
def test_seed_pages_lose_no_word(path: Path) -> None:
    text = repair_text(read_text_file(path))
    passages = split_passages(text)
    assert passages
    kept = set().union(*(words(h) | words(t) for h, t in passages))
    lost = words(text.replace("#", " ")) - kept
    assert not lost, sorted(lost)[:20]
    assert "Ã" not in text
