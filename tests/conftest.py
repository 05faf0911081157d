"""Shared fixtures: a built knowledge base, a real running stack on free ports, a throwaway PostgreSQL."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.tools.stack import Stack, StackConfig  # noqa: E402
from knowledge.settings import database_url  # noqa: E402
from tests.support.servers import postgres_cluster, postgres_db, postgres_server, redis_server  # noqa: E402,F401


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def kb_url() -> str:
    """URL of the knowledge base built by `make test` from the project's content."""
    return database_url()


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Stack:
    """The real action server and Rasa server, on free ports, with a fresh tracker store."""
    tmp = tmp_path_factory.mktemp("stack")
    config = StackConfig(rasa_port=free_port(), actions_port=free_port(),
                         tracker_sqlite=tmp / "conversations.sqlite3", log_dir=tmp / "log")
    s = Stack(config)
    s.start()
    yield s
    s.stop()
