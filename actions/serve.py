"""Starts the action server with the knowledge base open and its language model loaded.

rasa_sdk imports the actions and serves at once. The French language model that search
needs takes seconds to load: a first question needing it right after a restart waited past
the action timeout and its user got the "technical problem" message. Loading it before the
server answers its health check costs nothing to users (Rasa itself starts more slowly).
"""

from __future__ import annotations

import logging

from rasa_sdk.__main__ import main as serve

from actions.knowledge_access import get_kb
from knowledge import KnowledgeUnavailable

log = logging.getLogger(__name__)


def main() -> None:
    """`python -m actions.serve` takes rasa_sdk's own arguments (--actions, --port...)."""
    try:
        get_kb().warm_up()
    except KnowledgeUnavailable as exc:  # the actions answer with the contact until it is back
        log.error("knowledge base unavailable at start: %s", exc)
    serve()


if __name__ == "__main__":
    main()
