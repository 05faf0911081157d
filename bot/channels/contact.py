"""The service's contact sentence for error messages, read from the knowledge base.

Errors are exactly when a service may be down, so the sentence is cached: a failing or
slow knowledge base yields the last good sentence (or a generic one) within a second.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from bot.channels.texts import text

log = logging.getLogger(__name__)
CONTACT_KINDS = ("phone", "email", "website", "address")  # preferred first


def contact_from_knowledge_base() -> str:
    """« Vous pouvez joindre le <service> par téléphone au <numéro>. » for the default body."""
    from actions.knowledge_access import get_kb  # noqa: PLC0415 (opened on first use, not at import)

    kb = get_kb()
    contacts = kb.contacts(body_id=kb.default_body().id)
    for kind in CONTACT_KINDS:
        for contact in contacts:
            if contact.kind == kind:
                return text("contact", kind, service=contact.service_name, value=contact.value)
    return text("contact", "none")


class ContactSentence:
    """Caches the contact sentence for `ttl` seconds; never waits more than `timeout`."""

    def __init__(self, loader: Callable[[], str] = contact_from_knowledge_base, ttl: float = 300.0,
                 timeout: float = 1.0):
        self._loader = loader
        self._ttl = ttl
        self._timeout = timeout
        self._value: str | None = None
        self._loaded_at = 0.0

    async def get(self) -> str:
        """The current sentence (refreshed when stale), or the last good one if the base fails."""
        now = time.monotonic()
        if self._value is None or now - self._loaded_at > self._ttl:
            try:
                self._value = await asyncio.wait_for(asyncio.to_thread(self._loader), self._timeout)
                self._loaded_at = now
            except Exception as exc:  # noqa: BLE001 (any failure: keep serving the last good sentence)
                log.warning("widget: contact unavailable from the knowledge base (%s)", exc.__class__.__name__)
                self._loaded_at = now - self._ttl + 30  # retry in 30 s, not on every error
        return self._value or text("contact", "none")
