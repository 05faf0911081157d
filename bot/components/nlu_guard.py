"""An NLU step after the classifiers: a question read as « can I take part? » that says
nothing of taking part is a question of fact.

DIET sends questions such as « la loi Thiollière date de quelle année ? » or « quels
collèges y participent ? » to `ask_eligibility`, whose rule starts the eligibility dialogue
(« Pour quel programme voulez-vous vérifier si vous pouvez participer ? »). A real
eligibility question names a programme, or speaks of the asker (« puis-je », « notre
asbl »), or of taking part (« participer », « postuler », « éligible »). Without any of
these, the intent becomes `nlu_fallback`: the fallback action then answers from the passage
that fits the question, or declines with the service's contact. The other way round, a
question that names a programme and taking part (« une ONG de Bruxelles peut-elle bénéficier
du PISI ? ») is an eligibility question even when DIET hesitated between that reading and
another one (the fallback classifier's ambiguity).

The verb « s'adresser à » (« il s'adresse à qui ? ») is not an address, nor « c'est ouvert à
qui ? » a question of opening hours: a question read as a contact request on those words alone
takes the next reading (the programme's public). Nor is « où en sont les relations ? » a
question of place: it is searched.

A request to talk to a person names one, or talking (« parler à quelqu'un », « un humain svp »):
DIET also sends there questions such as « la répartition hommes/femmes du personnel est-elle un
indicateur ? » or « avec qui l'enseignement veut-il collaborer ? », which become `nlu_fallback`.

Small talk (« bonjour », « merci », « que savez-vous faire ? ») has few words of its own: a
question of substance read as small talk (« Quelle action culturelle vise à aider la
création ? » or « TreMA c'est quoi ? » as `what_can_you_do`) becomes `nlu_fallback`, answered
from the passages too.
So does one read as a yes/no answer (« et c'est quel genre d'accord ? » as `affirm`), or as
asking whether a machine answers while it names none (« c'est un accord de quel genre ? »).

An elliptic follow-up that names only a part of the PST (« et ses valeurs ? » after its
enjeux) is a PST question, whichever reading DIET leant to: « valeurs » or « enjeux » alone say
nothing of the provincial strategy (`ask_strategy`), whose own « valeur ajoutée » then answered.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

GUARDED = "ask_eligibility"
FALLBACK = "nlu_fallback"
# The asker, or taking part, in the question itself (not in what the user says first).
_TAKING_PART = re.compile(
    r"\b(je|j|jsuis|moi|me|m|nous|notre|nos|mon|ma|mes|puis|pouvons|peux|participer|participation|postuler|"
    r"candidater|candidature|eligible|eligibles|eligibilite|inscrire|inscription|beneficier|droit|conditions?|"
    r"criteres? d (eligibilite|admission|acces)|repondre a l appel)\b")
# A count, an amount or who took part is a question of fact, whatever programme it names:
# « combien d'écoles ont participé au PrECI ? », « le montant maximum du PISI ? ».
_ASKS_FACT = re.compile(r"\b(combien|cb|cmb|montant|montants|budget|somme|ont participe|a participe|avaient participe|"
                        r"ont ete (retenus?|retenues?|selectionnee?s?|soutenue?s?))\b")
# What a name means or what a thing is: « que signifie le sigle PrECI ? », « c'est quoi le PISI ? »,
# a question of fact even after « je suis directrice d'école secondaire ».
_ASKS_MEANING = re.compile(r"\b(signifie|signifient|veut dire|veulent dire|sigle|acronyme|abreviation|definition|"
                           r"c est quoi|ckoi|c koi|qu est ce que c est|qu est ce que l|qu est ce que le|"
                           r"qu est ce que la|qu est ce que les)\b")
_QUESTION_SENTENCE = re.compile(r"[^.!?:]*\?")
# The asker in the question (« qui, parmi nous, peut… ? » is about us).
_ASKER = re.compile(r"\b(je|j|moi|me|m|nous|notre|nos|mon|ma|mes|puis|pouvons|peux)\b")
CONTACT = "ask_contact"
# « à qui s'adresse le PrECI ? »: the verb, not the noun « adresse ».
_ADDRESSED_TO = re.compile(r"\bs (adresse|adressent)\b")
# What asks for a way to reach someone, besides the noun « adresse ».
_CONTACT_CUE = re.compile(r"\b(joindre|contacter|contact|coordonnees|telephone|tel|numero|mail|courriel|email|fax|"
                          r"site|bureaux?|situe|trouve|ou|horaires?|heures?|ouvert|ouverte|ferme|rue)\b")


# Small talk, and what is said in it: a question with two other long words asks something else.
# (Not affirm, deny, inform, stop: they answer the dialogues' own questions.)
SMALL_TALK = frozenset({"greet", "goodbye", "thank", "what_can_you_do", "feedback_positive", "feedback_negative"})
_SMALL_TALK_WORDS = frozenset("""
    merci bonjour bonsoir revoir salut pouvez pourriez pouvoir faire aider aidez question questions service
    assistant robot chatbot savoir vraiment beaucoup super parfait excellent reponse reponses utile inutile
    journee bonne plaisir genial parfaitement information informations renseignement renseignements renseigner
    quelles quels autres choses chose sujets sujet comprends comprendre compris repondre reponds capable servir
    demander demande connaissez expliquer fonctionne humain personne domaine domaines competence competences
    cordialement salutations aujourd
