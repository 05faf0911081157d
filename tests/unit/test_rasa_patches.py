"""The Rasa patches as a whole (bot/rasa_patches/): written against the Rasa functions they
replace (a changed signature fails here), installed all at once, refused on another Rasa.
The graph cache (needs the trained model) is compared with Rasa's own graph run in
tests/integration/test_rasa_graph_cache.py; the other patches with Rasa's originals in
test_rasa_speedups.py, test_action_payload.py and tests/integration/test_rules_first.py."""

from __future__ import annotations

import pytest

from bot import rasa_patches


@pytest.mark.parametrize("patch", rasa_patches.PATCHES, ids=lambda p: f"{p.owner.__name__}.{p.name}")
def test_each_patch_was_written_for_the_function_rasa_has(patch: rasa_patches.Patch) -> None:
    assert patch.original_parameters() == patch.parameters
    assert patch.original is not patch.replacement


def test_install_replaces_every_function_once_and_for_all(monkeypatch: pytest.MonkeyPatch) -> None:
    # In this process (no second interpreter to start, seconds saved); monkeypatch puts
    # Rasa's functions back afterwards, for the tests that compare with them.
    for patch in rasa_patches.PATCHES:
        monkeypatch.setattr(patch.owner, patch.name, patch.owner.__dict__[patch.name])
    monkeypatch.setattr(rasa_patches, "_installed", False)
    rasa_patches.install()
    rasa_patches.install()
    assert all(getattr(p.owner, p.name) is not p.original for p in rasa_patches.PATCHES)


def test_another_rasa_is_refused() -> None:
    rasa_patches.check_version("3.6.21")
    with pytest.raises(rasa_patches.UntestedRasa, match="3.7.0"):
        rasa_patches.check_version("3.7.0")


async def test_the_fail_safe_store_hides_database_errors_and_unwrapped_reaches_the_real_store() -> None:
    from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
    from rasa.shared.core.domain import Domain

    from bot.rasa_patches.fail_safe_store import unwrapped

    class Down(InMemoryTrackerStore):
        async def retrieve(self, sender_id: str):  # noqa: ANN201
            raise ConnectionError("database down")

    inner = Down(Domain.empty())
    wrapped = FailSafeTrackerStore(inner)
    assert await wrapped.retrieve("x") is None  # Rasa's wrapper: the failure looks like "no conversation"
    assert unwrapped(wrapped) is inner and unwrapped(inner) is inner
    with pytest.raises(ConnectionError):
        await unwrapped(wrapped).retrieve("x")
