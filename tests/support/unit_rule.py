"""The unit tier's rule, checked by tests/unit/conftest.py: no trained model, no server
process, no browser (README, « Organisation »). A test that needs one goes to tests/integration."""

from __future__ import annotations

from pathlib import Path

import pytest


class OutsideUnitTier(Exception):
    """A unit test loaded the trained model or ran a server; move it to tests/integration."""


def running_children() -> list[str]:
    """The live (not zombie) child processes of this pytest, as « pid command » (Linux /proc)."""
    pids = {pid for task in Path("/proc/self/task").glob("*/children") for pid in task.read_text().split()}
    found = []
    for pid in sorted(pids):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:  # ended meanwhile
            continue
        # « pid (command) state … »; the command may itself hold spaces and parentheses.
        if stat[stat.rindex(")") + 2] != "Z":
            found.append(f"{pid} {stat[stat.index('(') + 1:stat.rindex(')')]}")
    return found


def refuse_running_children(when: str) -> None:
    """Servers, browsers and PostgreSQL/Redis all run as child processes: none may be alive."""
    if children := running_children():
        raise OutsideUnitTier(f"process still running {when} (a server, a browser?): {children}")


def refuse_model_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make loading any trained Rasa model raise for the rest of the test."""
    from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: PLC0415 (heavy; unit tier only)

    def refuse(*_args, **_kwargs):
        raise OutsideUnitTier("a unit test loads a trained Rasa model")

    # Every way of loading a model (Agent.load, rasa.core.agent.load_agent…) unpacks it here.
    monkeypatch.setattr(LocalModelStorage, "from_model_archive", classmethod(refuse))
    monkeypatch.setattr(LocalModelStorage, "metadata_from_archive", classmethod(refuse))
