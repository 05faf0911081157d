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
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
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


def personal_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every piece of personal data in `text`, by pattern order."""
    return [(m.start(), m.end(), kind) for kind, pattern in PATTERNS for m in pattern.finditer(text)]


def _mask_entity(entity: dict, spans: list[tuple[int, int, str]]) -> tuple[str, str] | None:
    """Mask `entity` in place if it covers personal data; returns (original, masked) value."""
    value, start, end = entity.get("value"), entity.get("start"), entity.get("end")
    masked = None
    if isinstance(start, int) and isinstance(end, int):
        # The whole entity: a part of a phone number is still personal data.
        masked = next((_masks()[kind] for s, e, kind in spans if start < e and s < end), None)
    if masked is None and isinstance(value, str):
        cleaned = mask_personal_data(value)
        masked = cleaned if cleaned != value else None
    if masked is None:
        return None
    entity["value"] = masked
    return str(value), masked


def mask_tracker(tracker: DialogueStateTracker) -> None:
    """Mask, in place, the personal data typed by users: in their messages, in the entities
    found in them, in the slots those entities filled and in answers that quote them."""
    typed: dict[str, str] = {}  # entity value that held personal data -> its mask
    for event in tracker.events:
        if isinstance(event, UserUttered) and event.text:
            spans = personal_spans(event.text)
            for entity in event.entities or []:
                replaced = _mask_entity(entity, spans)
                if replaced is not None:
                    typed[replaced[0]] = replaced[1]
            if spans:
                event.text = mask_personal_data(event.text)
                if isinstance(event.parse_data, dict):
                    event.parse_data["text"] = event.text
        elif isinstance(event, SlotSet) and isinstance(event.value, str):
            event.value = typed.get(event.value) or mask_personal_data(event.value)
        elif isinstance(event, BotUttered):
            # Answers may quote what the user typed, e.g. in a suggestion button's payload.
            if event.text:
                event.text = _mask_quoted(event.text, typed)
            for button in event.data.get("buttons") or []:
                for key in ("title", "payload"):
                    if isinstance(button.get(key), str):
                        button[key] = _mask_quoted(button[key], typed)


def _mask_quoted(text: str, typed: dict[str, str]) -> str:
    # Only what the user typed: the bot's own answers carry the service's (public) phone.
    for original, masked in typed.items():
        text = text.replace(original, masked)
    return text


class MaskingSQLTrackerStore(SQLTrackerStore):
    """SQL tracker store that never writes personal data typed by users."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        mask_tracker(tracker)
        await super().save(tracker)
