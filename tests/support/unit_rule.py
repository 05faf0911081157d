"""The unit tier's rule, checked by tests/unit/conftest.py: no trained model, no server
process, no browser (README, « Organisation »). A test that needs one goes to tests/integration."""

from __future__ import annotations

from pathlib import Path

import pytest


class OutsideUnitTier(Exception):
    """A unit test loaded the trained model or ran a server; move it to tests/integration."""


# The shared fixtures (tests/conftest.py, tests/support/servers.py) that start server processes.
SERVER_FIXTURES = frozenset({"stack", "postgres_cluster", "postgres_server", "postgres_db", "redis_server"})


def running_children() -> set[str]:
    """The live (not zombie) child processes of this pytest, as « pid command » (Linux /proc)."""
    pids = set()
    for task in Path("/proc/self/task").glob("*/children"):
        try:
            pids.update(task.read_text().split())
        except OSError:  # the thread ended between the listing and the read (a CI failure once)
            continue
    found = set()
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:  # ended meanwhile
            continue
        # « pid (command) state … »; the command may itself hold spaces and parentheses.
        if stat[stat.rindex(")") + 2] != "Z":
            found.add(f"{pid} {stat[stat.index('(') + 1:stat.rindex(')')]}")
    return found


def refuse_new_children(before: set[str], when: str) -> None:
    """Servers, browsers, PostgreSQL and Redis all run as child processes: none may have been
    started since `before` (what other tiers' fixtures run is there: one pytest runs them all)."""
    if started := sorted(running_children() - before):
        raise OutsideUnitTier(f"process still running {when} (a server, a browser?): {started}")


def refuse_server_fixtures(fixture_names: list[str]) -> None:
    """A server another tier already started would not show as a new process: refuse by name."""
    if used := sorted(SERVER_FIXTURES.intersection(fixture_names)):
        raise OutsideUnitTier(f"a unit test uses server fixtures: {used}")


def refuse_model_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make loading any trained Rasa model raise for the rest of the test."""
    from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: PLC0415 (heavy; unit tier only)

    def refuse(*_args, **_kwargs):
        raise OutsideUnitTier("a unit test loads a trained Rasa model")

    # Every way of loading a model (Agent.load, rasa.core.agent.load_agent…) unpacks it here.
    monkeypatch.setattr(LocalModelStorage, "from_model_archive", classmethod(refuse))
    monkeypatch.setattr(LocalModelStorage, "metadata_from_archive", classmethod(refuse))
