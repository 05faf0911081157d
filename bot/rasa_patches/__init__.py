"""Every change this project makes to Rasa's own code, in one place, installed once by the
entry point that starts Rasa (bot/server/app.py; the benchmark's in-process NLU too).

Each module replaces one Rasa function by one that does the same thing faster; its
docstring says what was measured and why the result is unchanged, and
tests/unit/test_rasa_speedups.py, test_action_payload.py, test_rasa_patches.py and, on the
trained model, tests/integration/test_rules_first.py, test_rasa_graph_cache.py and
test_model_loading.py compare each replacement with Rasa's original.

    action_validation  RemoteAction._validate_action_result   validator built once
    event_types        Event.resolve_by_type                  class per type name remembered
    spacy_loading      SpacyNLP.load_model                    loaded once, without NER
    model_loading      RasaModel.load                         no training step traced to load
    graph_cache        DaskGraphRunner.run                    dask graph per targets kept
    rules_first        MessageProcessor._predict_next_with_tracker   rules asked first
    action_payload     RemoteAction._action_call_format       last two turns sent to actions

Not a replacement, but Rasa's private state read in one place:

    fail_safe_store    FailSafeTrackerStore._tracker_store     database errors reported, not hidden

The patches were written against the Rasa version below: another version is refused at
install, rather than patched blindly.
"""

from __future__ import annotations

import rasa

from bot.rasa_patches import (
    action_payload,
    action_validation,
    event_types,
    graph_cache,
    model_loading,
    rules_first,
    spacy_loading,
)
from bot.rasa_patches.patch import Patch

TESTED_RASA = "3.6."  # every 3.6 patch release keeps these functions (requirements.lock pins one)
PATCHES: tuple[Patch, ...] = tuple(m.PATCH for m in (action_validation, event_types, spacy_loading, model_loading,
                                                       graph_cache, rules_first, action_payload))
_installed = False


class UntestedRasa(RuntimeError):
    """Rasa is not the version these patches were written against."""


def check_version(version: str = rasa.__version__) -> None:
    if not version.startswith(TESTED_RASA):
        raise UntestedRasa(f"Rasa {version} n'est pas la version pour laquelle bot/rasa_patches a été écrit "
                           f"({TESTED_RASA}x) : vérifiez chaque remplacement avant de changer de version.")


def install() -> None:
    """Apply every patch to the Rasa classes of this process (idempotent)."""
    global _installed
    if _installed:
        return
    check_version()
    for patch in PATCHES:
        patch.apply()
    _installed = True
