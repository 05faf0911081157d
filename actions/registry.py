"""The answer actions by kind and by the intent that asks for them, for re-dispatching."""

from __future__ import annotations

from actions.base import KnowledgeAction
from actions.contact import ActionAnswerContact
from actions.deadlines import ActionAnswerDeadline
from actions.definitions import ActionAnswerDefinition
from actions.partnerships import ActionAnswerPartnershipDetails, ActionAnswerPartnerships
from actions.programmes import ActionAnswerAudience, ActionAnswerHowToApply, ActionAnswerProgrammeInfo
from actions.pst import ActionAnswerPst
from actions.service import ActionAnswerServiceInfo, ActionAnswerStrategy

BY_INTENT: dict[str, KnowledgeAction] = {
    "ask_contact": ActionAnswerContact(),
    "ask_service_info": ActionAnswerServiceInfo(),
    "ask_strategy": ActionAnswerStrategy(),
    "ask_programme_info": ActionAnswerProgrammeInfo(),
    "ask_programme_audience": ActionAnswerAudience(),
    "ask_how_to_apply": ActionAnswerHowToApply(),
    "ask_deadline": ActionAnswerDeadline(),
    "ask_partnerships": ActionAnswerPartnerships(),
    "ask_partnership_details": ActionAnswerPartnershipDetails(),
    "ask_definition": ActionAnswerDefinition(),
    "ask_pst": ActionAnswerPst(),
}
BY_KIND: dict[str, KnowledgeAction] = {a.answer_kind: a for a in BY_INTENT.values() if a.answer_kind}
