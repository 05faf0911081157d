"""The service's contact sentence for error messages, read from the knowledge base."""

from __future__ import annotations

from collections.abc import Callable

from bot.channels.cached_read import CachedRead
from bot.channels.texts import text

CONTACT_KINDS = ("phone", "email", "website", "address")  # preferred first


def contact_from_knowledge_base() -> str:
    """« Vous pouvez joindre le <service> par téléphone au <numéro>. » for the default body."""
    from knowledge.access import shared_kb as get_kb  # noqa: PLC0415 (opened on first use, not at import)

    kb = get_kb()
    contacts = kb.contacts(body_id=kb.default_body().id)
    for kind in CONTACT_KINDS:
        for contact in contacts:
            if contact.kind == kind:
                return text("contact", kind, service=contact.service_name, value=contact.value)
    return text("contact", "none")


class ContactSentence(CachedRead[str]):
    """The contact sentence, cached (see CachedRead): the last good one when the base fails."""

    def __init__(self, loader: Callable[[], str] = contact_from_knowledge_base, ttl: float = 300.0,
                 timeout: float = 1.0):
        super().__init__(loader, lambda: text("contact", "none"), ttl, timeout)
