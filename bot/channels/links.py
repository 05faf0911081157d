"""Which links in a bot message the widget may render: only those the knowledge content holds.

A bot message can quote what a user typed (an entity echoed in an answer, a `/intent{…}`
command): « [cliquez ici](https://…) » must then reach the screen as text, never as a
link. The widget links a target only if the message lists it in `trusted_links`; this
module finds the targets with the widget's own pattern and keeps those of the knowledge base.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.server.cached_read import CachedRead

# Same pattern as LINK_PATTERN in bot/static/widget.js: [label](target) | bare https URL | e-mail.
LINK_PATTERN = re.compile(
    r"\[([^\]\n]{1,300})\]\(([^()\s]{1,2000})\)"
    r"|(https://[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?])"
    r"|([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")


def targets(text: str) -> list[str]:
    """The link targets of `text` as the widget reads them (URL, or the e-mail address)."""
    return [m.group(2) or m.group(3) or m.group(4) for m in LINK_PATTERN.finditer(text)]


def normalised(target: str) -> str:
    target = target.strip()
    if target.lower().startswith("mailto:"):
        target = target[7:]
    return target.rstrip("/").lower()


def trusted_in(texts: Iterable[str], trusted: frozenset[str]) -> list[str]:
    """The targets found in `texts` that the knowledge base holds, each once, in order."""
    found: list[str] = []
    for text in texts:
        for target in targets(text):
            if normalised(target) in trusted and target not in found:
                found.append(target)
    return found


def links_from_knowledge_base() -> frozenset[str]:
    """Every URL and e-mail address written in the knowledge content (contacts, sources, texts)."""
    from knowledge.access import shared_kb as get_kb  # noqa: PLC0415 (opened on first use, not at import)

    return frozenset(normalised(t) for text in get_kb().texts_with_links() for t in targets(text))


class TrustedLinks(CachedRead[frozenset]):
    def __init__(self, loader=links_from_knowledge_base, ttl: float = 300.0, timeout: float = 1.0):
        super().__init__(loader, frozenset, ttl, timeout)
