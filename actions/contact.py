"""Answers « how do I reach … ? » from the contacts of the knowledge base."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_selection import PASSAGE, weights_beside_names
from actions.base import KnowledgeAction
from actions.context import body_in_context, latest_entity, mentioned_now
from actions.evidence import Evidence, content_groups, unsupported_share
from actions.partnerships import ActionAnswerPartnerships
from actions.phrasing import render, source_lines
from actions.question_shape import WHERE, question_shape
from actions.reach import service_reach
from actions.service import ActionAnswerServiceInfo
from knowledge import KnowledgeBase
from knowledge.geography import continent_in
from knowledge.models import Passage
from knowledge.textnorm import fold

# Most specific first: « adresse mail » yields both address and email, and means email;
# « le nom du gouverneur » (other_person: someone the documents never name) is not the head.
CONTACT_KINDS = ("other_person", "email", "website", "phone", "hours", "head", "address")


# « comment joindre le SREI ? »: asking for the contact card as a whole.
REACH_WORDS = re.compile(r"\b(joindre|contacter|contact|coordonnees|appeler|telephoner|ecrire)\b")

# Words of any contact question; what else the question names must be on the card.
CONTACT_WORDS = frozenset("""adresse adresses telephone tel numero num mail email courriel horaire horaires heure heures
    ouvert ouverture responsable directeur directrice joindre contacter contact coordonnees postal postale code rue
    site web internet ecrire courrier enveloppe lettre envoyer appeler service bureau bureaux locaux batiment
    siege immeuble trouve situe installe installee implante implantee localise localisee""".split())
# Those that ask for a detail of the card (« service », « bureau » name what it is about).
ASKING_FOR_CONTACT = CONTACT_WORDS - {"service", "bureau", "bureaux"} | {"appeler", "telephoner", "coordonnees"}
# Right after a card, a short question with one of these words asks for a detail of it (« c'est
# dans quel bâtiment ? », « quel code postal ? », « et il a quel titre ? »), whatever the NLU read.
CARD_DETAIL_WORDS = ASKING_FOR_CONTACT | {"titre", "fonction", "etage", "grade"}
CARD_FOLLOW_UP_WORDS = 8
# The share of those other things the card may lack and still be the answer.
ELSEWHERE = 0.5
# Passages searched for one that says what the card lacks.
ELSEWHERE_SEARCHED = 3

# How a website or an e-mail address is written in a passage.
WRITTEN_KIND = {"website": re.compile(r"\bwww\.|https?://"), "email": re.compile(r"[\w.-]+@[\w-]+\.\w+")}

# Answers after which a place named is about the partners, not about how to reach the service.
PARTNER_ANSWERS = ("partnerships", "partnership_details")

# « son adresse », « elle »: the follow-up points back to what the previous answer was about.
POINTS_BACK = re.compile(r"\b(son|sa|ses|leur|leurs|lui|il|elle)\b")

# « je suis directrice d'école », « en tant que bourgmestre »: the user's own role, not a question.
SELF_DESCRIPTION = re.compile(r"\b(?:je\s+suis|j'?\s*suis|chui|en\s+tant\s+que?)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


# « place Saint-Aubain, au numéro 2 », « rue des Carrières, à quel numéro ? »: a street number.
STREET = re.compile(r"\b(rue|place|avenue|av|boulevard|bd|chaussee|square|quai|allee|chemin)\b")
BARE_NUMBER = re.compile(r"^(numero|num|no|n)$")


def kinds_asked(tracker: Tracker) -> list[str]:
    """Contact details the latest message asks for (roles the user gives as their own left out;
    « numéro » beside a street is the address)."""
    text = tracker.latest_message.get("text") or ""
    street = STREET.search(fold(text)) is not None
    kinds = []
    for e in tracker.latest_message.get("entities", []):
        if e.get("entity") != "contact_kind" or SELF_DESCRIPTION.search(text[:e.get("start", 0)]):
            continue
        said = fold(text[e.get("start", 0):e.get("end", 0)])
        kinds.append("address" if street and BARE_NUMBER.match(said) else e.get("value"))
    if not kinds and question_shape(text) == WHERE:
        kinds.append("address")  # « le SREI, c'est où ? », « dans quel bâtiment ? »
    return list(dict.fromkeys(kinds))


def asks_card_detail(tracker: Tracker) -> bool:
    """Whether the latest message, right after a contact card, asks for a detail of it."""
    words = fold(tracker.latest_message.get("text") or "").split()
    other = any(e.get("entity") in ("programme", "partner", "topic", "country")
                for e in tracker.latest_message.get("entities", []))  # « et la fonction du PISI ? »
    return (tracker.get_slot("last_answer") == "contact" and 0 < len(words) <= CARD_FOLLOW_UP_WORDS
            and bool(CARD_DETAIL_WORDS.intersection(words)) and not other)


def specific_kinds(asked: list[str | None]) -> list[str]:
    """The known contact kinds asked for, most specific first, with overlapping readings removed.

    « adresse mail » tags both address and email and means email, « l'adresse du site » the
    website; someone the documents never name (other_person) is never answered with the head
    of service.
    """
    kinds = [k for k in CONTACT_KINDS if k in asked]
    if "other_person" in kinds:
        return ["other_person"]
    if "email" in kinds or "website" in kinds:
        kinds = [k for k in kinds if k != "address"]
    return kinds


def names_a_place(kb: KnowledgeBase, tracker: Tracker) -> bool:
    """A country or a continent named in this message (« et celle d'Afrique de l'Ouest ? »)."""
    text = tracker.latest_message.get("text") or ""
    return bool(mentioned_now(kb, tracker, "country", "country") or latest_entity(tracker, "country")
                or continent_in(text))


def on_card(kb: KnowledgeBase, tracker: Tracker, body_id: str | None) -> bool:
    """Whether what the question names besides contact words (names aside) is on the body's
    card: « l'adresse de la Maison administrative provinciale ? » asks a contact detail, but
    of a place the card does not describe."""
    text = tracker.latest_message.get("text") or ""
    card = " ".join(f"{c.service_name} {c.value}" for c in kb.contacts(body_id=body_id))
    weight = weights_beside_names(kb, text)

    def beside_contact_words(group: tuple[str, ...]) -> float:
        # a number is a contact detail put forward (« j'appelle le 081 776 770, c'est ça ? »)
        return 0.0 if (CONTACT_WORDS | ASKING_FOR_CONTACT).intersection(group) or group[0].isdigit() else weight(group)

    if unsupported_share(text, card, beside_contact_words) > ELSEWHERE:
        return False
    # « où se garer près du Palais provincial ? »: the card shows the detail asked (an
    # address), but what is asked of it (« garer ») is what another passage of the body says;
    # that passage answers. (« horaires chevetogne »: the card has no hours, and saying so stands.)
    # Words no passage uses (« gratuit ») cannot tell one passage from another.
    # When the card lacks the detail asked too (« un e-guichet sur le site ? »: no website), the
    # passage must also say it (« site internet »).
    shown = {c.kind for c in kb.contacts(body_id=body_id)}
    groups = content_groups(text)
    lacking = [g for g in groups if beside_contact_words(g) and not Evidence.of(card).has(g) and kb.unknown_share([g]) == 0]
    if lacking and not set(specific_kinds(kinds_asked(tracker))) <= shown:
        lacking += [g for g in groups if ASKING_FOR_CONTACT.intersection(g)]
    return not (lacking and any(all(Evidence.of(f"{p.title} {p.text}").has(g) for g in lacking)
                                for p in kb.search(text, limit=ELSEWHERE_SEARCHED, body_id=body_id)))


def asks_our_card(kb: KnowledgeBase, tracker: Tracker) -> bool:
    """Whether the message asks contact details (ones the NLU tagged) that the card in context
    shows, and names nothing else at all (« quel est le numéro de téléphone du service ? »),
    whatever intent the NLU read: « le numéro du service des impôts », « où renouveler mon
    passeport ? » name what no card shows."""
    body_id = body_in_context(kb, tracker)
    kinds = specific_kinds(kinds_asked(tracker))
    shown = {c.kind for c in kb.contacts(body_id=body_id)}
    text = tracker.latest_message.get("text") or ""
    return (bool(kinds) and set(kinds) <= shown
            and all(CONTACT_WORDS.intersection(group) for group in content_groups(text)))


def body_passage_giving(kb: KnowledgeBase, text: str, body_id: str, kind: str | None) -> Passage | None:
    """« le site internet de la Province ? »: no service card has one, but a passage of the
    body named gives the body's own (the PST brochure's colophon). Asked of a service (« l'e-mail
    du SREI ? »), another office's address would not answer."""
    written = WRITTEN_KIND.get(kind or "")
    if written is None or kb.find_mentions("service", text) or body_id not in kb.find_mentions("body", text):
        return None
    return next((p for p in kb.search(text, limit=ELSEWHERE_SEARCHED, body_id=body_id)
                 if p.body_id == body_id and written.search(p.text)), None)


