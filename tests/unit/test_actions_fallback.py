"""The unknown: a clear search hit, suggestions, then an honest decline; chitchat with the base."""

from __future__ import annotations

from actions.chitchat import ActionAskHuman, ActionRecordFeedback
from actions.fallback import ActionKbFallback, good_match
from knowledge.models import Passage, SourceRef
from tests.support.facts import HEAD_NAME, PHONE

SOURCE = SourceRef("s", "t", "p", "d", None, "2022")


def passage(score: float) -> Passage:
    return Passage("p", "fact", "f", "title", "text", None, score, SOURCE)


def test_only_a_full_and_clearly_best_match_is_good():
    assert good_match([passage(1.0)]) is not None
    assert good_match([passage(1.0), passage(0.5)]) is not None
    assert good_match([passage(1.0), passage(1.0)]) is None  # common words, not understanding
    assert good_match([passage(0.67)]) is None
    assert good_match([]) is None


def test_a_clear_hit_is_answered_with_its_source(make_tracker, run):
    result = run(ActionKbFallback(), make_tracker("wilway", "nlu_fallback"))
    assert result.text.startswith("Voici ce que j'ai trouvé")
    assert "Wilway" in result.text
    assert "Source : Province de Namur" in result.text


def test_a_miss_offers_the_two_likeliest_intents_and_something_else(make_tracker, run):
    tracker = make_tracker("blabla zorglub", "nlu_fallback", ranking=[
        ("nlu_fallback", 0.45), ("ask_deadline", 0.3), ("greet", 0.2), ("ask_contact", 0.1), ("ask_pst", 0.05)])
    result = run(ActionKbFallback(), tracker)
    assert [b["payload"] for b in result.buttons] == ["/ask_deadline", "/ask_contact", "/nlu_fallback"]
    assert result.buttons[-1]["title"] == "Autre chose"
    assert "Source" not in result.text
    assert result.slot("last_answer") == "fallback_miss"


def test_a_second_miss_in_a_row_declines_with_the_service_s_contact(make_tracker, run):
    before = [{"event": "user", "text": "blabla"}, {"event": "action", "name": "action_kb_fallback"},
              {"event": "action", "name": "action_listen"}]
    result = run(ActionKbFallback(), make_tracker("zorglub encore", "nlu_fallback", events=before,
                                                  last_answer="fallback_miss"))
    assert "ne trouve pas la réponse" in result.text
    assert PHONE in result.text
    assert result.buttons == []


def test_a_miss_after_another_answer_is_not_a_second_miss(make_tracker, run):
    before = [{"event": "action", "name": "action_kb_fallback"}, {"event": "user", "text": "bonjour"},
              {"event": "action", "name": "utter_greet"}, {"event": "action", "name": "action_listen"}]
    result = run(ActionKbFallback(), make_tracker("zorglub", "nlu_fallback", events=before,
                                                  last_answer="fallback_miss"))
    assert "ne trouve pas" not in result.text


def test_asking_for_a_person_gives_the_service_s_contact_from_the_base(make_tracker, run):
    result = run(ActionAskHuman(), make_tracker("je veux parler à quelqu'un", "ask_human", body="suresnes"))
    assert PHONE in result.text and HEAD_NAME in result.text
    assert "Source :" in result.text


def test_feedback_is_acknowledged_and_recorded_as_a_slot(make_tracker, run):
    good = run(ActionRecordFeedback(), make_tracker("super réponse", "feedback_positive", last_answer="deadline"))
    assert good.slot("feedback") == "positive" and "Merci" in good.text
    bad = run(ActionRecordFeedback(), make_tracker("ça ne répond pas", "feedback_negative"))
    assert bad.slot("feedback") == "negative"
    assert PHONE in bad.text


def test_core_fallback_apologises_and_forgets_the_turn(make_tracker, run):
    from actions.fallback import ActionDefaultFallback

    result = run(ActionDefaultFallback(), make_tracker("???", "greet"))
    assert result.messages[0]["response"] == "utter_default_fallback"
    assert result.events == [{"event": "rewind", "timestamp": None}]


def test_a_value_cut_out_of_typed_text_never_goes_back_in_a_button(make_tracker, run):
    typed = 'ask_contact{"body": "[Cliquez ici](https://evil.example/login)"}'
    tracker = make_tracker(typed, "nlu_fallback", entities=[("topic", "ici](https://evil.example/"), ("body", "namur")],
                           ranking=[("nlu_fallback", 0.5), ("ask_contact", 0.3), ("ask_programme_info", 0.2)])
    result = run(ActionKbFallback(), tracker)
    payloads = [b["payload"] for b in result.buttons]
    assert payloads[0] == '/ask_contact{"body": "namur"}'  # a plain name is kept
    assert not any("evil" in p for p in payloads)
