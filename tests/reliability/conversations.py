"""Scripted conversations whose answers depend on their own earlier turns.

Each conversation is about one body (Namur or Suresnes); its follow-ups (« et son
numéro ? ») are answered only from its own context, so a reply delivered to the wrong
conversation, or a context mixed with another's, shows as the wrong phone or address.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import aiohttp

from tests.support.facts import PHONE, STREET, SURESNES_PHONE, SURESNES_STREET
from tests.support.http import ask


@dataclass(frozen=True)
class Body:
    name: str
    openers: tuple[str, ...]
    phone: str
    address: str  # a fragment of the address


NAMUR = Body("namur", ("Comment joindre le SREI ?", "Comment contacter la Province de Namur ?"),
             PHONE, STREET)
SURESNES = Body("suresnes", ("Comment joindre le service de Suresnes ?", "Comment joindre la ville de Suresnes ?"),
                SURESNES_PHONE, SURESNES_STREET)
BODIES = (NAMUR, SURESNES)

# Follow-ups: what each must show of the conversation's own body ("phone", "address", or nothing).
FOLLOW_UPS = {
    "et son numéro ?": "phone",
    "quel est son numéro de téléphone ?": "phone",
    "et son adresse ?": "address",
    "et l'adresse ?": "address",
    "Bonjour": None,
    "merci": None,
    "tu es un robot ?": None,
}


@dataclass(frozen=True)
class Script:
    sender: str
    body: Body
    turns: tuple[str, ...]


def script(sender: str, index: int, length: int = 10) -> Script:
    """Conversation `index`: an opener naming its body, then follow-ups (seeded by `index`)."""
    rng = random.Random(index)
    body = BODIES[index % len(BODIES)]
    turns = [rng.choice(body.openers)] + [rng.choice(list(FOLLOW_UPS)) for _ in range(length - 1)]
    return Script(sender, body, tuple(turns))


def problems(s: Script, turn: str, status: int, replies: object) -> list[str]:
    """What is wrong with the answer to `turn` of conversation `s` (empty: all good)."""
    if status != 200 or not isinstance(replies, list) or not replies:
        return [f"{s.sender} « {turn} »: status {status}, {str(replies)[:200]}"]
    found = []
    if {r.get("recipient_id") for r in replies} != {s.sender}:
        found.append(f"{s.sender} « {turn} »: reply addressed to {[r.get('recipient_id') for r in replies]}")
    text = "\n".join(r.get("text") or "" for r in replies)
    others = [b for b in BODIES if b is not s.body]
    wanted = "address" if turn in s.body.openers else FOLLOW_UPS.get(turn)
    if wanted and getattr(s.body, wanted) not in text:
        found.append(f"{s.sender} « {turn} »: {wanted} of {s.body.name} missing: {text[:200]}")
    if any(b.phone in text or b.address in text for b in others):
        found.append(f"{s.sender} « {turn} »: another body's contact: {text[:200]}")
    if not text.strip():
        found.append(f"{s.sender} « {turn} »: no text")
    return found


async def play(session: aiohttp.ClientSession, base_urls: list[str], s: Script,
               timeout: float = 180.0) -> list[str]:
    """Play `s` turn by turn (turn i on base_urls[i % n]); returns the problems found."""
    found = []
    for i, turn in enumerate(s.turns):
        status, replies = await ask(session, base_urls[i % len(base_urls)], s.sender, turn, timeout=timeout)
        found += problems(s, turn, status, replies)
    return found