""".split())
_QUESTION_WORD = re.compile(r"\b(quel|quelle|quels|quelles|qui|quoi|koi|quand|comment|combien|pourquoi|ou|est ce|"
                            r"c quoi|cb|ya|y a)\b")
SUBSTANCE_WORDS = 5


def asks_something_else(text: str) -> bool:
    """Whether a message read as small talk asks a question of substance: at least five words,
    a question, and two long words that small talk does not use; a question about someone else
    (« il a d'autres fonctions ? »); or what a thing is (« TreMA c'est quoi ? »), a thing that is
    not the assistant (« c'est quoi ce bot ? »)."""
    folded = _fold(text)
    own = [w for w in folded.split() if len(w) >= 5 and w not in _SMALL_TALK_WORDS]
    if len(folded.split()) >= SUBSTANCE_WORDS and len(own) >= 2 and (
            "?" in text or _QUESTION_WORD.search(folded) is not None):
        return True
    if _SOMEONE_ELSE.search(folded) and ("?" in text or _QUESTION_WORD.search(folded)):
        return True  # « Il a d'autres fonctions ? »: about whom was just named, never the assistant
    thing = _WHAT_IS.search(folded)
    return thing is not None and (thing.group(1) or thing.group(2)) not in _NOT_A_THING


# A subject in the third person: small talk speaks to the assistant (« tu », « vous »).
# (« il y a », « il faut », « y a-t-il » say nothing of anyone.)
_SOMEONE_ELSE = re.compile(r"^(?:et |mais )?(?:il|elle|ils|elles)\b(?! (?:y a|faut|s agit|est possible)\b)|"
                           r"\b(?<!y )\w+ t (?:il|elle|ils|elles)\b|\b(?:sont|est|font|fait|ont) (?:ils|elles|il|elle)\b(?! possible)")


# « TreMA c'est quoi ? », « emism cest quoi svp », « c'est quoi le CITIM ? »: the thing asked about.
_WHAT_IS = re.compile(r"^(?:et )?(?:(?:le|la|les|l|un|une) )?([a-z][\w]{2,}) (?:c est|cest|c) (?:quoi|koi)\b|"
                      r"^(?:et )?(?:c est|cest|c) (?:quoi|koi) (?:le|la|les|l|un|une) ([a-z][\w]{2,})\b")
# ...unless it is the assistant itself or what it does.
_NOT_A_THING = _SMALL_TALK_WORDS | frozenset("bot robot toi ton ta tes votre vos vous tu site truc machin".split())


# Answers to the dialogues' own questions (« oui », « non, une école primaire », « je ne sais
# pas ») ask nothing:
# one that asks a question of substance (« et c'est quel genre d'accord ? », « il est reconnu
# en catégorie B, non ? ») was misread.
ANSWERS = frozenset({"affirm", "deny", "dont_know"})
BOT_CHALLENGE = "bot_challenge"
# What asking whether a machine answers says: the machine, the person, or « who are you ».
_BOT_CUE = re.compile(r"\b(robot|bot|chatbot|chatgpt|machine|ordinateur|ia|intelligence|artificielle|automatique|"
                      r"virtuel|virtuelle|programme informatique|humain|humaine|personne|quelqu un|reel|reelle|"
                      r"vrai|vraie|tu es qui|qui etes vous|qui es tu|qui me repond)\b")


# « …, non ? », « …, c'est ça ? »: a statement put to the test.
_TAG = re.compile(r"\b(non|pas|ca|exact|vrai|juste)$")
# « le Delta est-il réservé… ? », « CITIM, c'est bien la… ? »: a closed question by inversion or check.
_CLOSED = re.compile(r"\b(?:est|sont|a|ont|va|vont|peut|peuvent|doit|doivent|fait|font)(?: t)? (?:il|elle|ils|elles|on)\b"
                     r"|\bc(?: est|est)? bien\b")


def asks_back(text: str) -> bool:
    """Whether a message read as a yes/no answer asks a question of substance (« et c'est quel
    genre d'accord ? »), not an answer with a doubt (« oui, nous sommes à Namur, ça compte ? »)."""
    folded = _fold(text)
    return ("?" in text and asks_something_else(text)
            and (_QUESTION_WORD.search(folded) is not None or _TAG.search(folded) is not None
                 or _CLOSED.search(folded) is not None))


def challenges_the_bot(text: str) -> bool:
    """Whether a message read as `bot_challenge` asks whether a machine answers."""
    return _BOT_CUE.search(_fold(text)) is not None


STOP = "stop"
# What asking to stop says: stopping, cancelling, leaving, or changing the subject.
_STOP_CUE = re.compile(r"\b(stop\w*|arret\w*|annul\w*|quitt\w*|abandon\w*|fin|termine|sortir|suffit|tomber|"
                       r"oubli\w*|cancel|passons|change|changer)\b")


def asks_instead_of_stopping(text: str) -> bool:
    """Whether a message read as `stop` asks a question (« Signé en quelle année ? », « il y a
    quelque chose pour les jeunes là-dedans ? ») and says nothing of stopping."""
    folded = _fold(text)
    return "?" in text and _QUESTION_WORD.search(folded) is not None and _STOP_CUE.search(folded) is None


HUMAN = "ask_human"
# What a request to talk to a person says: the person, or talking to one.
_HUMAN_CUE = re.compile(r"\b(parler|discuter|causer|humain|humaine|humains|personne|quelqu un|conseiller|conseillere|"
                        r"agent|operateur|operatrice|interlocuteur|interlocutrice|employe|employee|standard|"
                        r"relation|transfer\w*|passez|passer|vrai|vraie|robot|bot|chatbot|machine|telephone|"
                        r"appeler|joindre|contacter|rappeler|rappelle)\b")


def asks_for_someone(text: str) -> bool:
    """Whether a message read as `ask_human` asks to talk to a person."""
    return _HUMAN_CUE.search(_fold(text)) is not None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text))