class ActionAnswerContact(KnowledgeAction):
    answer_kind = "contact"
    follows = ("body",)
    selects_facts = True
    structured = ("contact",)

    def name(self) -> str:
        return "action_answer_contact"

    def structured_for(self, kb: KnowledgeBase, tracker: Tracker) -> tuple[str, ...]:
        """The card is the answer to a question about reaching the service; to « le SREI
        dépend de quelle direction ? », or to « quelle condition un projet doit-il remplir
        pour être soutenu par le SREI ? » (a word the NLU took for a contact detail, the rest
        nowhere on the card), it is only a topic answer, and a passage may say more."""
        text = fold(tracker.latest_message.get("text") or "")
        asks = kinds_asked(tracker) or set(text.split()) & ASKING_FOR_CONTACT
        # « comment contacter Suresnes pour un projet de jumelage ? » asks how to reach them
        reach = REACH_WORDS.search(text) is not None
        return self.structured if asks and (reach or on_card(kb, tracker, body_in_context(kb, tracker))) else ()

    def is_exact(self, kb: KnowledgeBase, tracker: Tracker, events: list[dict[str, Any]]) -> bool:
        """The detail asked (« qui est à la tête du SREI ? »), or the whole card when the question
        asks how to reach someone (« comment joindre le SREI ? »)."""
        text = fold(tracker.latest_message.get("text") or "")
        if tracker.get_slot("last_answer") == PASSAGE and POINTS_BACK.search(text) and not kb.find_mentions("body", text):
            return False  # « et son adresse ? » after a passage on someone: their address, if any
        kind = next((e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == "contact_kind"), None)
        if not ((kind is not None and kind != "other_person") or REACH_WORDS.search(text) is not None):
            return False
        # « l'adresse de la Maison administrative provinciale ? »: a contact detail, but of a
        # place the card does not describe.
        # The body the answer was about (its slot event), not searched for again.
        body = next((e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == "body"), None)
        return on_card(kb, tracker, body or body_in_context(kb, tracker))

    def answer(self, kb: KnowledgeBase, dispatcher: CollectingDispatcher, tracker: Tracker,
               domain: dict[str, Any]) -> list[dict[str, Any]]:
        asked = kinds_asked(tracker)
        if not asked and tracker.get_slot("last_answer") in PARTNER_ANSWERS and names_a_place(kb, tracker):
            # « et celle d'Afrique de l'Ouest ? » after the partners: a place, not a contact detail
            return ActionAnswerPartnerships().answer_with_context(kb, dispatcher, tracker, domain)
        body = kb.body(body_in_context(kb, tracker)) or kb.default_body()
        if not asked and tracker.get_intent_of_latest_message() == "inform":
            # « et pour Suresnes ? » after « quel est le numéro du SREI ? »: the same detail.
            asked = [tracker.get_slot("contact_kind")]
        kinds = specific_kinds(asked)
        kind = kinds[0] if kinds else None
        contacts = kb.contacts(body_id=body.id)
        if not contacts and not kinds and not REACH_WORDS.search(fold(tracker.latest_message.get("text") or "")):
            # « comment s'appelle le service international de l'Ille-et-Vilaine ? » asks for no way
            # to reach it: what the sources say of that service, not that they give no contact
            return ActionAnswerServiceInfo().answer_with_context(kb, dispatcher, tracker, domain)
        if not contacts:
            dispatcher.utter_message(text=render(domain, "utter_contact_none", body=body.name))
            return [SlotSet("body", body.id), SlotSet("contact_kind", None)]
        wanted = [c for c in contacts if c.kind in kinds] if kinds else contacts
        # « les jours et heures où l'on peut téléphoner »: the phone is known, the hours are
        # not; the answer must say which part is missing rather than answer only the known one.
        missing_kind = next((k for k in kinds if not any(c.kind == k for c in contacts)), None)
        lines = []
        known = [c for c in contacts if c.kind in kinds]
        given = body_passage_giving(kb, tracker.latest_message.get("text") or "", body.id, missing_kind) \
            if missing_kind and not known else None
        if given:
            dispatcher.utter_message(text="\n".join([render(domain, "utter_passage", title=given.title, text=given.text),
                                                     source_lines(domain, [given.source])]))
            return [SlotSet("body", body.id), SlotSet("contact_kind", kind)]
        if missing_kind and not known:
            # Nothing asked is in the sources (« l'e-mail du SREI ? »): say so, and whom to ask.
            reach = service_reach(kb, domain, service_id=contacts[0].service_id)
            head = next((c.value for c in contacts if c.kind == "head"), None)
            unknown = "utter_contact_kind_unknown_other_person" if missing_kind == "other_person" and head \
                else "utter_contact_kind_unknown"
            dispatcher.utter_message(text=render(domain, unknown, service=contacts[0].service_name, head=head,
                                                 contact=reach.contact if reach else ""))
            return [SlotSet("body", body.id), SlotSet("contact_kind", kind)]
        if missing_kind:
            missing = f"utter_contact_kind_missing_{missing_kind}"
            missing = missing if missing in domain.get("responses", {}) else "utter_contact_kind_missing"
            lines.append(render(domain, missing, service=contacts[0].service_name))
            wanted = wanted or contacts
        else:
            lines.append(render(domain, "utter_contact_intro", service=contacts[0].service_name, body=body.name))
        lines += [render(domain, f"utter_contact_line_{c.kind}", value=c.value) for c in wanted]
        lines.append(source_lines(domain, [c.source for c in wanted]))
        dispatcher.utter_message(text="\n".join(lines))
        return [SlotSet("body", body.id), SlotSet("contact_kind", kind)]
