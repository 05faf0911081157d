"""« Ce sigle, il veut dire quoi ? » after an answer on the PrECI: the acronym it points to.

The question names no acronym; the one in the title of the previous answer (what it was
about), else the user's previous message's (not « ONG » in « trésorière d'une petite ONG »
when the answer was on the CITIM's directory), else the first in the previous answer, is put
in its place, so that the question can be searched like any other (« le sigle ST3P » is the
only passage that says « sigle », and never what was meant).
"""

from __future__ import annotations

import re

from knowledge.textnorm import fold

_THIS_ACRONYM = re.compile(r"\b(?:ce|cet|cette|ces) (?:sigle|acronyme|abreviation|initiales|lettres)\b")
_THIS_ACRONYM_TYPED = re.compile(r"\b(?:ce|cet|cette|ces) (?:sigle|acronyme|abr[ée]viation|initiales|lettres)\b",
                                 re.IGNORECASE)
# Two capitals at least, from three to eight letters: « PrECI », « SERI », « DAECL ».
_ACRONYM = re.compile(r"\b(?=[A-Za-z]*[A-Z][a-z]*[A-Z])[A-Z][A-Za-z]{2,7}\b")


def acronyms(text: str) -> list[str]:
    return _ACRONYM.findall(text)


def resolve_acronym(question: str, asked_before: str, said_before: str) -> str:
    """`question` with « ce sigle » replaced by the acronym last given, when it names none."""
    if not _THIS_ACRONYM.search(fold(question)) or acronyms(question):
        return question
    title = said_before.split(" : ", 1)[0] if " : " in said_before else ""
    found = acronyms(title) or acronyms(asked_before) or acronyms(said_before)
    if not found:
        return question
    return _THIS_ACRONYM_TYPED.sub(f"le sigle {found[0]}", question, count=1)
