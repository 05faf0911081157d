"""A closed question about applying now is judged by the deadline the answer states."""

import datetime as dt

from actions.still_open import verdict_against_today

ANSWER = "L'appel est clôturé depuis le 8 février 2018."
AFTER, BEFORE = dt.date(2020, 1, 1), dt.date(2018, 1, 1)


def test_still_possible_is_no_once_the_deadline_passed_and_yes_before():
    assert verdict_against_today("je peux encore m'inscrire ?", ANSWER, AFTER) is False
    assert verdict_against_today("je peux encore m'inscrire ?", ANSWER, BEFORE) is True


def test_too_late_is_yes_once_the_deadline_passed():
    assert verdict_against_today("trop tard pour postuler ?", ANSWER, AFTER) is True
    assert verdict_against_today("l'appel est-il clos pour les candidatures ?", ANSWER, BEFORE) is False


def test_other_closed_questions_are_left_to_the_words():
    assert verdict_against_today("le PrECI vise-t-il les écoles ?", ANSWER, AFTER) is None  # not about now
    assert verdict_against_today("je peux encore m'inscrire ?", "Le PrECI vise les écoles.", AFTER) is None
    assert verdict_against_today("encore ouvert ou déjà clos, cet appel ?", ANSWER, AFTER) is None


def test_a_follow_up_asking_whether_it_is_still_open_is_judged_by_the_deadline_answered():
    assert verdict_against_today("bon, et c'est toujours ouvert du coup ?", ANSWER, AFTER) is False
    assert verdict_against_today("bon, et c'est toujours ouvert du coup ?", ANSWER, BEFORE) is True
    assert verdict_against_today("le musée est encore ouvert ?", "Le musée ferme à 18 h.", AFTER) is None


def test_a_question_about_the_past_is_left_to_the_date_it_states():
    # « était-il ouvert jusqu'au … ? » asks what the deadline was, not whether it is still open
    assert verdict_against_today("les inscriptions étaient-elles ouvertes jusqu'au 8 février 2018 ?", ANSWER,
                                 AFTER) is None
    assert verdict_against_today("l'appel était encore ouvert ?", ANSWER, AFTER) is False  # « encore »: now


def test_still_so_is_no_when_the_answer_says_it_lasted_until_an_earlier_year():
    from actions.still_open import ended_before

    member = "Selon sa page (2014-2015), la Ville de Suresnes a été présente au sein de la CNCD jusqu'en 2014."
    assert ended_before("Suresnes fait-elle toujours partie de la CNCD ?", member, AFTER)
    assert ended_before("Suresnes siège encore aujourd'hui à la CNCD ?", member, AFTER)
    assert not ended_before("Suresnes a-t-elle siégé à la CNCD ?", member, AFTER)  # not about now
    assert not ended_before("Suresnes siège-t-elle toujours à la CNCD ?", member, dt.date(2014, 6, 1))
    assert not ended_before("Suresnes siège-t-elle toujours à la CNCD ?", "Suresnes siège à la CNCD.", AFTER)
