"""A follow-up that names no body stays with the body the conversation is about
(`same_body`); one met by a question back, or declined, gets the answer just given again
when it holds what is asked (`just_said.repeat_just_said`)."""

from __future__ import annotations

from actions.contact import ActionAnswerContact
from actions.fallback import ActionKbFallback
from actions.phrasing import render
from actions.precise_answer import source_prefix
from actions.programmes import ActionAnswerAudience
from actions.same_body import cited_body, stays_with_body
from actions.service import ActionAnswerServiceInfo
from actions.suggestion import ActionAffirm


def exchange(asked: str, said: str) -> list[dict]:
    return [{"event": "user", "text": asked}, {"event": "bot", "text": said}]


SURESNES_SAID = ("Ville de Suresnes et Cap-Haïtien (Haïti) — coopération décentralisée.\n"
                 "Source : Ville de Suresnes, « Relations internationales – Ville de Suresnes » (2014-2015).")
NAMUR_SAID = ("Programme provincial d'Education Citoyenne à dimension Internationale (PrECI) : il s'adresse "
              "aux établissements scolaires de niveau secondaire.\n"
              "Source : Province de Namur, « Service des relations extérieures et internationales (SREI) ».")


def test_the_body_cited_is_read_on_the_source_lines(kb, domain):
    prefix = source_prefix(domain)
    assert cited_body(kb, SURESNES_SAID, prefix) == "suresnes"
    assert cited_body(kb, NAMUR_SAID, prefix) == "namur"
    assert cited_body(kb, "Que souhaitez-vous savoir à ce sujet ?", prefix) is None
    assert cited_body(kb, f"{SURESNES_SAID}\n{NAMUR_SAID}", prefix) is None  # two bodies: none is the one


def test_another_bodys_answer_gives_way_to_the_conversations_body(kb, domain):
    prefix = source_prefix(domain)
    question = "et quelles écoles se sont mobilisées ?"
    kept = stays_with_body(kb, question, SURESNES_SAID, NAMUR_SAID.split("\nSource")[0], None, NAMUR_SAID, prefix)
    assert kept is not None and kept.body_id == "suresnes"
    assert "Zola" in kept.text or "Macé" in kept.text


def test_a_question_naming_a_body_or_a_notion_is_not_held_to_the_previous_one(kb, domain):
    prefix = source_prefix(domain)
    answer = NAMUR_SAID.split("\nSource")[0]
    assert stays_with_body(kb, "et à Namur, quelles écoles participent ?", SURESNES_SAID, answer, None, NAMUR_SAID, prefix) is None
    assert stays_with_body(kb, "et un jumelage ?", SURESNES_SAID, answer, None, NAMUR_SAID, prefix) is None
    # the answer already comes from the conversation's body
    assert stays_with_body(kb, "et quelles écoles se sont mobilisées ?", NAMUR_SAID, answer, None, NAMUR_SAID, prefix) is None


def test_a_follow_up_answered_about_another_body_is_answered_about_the_conversations(make_tracker, run):
    # the NLU reads a programme's public in « quelles écoles… ? »: the PrECI's, the Province de Namur's
    before = exchange("Depuis quand Suresnes coopère-t-elle avec Cap-Haïtien ?", SURESNES_SAID)
    said = run(ActionAnswerAudience(), make_tracker("et quelles écoles se sont mobilisées ?", "ask_programme_audience",
                                                    events=before)).text
    assert "Suresnes" in said and ("Zola" in said or "Macé" in said)
    assert "PrECI" not in said


MADAGASCAR_SAID = ("Département d'Ille-et-Vilaine et Région d'Alaotra Mangoro (Madagascar) — coopération décentralisée.\n"
                   "Source : Département d'Ille-et-Vilaine, « Relations internationales : pour un département ouvert "
                   "sur le monde » (2015).")


def test_another_bodys_passage_given_for_a_missing_card_gives_way_to_the_conversations_body(make_tracker, run):
    # the sources give the Ille-et-Vilaine no contact card; another body's card is no answer
    before = exchange("Avec quelle région de Madagascar l'Ille-et-Vilaine coopère-t-elle ?", MADAGASCAR_SAID)
    said = run(ActionAnswerContact(), make_tracker("Et le service qui s'occupe de ça, il s'appelle comment ?",
                                                   "ask_contact", events=before, body="ille-et-vilaine",
                                                   last_answer="partnership_details")).text
    assert "Europe et relations internationales" in said
    assert "Suresnes" not in said


JIANGSU_SAID = ("Province de Namur et Province du Jiangsu (Chine) — accord d'amitié et de collaboration.\n"
                "Depuis quand : depuis mai 2000.\n"
                "Source : Province de Namur, « Service des relations extérieures et internationales (SREI) ».")


