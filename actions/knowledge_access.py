"""The action server's connection to the knowledge base: the shared one, warmed up."""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

from knowledge import KnowledgeBase, KnowledgeUnavailable
from knowledge.access import shared_kb

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def get_kb() -> KnowledgeBase:
    """The shared KnowledgeBase, with its search made ready in the background.

    The French language model that full-text search needs takes seconds to load; it is
    loaded from the first use on, so a later search does not make its user wait.
    """
    kb = shared_kb()
    threading.Thread(target=_warm_up, args=(kb,), name="kb-warm-up", daemon=True).start()
    return kb


def _warm_up(kb: KnowledgeBase) -> None:
    try:
        kb.warm_up()
    except KnowledgeUnavailable as exc:
        log.error("knowledge base unavailable at warm-up: %s", exc)
