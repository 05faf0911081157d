"""The service's contact, for every message that must give it (errors, « service unavailable »).

Read from the knowledge base (facts live there, not in code) and cached once per process,
so that the contact is still given while the knowledge base or the action server is down.
"""

from __future__ import annotations

from bot.server.cached_read import CachedRead
from bot.server.errors import ApiError
from bot.server.messages import text

CONTACT_KINDS = ("phone", "email", "website", "address")  # preferred first


def contact_from_knowledge_base() -> str:
    """« Vous pouvez joindre le <service> par téléphone au <numéro>. » for the default body."""
    from knowledge.access import shared_kb  # noqa: PLC0415 (opened on first use, not at import)

    kb = shared_kb()
    contacts = kb.contacts(body_id=kb.default_body().id)
    for kind in CONTACT_KINDS:
        for contact in contacts:
            if contact.kind == kind:
                return text("contact", kind, service=contact.service_name, value=contact.value)
    return text("contact", "none")


class ServiceContact(CachedRead[str]):
    """The contact sentence, cached (see CachedRead): the last good one when the base fails."""

    def __init__(self, loader=contact_from_knowledge_base, ttl: float = 300.0, timeout: float = 1.0):
        super().__init__(loader, lambda: text("contact", "none"), ttl, timeout)


service_contact = ServiceContact()  # the process's one cache, shared by every channel


async def unavailable(code: str = "unavailable") -> str:
    """« Désolé, un problème technique… » with the service's contact (`code`: unavailable, timeout)."""
    return text("errors", code, contact=await service_contact.get())


async def unavailable_error(code: str = "unavailable", status: int = 503,
                            contact: ServiceContact | None = None) -> ApiError:
    """The refusal every channel sends when the assistant cannot answer: the contact, retry in 5 s."""
    return ApiError(status, code, headers={"Retry-After": "5"}, contact=await (contact or service_contact).get())
