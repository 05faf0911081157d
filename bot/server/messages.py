"""The French messages the server sends itself (errors, service unavailable), from YAML.

The "service unavailable" message names the service and its phone number, read from the
knowledge base (facts live there, not in code) and cached, so the message still carries
the contact while the knowledge base or the action server is down.
"""

from __future__ import annotations

import logging
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

MESSAGES_FILE = Path(__file__).with_name("messages.yml")
CONTACT_TTL_SECONDS = 300.0  # a rebuilt base with a new phone number shows within 5 minutes

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _messages() -> dict[str, Any]:
    return yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))


def request_error(reason: str, **values: Any) -> str:
    """The message for a rejected request, by reason (keys of `request_errors`)."""
    return _messages()["request_errors"][reason].format(**values)


def status_error(status: int) -> str:
    """The message for an HTTP error status without a more precise reason."""
    errors = _messages()["status_errors"]
    return errors.get(status) or errors["other"]


class ServiceContact:
    """Name and phone number of the default body's service, cached with a time to live."""

    def __init__(self, ttl: float = CONTACT_TTL_SECONDS):
        self.ttl = ttl
        self._lock = threading.Lock()
        self._value: tuple[str, str] | None = None
        self._fetched_at = float("-inf")

    def get(self) -> tuple[str, str] | None:
        """(service name, phone), or None if the base was never readable."""
        with self._lock:
            if time.monotonic() - self._fetched_at > self.ttl:
                self._fetched_at = time.monotonic()  # also after a failure: retry later, not per message
                try:
                    self._value = _read_contact() or self._value
                except Exception as exc:  # noqa: BLE001 (any failure: keep the last known contact)
                    log.warning("service contact not readable from the knowledge base: %s", exc.__class__.__name__)
            return self._value


def _read_contact() -> tuple[str, str] | None:
    from knowledge.access import shared_kb as get_kb  # the same settings as the action server, no search model

    kb = get_kb()
    phones = kb.contacts(body_id=kb.default_body().id, kind="phone")
    return (phones[0].service_name, phones[0].value) if phones else None


_contact = ServiceContact()


def service_unavailable() -> str:
    """« Sorry, a technical problem… call the service at … », with the contact if known."""
    contact = _contact.get()
    if contact is None:
        return _messages()["service_unavailable_no_contact"]
    service, phone = contact
    return _messages()["service_unavailable"].format(service=service, phone=phone)
