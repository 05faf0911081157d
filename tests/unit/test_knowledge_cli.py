"""`python -m knowledge`: exit codes and the messages staff read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge import KnowledgeBase
from knowledge.__main__ import main
from knowledge.settings import PROJECT_ROOT, content_dir
from tests.support.facts import deadline


@pytest.fixture
def content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content_dir(), target)
    return target


def break_a_date(content: Path) -> int:
    """Put an impossible deadline in the copy; returns its line number."""
    path = content / "namur.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    day = deadline("preci-appel-2018").isoformat()
    index = next(i for i, line in enumerate(lines) if f'deadline: "{day}"' in line)
    lines[index] = lines[index].replace(day, "2018-02-31")
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1


def test_check_valid(content: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--content", str(content), "check"]) == 0
    assert "Contenu valide" in capsys.readouterr().out


def test_check_invalid_names_file_line_and_field(content: Path, capsys: pytest.CaptureFixture) -> None:
    line = break_a_date(content)
    assert main(["--content", str(content), "check"]) == 1
    err = capsys.readouterr().err
    assert "Contenu invalide (1 erreur(s))" in err
    assert f"namur.yml:{line}: champ « programmes[1].calls[0].deadline » : date invalide « 2018-02-31 »" in err


def test_build_reports_counts_and_a_failed_build_keeps_the_base(content: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture) -> None:
    url = f"sqlite:///{tmp_path / 'kb.sqlite3'}"
    assert main(["--content", str(content), "--url", url, "build"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Base construite en ") and "passages" in out
    kb = KnowledgeBase(url)
    before = kb.check()
    break_a_date(content)
    assert main(["--content", str(content), "--url", url, "build"]) == 1
    assert "rien n'a été remplacé" in capsys.readouterr().err
    assert kb.check() == before
    kb.close()


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as info:
        main(["rebuild-everything"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["ingest"])  # no file
    assert info.value.code == 2


def test_module_entry_point_exit_code(content: Path) -> None:
    """The real `python -m knowledge`, as make and staff run it."""
    break_a_date(content)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    result = subprocess.run([sys.executable, "-m", "knowledge", "--content", str(content), "check"],
                            capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120, check=False)
    assert result.returncode == 1
    assert "date invalide « 2018-02-31 »" in result.stderr
