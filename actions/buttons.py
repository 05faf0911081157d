"""Quick-reply buttons: titles from the domain's responses, payloads that trigger an intent."""

from __future__ import annotations

import json
from typing import Any

from actions.phrasing import render


def payload(intent: str, entities: dict[str, str] | None = None) -> str:
    """« /ask_deadline{"programme": "preci"} »: the message a button sends."""
    return f"/{intent}" + (json.dumps(entities, ensure_ascii=False) if entities else "")


def button(domain: dict[str, Any], title_response: str, intent: str, entities: dict[str, str] | None = None,
           **values: Any) -> dict[str, str]:
    """A button whose title is the domain response `title_response` filled with `values`."""
    return {"title": render(domain, title_response, **values), "payload": payload(intent, entities)}


def plain_button(title: str, intent: str, entities: dict[str, str] | None = None) -> dict[str, str]:
    """A button titled with a name from the knowledge base (an acronym, a partner)."""
    return {"title": title, "payload": payload(intent, entities)}
