"""The last step of every knowledge turn: the answer to the question asked, in its shape.

The action's draft answer competes with the passage that best answers the question
(`answer_selection`); the winner is put in the question's shape (`answer_shape`): a closed
question gets « Oui » or « Non » first, « combien » the sentence with the number first.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_selection import (
    ALL_NAMED,
    ANSWERED,
    ASKED_BACK,
    DECLINED,
    PASSAGE,
    Choice,
    about_something_else,
    asks_overview,
    better_passage,
    holder_of_role,
    holds,
    leans_on_context,
    named_bodies,
    named_entities,
    other_holder,
    points_back,
    reply_text,
    speaks_of,
)
from actions.answer_shape import (
    asks_outright,
    confirms,
    gives_count,
    gives_requested_reach,
    gives_shape,
    lacks_detail,
    lead_with_fact,
    mentions_deadline,
    never_counts,
    says_fact_missing,
)
from actions.asked_time import asked_time, asks_opening_times
from actions.carried_claim import carried_claim
from actions.compared_counts import compares_counts
from actions.context import body_in_context
from actions.contradiction import demonyms_named
from actions.evidence import Evidence, content_groups, coverage, without_echoes, without_label
from actions.just_said import repeat_just_said
from actions.list_reference import previous_turn
from actions.listed_count import listed_count
from actions.offered import picked_offer
from actions.opening_hours import hours_answer, names_a_place
from actions.other_bodies import unknown_body
from actions.other_members import others_asked
from actions.page_date import cited_page_date
from actions.partner_claims import contradicted
from actions.phrasing import french_date, render, source_lines
from actions.question_shape import DATE, HOW_MANY, OPEN_HOURS, YES_NO, closed_before, question_shape
from actions.reach import service_reach
from actions.same_body import stays_with_body
from actions.selection_gate import candidates, preferred, ranks_weighed
from actions.silence import only_silence, says_sources_are_silent
from actions.still_open import ended_before, verdict_against_today
from actions.task_request import asks_a_task
from actions.unknown_attribute import unknown_traits
from actions.unknown_years import years_unknown
from knowledge import KnowledgeBase, today
from knowledge.french_dates import deadline_in
from knowledge.geography import continents_named
from knowledge.textnorm import fold

PASSAGE_ANSWER = PASSAGE
# An answer holding less than this share of a pointing follow-up's words says little of what is asked.
DRIFT_COVERAGE = 0.5
# Slots an action sets when it answered about one entity (a partner, a programme).
ENTITY_SLOTS = ("partner", "programme")


def source_prefix(domain: dict[str, Any]) -> str:
    """What every source line starts with (« Source : »), read from the domain's template."""
    return render(domain, "utter_source_undated", publisher="", title="", period="").split(",")[0].strip()


# The date a source line ends with: « (publié le 22 juin 2012). », « (page non datée, informations de 2022). »
_PUBLISHED = re.compile(r"\s*\([^()]*\)\.?\s*$")


def without_sources(text: str, prefix: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith(prefix))


