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
