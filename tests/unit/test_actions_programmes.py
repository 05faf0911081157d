"""Programme answers: what, for whom, how to apply, deadline — from the base, with sources."""

from __future__ import annotations

from actions.deadlines import ActionAnswerDeadline
from actions.programmes import ActionAnswerAudience, ActionAnswerHowToApply, ActionAnswerProgrammeInfo
from tests.support.facts import PHONE


def test_programme_info_gives_the_purpose_the_source_and_next_questions(make_tracker, run):
    result = run(ActionAnswerProgrammeInfo(), make_tracker("c'est quoi le PrECI ?", "ask_programme_info",
                                                           [("programme", "preci")]))
    assert "secondaire" in result.text
    assert "Source : Province de Namur" in result.text
    assert "informations de 2017-2018" in result.text  # undated page: its period is shown
    assert result.slot("programme") == "preci"
    assert result.slot("last_answer") == "programme_info"
    payloads = [b["payload"] for b in result.buttons]
    assert '/ask_deadline{"programme": "preci"}' in payloads
    assert '/ask_programme_audience{"programme": "preci"}' in payloads
    assert not any(p.startswith("/ask_programme_info") for p in payloads)


def test_programme_named_only_in_the_text_is_found_without_the_nlu(make_tracker, run):
    result = run(ActionAnswerProgrammeInfo(), make_tracker("et le programme provincial de solidarité internationale ?",
                                                           "ask_programme_info"))
    assert "coopération au développement" in result.text
    assert result.slot("programme") == "pisi"


def test_unknown_programme_is_asked_with_one_button_per_programme(make_tracker, run):
    result = run(ActionAnswerAudience(), make_tracker("c'est pour qui ?", "ask_programme_audience"))
    assert "Source :" not in result.text
    assert sorted(b["payload"] for b in result.buttons) == [
        '/ask_programme_audience{"programme": "pisi"}', '/ask_programme_audience{"programme": "preci"}']
    assert result.slot("last_answer") == "audience"  # so that « le PISI » answers it


def test_audience_uses_the_programme_kept_from_the_previous_turn(make_tracker, run):
    result = run(ActionAnswerAudience(), make_tracker("c'est pour qui ?", "ask_programme_audience", programme="preci"))
    assert "niveau secondaire" in result.text
    assert "Source :" in result.text


def test_how_to_apply_says_the_documents_are_silent_and_gives_the_contact(make_tracker, run):
    result = run(ActionAnswerHowToApply(), make_tracker("comment postuler au PISI ?", "ask_how_to_apply",
                                                        [("programme", "pisi")]))
    assert "ne précisent pas comment poser sa candidature au PISI" in result.text
    assert PHONE in result.text
    assert "Source :" not in result.text  # a silence states no fact to cite


