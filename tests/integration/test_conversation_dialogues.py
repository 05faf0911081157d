"""Multi-turn behaviour through the real servers: context, eligibility, deadlines, the unknown.

One shared stack (the `stack` fixture) plus one started with a pinned date for the
deadline; every test uses its own conversation id.
"""

from __future__ import annotations

import json
import sqlite3
import urllib.request

import pytest

from bot.tools.stack import Stack, StackConfig
from tests.support.facts import PHONE

pytestmark = pytest.mark.integration

# The PrECI call of the documents closes on 8 February 2018: a week before, it is open.
PINNED_DAY = "2018-02-01"


def ask(stack: Stack, sender: str, message: str) -> tuple[str, list[dict]]:
    """Send one message over the REST channel; the replies' text and buttons."""
    req = urllib.request.Request(
        f"{stack.config.rasa_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": message}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310 (loopback only)
        replies = json.loads(resp.read())
    return "\n".join(r.get("text", "") for r in replies), [b for r in replies for b in r.get("buttons", [])]


@pytest.fixture(scope="module")
def dated_stack(tmp_path_factory: pytest.TempPathFactory, stack: Stack) -> Stack:
    """A second stack whose « today » is pinned (ASSISTANT_TODAY), for deadline answers."""
    from tests.conftest import free_port

    tmp = tmp_path_factory.mktemp("dated")
    s = Stack(StackConfig(rasa_port=free_port(), actions_port=free_port(),
                          tracker_sqlite=tmp / "conversations.sqlite3", log_dir=tmp / "log",
                          extra_env={"ASSISTANT_TODAY": PINNED_DAY}))
    s.start()
    yield s
    s.stop()


# --- Context across turns ------------------------------------------------------------

def test_follow_up_on_another_body_repeats_the_twinnings_answer(stack):
    first, _ = ask(stack, "ctx-1", "avec qui Namur est-elle jumelée ?")
    assert "Louga" in first and "Source :" in first
    text, _ = ask(stack, "ctx-1", "et pour Suresnes ?")
    assert "Hackney" in text and "Kragujevac" in text
    assert "Louga" not in text
    assert "Source : Ville de Suresnes" in text


def test_audience_question_without_programme_uses_the_one_discussed(stack):
    first, buttons = ask(stack, "ctx-2", "c'est quoi le PrECI ?")
    assert "secondaire" in first
    assert '/ask_deadline{"programme": "preci"}' in [b["payload"] for b in buttons]
    text, _ = ask(stack, "ctx-2", "c'est pour qui ?")
    assert "niveau secondaire" in text and "Source :" in text


def test_deadline_follow_up_on_the_other_programme(dated_stack):
    first, _ = ask(dated_stack, "ctx-3", "jusqu'à quand peut-on s'inscrire au PrECI ?")
    assert "8 février 2018" in first and "il reste 7 jour(s)" in first
    text, _ = ask(dated_stack, "ctx-3", "et le PISI ?")
    assert "aucune date limite pour le PISI" in text
    assert PHONE in text


def test_closed_call_says_since_when_and_what_to_do(stack):
    text, _ = ask(stack, "ctx-4", "jusqu'à quand peut-on s'inscrire au PrECI ?")
    assert "clôturé depuis le 8 février 2018" in text
    assert PHONE in text


def test_continent_follow_up_filters_the_partners_just_listed(stack):
    first, _ = ask(stack, "ctx-5", "avec qui Suresnes est-elle jumelée ?")
    assert "Holon" in first and "Cap-Haïtien" in first
    text, _ = ask(stack, "ctx-5", "et en Europe ?")
    assert "Hackney" in text and "Villach" in text
    assert "Cap-Haïtien" not in text and "Holon" not in text  # Haïti, Israël: not in Europe
    assert "Source : Ville de Suresnes" in text


def test_follow_up_naming_a_public_answers_for_that_public_s_programme(stack):
    first, _ = ask(stack, "ctx-6", "c'est quoi le PISI ?")
    assert "namurois" in first and "coopération au développement" in first
    text, _ = ask(stack, "ctx-6", "et pour les écoles ?")
    assert "PrECI" in text and "secondaire" in text and "Source :" in text


def test_contact_follow_up_on_a_detail_the_sources_do_not_give(stack):
    first, _ = ask(stack, "ctx-7", "horaires du service de Suresnes ?")
    assert "17h le vendredi" in first
    text, _ = ask(stack, "ctx-7", "et son mail ?")
    assert "Mes sources ne donnent pas cette information" in text and "01 42 04 96 77" in text


