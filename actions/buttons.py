"""Quick-reply buttons: titles from the domain's responses, payloads that trigger an intent."""

from __future__ import annotations

import json
import re
from typing import Any

from actions.phrasing import render

# An entity value a button may carry: a name or an id as the knowledge base writes them
# (« preci », « Hann. Münden », « Côte d'Ivoire »). A value the NLU cut out of what a user
# typed (« ici](https://evil.example/ ») never goes back to the browser in a payload.
_PLAIN_VALUE = re.compile(r"^[\w' .-]{1,80}$")


def payload(intent: str, entities: dict[str, str] | None = None) -> str:
    """« /ask_deadline{"programme": "preci"} »: the message a button sends."""
    plain = {k: v for k, v in (entities or {}).items() if isinstance(v, str) and _PLAIN_VALUE.match(v)}
    return f"/{intent}" + (json.dumps(plain, ensure_ascii=False) if plain else "")


def button(domain: dict[str, Any], title_response: str, intent: str, entities: dict[str, str] | None = None,
           **values: Any) -> dict[str, str]:
    """A button whose title is the domain response `title_response` filled with `values`."""
    return {"title": render(domain, title_response, **values), "payload": payload(intent, entities)}


def plain_button(title: str, intent: str, entities: dict[str, str] | None = None) -> dict[str, str]:
    """A button titled with a name from the knowledge base (an acronym, a partner)."""
    return {"title": title, "payload": payload(intent, entities)}