def test_closed_call_gives_the_date_and_the_next_step(make_tracker, run, monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", "2024-05-01")
    result = run(ActionAnswerDeadline(), make_tracker("date limite du PrECI ?", "ask_deadline",
                                                      [("programme", "preci")]))
    assert "clôturé depuis le 8 février 2018" in result.text
    assert "contactez le Service des relations extérieures et internationales" in result.text
    assert PHONE in result.text
    assert "Source : Province de Namur" in result.text


def test_open_call_counts_the_days_left(make_tracker, run, monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", "2018-02-01")
    result = run(ActionAnswerDeadline(), make_tracker("jusqu'à quand ?", "ask_deadline", programme="preci"))
    assert "ouvert" in result.text
    assert "8 février 2018" in result.text
    assert "il reste 7 jour(s)" in result.text


def test_last_day_is_said_as_such(make_tracker, run, monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", "2018-02-08")
    result = run(ActionAnswerDeadline(), make_tracker("jusqu'à quand ?", "ask_deadline", programme="preci"))
    assert "dernier jour" in result.text


def test_programme_without_call_has_no_invented_deadline(make_tracker, run, monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", "2018-02-01")
    result = run(ActionAnswerDeadline(), make_tracker("date limite du PISI ?", "ask_deadline",
                                                      [("programme", "pisi")]))
    assert "ne donnent aucune date limite pour le PISI" in result.text
    assert PHONE in result.text
    assert "2018" not in result.text.split("Source")[0]


def test_two_programmes_named_get_both_answers_and_no_single_context(make_tracker, run):
    result = run(ActionAnswerProgrammeInfo(), make_tracker(
        "Quelle est la différence entre PISI et PrECI ?", "ask_programme_info",
        [("programme", "pisi"), ("programme", "preci")], programme="preci"))
    assert "coopération au développement" in result.text and "secondaire" in result.text
    assert result.text.count("Source : Province de Namur") == 1  # one page, cited once
    assert result.slot("programme") is None  # « c'est pour qui ? » next must ask which one


def test_deadlines_of_two_programmes_named_only_in_the_text(make_tracker, run, monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", "2024-05-01")
    result = run(ActionAnswerDeadline(), make_tracker("les dates limites du pisi et du preci ?", "ask_deadline"))
    assert "aucune date limite pour le PISI" in result.text
    assert "clôturé depuis le 8 février 2018" in result.text


def test_a_programme_s_public_names_it_only_as_an_audience(kb):
    assert kb.find_mentions("audience", "et pour les écoles ?") == ["preci"]
    assert kb.find_mentions("audience", "on est une asbl") == ["pisi"]
    assert kb.find_mentions("programme", "et pour les écoles ?") == []  # no name of the programme


def test_public_named_answers_for_its_programme_when_none_is_named(make_tracker, run):
    result = run(ActionAnswerHowToApply(), make_tracker("comment inscrire ma classe ?", "ask_how_to_apply"))
    assert "candidature au PrECI" in result.text
    # A programme named wins over the public (« les écoles peuvent-elles avoir le PISI ? »).
    result = run(ActionAnswerHowToApply(), make_tracker("comment une école postule au PISI ?", "ask_how_to_apply",
                                                        [("programme", "pisi")]))
    assert "candidature au PISI" in result.text


def test_the_schools_of_another_body_get_the_passage_naming_them_not_the_programme(make_tracker, run):
    # Suresnes' schools are not the PrECI's public: the passage on them answers
    result = run(ActionAnswerHowToApply(), make_tracker(
        "Quels établissements scolaires de Suresnes participent aux projets pour le Cap-Haïtien ?", "ask_how_to_apply"))
    assert "PrECI" not in result.text and "Jean Macé" in result.text and "Source :" in result.text


def test_can_i_still_apply_is_answered_by_the_deadline_against_today(make_tracker, run, monkeypatch):
    # The same closed question gets « Non » after the deadline and « Oui » before it.
    question = "est-ce qu'on peut toujours envoyer notre dossier pour le PrECI ?"
    monkeypatch.setenv("ASSISTANT_TODAY", "2019-03-01")
    late = run(ActionAnswerDeadline(), make_tracker(question, "ask_deadline", [("programme", "preci")]))
    assert late.text.startswith("Non")
    assert "8 février 2018" in late.text
    monkeypatch.setenv("ASSISTANT_TODAY", "2018-02-01")
    early = run(ActionAnswerDeadline(), make_tracker(question, "ask_deadline", [("programme", "preci")]))
    assert early.text.startswith("Oui")


def test_too_late_asks_the_other_way_round(make_tracker, run, monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", "2019-03-01")
    result = run(ActionAnswerDeadline(), make_tracker("pour déposer un projet au PrECI, c'est trop tard ?",
                                                      "ask_deadline", [("programme", "preci")]))
    assert result.text.startswith("Oui")


def test_open_to_a_public_asks_who_may_take_part_not_until_when(make_tracker, run):
    for question in ("il est ouvert à quelles écoles ?", "il est ouvert aussi aux écoles primaires ?",
                     "À quel niveau d'enseignement s'adresse-t-il ?"):
        result = run(ActionAnswerDeadline(), make_tracker(question, "ask_deadline", programme="preci"))
        assert "secondaire" in result.text
        assert "février" not in result.text  # not the call's deadline
        assert result.slot("last_answer") == "audience"
    for question in ("il est encore ouvert ?", "jusqu'à quelle date est-il ouvert aux écoles ?"):
        result = run(ActionAnswerDeadline(), make_tracker(question, "ask_deadline", programme="preci"))
        assert "février" in result.text