def without_source_lines(draft: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    """The messages with their source lines taken out."""
    return [{**m, "text": without_sources(m["text"], prefix)} if m.get("text") else m for m in draft]


# What a passage of each entry type leaves in the conversation, so that a follow-up
# (« depuis quand ? », « et dans quels domaines ? ») is about it: (slot, kind of answer).
ENTRY_CONTEXT = {"partnership": ("partner", "partnership_details"), "programme": ("programme", "programme_info"),
                 "definition": ("topic", "definition"), "contact": (None, "contact")}


def passage_context(p: Any) -> list[dict[str, Any]]:
    """The slots a passage answer sets: its body, the entity it is about, the kind of answer."""
    slot, kind = ENTRY_CONTEXT.get(p.entry_type, (None, PASSAGE_ANSWER))
    events = [SlotSet("last_answer", kind)]
    if p.body_id:
        events.append(SlotSet("body", p.body_id))
    if slot:
        events.append(SlotSet(slot, p.entry_id))
    return events


def deadline_against_today(domain: dict[str, Any], text: str) -> list[str]:
    """A line comparing the deadline the passage states with today, if it states one."""
    deadline = deadline_in(text)
    if deadline is None:
        return []
    now = today()
    days = (deadline - now).days
    response = ("utter_passage_deadline_open" if days > 0 else
                "utter_passage_deadline_today" if days == 0 else "utter_passage_deadline_passed")
    return [render(domain, response, deadline=french_date(deadline), days=days, today=french_date(now))]


def with_other_names(kb: KnowledgeBase, text: str) -> str:
    """`text` followed by the other names of every entity it names: an answer that says
    « Service des relations extérieures et internationales » also says « SREI »."""
    folded = f" {fold(text)} "
    named: dict[tuple[str, str], list[str]] = {}
    for kind, entity_id, name in kb.names():
        named.setdefault((kind, entity_id), []).append(name)
    extra = [a for names in named.values() if any(f" {n} " in folded for n in names) for a in names]
    return text + "\n" + " ".join(extra) if extra else text


_POINTS_TO_LABEL = re.compile(r"\bne (le|la|les|l')\b", re.IGNORECASE)


def silence_said(text: str) -> str:
    """The first sentence of `text` that states on its own what the sources lack (« La page ne
    donne pas la date propre à ce jumelage. »), not a labelled line (« Depuis quand : … »)."""
    for line in text.split("\n"):
        head, colon, rest = line.partition(" : ")
        body = rest if colon and not re.search(r"[.!?]\s", head) else line  # past a title, if any
        for sentence in re.split(r"(?<=[.!?])\s+", body):
            # « les documents ne le précisent pas » after a label says nothing on its own
            if (says_sources_are_silent(sentence) and " : " not in sentence and len(sentence.split()) >= 6
                    and not _POINTS_TO_LABEL.search(sentence)):
                return sentence.strip()
    return ""


def with_contact(kb: KnowledgeBase, domain: dict[str, Any], draft: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The answer plus whom to ask, when it says the sources are silent and names nobody."""
    reach = service_reach(kb, domain)
    if reach is None or fold(reach.contact) in fold(reply_text(draft)):
        return draft
    first = next(m for m in draft if m.get("text"))
    lines = first["text"].split("\n")
    # Before the source lines, which close the answer.
    at = next((i for i, line in enumerate(lines) if line.startswith(source_prefix(domain))), len(lines))
    lines.insert(at, render(domain, "utter_silence_contact", service=reach.service, contact=reach.contact))
    first["text"] = "\n".join(lines)
    return draft


# Share of a question's words (weighted by rarity) unknown to every passage from which a
# question the action would ask back about is taken for someone else's.
FOREIGN = 0.6


def asks_back(answer: str) -> bool:
    """Whether the action asked a question back (« De quel programme parlez-vous ? ») rather
    than saying what the sources lack (« Mes sources ne nomment pas cette personne… »)."""
    return "?" in answer.split("\n")[0]


def declined(kb: KnowledgeBase, domain: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The honest « not in my sources », with the default service to ask."""
    reach = service_reach(kb, domain)
    out = CollectingDispatcher()
    if reach is None:
        out.utter_message(text=render(domain, "utter_out_of_scope"))
    else:
        out.utter_message(text=render(domain, "utter_out_of_scope_ask_them", service=reach.service,
                                      contact=reach.contact))
    return out.messages, [SlotSet("last_answer", "declined")]


def continues_conversation(action: Any, tracker: Tracker) -> bool:
    """Whether the action's answer continues the previous one: a contact card given for a
    follow-up about something else (« et celle d'Afrique, c'est laquelle ? » after the
    partners) does not, and the passages found with the previous exchange are weighed."""
    last = tracker.get_slot("last_answer")
    return not (getattr(action, "answer_kind", None) == "contact" and last not in (None, "contact"))


def drifts_from_previous(kb: KnowledgeBase, action: Any, tracker: Tracker, about_entity: bool, answer: str) -> bool:
    """Whether a question that only points back (« il occupe quelle fonction ? » after the PST's
    publisher) got another kind of answer than the previous one, about no entity of the
    conversation, that says little of what is asked (the service's overview): the pronoun
    points to what was just said. A contact card is never such a drift: « et son numéro ? »
    after a programme wants the number of the service running it."""
    last = tracker.get_slot("last_answer")
    kind = getattr(action, "answer_kind", None)
    question = tracker.latest_message.get("text") or ""
    return bool(last and kind and kind not in (last, "contact") and not about_entity and points_back(question)
                and not named_entities(kb, question, ALL_NAMED + ("topic",))
                and coverage(question, answer, kb.term_weight) < DRIFT_COVERAGE)


def detail_unknown(kb: KnowledgeBase, domain: dict[str, Any], events: list[dict[str, Any]],
                   said: str = "") -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """« I don't know that detail » (`said`, or a general line), whom to ask, and no source."""
    reach = service_reach(kb, domain)
    if said and reach:
        said += "\n" + render(domain, "utter_silence_contact", service=reach.service, contact=reach.contact)
    out = CollectingDispatcher()
    out.utter_message(text=said or (render(domain, "utter_detail_unknown", service=reach.service, contact=reach.contact)
                                    if reach else render(domain, "utter_detail_unknown_nocontact")))
    # What the answer was about stays: « et ses domaines ? » may follow.
    kept = [e for e in events if e.get("event") == "slot" and e.get("name") in (*ENTITY_SLOTS, "body")]
    return out.messages, [*kept, SlotSet("last_answer", "declined")]


def with_verdict(kb: KnowledgeBase, domain: dict[str, Any], question: str, draft: list[dict[str, Any]],
                 events: list[dict[str, Any]], choice: Any, prefix: str, named_now: str = "") -> None:
    """Put « Oui » or « Non » before the answer to a closed question (`draft`, changed in place).

    `named_now`: what an elliptic follow-up names (« et avec la Bavière ? »), which the answer
    must say for a « Oui », however the carried claim (`question`) fares."""
    # « pas de partenaire dans ce pays (Italie) » only echoes the question: it confirms nothing,
    # and neither do the other names or the continent of what it echoes.
    # The titles offered after « Les documents détaillent aussi : » are not the answer either;
    # the document it cites is (« un objectif du PST ? » answered from the PST).
    said = reply_text(draft)
    answer_part = without_sources(said, prefix).split(render(domain, "utter_more_intro"))[0]
    answered_about = next((e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == "body"),
                          None)
    # the same fact in the base's own words, its title included (« Gouvernance : … » confirms
    # « un objectif de la Gouvernance ? » when the reply gives the text alone)
    same_fact = f"{choice.passage.title}\n{choice.passage.text}" if choice and not choice.replaces and (
        choice.passage.body_id in (None, answered_about)) else ""
    evidence = reply_evidence(kb, domain, question, said, prefix, same_fact)
    named = named_bodies(kb, question)
    # « Namur est jumelée avec le Fujian ? » answered with the Basse-Normandie's Fujian: another
    # body's fact does not confirm what the question says of the one it names.
    against_today = verdict_against_today(question, answer_part, today())
    if against_today is None and ended_before(question, answer_part, today()):
        against_today = False  # « siège-t-elle toujours à la CNCD ? » after « jusqu'en 2014 »
    # « dépasse-t-il les 2000 km ? » against « 2.094 km »: the counts compared decide
    compared = compares_counts(question, answer_part)
    if against_today is None and compared is not None:
        decided = compared and not (named and answered_about and answered_about not in named)
    else:
        decided = against_today
    said_yes = decided if decided is not None else gives_requested_reach(question, answer_part) or (
        not contradicted(kb, question)
        and confirms(question, evidence, kb.term_weight)
        and not (named and answered_about and answered_about not in named)
        and says_all(evidence, named_now))
    verdict = render(domain, "utter_shape_yes" if said_yes else "utter_shape_no")
    first = next(m for m in draft if m.get("text"))
    first["text"] = f"{verdict} {first['text']}"
    holder = None if said_yes else other_holder(
        kb, question, answered_about or (choice.passage.body_id if choice else None), said)
    if holder is not None:
        # « Non », and who does hold the role, before the source lines (the same page's)
        lines = first["text"].split("\n")
        at = next((i for i, line in enumerate(lines) if line.startswith(prefix)), len(lines))
        lines.insert(at, render(domain, "utter_passage", title=holder.title, text=holder.text))
        first["text"] = "\n".join(lines)


def reply_evidence(kb: KnowledgeBase, domain: dict[str, Any], question: str, said: str, prefix: str,
                   same_fact: str = "") -> str:
    """What a closed question's claim is checked against: the reply's answer (not the titles
    it offers after « Les documents détaillent aussi : »), the documents it cites, `same_fact`,
    and the other names, continents and demonyms of what they name."""
    answer_part = without_sources(said, prefix).split(render(domain, "utter_more_intro"))[0]
    # the document cited, not when it was published (« (publié le 22 juin 2012) » confirms no year)
    cited = [_PUBLISHED.sub("", line) for line in said.splitlines() if line.startswith(prefix)]
    evidence = without_echoes("\n".join([answer_part, *cited]), question)
    if same_fact:
        evidence += "\n" + same_fact
    evidence = with_other_names(kb, evidence)
    evidence += "\n" + " ".join(continents_named(evidence))  # China answers « en Asie ? »
    return evidence + "\n" + " ".join(demonyms_named(evidence))  # ... and « une province chinoise ? »


def says_all(evidence: str, named_now: str) -> bool:
    """Whether `evidence` says every content word of `named_now` (true when it is empty)."""
    groups = content_groups(named_now)
    if not groups:
        return True
    said = Evidence.of(evidence)
    return all(said.has(g) for g in groups)


def refine(kb: KnowledgeBase, action: Any, draft: list[dict[str, Any]], tracker: Tracker,
           domain: dict[str, Any], events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The messages and events to send instead of the action's `draft` and `events`.

    `action` tells how its answer competes (`KnowledgeAction`: `structured`, `declines`, `is_exact`).
    The answer selected by the rules then meets the learned gate (`selection_gate`), which may
    give the search's first passage instead.
    """
    messages, events, settled = selected(kb, action, draft, tracker, domain, events)
    question = tracker.latest_message.get("text") or ""
    if settled or not stands_alone(kb, tracker, question, messages):
        return messages, events
    found = candidates(kb, question, reply_text(messages), latest_intent(tracker), source_prefix(domain),
                       render(domain, "utter_more_intro"), ranks_weighed())
    chosen = preferred(found, lambda c: names_what_was_answered(kb, events, c.passage))
    if chosen is None:
        return messages, events
    return in_shape(kb, domain, question, [], [], Choice(chosen.passage, replaces=True), False)


def names_what_was_answered(kb: KnowledgeBase, events: list[dict[str, Any]], passage: Any) -> bool:
    """Whether the passage names the partner or programme the answer is about: « prési kesako »
    answered on the PrECI is not better answered by a passage on a « présidence »."""
    about = {(e["name"], e["value"]) for e in events
             if e.get("event") == "slot" and e.get("name") in ENTITY_SLOTS and e.get("value")}
    names: dict[tuple[str, str], list[str]] = {}
    for kind, entity_id, folded in kb.names():
        if (kind, entity_id) in about:
            names.setdefault((kind, entity_id), []).append(folded)
    return speaks_of(list(names.values()), passage)


def latest_intent(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def stands_alone(kb: KnowledgeBase, tracker: Tracker, question: str, messages: list[dict[str, Any]]) -> bool:
    """Whether the gate may judge this turn: a typed question that needs no earlier turn, not an
    opening-hours comparison, answered in words. Nor « que fait le SREI ? »: asked of a topic as a
    whole, its overview is the answer; any one passage on it (its address) says less."""
    if not question or question.startswith("/") or not any(m.get("text") for m in messages):
        return False
    if question_shape(question) == OPEN_HOURS or tracker.active_loop_name or asks_overview(kb, question):
        return False
    follows = bool(previous_turn(tracker)[0]) or tracker.get_slot("last_answer") is not None
    return not (follows and (leans_on_context(kb, question) or points_back(question)))


def selected(kb: KnowledgeBase, action: Any, draft: list[dict[str, Any]], tracker: Tracker,
             domain: dict[str, Any], events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], bool]:
    """The answer the rules select: the action's draft, or the passage that fits the question better;
    and whether it is settled (the exact fact asked, a comparison, a deliberate decline)."""
    if not any(m.get("text") for m in draft):
        return draft, events, True  # a form step or a response rendered by Rasa: nothing to weigh
    question = tracker.latest_message.get("text") or ""
    shape = question_shape(question)
    asked = asked_time(question)
    if shape == OPEN_HOURS or (tracker.get_slot("last_answer") == "contact" and asked.names_time):
        # « et le samedi ? » right after the contact details asks about hours too
        body_id = body_in_context(kb, tracker)
        named = (named_bodies(kb, question) or kb.find_mentions("service", question) or tracker.get_slot("body")
                 or names_a_place(question))
        # « à quelle heure ouvre-t-il ? » names no time to compare: the hours, unless already said,
        # or asked of a place that is no service (« horaires Chevetogne »)
        hours_said = render(domain, "utter_contact_line_hours", value="").rstrip(" :") in reply_text(draft)
        of_a_service = bool(named_bodies(kb, question) or kb.find_mentions("service", question)) or \
            not names_a_place(question)
        compared = hours_answer(kb, domain, body_id, asked, assumed=not named) if asked.names_time or (
            asks_opening_times(question) and of_a_service and not hours_said) else None
        if compared:
            out = CollectingDispatcher()
            out.utter_message(text=compared)
            return out.messages, [SlotSet("body", body_id), SlotSet("contact_kind", "hours"),
                                  SlotSet("last_answer", "contact")], True
    page_date = cited_page_date(kb, tracker, domain, question, source_prefix(domain))
    if page_date:  # « cette page date de quand ? » after an answer: the date of the page it cites
        out = CollectingDispatcher()
        out.utter_message(text=page_date)
        return out.messages, [], True
    others = others_asked(kb, tracker, domain, getattr(action, "lines", None))
    if others:  # « et l'autre ville ? », « à part Madagascar, quels pays ? »
        return (*others, True)
    if (unknown_body(kb, question, closed=shape == YES_NO) or (shape != YES_NO and years_unknown(kb, question))
            or unknown_traits(kb, question) or asks_a_task(question)):
        return (*declined(kb, domain), True)
    prefix = source_prefix(domain)
    answer = reply_text(draft)
    again = just_said_again(kb, domain, tracker, question, answer)
    if again:
        # « ce chiffre date de quand ? »: the detail is in what was just said; the context stays
        return again, [], True
    answered = prefix in answer
    outcome = ANSWERED if answered else DECLINED if action.declines else ASKED_BACK
    about_entity = any(e.get("event") == "slot" and e.get("name") in ENTITY_SLOTS and e.get("value")
                       for e in events) and not action.guessed_entity(kb, tracker)
    # The titles listed after « Les documents détaillent aussi : » are offers, not the answer.
    core = without_sources(answer, prefix).split(render(domain, "utter_more_intro"))[0]
    # The action may know the question exactly, and that the detail asked is missing.
    exact = action.is_exact(kb, tracker, events)
    # « Et cohérence ? » after an answer that offered « Stratégie… : cohérence »: that offer.
    offer = None if exact else picked_offer(kb, tracker, question, render(domain, "utter_more_intro"))
    choice = None if exact else Choice(offer, replaces=not holds(Evidence.of(core), offer)) if offer else \
        better_passage(kb, tracker, core, action.structured_for(kb, tracker), outcome, about_entity, continues_conversation(action, tracker),
                       drifts_from_previous(kb, action, tracker, about_entity, core))
    if (answered or (choice and choice.replaces)) and not exact and not offer:
        # « et le lycée pro ? » after Suresnes' schools: another body's answer gives way to Suresnes';
        # so does another body's passage given for « the sources give no contact for this body »
        given = choice.passage if choice and choice.replaces else None
        kept = stays_with_body(kb, question, previous_turn(tracker)[1],
                               f"{given.title} {given.text}" if given else core, given, answer, prefix)
        if kept is not None:
            choice = Choice(kept, replaces=True, exact=True)
    if choice and choice.replaces:
        # « et namur bosse avec eux depuis cb de temps » after Louga's record: the passage found
        # for the words (957 ETP « au 31/03/2022 ») is checked against what was just said too
        again = just_said_again(kb, domain, tracker, question, f"{choice.passage.title} : {choice.passage.text}")
        if again:
            return again, [], True
    if (outcome == ASKED_BACK and asks_back(answer) and not (choice and choice.replaces) and not about_entity
            and (kb.unknown_share(content_groups(question)) >= FOREIGN
                 or about_something_else(kb, without_label(question), action.structured_for(kb, tracker)))):
        # « comment postuler à un stage à l'ONU ? »: asking back which programme is meant would
        # pretend the question is ours; it is not, say so and give whom to ask. Nor is one that
        # speaks of what no programme's passage says (« un séjour Erasmus en Espagne ? »).
        # Unless it follows an answer it is about (« elle vise surtout les étudiants, non ? »
        # after a priority met by « de quel programme parlez-vous ? »).
        again = just_said_again(kb, domain, tracker, question, answer, declined=True)
        return (again, [], True) if again else (*declined(kb, domain), False)
    if outcome != ANSWERED and not (choice and choice.replaces):
        # « c'est quel genre d'accord ? » met by « Que souhaitez-vous savoir à ce sujet ? », « et
        # quel hôpital participe ? » by « je n'ai pas trouvé… »: no passage answers better than
        # what was just said, which the follow-up is about
        # an action that neither cites a source nor asks back has said the sources are silent
        # (« Mes sources ne donnent pas cette information »): a decline too
        again = just_said_again(kb, domain, tracker, question, answer, asked_back=asks_back(answer),
                                declined=outcome == DECLINED or not asks_back(answer))
        if again:
            return again, [], True
    return (*in_shape(kb, domain, question, draft, events, choice, answered, carried_claim(kb, tracker, question)),
            exact or bool(choice and choice.exact) or bool(offer))


def just_said_again(kb: KnowledgeBase, domain: dict[str, Any], tracker: Tracker, question: str, answer: str,
                    asked_back: bool = False, declined: bool = False) -> list[dict[str, Any]] | None:
    """The previous answer again, as `repeat_just_said` decides, « Oui » or « Non » first for a
    closed question (« c'est bien depuis 2010 ? » is checked against what was just said)."""
    prefix = source_prefix(domain)
    again = repeat_just_said(kb, tracker, question, without_sources(answer, prefix), prefix,
                             render(domain, "utter_more_intro"), asked_back, declined)
    if not again:
        return None
    out = CollectingDispatcher()
    out.utter_message(text=again)
    if question_shape(question) == YES_NO:
        with_verdict(kb, domain, question, out.messages, [], None, prefix)
    return out.messages


def in_shape(kb: KnowledgeBase, domain: dict[str, Any], question: str, draft: list[dict[str, Any]],
             events: list[dict[str, Any]], choice: Choice | None,
             answered: bool, claim: str | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The answer chosen (the passage when `choice` replaces the draft), in the question's shape:
    the detail said missing, the date or number led with, « Oui » or « Non » first (checked
    against `claim`, the previous closed question carried by an elliptic follow-up, if any)."""
    prefix = source_prefix(domain)
    shape = YES_NO if claim else question_shape(question)
    if choice and choice.replaces:
        p = choice.passage
        out = CollectingDispatcher()
        text = lead_with_fact(p.text, question, shape)
        lines = [render(domain, "utter_passage", title=p.title, text=text)]
        if shape == DATE or mentions_deadline(question):
            lines += deadline_against_today(domain, p.text)
        out.utter_message(text="\n".join([*lines, source_lines(domain, [p.source])]))
        draft, answered = out.messages, True
        events = passage_context(p)
    core_now = without_sources(reply_text(draft), prefix)
    lacking = answered and lacks_detail(question, core_now)
    if lacking:
        # « et le maire, il s'appelle comment ? » answered with his deputy: the body's passage
        # naming the mayor, before saying the sources do not
        body = next((e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == "body"), None)
        holder = holder_of_role(kb, question, body)
        if holder and not (choice and choice.replaces and choice.passage.id == holder.id):
            return in_shape(kb, domain, question, draft, events, Choice(holder, replaces=True, exact=True), answered, claim)
    if lacking or (answered and says_fact_missing(question, shape, core_now)):
        # « le budget du PISI ? », « qui a signé l'accord ? »: the topic is known, the detail is not;
        # the sources' own words when they say so (« Les documents ne donnent aucune date limite… »).
        return detail_unknown(kb, domain, events, silence_said(core_now))
    # « Combien de valeurs… ? » answered by a passage that lists them without their number: counted
    listed = answered and shape == HOW_MANY and not gives_count(question, core_now) and listed_count(question, core_now)
    if listed:
        first = next(m for m in draft if m.get("text"))
        first["text"] = f"{render(domain, 'utter_shape_listed_count', count=listed)}\n{first['text']}"
    shapeless = answered and not listed and shape in (DATE, HOW_MANY) and (
        not gives_shape(core_now, shape) or (shape == HOW_MANY and never_counts(question, core_now)))
    if shapeless and asks_outright(question, shape):
        said = render(domain, "utter_shape_no_date_said" if shape == DATE else "utter_shape_no_number_said")
        return detail_unknown(kb, domain, events, said)
    if shapeless:
        first = next(m for m in draft if m.get("text"))
        lead = "utter_shape_no_date" if shape == DATE else "utter_shape_no_number"
        first["text"] = f"{render(domain, lead)}\n{first['text']}"
    if says_sources_are_silent(reply_text(draft)):
        draft = with_contact(kb, domain, draft)
        reach = service_reach(kb, domain)
        if reach and only_silence(without_sources(reply_text(draft), prefix), reach.contact):
            draft = without_source_lines(draft, prefix)  # « les documents ne précisent pas… » cites nothing
            answered = False
    if shape == YES_NO and answered:
        with_verdict(kb, domain, claim or question, draft, events, choice, prefix, question if claim else "")
    elif answered and not shapeless and not claim and (closed := closed_before(question)):
        # « Il y a un budget participatif ? De combien par an ? »: « Oui », then the sum
        with_verdict(kb, domain, closed, draft, events, choice, prefix)
    return draft, events
