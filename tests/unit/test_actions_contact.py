"""Contact answers: the details asked for, honest about people the documents do not name."""

from __future__ import annotations

from actions.contact import ActionAnswerContact
from tests.support.facts import PHONE, STREET, SURESNES_PHONE, SURESNES_STREET


def test_one_detail_asked_gives_only_that_detail(make_tracker, run):
    result = run(ActionAnswerContact(), make_tracker("le numéro du SREI ?", "ask_contact",
                                                     [("contact_kind", "phone"), ("body", "namur")]))
    assert PHONE in result.text and STREET not in result.text
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
    assert PHONE in result.text and STREET in result.text  # the whole contact, not just the head
    assert result.slot("contact_kind") is None


def test_part_known_part_missing_says_which_part_is_missing(make_tracker, run):
    # « les jours et heures où l'on peut téléphoner »: the phone is known, the hours are not.
    result = run(ActionAnswerContact(), make_tracker("heures pour téléphoner ?", "ask_contact",
                                                     [("contact_kind", "hours"), ("contact_kind", "phone")]))
    assert result.text.startswith("Mes sources ne donnent pas cette information")
    assert PHONE in result.text and STREET not in result.text


def test_mail_address_is_the_email_not_the_postal_address(make_tracker, run):
    result = run(ActionAnswerContact(), make_tracker("l'adresse mail de Suresnes", "ask_contact",
                                                     [("contact_kind", "address"), ("contact_kind", "email"),
                                                      ("body", "suresnes")]))
    assert result.text.startswith("Mes sources ne donnent pas cette information")
    assert result.slot("contact_kind") == "email"


def test_a_detail_the_sources_lack_is_declined_with_whom_to_ask_and_no_card(make_tracker, run):
    result = run(ActionAnswerContact(), make_tracker("l'e-mail du service de Suresnes ?", "ask_contact",
                                                     [("contact_kind", "email"), ("body", "suresnes")]))
    assert result.text.startswith("Mes sources ne donnent pas cette information")
    assert SURESNES_PHONE in result.text  # whom to ask: the service's own phone
    assert SURESNES_STREET not in result.text and "Source :" not in result.text


def test_a_body_with_no_contact_asked_for_no_contact_gets_its_service(make_tracker, run):
    result = run(ActionAnswerContact(), make_tracker(
        "Comment s'appelle le service des relations internationales du Département d'Ille-et-Vilaine ?",
        "ask_contact", [("body", "ille-et-vilaine")]))
    assert "SERI" in result.text and "Source : Département d'Ille-et-Vilaine" in result.text
    # asked how to reach it, the sources' silence on that is the answer
    result = run(ActionAnswerContact(), make_tracker("comment contacter le Département d'Ille-et-Vilaine ?",
                                                     "ask_contact", [("body", "ille-et-vilaine")]))
    assert "aucune coordonnée" in result.text


def test_the_body_s_website_no_card_shows_is_read_in_its_passages(make_tracker, run):
    # « l'adresse du site » asks for the website, which only the PST brochure gives
    result = run(ActionAnswerContact(), make_tracker("Quelle est l'adresse du site internet de la Province de Namur ?",
                                                     "ask_contact", [("contact_kind", "address"),
                                                                     ("contact_kind", "website"), ("body", "namur")]))
    assert "www." in result.text and "Source : Province de Namur" in result.text
    assert STREET not in result.text
    # asked of the service, another office's details would not answer
    result = run(ActionAnswerContact(), make_tracker("l'e-mail du SREI ?", "ask_contact",
                                                     [("contact_kind", "email"), ("body", "namur")]))
    assert result.text.startswith("Mes sources ne donnent pas cette information") and "@" not in result.text
