"""The conversation store behind Rasa's fail-safe wrapper.

Rasa wraps the configured tracker store in a `FailSafeTrackerStore` that turns a database
error into "no conversation". Reading a conversation's history must report the failure
instead (the widget then answers 503 with the service's contact), so it reads the wrapped
store, which Rasa keeps in a private attribute: that access lives here, with the patches,
and tests/unit/test_rasa_patches.py pins both the attribute and the behaviour it avoids.
"""

from __future__ import annotations

from rasa.core.tracker_store import FailSafeTrackerStore, TrackerStore


def unwrapped(store: TrackerStore) -> TrackerStore:
    """The store that `store` wraps when it is Rasa's fail-safe wrapper, else `store` itself."""
    return store._tracker_store if isinstance(store, FailSafeTrackerStore) else store
