"""The README stays true: every `make` target and project path it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def test_every_make_command_in_the_readme_is_a_target() -> None:
    targets = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, flags=re.M))
    named = set(re.findall(r"`make ([a-z][a-z-]*)", README))
    assert named, "the README names no make command"
    assert named <= targets, f"README names missing targets: {sorted(named - targets)}"


def test_every_project_path_in_the_readme_exists() -> None:
    paths = set(re.findall(r"`((?:bot|actions|knowledge|data|tests|docs|scripts)/[\w./-]*)`", README))
    missing = sorted(p for p in paths if "*" not in p and not (ROOT / p.rstrip("/")).exists())
    assert not missing, f"README names paths that do not exist: {missing}"


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def folders_two_deep() -> set[str]:
    """What `tree -d -L 2` lists on a clean clone: folders two levels deep, without the ones make produces."""
    produced = {".venv", "var", "models", ".rasa", "__pycache__", ".pytest_cache", ".ruff_cache", "results"}
    found = set()
    for first in ROOT.iterdir():
        if first.is_dir() and not first.name.startswith(".") and first.name not in produced:
            found.add(first.name)
            found |= {f"{first.name}/{second.name}" for second in first.iterdir()
                      if second.is_dir() and not second.name.startswith(".") and second.name not in produced
                      and not second.name.endswith(".egg-info")}
    return found


def test_the_readme_map_lists_every_folder_two_deep() -> None:
    block = README.split("## Organisation", 1)[1].split("```", 2)[1]
    mapped = {line.split()[0].rstrip("/") for line in block.splitlines() if line.strip() and "/" in line.split()[0]}
    assert folders_two_deep() == mapped


def test_pytest_runs_every_folder_that_holds_tests() -> None:
    """testpaths orders the tiers (fastest first); a folder missing from it would silently not run."""
    listed = re.search(r"^testpaths = \[(.*)\]", (ROOT / "pyproject.toml").read_text(encoding="utf-8"), flags=re.M)
    testpaths = re.findall(r'"([^"]+)"', listed.group(1))
    holding_tests = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "tests").rglob("test_*.py")}
    assert holding_tests <= set(testpaths) and testpaths[0] == "tests/unit"
