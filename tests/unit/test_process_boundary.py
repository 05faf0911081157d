"""The Rasa process (bot/) and the action server (actions/) share only the knowledge package."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_packages(folder: str) -> dict[str, set[str]]:
    """Top-level package of every import in `folder`'s Python files, by file."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
                  and not node.level}
        found[str(path.relative_to(ROOT))] = {name.split(".")[0] for name in names}
    return found


@pytest.mark.parametrize(("folder", "other_side"), [("bot", "actions"), ("actions", "bot"),
                                                     ("knowledge", "bot"), ("knowledge", "actions")])
def test_no_import_across_the_boundary(folder: str, other_side: str) -> None:
    crossing = [path for path, packages in imported_packages(folder).items() if other_side in packages]
    assert crossing == [], f"{folder}/ imports {other_side}/ in {crossing}"


def test_production_code_never_reads_tests() -> None:
    for folder in ("bot", "actions", "knowledge"):
        readers = [path for path, packages in imported_packages(folder).items() if "tests" in packages]
        readers += [str(p.relative_to(ROOT)) for p in (ROOT / folder).rglob("*.py")
                    if '"tests"' in p.read_text(encoding="utf-8")]
        assert readers == [], f"{folder}/ reads tests/ in {readers}"


def test_the_rasa_process_reads_the_knowledge_base_without_a_second_spacy_pipeline(monkeypatch) -> None:
    """Contacts and links (all the Rasa process reads) need no language model: its NLU has one."""
    from bot.channels.links import links_from_knowledge_base
    from bot.server.contact import contact_from_knowledge_base
    from knowledge import textnorm
    from knowledge.access import shared_kb

    loads: list[str] = []
    monkeypatch.setattr(textnorm, "load_pipeline", lambda: loads.append("spaCy"))
    shared_kb.cache_clear()
    kb = shared_kb()
    phone = kb.contacts(body_id=kb.default_body().id, kind="phone")[0].value
    assert phone in contact_from_knowledge_base()
    assert links_from_knowledge_base()  # the service's e-mail address at least
    for thread in threading.enumerate():  # a background warm-up would load it there
        if thread.name.startswith("kb-"):
            thread.join(timeout=10)
    assert loads == []
    shared_kb.cache_clear()
