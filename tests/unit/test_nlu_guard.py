"""The NLU step that keeps questions of fact out of the eligibility dialogue."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.components.nlu_guard import EligibilityIntentGuard, asks_about_taking_part


@pytest.mark.parametrize(("text", "entities", "taking_part"), [
    ("Puis-je participer ?", [], True),
    ("Nous sommes une ASBL namuroise, sommes-nous éligibles ?", [], True),
    ("une école primaire peut-elle répondre à l'appel ?", [], True),
    ("c'est possible pour une école primaire ?", [{"entity": "audience", "value": "preci"}], True),
    ("Quels collèges de Suresnes y participent ?", [], False),
    ("Je suis étudiant en droit. La loi Thiollière, elle date de quelle année ?", [], False),
    ("Quels sont les critères de recherche du répertoire du CITIM ?", [], False),
    ("Combien de lycées ont participé au programme l'an dernier ?", [{"entity": "programme", "value": "preci"}], False),
    ("Notre ASBL : quel est le montant maximum d'un soutien ?", [{"entity": "programme", "value": "pisi"}], False),
    ("Notre ASBL peut-elle demander un soutien ?", [{"entity": "programme", "value": "pisi"}], True),
    # a programme named before the question, in what the user says of themselves
    ("Mon fils est inscrit au PrECI. Quel est le thème de cette année ?",
     [{"entity": "programme", "value": "preci", "start": 24, "end": 29}], False),
    ("Mon fils est en secondaire. Son école peut-elle rejoindre le PrECI ?",
     [{"entity": "programme", "value": "preci", "start": 61, "end": 66}], True),
    # what a programme's name means is a fact, whoever asks; taking part asked with it is not
    ("Je suis directrice d'école secondaire. Que signifie le sigle PrECI ?",
     [{"entity": "audience", "value": "preci", "start": 20, "end": 37},
      {"entity": "programme", "value": "preci", "start": 62, "end": 67}], False),
    ("c koi le PISI ?", [{"entity": "programme", "value": "pisi", "start": 9, "end": 13}], False),
    ("c'est quoi les conditions pour participer au PISI ?",
     [{"entity": "programme", "value": "pisi", "start": 45, "end": 49}], True),
])
def test_taking_part_is_read_in_the_question_itself(text, entities, taking_part):
    assert asks_about_taking_part(text, entities) is taking_part


def message(text: str, intent: str) -> Message:
    m = Message.build(text=text)
    m.set("intent", {"name": intent, "confidence": 0.8})
    m.set("intent_ranking", [{"name": intent, "confidence": 0.8}])
    m.set("entities", [])
    return m


def test_only_an_eligibility_reading_without_taking_part_becomes_a_fallback():
    guard = EligibilityIntentGuard()
    fact, real, other = guard.process([message("Quels collèges y participent ?", "ask_eligibility"),
                                       message("Puis-je participer au PrECI ?", "ask_eligibility"),
                                       message("Quels collèges y participent ?", "ask_pst")])
    assert fact.get("intent") == {"name": "nlu_fallback", "confidence": 0.8}
    assert fact.get("intent_ranking")[0]["name"] == "nlu_fallback"
    assert real.get("intent")["name"] == "ask_eligibility"
    assert other.get("intent")["name"] == "ask_pst"


def ranked(text: str, ranking: list[tuple[str, float]], entities: list[dict] | None = None) -> Message:
    m = Message.build(text=text)
    m.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]})
    m.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    m.set("entities", entities or [])
    return m


LOOKED_UP = {"entity": "programme", "value": "pisi", "extractor": "RegexEntityExtractor"}
GUESSED = {"entity": "programme", "value": "faveur", "extractor": "DIETClassifier"}


def test_a_hesitation_on_an_eligibility_question_naming_a_programme_opens_the_dialogue():
    hesitation = [("nlu_fallback", 0.45), ("ask_eligibility", 0.45), ("ask_programme_audience", 0.44)]
    guard = EligibilityIntentGuard()
    named, guessed, fact = guard.process([
        ranked("Notre collectif de Liège peut-il bénéficier du PISI ?", hesitation, [LOOKED_UP]),
        ranked("Notre collectif de Liège peut-il bénéficier du soutien en faveur des écoles ?", hesitation, [GUESSED]),
        ranked("Combien de projets ont bénéficié du PISI ?", hesitation, [LOOKED_UP])])
    assert named.get("intent")["name"] == "ask_eligibility"
    assert named.get("intent_ranking")[0]["name"] == "ask_eligibility"
    assert guessed.get("intent")["name"] == "nlu_fallback"  # a learned extractor may tag any word as a programme
    assert fact.get("intent")["name"] == "nlu_fallback"  # a count is a question of fact


def test_an_eligibility_reading_tied_with_another_counts_as_the_hesitation():
    question = "Notre collectif de Liège peut-il bénéficier du PISI ?"
    tied = [("nlu_fallback", 0.45), ("ask_how_to_apply", 0.32), ("ask_eligibility", 0.32)]
    behind = [("nlu_fallback", 0.45), ("ask_how_to_apply", 0.40), ("ask_eligibility", 0.20)]
    read_tied, read_behind = EligibilityIntentGuard().process([ranked(question, tied, [LOOKED_UP]),
                                                               ranked(question, behind, [LOOKED_UP])])
    assert read_tied.get("intent")["name"] == "ask_eligibility"
    assert read_behind.get("intent")["name"] == "nlu_fallback"
    # who may take part is a fact, asked of the programme, not of the asker
    (who,) = EligibilityIntentGuard().process([ranked("Qui peut recevoir une aide du PISI ?", tied, [LOOKED_UP])])
    assert who.get("intent")["name"] == "nlu_fallback"


@pytest.mark.parametrize(("text", "intent"), [
    ("et ça s'adresse à qui ?", "ask_programme_audience"),  # the verb: the programme's public
    ("à qui s'adressent ces aides ?", "ask_programme_audience"),
    ("quelle est l'adresse du service ?", "ask_contact"),  # the noun
    ("il s'adresse à qui, et quel est son numéro ?", "ask_contact"),  # another way to reach someone
    ("c ouvert a qui ?", "ask_programme_audience"),  # a public, not opening hours
    ("ce stage est accessible à quels élèves ?", "ask_programme_audience"),
    ("le bureau est ouvert à quelle heure ?", "ask_contact"),
    ("c'est ouvert à tous, et jusqu'à quelle heure ?", "ask_contact"),
    ("Il est ouvert aux écoles primaires ?", "ask_programme_audience"),  # a public named
    ("le bureau est ouvert au public le samedi ?", "ask_contact"),
    ("c'est ouvert aux heures de bureau ?", "ask_contact"),
    ("ouvert à partir de 9h ?", "ask_contact"),
])
def test_the_verb_s_adresser_is_not_a_request_for_an_address(text, intent):
    message = ranked(text, [("ask_contact", 0.54), ("ask_programme_audience", 0.34)])
    assert EligibilityIntentGuard().process([message])[0].get("intent")["name"] == intent


def test_a_public_asked_is_read_as_the_programme_s_public_however_far_behind():
    # « et il est ouvert à quelles écoles ? » after the PrECI: DIET put partnerships second
    message = ranked("Et il est ouvert à quelles écoles ?",
                     [("ask_contact", 0.5), ("ask_partnerships", 0.3), ("ask_programme_audience", 0.1)])
    assert EligibilityIntentGuard().process([message])[0].get("intent")["name"] == "ask_programme_audience"


@pytest.mark.parametrize(("text", "intent", "read_as"), [
    ("Quel festival de musique la Province subventionne-t-elle ?", "what_can_you_do", "nlu_fallback"),
    ("merci, et le jumelage avec la Tunisie date de quand ?", "thank", "nlu_fallback"),
    ("que savez-vous faire ?", "what_can_you_do", "what_can_you_do"),
    ("dans quels domaines pouvez-vous me renseigner ?", "what_can_you_do", "what_can_you_do"),
    # what a thing is, in few words, is a question of substance; what the assistant is, is not
    ("TreMA c'est quoi ?", "what_can_you_do", "nlu_fallback"),
    ("c'est quoi le CITIM ?", "what_can_you_do", "nlu_fallback"),
    ("delegation chinoise a suresnes elle a decouvert koi", "what_can_you_do", "nlu_fallback"),
    ("c'est quoi ce bot ?", "what_can_you_do", "what_can_you_do"),
    ("c quoi ton but", "what_can_you_do", "what_can_you_do"),
    # a question about someone just named is never about the assistant
    ("Il a d'autres fonctions ?", "what_can_you_do", "nlu_fallback"),
    ("a-t-elle un autre mandat ?", "what_can_you_do", "nlu_fallback"),
    ("Quels sont-ils ?", "what_can_you_do", "nlu_fallback"),
    # how far something has got is no place
    ("Et ces relations avec eux, elles en sont où ?", "ask_contact", "nlu_fallback"),
    ("où se trouve le service ?", "ask_contact", "ask_contact"),
    ("y a-t-il quelqu'un ?", "what_can_you_do", "what_can_you_do"),
    ("merci beaucoup, bonne journée !", "thank", "thank"),
    # answers to the dialogues' own questions are not re-read, even with a doubt...
    ("oui, notre école secondaire est à Namur, quelle chance", "affirm", "affirm"),
    ("oui, nous sommes établis à Namur, ça compte ?", "affirm", "affirm"),
    ("non, c'est une école fondamentale", "deny", "deny"),
    ("oui ?", "affirm", "affirm"),
    # ...unless they ask a question of substance
    ("Et ce partenariat-là, il couvre quels secteurs ?", "affirm", "nlu_fallback"),
    ("Le musée est classé en catégorie C, non ?", "deny", "nlu_fallback"),
    ("Le bachelier est-il ouvert aux adultes en reprise d'études ?", "affirm", "nlu_fallback"),
    ("Ce label, c'est bien celui des communes amies des aînés ?", "affirm", "nlu_fallback"),
    ("Ce partenaire se trouve au Maroc, si je ne me trompe pas ?", "dont_know", "nlu_fallback"),
    ("je ne sais pas, aucune idée", "dont_know", "dont_know"),
    # asking whether a machine answers names the machine or the person
    ("c'est un partenariat de quelle nature ?", "bot_challenge", "nlu_fallback"),
    ("est-ce qu'un vrai conseiller lit mes messages ?", "bot_challenge", "bot_challenge"),
    ("tu es qui au juste ?", "bot_challenge", "bot_challenge"),
    # asking to stop says so; a question read as stop is searched for
    ("stop", "stop", "stop"),
    ("on peut arrêter ?", "stop", "stop"),
    ("c'est bon, on change de sujet, quel est le numéro ?", "stop", "stop"),
    ("Signé en quelle année ?", "stop", "nlu_fallback"),
    ("Il y a quelque chose pour les jeunes là-dedans ?", "stop", "nlu_fallback"),
])
def test_small_talk_an_answer_or_a_challenge_that_asks_a_question_of_substance_is_searched_for(text, intent,
                                                                                                read_as):
    (read,) = EligibilityIntentGuard().process([message(text, intent)])
    assert read.get("intent")["name"] == read_as


@pytest.mark.parametrize(("text", "read_as"), [
    ("je voudrais parler à quelqu'un du service", "ask_human"),
    ("un humain svp", "ask_human"),
    ("passez-moi un conseiller", "ask_human"),
    # a question of fact read as a request for a person
    ("La part des femmes dans le personnel est-elle suivie comme indicateur ?", "nlu_fallback"),
    ("Avec quelles entreprises les écoles provinciales collaborent-elles ?", "nlu_fallback"),
])
def test_a_request_for_a_person_names_one(text, read_as):
    (read,) = EligibilityIntentGuard().process([message(text, "ask_human")])
    assert read.get("intent")["name"] == read_as


def _topic(text: str, words: str, value: str) -> dict:
    start = text.index(words)
    return {"entity": "topic", "value": value, "start": start, "end": start + len(words)}


@pytest.mark.parametrize(("text", "words", "value", "read_as"), [
    ("et ses valeurs ?", "valeurs", "pst-valeurs", "ask_pst"),  # DIET leant to the strategy's « valeur ajoutée »
    ("Et les chiffres ?", "chiffres", "pst-chiffres", "ask_pst"),
    # more than the part: DIET's reading stands
    ("Quelles valeurs de solidarité met-il en avant ?", "valeurs", "pst-valeurs", "ask_strategy"),
    ("et ses enjeux avec Suresnes ?", "enjeux", "pst-enjeux", "ask_strategy"),
    # a topic that is not a part of the PST
    ("et le jumelage ?", "jumelage", "def-jumelage", "ask_strategy"),
])
def test_a_follow_up_naming_only_a_part_of_the_pst_is_a_pst_question(text, words, value, read_as):
    m = message(text, "ask_strategy")
    m.set("entities", [_topic(text, words, value)])
    EligibilityIntentGuard().process([m])
    assert m.get("intent")["name"] == read_as
