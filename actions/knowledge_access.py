"""The one place that owns the action server's connection to the knowledge base."""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

from knowledge import KnowledgeBase, KnowledgeUnavailable
from knowledge.settings import database_url

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def get_kb() -> KnowledgeBase:
    """The shared KnowledgeBase, created on first use (never at import time).

    The French language model that full-text search needs takes seconds to load; it is
    loaded in the background from the first use on, so a later fallback search does not
    make its user wait.
    """
    kb = KnowledgeBase(database_url())
    threading.Thread(target=_warm_up, args=(kb,), name="kb-warm-up", daemon=True).start()
    return kb


def _warm_up(kb: KnowledgeBase) -> None:
    try:
        kb.warm_up()
    except KnowledgeUnavailable as exc:
        log.error("knowledge base unavailable at warm-up: %s", exc)
