"""The French sentences the server sends itself (interface, errors, contact), read once from messages.yml.

No user-facing text lives in Python; facts (the service's phone…) come from the knowledge
base and fill the placeholders (see bot/server/contact.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

MESSAGES_FILE = Path(__file__).with_name("messages.yml")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Any]:
    """The parsed messages.yml (cached: the file is part of the release, not live content)."""
    return yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))


class _Blank(dict):
    """Leaves an unknown placeholder empty rather than failing on a typo in the YAML."""

    def __missing__(self, key: str) -> str:
        return ""


def text(section: str, key: str, **values: Any) -> str:
    """Sentence `key` of `section` with its placeholders filled in, spaces tidied."""
    template = catalogue()[section][key]
    return " ".join(template.format_map(_Blank(values)).split())


# Statuses that already have a code of their own, whoever refuses (a channel or Sanic itself).
NAMED_STATUSES = {404: "not_found", 413: "body_too_large", 415: "unsupported_media_type"}


def error_code(status: int) -> str:
    """The code of an HTTP status without a more precise reason (`http_405`, else `http_other`)."""
    code = NAMED_STATUSES.get(status, f"http_{status}")
    return code if code in catalogue()["errors"] else "http_other"


def ui_texts() -> dict[str, str]:
    """Every interface string of the widget, raw (the widget fills its own placeholders)."""
    return dict(catalogue()["ui"])


def starters() -> list[str]:
    """Suggested first questions shown under the widget's welcome message."""
    return [str(q) for q in catalogue().get("starters") or []]
