"""« traduis « bonne année » en wolof », « écris-moi une lettre pour le SREI »: a task asked of
the assistant, which answers from its sources and does nothing else. Searched, the task's verb
finds a passage that uses it in another sense (« se traduit par un appui… »): the honest answer
is that this is not what the assistant does, and whom to ask."""

from __future__ import annotations

import re

from knowledge.textnorm import fold

# The task's verb first, or after a request (« pouvez-vous me traduire… »).
_TASK = re.compile(r"^(?:(?:bonjour|svp|stp|merci) )*(?:(?:pouvez vous|pourriez vous|peux tu|pourrais tu|tu peux|"
                   r"vous pouvez|tu pourrais|vous pourriez) )?(?:me |m |nous )?"
                   r"(traduis|traduisez|traduire|traduction|redige|redigez|rediger|ecris|ecrivez|ecrire|calcule|"
                   r"calculez|calculer|convertis|convertissez|convertir|corrige|corrigez|corriger|resume|resumez|"
                   r"resumer)\b")


def asks_a_task(question: str) -> bool:
    """Whether the message asks the assistant to translate, write, compute, convert, correct
    or summarise something."""
    return _TASK.match(fold(question)) is not None
