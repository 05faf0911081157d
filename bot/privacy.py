"""Masks personal data in user messages before conversations are stored (GDPR).

`MaskingSQLTrackerStore` is Rasa's SQL tracker store with one change: the text of user
messages is masked at save time. The NLU has already read the original by then, so
understanding is unaffected, but no e-mail, phone, national number or IBAN is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

MASKS_FILE = Path(__file__).with_name("privacy.yml")

# Order matters: an IBAN or a national number also looks like a phone number.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("iban", re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b", re.IGNORECASE)),
    # Belgian national register number: YY.MM.DD-XXX.CC, separators optional.
    ("national_number", re.compile(r"\b\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s]?\d{3}[.\s]?\d{2}\b")),
    # National (leading 0) or international (+ or 00) numbers of 9+ digits, usual separators;
    # the leading 0 keeps years and ranges such as « 2022-2024 » out.
    ("phone", re.compile(r"(?<![\w+])(?:\+|00|0)\d(?:[\s./-]?\d){7,13}(?![\w])")),
]


@lru_cache(maxsize=1)
def _masks() -> dict[str, str]:
    return yaml.safe_load(MASKS_FILE.read_text(encoding="utf-8"))["masks"]


def mask_personal_data(text: str) -> str:
    """`text` with e-mail addresses, IBANs, national numbers and phone numbers replaced."""
    masks = _masks()
    for kind, pattern in PATTERNS:
        text = pattern.sub(masks[kind], text)
    return text


def mask_tracker(tracker: DialogueStateTracker) -> None:
    """Mask, in place, the text of every user message of `tracker`."""
    for event in tracker.events:
        if isinstance(event, UserUttered) and event.text:
            masked = mask_personal_data(event.text)
            if masked != event.text:
                event.text = masked
                if isinstance(event.parse_data, dict):
                    event.parse_data["text"] = masked
                for entity in event.entities or []:
                    if isinstance(entity.get("value"), str):
                        entity["value"] = mask_personal_data(entity["value"])


class MaskingSQLTrackerStore(SQLTrackerStore):
    """SQL tracker store that never writes personal data typed by users."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        mask_tracker(tracker)
        await super().save(tracker)
