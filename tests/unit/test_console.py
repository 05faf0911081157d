"""The staff console's pieces that need no server: reading a turn from its events, the
labels staff see, the checks of a request, and where a content entry is written."""

from __future__ import annotations

from bot.console.labels import topic_label
from bot.console.try_turn import checked_request, inspect_turn
from knowledge.provenance import where_written

RESPONSES = {"utter_intent_ask_contact": [{"text": "Les coordonnées du service"}]}


def test_a_turn_is_read_from_the_events_after_the_last_user_message():
    events = [
        {"event": "user", "text": "avant", "parse_data": {"intent_ranking": [{"name": "greet", "confidence": 1}]}},
        {"event": "bot", "text": "Bonjour"},
        {"event": "user", "text": "le numéro ?",
         "parse_data": {"intent_ranking": [{"name": "ask_contact", "confidence": 0.91234}, {"name": "x", "confidence": 0.05}],
                        "entities": [{"entity": "contact_kind", "value": "phone"},
                                     {"entity": "contact_kind", "value": "phone", "extractor": "RegexEntityExtractor"}]}},
        {"event": "action", "name": "action_answer_contact"},
        {"event": "slot", "name": "contact_kind", "value": "phone"},
        {"event": "bot", "text": "Téléphone : 0\nSource : Province de Namur, « page »"},
        {"event": "action", "name": "action_listen"},
    ]
    turn = inspect_turn(events, RESPONSES)
    assert turn["classement"][0] == {"intention": "Les coordonnées du service", "confiance": 0.912}
    assert turn["classement"][1]["intention"] == "Autre sujet"  # an intent without a title: never its id
    assert turn["entites"] == [{"entite": "contact_kind", "valeur": "phone"}]  # found by two extractors, shown once
    assert turn["actions"] == ["action_answer_contact"]
    assert turn["emplacements"] == {"contact_kind": "phone"}
    assert turn["sources"] == ["Source : Province de Namur, « page »"]


def test_nothing_to_inspect_before_the_first_message():
    assert inspect_turn([], RESPONSES)["actions"] == []
    assert topic_label(None, RESPONSES) == "Autre sujet"


def test_a_request_is_checked_with_french_errors():
    assert checked_request({"conversation": "abc-1", "message": " PISI ? "}) == ("abc-1", "PISI ?")
    assert "question" in checked_request({"conversation": "abc", "message": "  "})
    assert "caractères" in checked_request({"conversation": "abc", "message": "x" * 1001})
    assert "caractères" in checked_request({"conversation": "abc", "message": "a\x00b"})
    assert "conversation" in checked_request({"conversation": "../x", "message": "PISI"})
    assert "objet JSON" in checked_request(["PISI"])


def test_an_entry_is_found_in_its_file_at_its_line(tmp_path):
    (tmp_path / "namur.yml").write_text("bodies:\n  - id: namur\n    name: N\ncontacts:\n  - id: srei-tel\n",
                                        encoding="utf-8")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "fete.txt").write_text("---\n", encoding="utf-8")
    assert where_written("contact", "srei-tel", tmp_path) == "namur.yml:5"
    assert where_written("page", "fete", tmp_path) == "pages/fete.txt:1"
    assert where_written("fact", "absent", tmp_path) is None
