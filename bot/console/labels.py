"""How the console names what the assistant understood: in staff's French, never by an id."""

from __future__ import annotations

from typing import Any

OTHER_TOPIC = "Autre sujet"
# Intents with no title of their own in the domain (`utter_intent_<name>`).
LABELS = {"nlu_fallback": "Question non comprise", "out_of_scope": "Hors sujet", "inconnu": OTHER_TOPIC}


def topic_label(intent: str | None, responses: dict[str, Any]) -> str:
    """« Les coordonnées du service » for ask_contact: the intent's title in the domain, else a
    French label; « Autre sujet » for an intent without one."""
    if intent in LABELS:
        return LABELS[intent]
    variants = responses.get(f"utter_intent_{intent}") or []
    return variants[0].get("text") or OTHER_TOPIC if variants else OTHER_TOPIC
