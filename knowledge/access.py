"""One shared connection to the knowledge base per process, opened on first use.

Both processes read the base with the same settings (`knowledge.settings`). Only the action
server searches full text, so only it loads the French language model (see
actions/knowledge_access.py); the Rasa process reads contacts and links, which need none,
and keeps a single spaCy pipeline: its NLU's.
"""

from __future__ import annotations

from functools import lru_cache

from knowledge.settings import database_url
from knowledge.store import KnowledgeBase


@lru_cache(maxsize=1)
def shared_kb() -> KnowledgeBase:
    """The process's KnowledgeBase, created on first use (never at import time)."""
    return KnowledgeBase(database_url())