def _question_asked(text: str) -> str:
    """The last sentence that asks (not what the user says first), folded."""
    asked = _QUESTION_SENTENCE.findall(text)
    return _fold(asked[-1] if asked else text)


def asks_about_taking_part(text: str, entities: list[dict[str, Any]]) -> bool:
    """Whether a message read as `ask_eligibility` is about taking part in a programme. A
    programme named only in what the user says first (« l'école de ma fille participe au
    PrECI. Quel est le but de ce programme ? ») does not make the question one of taking part."""
    question = _question_asked(text)
    if _ASKS_FACT.search(question) or (_ASKS_MEANING.search(question) and not _TAKING_PART.search(question)):
        return False
    asked_from = _question_start(text)
    if any(e.get("entity") in ("programme", "audience") and e.get("start", asked_from) >= asked_from
           for e in entities):
        return True
    return _TAKING_PART.search(question) is not None


def _question_start(text: str) -> int:
    """Where the last sentence that asks begins in `text` (0 when it is the whole message)."""
    asked = _QUESTION_SENTENCE.findall(text)
    return max(text.rfind(asked[-1]), 0) if asked else 0


# « Qui peut être soutenu par le PISI ? », « quelles écoles peuvent… »: the public, a fact.
_ASKS_WHO = re.compile(r"^(?:et )?(?:qui|quels?|quelles?|lesquel\w*|a qui)\b")


