"""« Cette page date de quand ? », « l'article a été publié quand ? » right after an answer: the
date of the page that answer cites, not a date the page gives.

The content says it in a passage about the page itself where it has one (« Date de la page… »);
otherwise the answer's own source lines say it (« publiée le… », « page non datée,
informations de… »).
"""

from __future__ import annotations

import re
from typing import Any

from actions.answer_shape import gives_shape
from actions.list_reference import previous_turn
from actions.phrasing import render, source_lines
from actions.question_shape import DATE, question_shape
from knowledge import KnowledgeBase
from knowledge.textnorm import fold

# « cette page », « l'article », « ce document »: the page cited, asked about itself.
# (« Dans la page de Suresnes, la loi est datée de quel jour ? » asks the law's date.)
_THE_PAGE = re.compile(r"(?<!\bdans )(?<!\bsur )(?<!\bselon )(?<!\bapres )(?<!\bde )"
                       r"\b(?:cette|la|ta|votre|cet|l|ce|le) (page|fiche|article|document|site|texte)\b")
# Passages searched for the one about the page.
SEARCHED = 8


def asks_page_date(question: str) -> bool:
    return question_shape(question) == DATE and _THE_PAGE.search(fold(question)) is not None


def cited_page_date(kb: KnowledgeBase, tracker: Any, domain: dict[str, Any], question: str,
                    source_prefix: str) -> str | None:
    """The answer to a follow-up asking the date of the page just cited, or None when the
    question is not one or the previous answer cites no page."""
    if not asks_page_date(question):
        return None
    _, said = previous_turn(tracker)
    cited = [line for line in said.splitlines() if line.startswith(source_prefix)]
    if not cited:
        return None
    word = _THE_PAGE.search(fold(question)).group(1)
    for p in kb.search(f"date {word} {' '.join(cited)}", limit=SEARCHED):
        if (p.source and f"« {p.source.title} »" in cited[0] and word in fold(p.title).split()
                and gives_shape(p.text, DATE)):
            return "\n".join([render(domain, "utter_passage", title=p.title, text=p.text),
                              source_lines(domain, [p.source])])
    return cited[0]
