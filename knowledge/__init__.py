"""The knowledge base: curated YAML content, its builder and the query API actions use.

Public API: `KnowledgeBase` (queries), `KnowledgeUnavailable`, `deadline_status`, `today`
and the dataclasses of `knowledge.models`.
"""

from knowledge.deadlines import deadline_status, today
from knowledge.store import KnowledgeBase, KnowledgeUnavailable

__all__ = ["KnowledgeBase", "KnowledgeUnavailable", "deadline_status", "today"]
