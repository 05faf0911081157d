"""`python -m knowledge ingest`: pages become searchable, sourced passages that survive rebuilds
(each test builds a base of its own: seconds, hence this tier rather than tests/unit)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from knowledge import KnowledgeBase
from knowledge.__main__ import main
from knowledge.settings import PROJECT_ROOT, content_dir

SEEDS = Path(os.environ.get("SEEDS_DIR", PROJECT_ROOT.parent / "shared" / "seeds"))
TODAY = "2026-11-21"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A copy of the content and an empty base of its own; 'today' pinned."""
    monkeypatch.setenv("ASSISTANT_TODAY", TODAY)
    content = tmp_path / "content"
    shutil.copytree(content_dir(), content)
    return content, f"sqlite:///{tmp_path / 'kb.sqlite3'}"


def run(workspace: tuple[Path, str], *args: str) -> int:
    content, url = workspace
    return main(["--content", str(content), "--url", url, *args])


def page_passages(kb: KnowledgeBase, query: str, document: str) -> list:
    return [p for p in kb.search(query, limit=20) if p.entry_type == "page" and p.source.document == document]


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source documents not found in {SEEDS} (set SEEDS_DIR)")
def test_ingest_the_seed_documents(workspace, capsys: pytest.CaptureFixture) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert run(workspace, "ingest", *map(str, seeds)) == 0
    out = capsys.readouterr().out
    assert out.count("Page importée") == len(seeds)
    content, url = workspace
    pages = sorted((content / "pages").glob("*.txt"))
    assert len(pages) == len(seeds)
    damaged = next(p for p in pages if p.name.startswith("003"))
    stored = damaged.read_text(encoding="utf-8")
    assert "Ã" not in stored and "Échanges d'expériences" in stored  # the mojibake is repaired

    kb = KnowledgeBase(url)
    try:
        found = page_passages(kb, "échanges d'expériences et de savoir-faire", "003_a2b13ec7f20f0d04.txt")
        assert found and any("Échanges d'expériences" in p.text for p in found)
        source = found[0].source
        assert source.ingested == dt.date.fromisoformat(TODAY)
        assert source.published == dt.date(2012, 6, 22)  # found at the top of the page
        assert source.publisher == kb.default_body().name
        assert found[0].body_id == kb.default_body().id
        # The curated content is still served beside the pages.
        assert kb.search("c'est quoi un jumelage ?")[0].entry_id == "def-jumelage"

        # Pages are content: a plain rebuild keeps them.
        assert run(workspace, "build") == 0
        assert page_passages(kb, "échanges d'expériences et de savoir-faire", "003_a2b13ec7f20f0d04.txt")
    finally:
        kb.close()


def test_ingest_with_body_and_title(workspace, tmp_path: Path) -> None:
    page = tmp_path / "Note Suresnes.txt"
    page.write_bytes("Coopération avec Holon\n\nLa ville échange avec Holon sur la jeunesse.\n".encode("cp1252"))
    assert run(workspace, "ingest", str(page), "--body", "suresnes", "--title", "Note interne") == 0
    content, url = workspace
    assert (content / "pages" / "note-suresnes.txt").exists()
    kb = KnowledgeBase(url)
    try:
        found = page_passages(kb, "échange avec Holon jeunesse", "Note Suresnes.txt")
        assert found
        assert found[0].title == "Note interne – Coopération avec Holon"
        assert found[0].body_id == "suresnes"
        assert found[0].source.title == "Note interne"
        assert found[0].source.publisher == kb.body("suresnes").name
        assert found[0].source.published is None and found[0].source.period == TODAY[:4]
        assert "échange" in found[0].text  # decoded from Windows-1252
    finally:
        kb.close()


def test_ingest_rolls_back_a_page_that_breaks_the_content(workspace, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture) -> None:
    clash = tmp_path / "namur.txt"  # page id « namur » is already a body's id
    clash.write_text("Une page\n\nDu texte.\n", encoding="utf-8")
    assert run(workspace, "ingest", str(clash)) == 1
    assert "« namur » en double" in capsys.readouterr().err
    content, url = workspace
    assert not (content / "pages" / "namur.txt").exists()
    assert not Path(url.removeprefix("sqlite:///")).exists()  # nothing was built


def test_ingest_of_a_missing_file_writes_nothing(workspace, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(workspace, "ingest", str(tmp_path / "absent.txt")) == 1
    assert "Import impossible" in capsys.readouterr().err
    assert not list((workspace[0] / "pages").glob("*.txt"))


def test_ingest_unknown_body(workspace, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Du texte.\n", encoding="utf-8")
    assert run(workspace, "ingest", str(page), "--body", "atlantide") == 1
    assert "Organisme inconnu « atlantide »" in capsys.readouterr().err


def test_ingest_without_build_then_check(workspace, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Titre\n\nDu texte.\n", encoding="utf-8")
    assert run(workspace, "ingest", str(page), "--no-build") == 0
    assert not Path(workspace[1].removeprefix("sqlite:///")).exists()
    assert run(workspace, "check") == 0
    assert "Contenu valide" in capsys.readouterr().out
