"""« Contact the service »: the short contact line that ends answers pointing to a person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from actions.phrasing import render
from knowledge import KnowledgeBase
from knowledge.models import SourceRef

# The details worth giving in one line, best first; the address only when nothing else exists.
SHORT_KINDS = ("phone", "email")


@dataclass(frozen=True)
class Reach:
    service: str
    contact: str
    sources: list[SourceRef]


def service_reach(kb: KnowledgeBase, domain: dict[str, Any], service_id: str | None = None,
                  body_id: str | None = None) -> Reach | None:
    """Name and short contact of a service (by default the default body's first service)."""
    if service_id is None:
        body_id = body_id or kb.default_body().id
        services = kb.services(body_id=body_id)
        if not services:
            return None
        service_id = services[0].id
    contacts = kb.contacts(service_id=service_id)
    if not contacts:
        return None
    short = [c for c in contacts if c.kind in SHORT_KINDS] or [c for c in contacts if c.kind == "address"] or contacts
    line = " ; ".join(render(domain, f"utter_contact_line_{c.kind}", value=c.value) for c in short)
    return Reach(contacts[0].service_name, line, [c.source for c in short])
