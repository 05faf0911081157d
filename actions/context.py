"""Works out what a turn is about: entities of this message first, then the conversation's."""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from spacy.lang.fr.stop_words import STOP_WORDS  # a word list only: no model is loaded

from knowledge import KnowledgeBase
from knowledge.geography import is_continent
from knowledge.textnorm import fold

_STOP = {fold(w) for w in STOP_WORDS}


def latest_entity(tracker: Tracker, name: str) -> str | None:
    """The value of entity `name` in the user's latest message, if any."""
    values = latest_entities(tracker, name)
    return values[0] if values else None


def latest_entities(tracker: Tracker, name: str) -> list[str]:
    """Distinct values of entity `name` in the user's latest message, in order."""
    return list(dict.fromkeys(
        e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == name))


def resolve_entity(kb: KnowledgeBase, tracker: Tracker, entity: str, kb_type: str) -> str | None:
    """Id of the `kb_type` entity meant now: named in this message, else kept from before.

    The NLU may miss a name or tag a variant; the knowledge base's aliases are the
    authority, so the raw text is searched for known names as a second chance.
    """
    named = mentioned_now(kb, tracker, entity, kb_type)
    if named:
        return named
    return kept_entity(kb, tracker, entity, kb_type)


def kept_entity(kb: KnowledgeBase, tracker: Tracker, entity: str, kb_type: str) -> str | None:
    """The `kb_type` entity the slot holds from before, the latest value that names one: a
    word the NLU tagged by mistake this turn (« Norvège » as a body, in « et le partenaire en
    Norvège ? ») overwrites the slot but does not drop what the conversation was about. A slot
    emptied on purpose keeps nothing."""
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            break
        if event.get("event") != "slot" or event.get("name") != entity:
            continue
        value = event.get("value")
        if not value:
            return None
        if kb.known_id(kb_type, value):
            return value  # the actions store ids in slots
        if (found := kb.resolve(kb_type, value)):
            return found
    kept = tracker.get_slot(entity)
    if kept and kb.known_id(kb_type, kept):
        return kept
    return kb.resolve(kb_type, kept)


def body_in_context(kb: KnowledgeBase, tracker: Tracker) -> str:
    """Id of the body meant now: named, or owning a named service (« le SREI »), else kept, else the default."""
    named = mentioned_now(kb, tracker, "body", "body")
    if named:
        return named
    text = tracker.latest_message.get("text") or ""
    for service_id in kb.find_mentions("service", text):
        service = kb.service(service_id)
        if service:
            return service.body_id
    return body_by_contact(kb, text) or resolve_entity(kb, tracker, "body", "body") or kb.default_body().id


# « au 22 rue des Carrières », « place Saint-Aubain », « au 01 42 04 96 77 »: a street (a
# street word and the name after it), a postal code or a phone number the sources give.
_STREET = re.compile(r"\b((?:rue|place|avenue|boulevard|chaussee|square|allee|quai)(?: (?:des|du|de la|de l|de|d))? "
                     r"[a-z-]{3,}(?: [a-z-]{3,})?)")


def body_by_contact(kb: KnowledgeBase, text: str) -> str | None:
    """The body whose address or phone number the message gives (« je peux passer au 22 rue
    des Carrières ? » is Suresnes' service), if exactly one."""
    folded = f" {fold(text)} "
    digits = re.sub(r"\D", "", text)
    found = set()
    for contact in kb.contacts():
        value = fold(contact.value)
        if contact.kind == "address":
            marks = [m.group(1) for m in _STREET.finditer(value)] + re.findall(r"\b\d{4,5}\b", value)
            if any(f" {mark} " in folded for mark in marks):
                found.add(contact.body_id)
        elif contact.kind == "phone":
            number = re.sub(r"\D", "", contact.value)
            if len(number) >= 8 and number in digits:
                found.add(contact.body_id)
    return found.pop() if len(found) == 1 else None


def mentioned_now(kb: KnowledgeBase, tracker: Tracker, entity: str, kb_type: str) -> str | None:
    """Id of the `kb_type` entity named in this very message (never from earlier turns)."""
    named = mentioned_all(kb, tracker, entity, kb_type)
    return named[0] if named else None


def mentioned_all(kb: KnowledgeBase, tracker: Tracker, entity: str, kb_type: str) -> list[str]:
    """Ids of every `kb_type` entity named in this very message: the NLU's first, then the text's.

    The NLU emits knowledge-base ids (through synonyms) or names; both are accepted, and
    values naming nothing of the base (DIET sometimes tags « de ») are dropped.
    """
    ids = [kb_id for value in latest_entities(tracker, entity)
           if (kb_id := value if kb.known_id(kb_type, value) else kb.resolve(kb_type, value))]
    text = tracker.latest_message.get("text") or ""
    ids += kb.find_mentions(kb_type, text) or ([] if ids else loose_mentions(kb, kb_type, text))
    return list(dict.fromkeys(ids))


def programme_for_audience(kb: KnowledgeBase, tracker: Tracker) -> str | None:
    """The one programme whose public this message names (« et pour les écoles ? »), if exactly one."""
    found = kb.find_mentions("audience", tracker.latest_message.get("text") or "")
    return found[0] if len(found) == 1 else None


def names_something(kb: KnowledgeBase, entity: str, value: str | None) -> bool:
    """Whether the NLU's `value` for `entity` is something of the base (not a stray tagged word)."""
    if not value:
        return False
    if kb.known_id(entity, value) or kb.resolve(entity, value):
        return True
    if entity == "country" and is_continent(value):
        return True  # « et en Asie ? »: the partners answer filters by continent
    return entity == "topic" and bool(kb.facts(topic=value))  # PST topics name facts, not definitions


def content_words(text: str) -> set[str]:
    """Folded words that carry meaning, without a final plural mark."""
    return {w.rstrip("s") for w in fold(text).split() if w not in _STOP and len(w) > 1}


def loose_mentions(kb: KnowledgeBase, kb_type: str, text: str) -> list[str]:
    """Ids whose name's meaningful words all appear in `text`, in any order and form.

    « le programme de solidarité internationale » names the alias « programme
    solidarité internationale »; longer names first, so the most specific wins.
    """
    words = content_words(text)
    hits = []
    for entity_type, entity_id, name in kb.aliases():
        needed = content_words(name) if entity_type == kb_type else set()
        # « une province chinoise » is not « la province »: a body named by one common word is
        # named only as its alias says it (`find_mentions`); with nothing named, the default body answers
        if kb_type == "body" and len(needed) == 1:
            continue
        if needed and needed <= words:
            hits.append((len(needed), entity_id))
    return list(dict.fromkeys(i for _, i in sorted(hits, key=lambda h: -h[0])))
