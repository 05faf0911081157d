"""« Jusqu'à quand peut-on s'inscrire ? »: the programme's call judged against today."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.deadline_text import deadline_lines
from actions.partnerships import ActionAnswerPartnershipDetails
from actions.programme_context import programmes_named_now
from actions.programmes import ActionAnswerAudience, ProgrammeAnswer
from knowledge import KnowledgeBase, today
from knowledge.models import Programme
from knowledge.textnorm import fold

# « ouvert à qui ? », « ouvert aussi aux écoles primaires ? », « il s'adresse à quel niveau ? »:
# who may take part, not until when (« jusqu'à quelle date est-il ouvert ? »).
_OPEN_TO = re.compile(r"\b(?:ouverte?s?|s adresse\w*|destinee?s?)(?: t)?(?: (?:il|elle|ils|elles))?"
                      r"(?: (?:aussi|egalement|bien|meme|seulement|uniquement))? (?:a|au|aux) (.+)")
_TO_WHOM = re.compile(r"^(?:qui|quel|quels|quelle|quelles|tous|toutes|tout le monde|n importe)\b")
_WHOM_FIRST = re.compile(r"\ba (?:qui|quel|quels|quelle|quelles) (?:\w+ ){0,3}?(?:ouverte?s?|s adresse\w*|destinee?s?)\b")
_WHEN = re.compile(r"\b(?:jusqu|quand|date|delai|heure|heures|echeance)\b")


def asks_open_to_whom(kb: KnowledgeBase, text: str) -> bool:
    """Whether the question asks who may take part: « ouvert à » / « s'adresse à » a public
    the sources know, or « qui », « quelles écoles »; not a time (« ouvert à 14 h »)."""
    folded = fold(text)
    if _WHEN.search(folded):
        return False
    m = _OPEN_TO.search(folded)
    return bool((m and (_TO_WHOM.match(m.group(1)) or kb.find_mentions("audience", m.group(1))))
                or _WHOM_FIRST.search(folded))


class ActionAnswerDeadline(ProgrammeAnswer):
    answer_kind = "deadline"
    intent = "ask_deadline"

    def name(self) -> str:
        return "action_answer_deadline"

    def is_exact(self, kb: KnowledgeBase, tracker: Tracker, events: list[dict[str, Any]]) -> bool:
        """Exact for the programme named now, not for another event's deadline."""
        return bool(programmes_named_now(kb, tracker))

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        if not programmes_named_now(kb, tracker) and tracker.get_slot("last_answer") == "partnership_details":
            # « il date de quand ? » right after a partnership: its « depuis quand », not a call.
            return ActionAnswerPartnershipDetails().answer_with_context(kb, dispatcher, tracker, domain)
        if asks_open_to_whom(kb, tracker.latest_message.get("text") or ""):
            # « il est ouvert à quelles écoles ? »: who may take part, not until when
            return ActionAnswerAudience().answer_with_context(kb, dispatcher, tracker, domain)
        return super().answer(kb, dispatcher, tracker, domain)

    def lines(self, kb: KnowledgeBase, domain: dict[str, Any], programme: Programme) -> tuple[list[str], list]:
        # today() honours ASSISTANT_TODAY, so tests and demos can pin the date.
        return deadline_lines(kb, domain, programme, today())
