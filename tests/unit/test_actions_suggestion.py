"""« Oui » after the fallback's suggestions answers the first one; elsewhere it asks what about."""

from __future__ import annotations

from actions.phrasing import render
from actions.suggestion import ActionAffirm, parse_payload

SUGGESTED = [{"title": "La date limite d'un appel", "payload": '/ask_deadline{"programme": "pisi"}'},
             {"title": "Comment poser sa candidature", "payload": '/ask_how_to_apply{"programme": "pisi"}'},
             {"title": "Autre chose", "payload": "/nlu_fallback"}]


def after(action: str, buttons: list[dict]) -> list[dict]:
    """Events of a turn answered by `action` with `buttons`, then listening."""
    return [{"event": "user", "text": "dat limit psi"}, {"event": "action", "name": action},
            {"event": "bot", "text": "Vouliez-vous dire :", "data": {"buttons": buttons}},
            {"event": "action", "name": "action_listen"}]


def test_payloads_are_read_back_into_intent_and_entities():
    assert parse_payload('/ask_deadline{"programme": "pisi"}') == ("ask_deadline", {"programme": "pisi"})
    assert parse_payload("/ask_pst") == ("ask_pst", {})
    assert parse_payload("oui") is None
    assert parse_payload("/ask_pst{oops") is None


def test_yes_after_suggestions_answers_the_first_one(make_tracker, run):
    tracker = make_tracker("oui", "affirm", events=after("action_kb_fallback", SUGGESTED),
                           last_answer="fallback_miss")
    result = run(ActionAffirm(), tracker)
    assert "aucune date limite pour le PISI" in result.text and "Source :" in result.text
    assert result.slot("last_answer") == "deadline"


def test_yes_elsewhere_asks_what_about(make_tracker, run, domain):
    asked = render(domain, "utter_ask_what_about")
    result = run(ActionAffirm(), make_tracker("oui", "affirm"))
    assert [m["text"] for m in result.messages] == [asked]
    # Buttons of another answer are no suggestion to accept.
    tracker = make_tracker("oui", "affirm", events=after("action_answer_programme_info", SUGGESTED),
                           last_answer="programme_info")
    assert [m["text"] for m in run(ActionAffirm(), tracker).messages] == [asked]
