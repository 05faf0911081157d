"""« Jusqu'à quand peut-on s'inscrire ? »: the programme's call judged against today."""

from __future__ import annotations

from typing import Any

from actions.deadline_text import deadline_lines
from actions.programmes import ProgrammeAnswer
from knowledge import KnowledgeBase, today
from knowledge.models import Programme


class ActionAnswerDeadline(ProgrammeAnswer):
    answer_kind = "deadline"
    intent = "ask_deadline"

    def name(self) -> str:
        return "action_answer_deadline"

    def lines(self, kb: KnowledgeBase, domain: dict[str, Any], programme: Programme) -> tuple[list[str], list]:
        # today() honours ASSISTANT_TODAY, so tests and demos can pin the date.
        return deadline_lines(kb, domain, programme, today())
