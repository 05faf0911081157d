"""« Les objectifs du nouveau PST pour 2025-2030 ? »: a year no source speaks of.

The sources are dated pages; a question about a period none of them mentions asks what they
cannot say, however well its other words match a passage (the PST 2022-2024's objectives).
A closed question stating such a year is left to the verdict (« Non », with the right year),
and today's year is the user's context (« Nous sommes fin 2026 et… »), not a period asked about.
"""

from __future__ import annotations

import re

from knowledge import KnowledgeBase, today
from knowledge.textnorm import fold

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def years_unknown(kb: KnowledgeBase, question: str) -> list[str]:
    """The years the question names that no passage of the base contains."""
    now = str(today().year)
    return [year for year in _YEAR.findall(fold(question)) if year != now and kb.unknown_share([(year,)]) == 1.0]
