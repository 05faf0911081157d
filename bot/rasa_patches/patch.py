"""One replacement of a Rasa function: where it goes, Rasa's original, and the parameters of
the original it was written against (checked by tests/unit/test_rasa_patches.py, so that a
Rasa upgrade that changes them fails a test instead of misbehaving)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Patch:
    owner: type
    name: str
    original: Any  # Rasa's function, as found on `owner` before any patch
    replacement: Any  # what is set on `owner` (a function, staticmethod or classmethod)
    parameters: tuple[str, ...]  # the original's parameter names, as written against

    def apply(self) -> None:
        setattr(self.owner, self.name, self.replacement)

    def original_parameters(self) -> tuple[str, ...]:
        return tuple(inspect.signature(self.original).parameters)