# --- Eligibility dialogue ----------------------------------------------------------------

def test_primary_school_teacher_is_told_why_not_without_being_asked_anything(stack):
    text, _ = ask(stack, "elig-1", "je suis prof dans une école primaire, on peut participer au PrECI ?")
    assert "vous ne pouvez pas participer au PrECI" in text
    assert "primaire" in text and "secondaire" in text  # the deciding criterion's why
    assert PHONE in text and "Source :" in text
    text, _ = ask(stack, "elig-1", "et pour le PISI ?")  # the same check, for the other programme
    assert "namurois" in text and "PISI" in text


def test_secondary_school_is_eligible_after_one_question(stack):
    text, buttons = ask(stack, "elig-2", "mon école peut-elle participer au PrECI ?")
    assert "niveau secondaire" in text  # the level criterion, the school one being answered
    assert "Je ne sais pas" in [b["title"] for b in buttons]
    text, _ = ask(stack, "elig-2", "oui, en secondaire")
    assert "vous pouvez participer au PrECI" in text
    assert "8 février 2018" in text  # what to do next includes the call's status


def test_dont_know_ends_in_an_uncertain_verdict_with_the_contact(stack):
    text, _ = ask(stack, "elig-3", "est-ce que mon association peut participer au PISI ?")
    assert "namurois" in text
    ask(stack, "elig-3", "oui, nous sommes établis à Namur")
    text, _ = ask(stack, "elig-3", "je ne sais pas")
    assert "incertaine" in text and "coopération au développement" in text
    assert PHONE in text


def test_stop_quits_the_dialogue_and_the_next_question_is_answered(stack):
    text, _ = ask(stack, "elig-4", "mon école peut-elle participer au PrECI ?")
    assert "secondaire" in text
    text, _ = ask(stack, "elig-4", "stop")
    assert "j'arrête" in text
    text, _ = ask(stack, "elig-4", "c'est quoi le PISI ?")
    assert "coopération au développement" in text


def test_a_question_on_something_else_is_answered_and_the_dialogue_starts_only_when_asked(stack):
    # read as « can I take part? », but about the Region's cooperation: the passage answers it
    text, _ = ask(stack, "elig-5", "Une entreprise peut-elle participer à la coopération bilatérale "
                                   "de la Région Basse-Normandie ?")
    assert "entreprises" in text and "Source : Région Basse-Normandie" in text
    assert "Pour quel programme" not in text and "j'arrête" not in text
    text, buttons = ask(stack, "elig-5", "est-ce qu'on peut participer ?")
    assert "Pour quel programme" in text and {"PISI", "PrECI"} <= {b["title"] for b in buttons}


# --- The unknown --------------------------------------------------------------------------

def test_a_miss_gives_the_contact_at_once_and_two_in_a_row_end_in_an_honest_decline(stack):
    text, buttons = ask(stack, "unk-1", "/nlu_fallback")
    assert "Autre chose" in [b["title"] for b in buttons]
    assert "n'ai pas trouvé" in text and PHONE in text  # whom to ask, beside the suggestions
    text, buttons = ask(stack, "unk-1", "/nlu_fallback")
    assert "ne trouve pas la réponse" in text and PHONE in text and not buttons


def test_unknown_detail_of_a_programme_is_declined_with_the_service_s_contact(stack):
    text, _ = ask(stack, "unk-3", "quel est le montant maximum du subside PISI ?")
    assert "Mes sources ne donnent pas cette information" in text and PHONE in text
    assert "Source :" not in text


def test_out_of_scope_is_declined_without_an_unrelated_fact(stack):
    text, _ = ask(stack, "unk-2", "quel temps fera-t-il demain à Namur ?")
    assert "ne donnent pas cette information" in text and PHONE in text
    assert "Source :" not in text


# --- Feedback for staff reports ---------------------------------------------------------

def test_a_rating_is_stored_where_staff_reports_find_it(stack):
    ask(stack, "fb-1", "c'est quoi le PISI ?")
    text, _ = ask(stack, "fb-1", "/feedback_negative")
    assert "Merci de me le signaler" in text
    # The query the README gives the staff.
    with sqlite3.connect(stack.config.tracker_sqlite) as db:
        rows = db.execute(
            "SELECT json_extract(data, '$.value') FROM events WHERE sender_id = ? AND type_name = 'slot' "
            "AND json_extract(data, '$.name') = 'feedback'", ("fb-1",)).fetchall()
    assert rows == [("negative",)]
