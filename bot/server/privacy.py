"""Masks personal data typed by users (GDPR): in stored conversations and in the server's log.

The conversation store (bot/components/tracker_store.py) masks a conversation at save
time: the NLU has already read the original by then, so understanding is unaffected, but
no e-mail, phone, national number or IBAN is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import phonenumbers
import yaml
from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

MASKS_FILE = Path(__file__).with_name("privacy.yml")

_SEP = r"[\s./-]*"  # what people put between groups of digits: spaces (even several), dots, slashes, dashes
_AT = r"(?:\s*@\s*|\s*[(\[{]\s*(?:at|@|arobase)\s*[)\]}]\s*|\s+arobase\s+)"
_DOT = r"(?:\.|\s*[(\[{]\s*(?:dot|point)\s*[)\]}]\s*|\s+point\s+)"

# Order matters: an IBAN or a national number also looks like a phone number; a span found
# by an earlier kind is not looked at again by a later one.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # jean.dupont@gmail.com, jean.dupont(at)gmail.com, jean [at] gmail [dot] com, jean arobase gmail point com
    ("email", re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,}}\b", re.IGNORECASE)),
    # Two letters, the two check digits, then groups of 4 (BE68 5390 0754 7034, BE 68-5390-…, FR76 3000 …).
    ("iban", re.compile(r"\b[A-Z]{2}[\s-]?\d{2}(?:[\s.-]?[A-Z0-9]{4}){2,7}(?:[\s.-]?[A-Z0-9]{1,4})?\b",
                        re.IGNORECASE)),
    # Belgian national register number YY.MM.DD-XXX.CC (any separators), and the French NIR.
    ("national_number", re.compile(rf"(?<![\w+])\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{2}}(?![\w])")),
    ("national_number", re.compile(rf"(?<![\w+])[12]{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}(?:\d{{2}}|2A|2B){_SEP}\d{{3}}"
                                   rf"{_SEP}\d{{3}}{_SEP}\d{{2}}(?![\w])", re.IGNORECASE)),
    # International (+ or 00, optional « (0) ») or national (leading 0) numbers of 9+ digits;
    # the leading 0 keeps years and ranges such as « 2022-2024 » out.
    ("phone", re.compile(rf"(?<![\w+])(?:(?:\+|00)\d{{2,3}}{_SEP}(?:\(0\){_SEP})?|0)\d(?:{_SEP}\d){{7,11}}(?![\w])")),
]
_IBAN_MIN_DIGITS = 12  # BE has 14 digits, FR 25 characters: « en 2024 pour » never reaches this
# phonenumbers recognises what the patterns above miss (« +32 (0) 470 », « 081/77.67.70 »…).
_PHONE_REGIONS = ("BE", "FR")


@lru_cache(maxsize=1)
def _masks() -> dict[str, str]:
    return yaml.safe_load(MASKS_FILE.read_text(encoding="utf-8"))["masks"]


def personal_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every piece of personal data in `text`, without overlaps, in order."""
    spans: list[tuple[int, int, str]] = []

    def add(start: int, end: int, kind: str) -> None:
        if not any(start < e and s < end for s, e, _ in spans):
            spans.append((start, end, kind))

    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if kind == "iban" and sum(c.isdigit() for c in match.group()) < _IBAN_MIN_DIGITS:
                continue
            add(match.start(), match.end(), kind)
    if any(c.isdigit() for c in text):
        for region in _PHONE_REGIONS:
            for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
                add(match.start, match.end, "phone")
    return sorted(spans)


def mask_personal_data(text: str) -> str:
    """`text` with e-mail addresses, IBANs, national numbers and phone numbers replaced."""
    masks = _masks()
    for start, end, kind in reversed(personal_spans(text)):
        text = text[:start] + masks[kind] + text[end:]
    return text


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


def mask_tracker(tracker: DialogueStateTracker) -> dict[str, str]:
    """Mask, in place, the personal data typed by users: in their messages, in the entities
    found in them, in the slots those entities filled and in answers that quote them.

    Returns each entity value that held personal data with its mask (see `mask_value`)."""
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
        elif isinstance(event, SlotSet):
            event.value = mask_value(event.value, typed)
        elif isinstance(event, BotUttered):
            # Answers may quote what the user typed, e.g. in a suggestion button's payload.
            if event.text:
                event.text = _mask_quoted(event.text, typed)
            for button in event.data.get("buttons") or []:
                for key in ("title", "payload"):
                    if isinstance(button.get(key), str):
                        button[key] = _mask_quoted(button[key], typed)
    return typed


def mask_value(value: object, typed: dict[str, str]) -> object:
    """A slot value as `mask_tracker` masks it in a `SlotSet` event (lists and dicts too)."""
    if isinstance(value, str):
        return typed.get(value) or mask_personal_data(value)
    if isinstance(value, list):
        return [mask_value(v, typed) for v in value]
    if isinstance(value, dict):
        return {k: mask_value(v, typed) for k, v in value.items()}
    return value


def _mask_quoted(text: str, typed: dict[str, str]) -> str:
    # Only what the user typed: the bot's own answers carry the service's (public) phone.
    for original, masked in typed.items():
        text = text.replace(original, masked)
    return text
