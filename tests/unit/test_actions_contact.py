"""Contact answers: the details asked for, honest about people the documents do not name."""

from __future__ import annotations

from actions.contact import ActionAnswerContact

PHONE = "081 776 770"


def test_one_detail_asked_gives_only_that_detail(make_tracker, run):
    result = run(ActionAnswerContact(), make_tracker("le numéro du SREI ?", "ask_contact",
                                                     [("contact_kind", "phone"), ("body", "namur")]))
    assert PHONE in result.text and "Saint-Aubain" not in result.text
    assert "Source : Province de Namur" in result.text
    assert result.slot("contact_kind") == "phone"


def test_someone_the_documents_do_not_name_is_not_answered_with_the_head_of_service(make_tracker, run):
    result = run(ActionAnswerContact(), make_tracker("qui est le gouverneur de la province ?", "ask_contact",
                                                     [("contact_kind", "other_person"), ("body", "namur")]))
    first_line = result.text.splitlines()[0]
    assert first_line.startswith("Mes sources ne nomment pas cette personne")
    assert PHONE in result.text  # whom to ask instead


def test_the_user_s_own_role_is_not_a_detail_asked_for(make_tracker, run):
    text = "je suis directrice d'école, comment joindre le SREI ?"
    role = {"entity": "contact_kind", "value": "head", "start": text.index("directrice"), "end": 18}
    result = run(ActionAnswerContact(), make_tracker(text, "ask_contact", [role, ("body", "namur")]))
    assert PHONE in result.text and "Saint-Aubain" in result.text  # the whole contact, not just the head
    assert result.slot("contact_kind") is None
