"""Shared fixtures: a built knowledge base, a real running stack on free ports, a throwaway PostgreSQL."""

from __future__ import annotations

import socket
import sys
from collections import defaultdict
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


# --- Time of each tier, printed at the end of the run (make test) ----------------------------

# Pyramid order for the summary; a folder not listed here is printed after these.
TIERS = ("unit", "knowledge", "integration", "reliability", "browser")
_tier_seconds: dict[str, float] = defaultdict(float)
_tier_tests: dict[str, set[str]] = defaultdict(set)


def tier_of(nodeid: str) -> str:
    """« unit » for tests/unit/test_x.py::test_y: the folder right under tests/."""
    parts = nodeid.split("::")[0].split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "tests" else parts[0]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # Setup, call and teardown: a tier's fixtures (servers, model, browser) are part of its
    # cost; a session fixture shared by two tiers counts for the first that starts it.
    tier = tier_of(report.nodeid)
    _tier_seconds[tier] += report.duration
    _tier_tests[tier].add(report.nodeid)


def pytest_terminal_summary(terminalreporter) -> None:
    if not _tier_seconds:
        return
    terminalreporter.section("temps par niveau (tests/…)")
    order = sorted(_tier_seconds, key=lambda t: (TIERS.index(t) if t in TIERS else len(TIERS), t))
    for tier in order:
        terminalreporter.write_line(f"{tier:<12} {_tier_seconds[tier]:7.1f} s  {len(_tier_tests[tier]):4d} tests")
    terminalreporter.write_line(f"{'total':<12} {sum(_tier_seconds.values()):7.1f} s  "
                                "(sans l'import des modules de test, compté dans la durée totale de pytest)")