def asks_who(text: str) -> bool:
    """Whether the question asks who may take part (a fact), not whether the asker may."""
    question = _question_asked(text)
    return _ASKS_WHO.match(question) is not None and _ASKER.search(question) is None


def only_addressed_to(text: str) -> bool:
    """Whether « adresse » appears only as the verb « s'adresser à », with nothing else asking
    how to reach someone."""
    folded = _fold(text)
    nouns = len(re.findall(r"\badresses?\b", folded)) - len(_ADDRESSED_TO.findall(folded))
    return bool(_ADDRESSED_TO.search(folded)) and nouns <= 0 and not _CONTACT_CUE.search(folded)


# « c'est ouvert à qui ? », « accessible à quelles écoles ? », « il est ouvert aux écoles
# primaires ? »: the public, not opening hours. « ouvert au public », « ouvert à midi », « ouvert
# à partir de 9 h » still ask when.
_OPEN_TO = re.compile(r"\b(?:ouvert|ouverte|ouverts|ouvertes|accessible|accessibles) (?:a|aux|au) "
                      r"(?:qui|quel|quelle|quels|quelles|tous|toutes|tout|(?!(?:public|publics|partir|midi|minuit|heures?|"
                      r"horaires?|jours?|semaines?|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|matin|soir|"
                      r"vacances|visites?)\b)[^\W\d]{3,})\b")
AUDIENCE = "ask_programme_audience"


def asks_audience(text: str) -> bool:
    """Whether « ouvert » asks to whom something is open, with nothing else asking how to reach
    someone."""
    folded = _fold(text)
    return bool(_OPEN_TO.search(folded)) and not _CONTACT_CUE.search(_OPEN_TO.sub(" ", folded))


# « où en sont les relations ? », « elles en sont où ? »: how far something has got, not a place.
_HOW_FAR = re.compile(r"\b(?:ou en (?:sont|est|etaient|etait)|en (?:sont|est|etaient|etait) ou)\b")


def asks_how_far(text: str) -> bool:
    """Whether « où » only asks how far something has got, with nothing asking how to reach someone."""
    folded = _fold(text)
    rest = _HOW_FAR.sub(" ", folded)
    return bool(_HOW_FAR.search(folded)) and not _CONTACT_CUE.search(rest) and not re.search(r"\badresses?\b", rest)


def _named_programme(entities: list[dict[str, Any]]) -> bool:
    """A programme found by the knowledge base's lookup tables (a learned extractor may tag any word)."""
    return any(e.get("entity") == "programme" and e.get("extractor") == "RegexEntityExtractor" for e in entities)


def _next_reading(ranking: list[dict[str, Any]], skip: set[str]) -> dict[str, Any] | None:
    return next((r for r in ranking if r.get(INTENT_NAME_KEY) not in skip), None)


