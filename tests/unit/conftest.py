"""The unit tier's rule (no trained model, no server process, no browser: README,
« Organisation »), and fixtures for action unit tests: the real domain, the real built
knowledge base, fake trackers."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from tests.support.unit_rule import (
    refuse_model_loading,
    refuse_new_children,
    refuse_server_fixtures,
    running_children,
)

ROOT = Path(__file__).resolve().parents[2]


# --- The rule, enforced: a test that needs more belongs to tests/integration -----------------

_CHILDREN_BEFORE = pytest.StashKey[set]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    refuse_server_fixtures(item.fixturenames)
    item.stash[_CHILDREN_BEFORE] = running_children()  # other tiers' servers, already running
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item):
    # Fixtures of every scope are set up by now: a new process here is one they started.
    refuse_new_children(item.stash[_CHILDREN_BEFORE], "when the test starts")
    yield


@pytest.fixture(autouse=True)
def unit_tier_rule(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """Loading any Rasa model raises; a process the test leaves running fails it."""
    refuse_model_loading(monkeypatch)
    yield
    refuse_new_children(request.node.stash[_CHILDREN_BEFORE], "after the test")


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The domain exactly as Rasa sends it to the action server."""
    from rasa.shared.core.domain import Domain

    with warnings.catch_warnings():
        # Rasa 3.6 announces on every load that slot auto-fill was removed in 3.0.
        warnings.filterwarnings("ignore", message="Slot auto-fill has been removed", category=UserWarning)
        return Domain.load(str(ROOT / "bot" / "domain")).as_dict()


@pytest.fixture(scope="session")
def language_model():
    """The knowledge base's French spaCy model, loaded once (seconds) for the whole tier."""
    from knowledge import textnorm

    return textnorm.load_pipeline()


@pytest.fixture(scope="session")
def kb():
    """The knowledge base built from the project's content (`make knowledge`)."""
    from actions.knowledge_access import get_kb

    get_kb().check()
    return get_kb()


@pytest.fixture
def make_tracker(domain: dict[str, Any]) -> Callable[..., Tracker]:
    """Build a tracker: `text`, `intent`, `entities`, `ranking`, `events`, `active_loop`, then slots."""

    def factory(text: str = "", intent: str = "inform", entities: list[dict] | None = None,
                ranking: list[tuple[str, float]] | None = None, events: list[dict] | None = None,
                active_loop: str | None = None, **slots: Any) -> Tracker:
        values = {name: None for name in domain.get("slots", {})}
        unknown = set(slots) - set(values)
        assert not unknown, f"slots absent from the domain: {unknown}"
        values.update(slots)
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            # (entity, value) pairs, or full dicts when the position in the text matters
            "entities": [e if isinstance(e, dict) else {"entity": e[0], "value": e[1]} for e in (entities or [])],
            "intent_ranking": [{"name": n, "confidence": c} for n, c in (ranking or [(intent, 0.9)])],
        }
        history = list(events or []) + [{"event": "user", "text": text, "parse_data": latest}]
        return Tracker("test-user", values, latest, history, False, None,
                       {"name": active_loop} if active_loop else {}, "action_listen")

    return factory


@dataclass
class Result:
    events: list[dict[str, Any]]
    messages: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return "\n".join(m.get("text") or "" for m in self.messages)

    @property
    def buttons(self) -> list[dict[str, str]]:
        return [b for m in self.messages for b in m.get("buttons") or []]

    def slot(self, name: str) -> Any:
        """The last value this run set for slot `name` (KeyError if it did not set it)."""
        sets = [e["value"] for e in self.events if e.get("event") == "slot" and e.get("name") == name]
        if not sets:
            raise KeyError(name)
        return sets[-1]


@pytest.fixture
def run(domain: dict[str, Any]) -> Callable[[Action, Tracker], Result]:
    """Run an action as the action server would, returning its events and messages."""

    def runner(action: Action, tracker: Tracker) -> Result:
        dispatcher = CollectingDispatcher()
        # A private loop, closed here; asyncio.run would also unset the current loop, and the
        # one pytest-asyncio leaves behind would then be collected unclosed (ResourceWarning).
        loop = asyncio.new_event_loop()
        try:
            events = loop.run_until_complete(action.run(dispatcher, tracker, domain))
        finally:
            loop.close()
        return Result(events, dispatcher.messages)

    return runner
