"""Knowledge bases built from the project's real content, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge import KnowledgeBase
from knowledge.builder import build
from knowledge.content_loader import Content, load_content
from knowledge.settings import content_dir
from tests.support.servers import create_database

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def content() -> Content:
    """The project's validated content, to compare the query results with."""
    return load_content(content_dir())


def _url(backend: str, request: pytest.FixtureRequest, tmp: Path, name: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / f'{name}.sqlite3'}"
    server = request.getfixturevalue("postgres_server")
    return create_database(server, f"{name}_{uuid.uuid4().hex[:10]}")


@pytest.fixture(scope="session", params=BACKENDS)
def kb(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    """The real content built once per backend; read-only (tests must not rebuild it)."""
    url = _url(request.param, request, tmp_path_factory.mktemp("kb"), "kb_content")
    build(content_dir(), url)
    base = KnowledgeBase(url)
    yield base
    base.close()


@pytest.fixture(params=BACKENDS)
def fresh_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty base URL of its own, for tests that build and rebuild."""
    return _url(request.param, request, tmp_path, "kb_fresh")