def _audience_reading(ranking: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The programme's public among DIET's readings, however far behind (« et il est ouvert à
    quelles écoles ? » after the PrECI, read first as a contact request, then as partnerships)."""
    return next((r for r in ranking if r.get(INTENT_NAME_KEY) == AUDIENCE), None)


# Readings this close to the best one are a tie (the fallback classifier's ambiguity threshold).
TIE = 0.05


def _tied_reading(ranking: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The reading `name` when it is the best after the fallback, or tied with it (« ONG de
    Bruxelles, peut-on bénéficier du PISI ? »: how to apply 0.32, eligibility 0.32)."""
    readings = [r for r in ranking if r.get(INTENT_NAME_KEY) != FALLBACK]
    best = readings[0].get("confidence", 0.0) if readings else 0.0
    return next((r for r in readings if r.get(INTENT_NAME_KEY) == name and r.get("confidence", 0.0) >= best - TIE),
                None)


PST = "ask_pst"
# « et ses valeurs ? »: a follow-up made of a part of the PST alone, with « et » and an article.
_ELLIPSIS_WORDS = frozenset("et mais alors puis ses son sa les le la l leurs leur des du de quid".split())


def names_only_a_pst_part(text: str, entities: list[dict[str, Any]]) -> bool:
    """The message is an elliptic follow-up whose one subject is a part of the PST (« et ses
    valeurs ? », « et les chiffres ? »): a topic only the PST has, whatever DIET leant to."""
    parts = [e for e in entities if e.get("entity") == "topic" and str(e.get("value") or "").startswith("pst-")]
    if not parts:
        return False
    named = {w for e in parts for w in _fold(text[e.get("start", 0):e.get("end", 0)]).split()}
    rest = set(_fold(text).split()) - named - _ELLIPSIS_WORDS
    return not rest and bool(named)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EligibilityIntentGuard(GraphComponent):
    """Corrects nine readings: `ask_eligibility` that says nothing of taking part becomes
    `nlu_fallback`; a fallback that hesitated with `ask_eligibility` on a programme named with
    taking part becomes `ask_eligibility`; `ask_human` that names no person nor talking, small
    talk or a yes/no answer that asks a question of substance, and `bot_challenge` that names
    no machine nor person, and `stop` that asks a question and says nothing of stopping,
    become `nlu_fallback`; `ask_contact` on the verb « s'adresser à »
    alone takes the next reading, on « ouvert à qui », « ouvert aux écoles » (a public) the
    programme's public; a follow-up naming only a
    part of the PST (« et ses valeurs ? ») becomes `ask_pst`."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> EligibilityIntentGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name = intent.get(INTENT_NAME_KEY)
            text = message.get(TEXT) or ""
            entities = message.get("entities") or []
            ranking = message.get(INTENT_RANKING_KEY) or []
            if name != PST and names_only_a_pst_part(text, entities):
                self._read_as(message, PST, intent.get("confidence", 0.0))
            elif name == GUARDED and not asks_about_taking_part(text, entities):
                self._read_as(message, FALLBACK, intent.get("confidence", 0.0))
            elif name == FALLBACK:
                hesitated = _tied_reading(ranking, GUARDED)
                if (hesitated and _named_programme(entities) and asks_about_taking_part(text, entities)
                        and not asks_who(text)):
                    self._read_as(message, GUARDED, hesitated.get("confidence", 0.0))
            elif name == HUMAN and not asks_for_someone(text):
                self._read_as(message, FALLBACK, intent.get("confidence", 0.0))
            elif name in SMALL_TALK and asks_something_else(text):
                self._read_as(message, FALLBACK, intent.get("confidence", 0.0))
            elif (name in ANSWERS and asks_back(text)) or (name == STOP and asks_instead_of_stopping(text)):
                self._read_as(message, FALLBACK, intent.get("confidence", 0.0))
            elif name == BOT_CHALLENGE and not challenges_the_bot(text):
                self._read_as(message, FALLBACK, intent.get("confidence", 0.0))
            elif name == CONTACT and asks_how_far(text):
                self._read_as(message, FALLBACK, intent.get("confidence", 0.0))
            elif name == CONTACT and (only_addressed_to(text) or asks_audience(text)):
                other = (asks_audience(text) and _audience_reading(ranking)) or _next_reading(ranking, {CONTACT, FALLBACK})
                if other:
                    self._read_as(message, other[INTENT_NAME_KEY], other.get("confidence", 0.0))
        return messages

    @staticmethod
    def _read_as(message: Message, name: str, confidence: float) -> None:
        """Sets the intent, first in the ranking too (what the policies and the tracker see)."""
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != name]
        message.set(INTENT, {INTENT_NAME_KEY: name, "confidence": confidence}, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [{INTENT_NAME_KEY: name, "confidence": confidence}, *ranking],
                    add_to_output=True)
