"""The first slice through every layer: a contact question over the standard REST channel."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.support.facts import HEAD_NAME, PHONE, STREET

pytestmark = pytest.mark.integration


def ask(stack, sender: str, message: str) -> list[dict]:
    req = urllib.request.Request(
        f"{stack.config.rasa_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": message}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


def test_contact_question_is_answered_from_the_knowledge_base_with_its_source(stack):
    replies = ask(stack, "slice-1", "Comment contacter le service des relations internationales ?")
    text = "\n".join(r.get("text", "") for r in replies)
    assert PHONE in text
    assert STREET in text
    assert HEAD_NAME in text
    assert "Source : Province de Namur" in text


def test_follow_up_asks_only_for_the_phone(stack):
    ask(stack, "slice-2", "Comment joindre le SREI ?")
    text = "\n".join(r.get("text", "") for r in ask(stack, "slice-2", "et son numéro ?"))
    assert PHONE in text
    assert STREET not in text


def test_missing_email_is_said_honestly_not_invented(stack):
    text = "\n".join(r.get("text", "") for r in ask(stack, "slice-3", "quelle est l'adresse mail du SREI ?"))
    assert "ne donnent pas" in text
    assert PHONE in text
    assert "@" not in text
