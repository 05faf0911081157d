"""Follow-ups re-run the previous kind of answer with the newly named entity."""

from __future__ import annotations

from actions.follow_up import ActionFollowUp


def test_new_body_after_twinnings_gives_that_body_s_twinnings(make_tracker, run):
    result = run(ActionFollowUp(), make_tracker("et pour Suresnes ?", "inform", [("body", "suresnes")],
                                                body="namur", last_answer="partnerships"))
    assert "Hackney" in result.text and "Louga" not in result.text
    assert "Source : Ville de Suresnes" in result.text
    assert result.slot("body") == "suresnes"
    assert result.slot("last_answer") == "partnerships"


def test_new_programme_after_a_deadline_gives_that_programme_s_deadline(make_tracker, run, monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", "2024-05-01")
    result = run(ActionFollowUp(), make_tracker("et le PISI ?", "inform", [("programme", "pisi")],
                                                programme="preci", last_answer="deadline"))
    assert "aucune date limite pour le PISI" in result.text
    assert result.slot("programme") == "pisi"


def test_body_named_only_in_the_text_is_enough(make_tracker, run):
    result = run(ActionFollowUp(), make_tracker("et la basse normandie", "inform", last_answer="partnerships"))
    assert "Fujian" in result.text


def test_contact_follow_up_keeps_the_detail_asked_before(make_tracker, run):
    result = run(ActionFollowUp(), make_tracker("et pour Suresnes ?", "inform", [("body", "suresnes")],
                                                body="namur", contact_kind="phone", last_answer="contact"))
    assert "Téléphone" in result.text and "Adresse" not in result.text


def test_entity_unrelated_to_the_last_answer_gets_its_own_default_answer(make_tracker, run):
    result = run(ActionFollowUp(), make_tracker("et le PrECI ?", "inform", [("programme", "preci")],
                                                last_answer="partnerships"))
    assert "secondaire" in result.text
    assert result.slot("last_answer") == "programme_info"


def test_programme_after_an_eligibility_verdict_restarts_the_dialogue(make_tracker, run):
    result = run(ActionFollowUp(), make_tracker("et pour le PISI ?", "inform", [("programme", "pisi")],
                                                programme="preci", last_answer="eligibility"))
    assert {"event": "followup", "name": "eligibility_form", "timestamp": None} in result.events


def test_nothing_known_named_is_treated_as_an_unclear_question(make_tracker, run):
    result = run(ActionFollowUp(), make_tracker("et pour le truc ?", "inform", last_answer="partnerships"))
    assert result.slot("last_answer") == "fallback_miss"


def test_a_stray_word_tagged_as_a_programme_is_not_taken_for_one(make_tracker, run):
    # DIET sometimes tags « d'amitié » as a programme; it names nothing in the base.
    result = run(ActionFollowUp(), make_tracker("et un accord d'amitié ?", "inform", [("programme", "d'amitié")],
                                                topic="def-jumelage", last_answer="definition"))
    assert "De quel programme" not in result.text
    # an unclear question, or the passage that speaks of an « accord d'amitié »: not a programme one
    assert result.slot("last_answer") in {"fallback_miss", "passage"}
    assert "amitié" in result.text or result.slot("last_answer") == "fallback_miss"


def test_follow_up_without_entity_re_asks_an_answer_found_from_the_question_s_words(make_tracker, run):
    result = run(ActionFollowUp(), make_tracker("et pour la culture ?", "inform",
                                                topic="pst-enseignement", last_answer="pst"))
    assert "Source : Province de Namur" in result.text and "culture" in result.text.lower()
    assert result.slot("last_answer") == "pst"


def test_since_when_right_after_a_partnership_is_about_that_partnership(make_tracker, run):
    from actions.deadlines import ActionAnswerDeadline

    result = run(ActionAnswerDeadline(), make_tracker("il date de quand ?", "ask_deadline",
                                                      partner="suresnes-cap-haitien", last_answer="partnership_details"))
    assert "depuis 1998" in result.text and "programme" not in result.text


def test_continent_follow_up_lists_only_the_partners_on_that_continent(make_tracker, run):
    result = run(ActionFollowUp(), make_tracker("et en Asie ?", "inform", [("country", "Asie")], body="namur",
                                                last_answer="partnerships"))
    assert "Jiangsu" in result.text and "continent (Asie)" in result.text
    assert "Louga" not in result.text and "Tunis" not in result.text
    assert "Source : Province de Namur" in result.text


def test_continent_without_partner_says_so_then_lists_them_all(make_tracker, run):
    result = run(ActionFollowUp(), make_tracker("et en Amérique ?", "inform", [("country", "Amérique")],
                                                body="ille-et-vilaine", last_answer="partnerships"))
    assert "pas de partenaire sur ce continent" in result.text and "Alaotra" in result.text


def test_public_named_in_a_follow_up_points_to_its_programme(make_tracker, run):
    result = run(ActionFollowUp(), make_tracker("et pour les associations ?", "inform", programme="preci",
                                                last_answer="programme_info"))
    assert "Solidarité Internationale (PISI)" in result.text
    assert result.slot("programme") == "pisi"
    result = run(ActionFollowUp(), make_tracker("et pour une école ?", "inform", programme="pisi",
                                                last_answer="how_to_apply"))
    assert "PrECI" in result.text and "PISI" not in result.text


def test_detail_named_after_contact_details_is_a_contact_follow_up(make_tracker, run):
    result = run(ActionFollowUp(), make_tracker("et le samedi ?", "inform", [("contact_kind", "hours")],
                                                body="suresnes", last_answer="contact"))
    assert result.text.startswith("Non") and "vendredi" in result.text  # closed on Saturdays, with the hours
    # Elsewhere « quand » (also tagged as hours) is no question about opening hours.
    result = run(ActionFollowUp(), make_tracker("et quand ?", "inform", [("contact_kind", "hours")],
                                                programme="preci", last_answer="programme_info"))
    assert "Heures d'ouverture" not in result.text