def test_a_follow_up_read_as_a_yes_gets_the_answer_again_not_a_question_back(make_tracker, run, domain):
    before = exchange("Depuis quand la Province de Namur est-elle liée au Jiangsu ?", JIANGSU_SAID)
    said = run(ActionAffirm(), make_tracker("et c'est quel type d'accord ça ?", "affirm", events=before)).text
    assert "amitié" in said and "Source :" in said
    # a closed one is checked against it
    said = run(ActionAffirm(), make_tracker("c'était en 2004 non ?", "affirm", events=before)).text
    assert said.startswith("Non") and "2000" in said
    # a bare « oui » names nothing: what about is asked
    said = run(ActionAffirm(), make_tracker("oui", "affirm", events=before)).text
    assert said == render(domain, "utter_ask_what_about")


PRIORITY_SAID = ("Priorité 1 de l'Ille-et-Vilaine : aider ses partenaires à se développer, par exemple par un "
                 "soutien à la filière laitière ou au tourisme.\n"
                 "Source : Département d'Ille-et-Vilaine, « Relations internationales » (2015).")


def test_a_declined_follow_up_is_answered_by_what_was_just_said_when_it_holds_it(make_tracker, run):
    before = exchange("La coopération de l'Ille-et-Vilaine, c'est de l'assistance ?", PRIORITY_SAID)
    # a closed one, which nothing but the previous answer holds: checked against it
    said = follow_up_declined(make_tracker, run, "Des filières sont citées ?", before)
    assert said.startswith("Oui") and "laitière" in said and "Source :" in said
    # what it does not hold (a date, a word it never says) is still declined
    said = follow_up_declined(make_tracker, run, "Et ça a commencé en quelle année ?", before)
    assert "laitière" not in said
    said = follow_up_declined(make_tracker, run, "Quel budget pour la filière ?", before)
    assert "laitière" not in said


BUDGET_SAID = ("Le budget participatif de la Province de Namur a reçu 40 propositions, pour un budget de "
               "200.000 €/an.\n"
               "Source : Province de Namur, « Programme Stratégique Transversal de la Province de Namur 2022-2024 ».")
HAITI_SAID = ("Ville de Suresnes et Cap-Haïtien (Haïti) — coopération décentralisée.\nDepuis quand : depuis 1998.\n"
              "Source : Ville de Suresnes, « Relations internationales – Ville de Suresnes » (2014-2015).")


def test_a_declined_follow_up_asking_nothing_the_answer_lacks_gets_it_again(make_tracker, run):
    # « annuel » is not said (« /an »), but the amount asked is: the answer is about it
    said = follow_up_declined(make_tracker, run, "Pour quel budget annuel ?",
                              exchange("Combien de propositions au budget participatif ?", BUDGET_SAID))
    assert "200.000" in said and "Source :" in said
    # a year put forward alone is checked against the one just given
    said = follow_up_declined(make_tracker, run, "Depuis 2008 ?",
                              exchange("Depuis quand Suresnes coopère-t-elle avec le Cap-Haïtien ?", HAITI_SAID))
    assert said.startswith("Non") and "1998" in said
    # what the answer does not give (a cost, an address, whom to write to) is still declined,
    # and so is a question naming what the exchange did not
    before = exchange("Depuis quand Suresnes coopère-t-elle avec le Cap-Haïtien ?", HAITI_SAID)
    for question in ("Et ça a coûté combien ?", "Vous avez leur adresse postale ?", "Et le Jiangsu, depuis quand ?"):
        assert "1998" not in follow_up_declined(make_tracker, run, question, before), question


def follow_up_declined(make_tracker, run, question: str, before: list[dict]) -> str:
    """The reply when the NLU reads nothing known in `question` (the fallback declines)."""
    return run(ActionKbFallback(), make_tracker(question, "nlu_fallback", events=before,
                                                last_answer="fallback_miss")).text


WILWAY_SAID = ("La Province de Namur se dote de Wilway, un outil de gestion du PST : toutes les actions y seront "
               "monitorées, ce qui permet d'examiner leur état d'avancement.\n"
               "Source : Province de Namur, « Programme Stratégique Transversal de la Province de Namur 2022-2024 ».")


def test_what_it_is_for_after_any_answer_but_a_card_is_that_answer_again(make_tracker, run):
    # the NLU reads « que fait le service ? » in it; the tool just named is what is meant
    before = exchange("Avec quel outil la Province suit-elle son PST ?", WILWAY_SAID)
    said = run(ActionAnswerServiceInfo(), make_tracker("et ça sert à quoi concrètement ?", "ask_service_info",
                                                       events=before, last_answer="pst")).text
    assert "Wilway" in said and "monitor" in said
