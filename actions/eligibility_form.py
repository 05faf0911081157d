"""The eligibility dialogue (Rasa form `eligibility_form`): reads answers, asks the next criterion.

The form has one required slot, `eligibility_done`; this validation action fills it once a
verdict can be given, and `action_ask_eligibility_done` asks whatever is still missing
(the programme, then one criterion at a time, with its answers as buttons).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KnowledgeAction
from actions.buttons import payload, plain_button
from actions.context import mentioned_now, programme_for_audience
from actions.eligibility_logic import PENDING, generic_replies, next_criterion, read_answers, verdict
from actions.evidence import content_groups, without_label
from actions.phrasing import render
from actions.precise_answer import refine
from actions.registry import BY_INTENT
from knowledge import KnowledgeBase

# Intents that reply to the dialogue's questions (anything else is another question).
REPLY_INTENTS = {"inform", "affirm", "deny", "dont_know", "ask_eligibility"}


def user_text(tracker: Tracker) -> str:
    """The latest message, or nothing for a button payload such as « /dont_know »."""
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text


class ValidateEligibilityForm(KnowledgeAction):
    def name(self) -> str:
        return "validate_eligibility_form"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        intent = tracker.get_intent_of_latest_message()
        if intent == "stop":
            return []  # nothing filled: Rasa rejects the form and the « stop » rule ends it
        text = user_text(tracker)
        named = mentioned_now(kb, tracker, "programme", "programme")
        # « notre asbl peut-elle demander une aide ? »: the public named points to its programme, but
        # only when no programme is known yet (« on est une école » also answers a PISI criterion).
        programme = kb.programme(named or tracker.get_slot("programme") or programme_for_audience(kb, tracker) or "")
        answers = dict(tracker.get_slot("eligibility_answers") or {})
        asked = tracker.get_slot("eligibility_asked")
        if programme and asked and asked not in {c.id for c in programme.criteria}:
            answers, asked = {}, None  # another programme named: its own criteria, from scratch
        pending = tracker.get_slot("eligibility_pending_text") or ""
        if programme is None:
            if intent not in REPLY_INTENTS:
                self.off_script(kb, dispatcher, tracker, domain, intent)
            # Keep what was said (« je suis prof en primaire ») for when the programme is known.
            return [SlotSet("eligibility_pending_text", f"{pending} {text}".strip()), SlotSet("eligibility_done", None)]
        generic = generic_replies(kb.programmes())
        updated = read_answers(programme, pending, answers, None, generic) if pending else answers
        updated = read_answers(programme, text, updated, asked, generic, dont_know=intent == "dont_know")
        if asked and updated == answers and not named:
            self.off_script(kb, dispatcher, tracker, domain, intent)  # a reply to our question, not understood
        done = verdict(programme, updated).outcome != PENDING
        return [SlotSet("programme", programme.id), SlotSet("body", programme.body_id),
                SlotSet("eligibility_answers", updated), SlotSet("eligibility_asked", asked),
                SlotSet("eligibility_pending_text", None), SlotSet("eligibility_done", True if done else None)]

    @staticmethod
    def off_script(kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
                   domain: dict[str, Any], intent: str | None) -> None:
        """Nothing learned: answer a side question, or say the reply was not understood."""
        side = BY_INTENT.get(intent or "") if intent not in REPLY_INTENTS else None
        if side:
            side.answer(kb, dispatcher, tracker, domain)  # its slots would disturb the dialogue
        else:
            dispatcher.utter_message(text=render(domain, "utter_eligibility_not_understood"))


# Words that only ask whether one may take part: « puis-je participer ? », « les conditions pour postuler ? ».
TAKING_PART = frozenset("participer participation postuler candidater candidature candidat candidats eligible "
                        "eligibles eligibilite inscrire inscription beneficier droit condition conditions critere "
                        "criteres admissible admis".split())
# A question about something else names at least this many things besides taking part.
OTHER_THINGS = 2


def asks_something_else(tracker: Tracker) -> bool:
    """Whether the message that opens the dialogue asks about something besides taking part
    (« les entreprises peuvent-elles participer aux coopérations de la Région ? »), rather than
    only whether the asker may (« je peux participer ? », « prof en primaire, je peux inscrire
    ma classe ? »): only then may a passage answer it instead."""
    text = user_text(tracker)
    if (tracker.latest_message.get("intent", {}).get("name") != "ask_eligibility" or not text
            or tracker.get_slot("eligibility_asked")):
        return False
    rest = [g for g in content_groups(without_label(text)) if not TAKING_PART.intersection(g)]
    return len(rest) >= OTHER_THINGS


class ActionAskEligibilityDone(KnowledgeAction):
    def name(self) -> str:
        return "action_ask_eligibility_done"

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        programme = kb.programme(tracker.get_slot("programme") or "")
        stop = {"title": render(domain, "utter_button_stop"), "payload": payload("stop")}
        if programme is None:
            buttons = [plain_button(p.acronym or p.name, "inform", {"programme": p.id}) for p in kb.programmes()]
            draft = CollectingDispatcher()
            draft.utter_message(text=render(domain, "utter_eligibility_which_programme"), buttons=[*buttons, stop])
            if asks_something_else(tracker):
                # « les entreprises peuvent-elles participer aux coopérations de la Région ? » names no
                # programme: like any question asked back, it is answered by the passage that
                # fits it, or declined when it is not ours, and the dialogue does not start.
                messages, events = refine(kb, self, draft.messages, tracker, domain, [])
                if messages != draft.messages:
                    dispatcher.messages.extend(messages)
                    return [*events, ActiveLoop(None), SlotSet("requested_slot", None),
                            SlotSet("eligibility_pending_text", None)]
            dispatcher.messages.extend(draft.messages)
            return []
        answers = tracker.get_slot("eligibility_answers") or {}
        criterion = next_criterion(programme, answers)
        if criterion is None:  # cannot happen while the form runs; guard against a stale slot
            return [SlotSet("eligibility_done", True)]
        lines = [render(domain, "utter_eligibility_question", question=criterion.question)]
        if not tracker.get_slot("eligibility_asked"):
            lines.insert(0, render(domain, "utter_eligibility_intro", acronym=programme.acronym or programme.name))
        # A button sends its label, which the validation recognises like any typed reply.
        buttons = [{"title": a.label, "payload": a.label} for a in criterion.answers]
        buttons += [{"title": render(domain, "utter_button_dont_know"), "payload": payload("dont_know")}, stop]
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return [SlotSet("eligibility_asked", criterion.id)]
