"""The widget's French sentences, read once from messages.yml (no user-facing text in Python)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

MESSAGES_FILE = Path(__file__).with_name("messages.yml")


@lru_cache(maxsize=1)
def messages() -> dict[str, Any]:
    """The parsed messages.yml (cached: the file is part of the release, not live content)."""
    return yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))


class _Blank(dict):
    """Leaves an unknown placeholder empty rather than failing on a typo in the YAML."""

    def __missing__(self, key: str) -> str:
        return ""


def text(section: str, key: str, **values: Any) -> str:
    """Sentence `key` of `section` with its placeholders filled in, spaces tidied."""
    template = messages()[section][key]
    return " ".join(template.format_map(_Blank(values)).split())


def ui_texts() -> dict[str, str]:
    """Every interface string of the widget, raw (the widget fills its own placeholders)."""
    return dict(messages()["ui"])


def starters() -> list[str]:
    """Suggested first questions shown under the widget's welcome message."""
    return [str(q) for q in messages().get("starters") or []]
