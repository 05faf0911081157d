"""The one place that owns the action server's connection to the knowledge base."""

from __future__ import annotations

from functools import lru_cache

from knowledge import KnowledgeBase
from knowledge.settings import database_url


@lru_cache(maxsize=1)
def get_kb() -> KnowledgeBase:
    """The shared KnowledgeBase, created on first use (never at import time)."""
    return KnowledgeBase(database_url())
