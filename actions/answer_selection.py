"""Fact-level answer selection, every knowledge turn.

The intent picks an action, and the action writes the answer for its topic: a contact card,
a list of partners, the overview of a strategy. The question may ask for one precise fact
that the topic's answer does not hold (« que veut dire pertinence ? », « combien de
valeurs ? »). So the passages that best answer the question itself compete with the
action's answer: when one covers the question at least as well and the answer does not
already contain it, the passage is given instead. A structured answer that fits (the
contact card for a contact passage, a partnership for a partnership) is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from rasa_sdk import Tracker

from actions.acronym_reference import resolve_acronym
from actions.answer_shape import (
    AMOUNT_WORDS,
    PERSON_NAME,
    answer_title,
    asks_amount,
    asks_reach,
    confirms,
    count_claimed,
    counted_thing,
    counted_things,
    dated_fit,
    defines,
    gives_amount,
    gives_count,
    gives_shape,
    lacks_reach,
    member_asked,
    names_someone,
    ranked_kinds,
    refutes,
    says_otherwise,
    sentences,
    term_asked,
    title_under_heading,
)
from actions.contradiction import demonyms_named, ranks_in, roles_in
from actions.evidence import (
    NUMBER_WORD_SET,
    Evidence,
    claims_in,
    claims_of,
    claims_to_confirm,
    content_groups,
    coverage,
    numbers,
    question_words,
    scene_apart,
    spelled_out,
    stem,
    unsupported_share,
    without_label,
)
from actions.list_reference import ORDINALS, previous_turn, resolve_ordinal
from actions.question_shape import (
    DATE,
    DEFINITION,
    HOW_MANY,
    OTHER,
    WHERE,
    WHICH,
    WHO,
    YES_NO,
    question_core,
    question_shape,
    untagged,
)
from actions.reasons import answers_why, asks_cause, asks_why, gives_reason
from knowledge import KnowledgeBase
from knowledge.models import Passage
from knowledge.textnorm import fold, rank_of, unaccent, without_kinds_asked

# A passage replaces an answer of the intent's topic when it covers this share of the
# question (the search's own IDF-weighted coverage)...
MIN_TOPICAL = 0.5
# ...and replaces a clarifying question or a decline only when it covers this much: below,
# the honest « I don't know » is worth more than a loosely related fact.
MIN_UNSURE = 0.75
# The answer already holds the passage when it contains this share of the passage's words.
CONTAINED = 0.8
# How many passages speaking of a term are read for the sentence that defines it.
DEFINING_DEPTH = 40
# ...and only when no other passage fits nearly as well: two equally good hits mean the
# question's words are common ones, not that it was understood.
UNSURE_MARGIN = 0.1
# A question the NLU could not place is answered by a passage that fits this share of its
# words and leaves at most UNSPOKEN of what it is about unsaid; a closed question, whose
# claim may be false, by one that fits MIN_CLOSED of its words with a clear margin.
MIN_UNPLACED = 0.3
UNSPOKEN = 0.5
MIN_CLOSED = 0.3
# ...or by one that says everything the question is about (at least CLAIMS_ALL things), with a
# lower search score.
MIN_SAID = 0.2
CLAIMS_ALL = 2
HALF = 0.6
# A closed question is checked against the passage found best when it scores this much, whatever
# it leaves unsaid (the questions the sources do not cover score lower, measured on sets A–G).
CLEAR_CLOSED = 0.45
# ...and so is any question an action would ask back about, when the knowledge base knows
# all but this share of its words.
KNOWN = 0.2
# Share of a closed question's words (numbers aside) a weakly found passage may leave unsaid.
CLOSE_TO_ALL = 0.1
# An answer that covers less than this share of the question says next to nothing of it; a
# passage covering this much more of it then replaces it, even found less strongly.
OFF_TOPIC = 0.25
OFF_TOPIC_GAIN = 0.25
# A question asking for a plural (« les valeurs de la Province ? ») makes at most this many claims.
PLURAL_CLAIMS = 3
# Passages looked at, best first.
DEPTH = 4
# A question an action would ask back about (« De quel programme parlez-vous ? ») whose words
# are this much (weighted) unknown to the passages of the action's own kind is about something
# else (« le grand projet du TreMa ? » read as a programme's deadline)...
ELSEWHERE = 0.8
# ...and the first passage found answers it, unless it leaves this share of it unsaid. A
# question of fewer words (« comment on postule ? ») is the action's own, asked briefly.
ELSEWHERE_UNSAID = 0.7
ELSEWHERE_WORDS = 3
# How deep the exact kind of fact asked (a number, a list, a definition) is looked for.
DEEP = 12
# Passages scoring this close to the best are as good, and the most focused one is taken.
NEAR = 0.15
# How far below the best a passage titled with the question's subject may be.
WIDE = 0.35
# A structured answer (a contact card, the partners in one country, a programme's call) is
# replaced only by a passage that holds clearly more of the question.
CLEARLY = 0.15
# ...and a contact card by one that holds more still: « comment contacter Suresnes pour un
# projet de jumelage ? » wants the card, whatever else the question names.
CLEARLY_CARD = 0.25
# A passage giving the number asked replaces an answer without it from this share of the
# best passage's score.
COUNT_SHARE = 0.5


@dataclass(frozen=True)
class Choice:
    """The best passage for the question, and whether it replaces the action's answer."""

    passage: Passage
    replaces: bool
    exact: bool = False  # the kind of fact asked, or the one pointed at: no later check overrides it


def named_bodies(kb: KnowledgeBase, text: str) -> list[str]:
    """Bodies named in the question, directly or through one of their services (« le SREI »)."""
    bodies = kb.find_mentions("body", text)
    for service_id in kb.find_mentions("service", text):
        service = kb.service(service_id)
        if service and service.body_id not in bodies:
            bodies.append(service.body_id)
    return bodies


def holds(answer: Evidence, passage: Passage) -> bool:
    """Whether the answer already says what the passage says."""
    words = Evidence.of(passage.text).words
    return bool(words) and len(words & answer.words) / len(words) >= CONTAINED


ANSWERED, ASKED_BACK, DECLINED = "answered", "asked_back", "declined"
# What `last_answer` says after a passage was given: a follow-up is about that passage, not
# about an entity an earlier structured answer left in the slots.
PASSAGE = "passage"
# « et depuis quand ? », « laquelle est en Chine ? », « il couvre quelles années ? »: a
# question that leans on the previous turn (a pronoun, a leading « et », or very few words).
# « ce chiffre date de quand ? », « cette loi… »: a thing just named, pointed at.
DEMONSTRATIVE = r"(ce|cet|cette|ces) (?!que|qui|qu)\w+"
_LEANS_ON_CONTEXT = re.compile(r"^(et|ok|d accord|alors)\b|\b(il|elle|ils|elles|lequel|laquelle|lesquels|lesquelles|"
                               rf"ca|celui|celle|ceux|eux|lui|son|sa|ses|leur|leurs|y|en|la dedans|{DEMONSTRATIVE})\b")
ELLIPTIC_WORDS = 8
# « coopération, ça veut dire quoi ? », « le mot PST ça signifie quoi ? »: the « ça » stands for
# the word said first in the question itself, not for what was said before it.
_SAID_FIRST = re.compile(r"^(?:le mot |le terme |l expression )?(?!et |mais |alors |ok )\w+(?: \w+)? (?:ca|cela) "
                         r"(?=(?:veut dire|signifie|designe|consiste|correspond|recouvre)\b)")
_IT_IS = re.compile(r"^(et )?(c est|cest|c)\b")
# « ce programme », « cet accord »: the one just answered about, named by its kind.
_THIS_ONE = re.compile(r"\b(ce|cet|cette) (programme|appel|partenaire|partenariat|jumelage|accord|cooperation|"
                       r"service|association|dispositif|label|reseau|musee|projet|priorite|enjeu|objectif)\b")
# « quelle association soutient-il dans ce cadre ? », « … pour ça ? »: what was just said, however long.
_IN_THIS_FRAME = re.compile(r"\b(dans ce (cadre|contexte|domaine)|a ce titre|pour (ca|cela)|dans ce but)\b")
# « lequel concerne les écoles ? »: one of the things just listed.
_PICKS_ONE = re.compile(r"\b(lequel|laquelle|lesquels|lesquelles)\b")
# « ça fait combien de temps ? »: a number of years, or the date it started.
_DURATION = re.compile(r"\bcombien (de|d) (temps|annees|ans)\b|\bdepuis combien\b")
# Pronouns that point back to what the previous answer was about.
_POINTS_BACK = re.compile(r"\b(il|elle|ils|elles|ca|celui ci|celle ci|lequel|laquelle|lesquels|lesquelles|y|en|"
                          rf"son|sa|ses|leur|leurs|lui|{DEMONSTRATIVE})\b")
# How much of the previous answer tells what it was about: its first line.
CONTEXT_CHARS = 160


def points_back(question: str) -> bool:
    """« il occupe quelle fonction ? », « ça sert à quoi ? », « c'est quel genre d'accord ? »: a
    pronoun for what was just said."""
    folded = fold(question)
    return _POINTS_BACK.search(folded) is not None or _IT_IS.match(folded) is not None


def previous_exchange(tracker: Tracker) -> tuple[str, str]:
    """The user's previous message and the first line of the bot's answer to it."""
    asked, said = previous_turn(tracker)
    lines = said.splitlines()
    # « Action internationale — Département d'Ille-et-Vilaine : » heads the lines that say it (a
    # list's first item is not what the list is about)
    heading = len(lines) > 1 and lines[0].rstrip().endswith(":") and not lines[1].lstrip().startswith("•")
    first = " ".join(lines[:2]) if heading else (lines or [""])[0]
    return asked, first[:CONTEXT_CHARS]


def leans_on_context(kb: KnowledgeBase, question: str) -> bool:
    """Whether the question only makes sense with the previous turn: « et pour Suresnes ? »,
    « depuis quand ? », « il couvre quelles années ? ». A short question naming what it is
    about (« qui est le maire de Suresnes ? ») stands on its own."""
    folded = untagged(question)  # « ça fait une dizaine d'années, c'est ça ? »: the tag adds nothing
    if _THIS_ONE.search(folded) or _IN_THIS_FRAME.search(folded):
        return True  # « et ce programme, il vise quel niveau d'enseignement ? », « dans ce cadre », however long
    if not folded or len(folded.split()) > ELLIPTIC_WORDS:
        return False
    if _LEANS_ON_CONTEXT.search(_SAID_FIRST.sub(" ", folded)):
        return True
    if named_entities(kb, question, ALL_NAMED + ("topic",)):
        return False
    # « c'est quelle instance exactement, une ville ? »: « c'est » stands for what was just named
    return len(content_groups(question)) <= 2 or _IT_IS.match(folded) is not None


def with_context(kb: KnowledgeBase, tracker: Tracker, question: str) -> str:
    """The question, plus the previous exchange when it leans on it."""
    if not leans_on_context(kb, question):
        return question
    asked, said = previous_exchange(tracker)
    return " ".join(part for part in (question, asked, said) if part)


# What a follow-up naming nothing is about, most specific first: a partner, a programme (a
# service's passages seldom name it: the body it belongs to stands for it).
FOCUS_KINDS = ("partner", "programme")
# How deep the passages about that are looked for.
FOCUS_DEPTH = 24


def previous_focus(kb: KnowledgeBase, tracker: Tracker) -> tuple[str, list[list[str]], list[str]]:
    """What the previous exchange was about: the kind and names of the most specific entities
    it named (any of them will do: « lesquelles ? » after three partners), and the body it
    named, if only one."""
    asked, said = previous_exchange(tracker)
    bodies = named_bodies(kb, f"{asked} {said}")
    body = bodies[:1] if len(bodies) == 1 else []
    # what the user named first: the answer may name more (« Louga ? » answered with every partner)
    for text in (asked, said):
        for kind in FOCUS_KINDS:
            named = named_entities(kb, text, (kind,))
            if named:
                return kind, named, body
    return "", [], body


def of_body(kb: KnowledgeBase, passage: Passage, body_id: str) -> bool:
    """Whether the passage is the body's, or a general one (a definition) that names no other
    body: the definition of a twinning, with Namur's as example, is not Suresnes'."""
    if passage.body_id is not None:
        return passage.body_id == body_id
    return not set(named_bodies(kb, f"{passage.title} {passage.text}")) - {body_id}


def wider_than_focus(kb: KnowledgeBase, tracker: Tracker, typed: str, answer: str) -> bool:
    """Whether a follow-up naming nothing, after an exchange about one entity, got an answer
    naming others of its kind too: « la culture en fait partie aussi ? » after Louga's
    domains is not answered by the list of every partner."""
    if named_entities(kb, typed, ALL_NAMED):
        return False
    kind, named, _ = previous_focus(kb, tracker)
    return len(named) == 1 and any(other != named[0] for other in named_entities(kb, answer, (kind,)))


def without_ranks(groups) -> list[tuple[str, ...]]:
    """The word groups that are not a rank: the title that tells what « le deuxième objectif
    du Vivre mieux » is about is not the one that counts « 2 objectifs »."""
    return [g for g in groups if not any(rank_of(w) for w in g)]


def focused(hits: list[Passage], question: str, weight) -> Passage:
    """Among the passages about as good as the best, the one whose title names the question's
    most telling word (« convergence », not « stratégie »): it is about what is asked."""
    top = hits[0]
    near = [p for p in hits if p.score >= top.score - NEAR]
    groups = without_ranks(content_groups(question))
    if len(near) < 2 or not groups:
        return top
    rarest = max(groups, key=weight)
    return next((p for p in near if Evidence.of(p.title).has(rarest)), top)


def best_fit(hits: list[Passage], typed: str, question: str, weight, claim_weight, subject_weight) -> Passage:
    """The passage to weigh against the action's answer, among those about as good as the best:
    for « combien », one that states the count; else one that speaks of all the question is
    about; else the most focused."""
    near = [p for p in hits if p.score >= hits[0].score - NEAR]
    if question_shape(typed) == DATE:
        dated = dated_fit(hits, typed, 2 * NEAR)
        if dated:
            return dated
    if question_shape(typed) == WHO:
        named = next((p for p in near if names_someone(p.text)), None)
        if named:
            return named
    if question_shape(typed) == HOW_MANY or counted_thing(typed):
        counting = next((p for p in hits if p.score >= hits[0].score - 2 * NEAR and gives_count(typed, p.text)), None)
        if counting:
            return counting
    if question_shape(typed) in (WHICH, OTHER):
        listing = listing_fit(hits, question, 2 * NEAR)
        if listing:
            return listing
    titled = about_subject(hits, question, claim_weight, subject_weight)
    if titled:
        return titled
    return next((p for p in near if answers_all(question, p, claim_weight)), None) or focused(hits, question, weight)


def listing_fit(hits: list[Passage], question: str, within: float) -> Passage | None:
    """« valeurs de la province ? », « quels sont les grands enjeux du PST ? »: a plural asked
    wants the passage that counts them all (« quatre valeurs : la proximité… »), not the one
    on a single value that ranks as high."""
    return next((p for p in hits if p.score >= hits[0].score - within and counts_plural(question, p.text)), None)


# « quels jumelages… ? », « avec quelles collectivités… ? »: several things asked for.
_SEVERAL_ASKED = re.compile(r"\b(?:quels|quelles) (?:sont )?(?:les |des )?(?:\w+ )?\w{3,}[sx]\b")
_LISTED = re.compile(r"^\s*•", re.MULTILINE)


def asks_several(question: str) -> bool:
    return _SEVERAL_ASKED.search(fold(question)) is not None


def counts_plural(question: str, text: str) -> bool:
    """Whether `text` gives the number of the thing a short question asks for in the plural: its
    first noun (« valeurs », « enjeux »), not a name (« Suresnes ») nor one among many claims
    (« quels enjeux Suresnes partage-t-elle avec ses villes partenaires ? »)."""
    claims = [g[0] for g in claims_of(question) if not _named_in(g[0], question)]
    asked = [w for w in claims[:2] if len(w) > 4 and w[-1] in "sx"]  # « les grands enjeux »
    return len(claims) <= PLURAL_CLAIMS and any(gives_count(f"combien de {w}", text) for w in asked)


def _named_in(word: str, question: str) -> bool:
    """Whether the folded `word` is written with a capital in the question (a name)."""
    return any(fold(w) == word and w[:1].isupper() for w in re.findall(r"[\w-]+", question))


def about_subject(hits: list[Passage], question: str, claim_weight, subject_weight) -> Passage | None:
    """A passage whose title names what the question is about (its most telling claim:
    « enjeux » in « combien d'enjeux compte le PST ? »), found not far below the best: a
    passage that merely mentions it among many other things ranks high on long texts."""
    claims = [g for g in claims_of(question) if subject_weight(g) > 0]
    if without_ranks(claims) != claims:
        return None  # « le 3e objectif du Vivre mieux »: a rank points into a list, not to a title
    if not claims:
        return None
    subject = max(claims, key=subject_weight)
    if subject[0] in Evidence.of(hits[0].title).words:
        return hits[0]  # the best is already titled with the very word asked
    titled = [p for p in hits if p.score >= hits[0].score - WIDE and Evidence.of(p.title).has(subject)
              and answers_all(question, p, claim_weight)]
    # Between equals, the title with the very word asked (« valeurs »), then the shorter one, is
    # the more about it (« Nos valeurs… », not « Indicateurs du PST sans valeur chiffrée »).
    return max(titled, key=lambda p: (round(p.score, 2), subject[0] in Evidence.of(p.title).words,
                                      -len(p.title.split())), default=None)


ALL_NAMED = ("service", "programme", "partner", "body")
# Words that ask about a topic as a whole: « que fait… », « parlez-moi de… », « présentez… »,
# « il s'occupe de quoi ? ».
OVERVIEW_WORDS = frozenset("fait faire font fais parler parlez presenter presentez presentation general generale "
                           "role mission missions but objet resume sert servir utilite occupe occupent occuper".split())
# Passages that describe a whole body or service.
OVERVIEWS = ("body", "service")
# Entities whose mention in a question the answer must share: « le budget du SREI » is not
# answered by the budget participatif, which never names the SREI.
NAMED_KINDS = ("service", "programme", "partner")


def named_entities(kb: KnowledgeBase, question: str, kinds: tuple[str, ...] = NAMED_KINDS) -> list[list[str]]:
    """For each entity of these kinds the question names, the folded names it goes by."""
    names: dict[tuple[str, str], list[str]] = {}
    for kind, entity_id, folded in kb.names():
        if kind in kinds:
            names.setdefault((kind, entity_id), []).append(folded)
    folded = f" {fold(question)} "
    return [aliases for aliases in names.values() if any(f" {a} " in folded for a in aliases)]


def speaks_of(entities: list[list[str]], passage: Passage) -> bool:
    """Whether the passage names every entity the question names (by any of its names)."""
    text = f" {fold(passage.title + ' ' + passage.text)} "
    return all(any(f" {a} " in text for a in aliases) for aliases in entities)


def weights_beside_names(kb: KnowledgeBase, question: str, kinds: tuple[str, ...] = ALL_NAMED):
    """Word weights for this question, nil for the words of what it names: in « combien de
    personnes travaillent au service des relations extérieures ? », only « personnes » says
    what is asked, and a passage on the service that lacks it does not answer."""
    names = {w for aliases in named_entities(kb, question, kinds) for a in aliases for w in a.split()}

    def weight(group: tuple[str, ...]) -> float:
        return 0.0 if names.intersection(group) else kb.term_weight(group)

    return weight


def asks_overview(kb: KnowledgeBase, question: str) -> bool:
    """« Que fait le SREI ? », « parlez-moi du PST »: the question names a topic (a service,
    programme, partner, body or notion) and asks nothing more specific about it."""
    if question_shape(question) != OTHER:
        return False
    names = " ".join(" ".join(a) for a in named_entities(kb, question, ALL_NAMED))
    names += " " + " ".join(n for kind, _i, n in kb.names() if kind == "topic" and f" {n} " in f" {fold(question)} ")
    rest = [g for g in content_groups(question) if not Evidence.of(names).has(g)]
    return all(OVERVIEW_WORDS.intersection(g) for g in rest)


def answers_all(question: str, passage: Passage, weight) -> bool:
    """Whether the passage speaks of everything the question is about (its nouns, names,
    numbers): « combien d'habitants à Louga ? » is not answered by a passage on Louga."""
    return unsaid(question, with_demonyms(passage), weight) <= UNSPOKEN


def with_demonyms(passage: Passage) -> str:
    """The passage's title and text, and the nationality adjectives of the countries it names:
    « Province du Jiangsu (Chine) » says what « la province chinoise » asks about."""
    text = f"{passage.title} {passage.text}"
    return f"{text} {' '.join(demonyms_named(text))}"


def unsaid(question: str, text: str, weight) -> float:
    """Share of what the question is about that `text` does not say: its claims. Those of the
    sentences where the user speaks of themselves are not asked of `text` (« conseillère dans
    une asbl »), but a question that claims nothing anywhere (« il va pleuvoir demain ? »,
    which any passage would vacuously say all of) is measured by its content words."""
    if claims_something(question):
        return unsupported_share(question, text, weight)
    return 1.0 - coverage(question, text, weight)


def claims_something(question: str) -> bool:
    """Whether the question claims anything, in its core or where the user speaks of themselves."""
    return bool(claims_of(question) or claims_in(question))


def says_all(question: str, passage: Passage, weight) -> bool:
    """A passage that says every one of at least CLAIMS_ALL things the question is about
    answers it even when the question's other words (« dédié », « concrètement ») lower its
    search score: « un office dédié à l'agriculture ? » and the Office provincial agricole."""
    telling = [g for g in claims_of(question) if weight(g) > 0]  # names of entities tell nothing here
    return (passage.score >= MIN_SAID and len(telling) >= CLAIMS_ALL
            and unsupported_share(question, with_demonyms(passage), weight) == 0)


def titled_by(question: str, passage: Passage) -> bool:
    """A passage whose title names all the question is about (« et efficience, ça veut dire
    quoi concrètement ? » and « Stratégie… : efficience »), even when the question's other
    words (« concrètement ») lower its search score."""
    claims = claims_of(question)
    title = Evidence.of(passage.title)
    return passage.score >= MIN_SAID and bool(claims) and all(title.has(g) for g in claims)


def answering(hits: list[Passage], question: str, weight) -> Passage | None:
    """The passage that answers a question the NLU could not place, if one clearly does.

    It must fit the question's words well enough and speak of everything the question is
    about; a closed question (« … c'est bien ça ? ») may state something false, so it needs a
    passage that fits its words strongly instead.
    """
    # A closed question that claims nothing (« il va pleuvoir demain ? ») has nothing for a
    # verdict to check: it must fit like an open one.
    if question_shape(question) == YES_NO and claims_something(question):
        # Its claim may be false (« jumelée avec Dakar ? », « pour 2050 ? »): the passage need
        # only speak of most of what it is about, numbers aside; the verdict says the rest.
        def beside_numbers(group: tuple[str, ...]) -> float:
            return 0.0 if group[0].isdigit() or group[0] in NUMBER_WORD_SET else weight(group)

        def fits(p: Passage) -> bool:
            left = unsaid(question, with_demonyms(p), beside_numbers)
            # « signé en 2010, n'est-ce pas ? »: a passage that says all the rest, found less
            # strongly because of the false figure, is what the claim is checked against.
            return (p.score >= MIN_CLOSED and left <= HALF) or (p.score >= MIN_SAID and left <= CLOSE_TO_ALL)

        candidates = [p for p in hits if fits(p) or says_all(question, p, weight)]
        if not candidates and hits[0].score >= CLEAR_CLOSED:
            # « La Province prévoit-elle un e-guichet sur son site internet ? »: the passage found
            # best, and found well, is what the claim is checked against, even when the question
            # words the rest differently (« site internet performant »); the verdict says the rest.
            candidates = hits[:1]
        # « a-t-elle cinq écoles secondaires ? »: the passage that counts them is the one to check.
        return next((p for p in candidates if gives_count(question, p.text)), candidates[0] if candidates else None)
    fitting = [p for p in hits if (p.score >= MIN_UNPLACED and answers_all(question, p, weight))
               or says_all(question, p, weight) or titled_by(question, p)]
    if fitting and question_shape(question) == DATE:
        return dated_fit(fitting, question, 2 * NEAR) or fitting[0]
    return fitting[0] if fitting else None


# Words at most in the name of one item of a family of passages (« Stratégie de la Province de
# Namur : cohérence »).
ITEM_WORDS = 4


def item_titled(passage: Passage, group: tuple[str, ...]) -> bool:
    """Whether the passage is one item of a family, named `group` in its title's last part
    (« … : cohérence »), not a passage whose long title only mentions it."""
    item = passage.title.split(" : ")[-1]
    return " : " in passage.title and len(item.split()) <= ITEM_WORDS and Evidence.of(item).has(group)


def says_again(answer: str, said_before: str) -> bool:
    """Whether `answer` only says again what the previous answer said."""
    words = Evidence.of(answer).words
    return bool(words) and len(words & Evidence.of(said_before).words) / len(words) >= CONTAINED


def in_context_of_previous(kb: KnowledgeBase, hits: list[Passage], typed: str, answer: str,
                           outcome: str, after_other: bool = False, said_before: str = "",
                           on_focus: bool = False) -> Choice | None:
    """For a follow-up: among the passages found with the previous exchange, the one that holds
    the words typed now (« Chine » in « et celle en Chine ? »), named in its title if possible.

    `after_other`: the answer is of another kind than the previous one and says little of what
    is asked; a pronoun then points to what was just said (« il occupe quelle fonction ? »
    after the brochure's publisher), not to the topic the intent would answer (the service).

    `on_focus`: every passage is about the partner or programme the previous exchange named.

    `said_before`: the previous answer. A new question is not answered by saying it again
    (« quelle association est soutenue pour ça ? » after the fourth priority): a passage not
    yet said that holds more of the words typed now answers instead."""
    weight = kb.term_weight
    shape, asked = question_shape(typed), typed
    # « c'est dans quel pays ? » after Louga: the answer names « Sénégal », not « pays »
    kind = kind_asked(typed)
    typed = without_kinds_asked(typed) or typed
    groups = content_groups(typed)
    rarest = max(groups, key=weight) if groups else None

    def key(p: Passage) -> tuple:
        named = rarest is not None and Evidence.of(p.title).has(rarest)
        # « et Suresnes, elle a combien de villes jumelles ? »: the passage that gives the number
        uncounted = shape == HOW_MANY and not gives_count(asked, p.text)
        # « et le jumelage, il a commencé quand ? »: likewise the passage that gives a date
        undated = shape == DATE and not gives_shape(p.text, DATE)
        # « il soutient quelle association pour ça ? »: the passage that names one
        unnamed = kind is not None and not names_kind(kind, p.text)
        return (uncounted, undated, unnamed, -round(coverage(typed, f"{p.title} {p.text}", weight), 2), not named,
                -p.score)

    # « il occupe quelle fonction ? », « elle porte sur quels secteurs ? »: a pronoun points to
    # what was just answered; the passage found best with that exchange answers, even when
    # the follow-up words it differently.
    # found weakly, what was just said may be anything; all about the partner or programme the
    # exchange named (`on_focus`), it is what the pronoun points to, however long the exchange
    pointed = points_back(typed) and (hits[0].score >= MIN_UNPLACED or on_focus)
    if pointed and asks_reach(asked) and hits[0].entry_type != "contact" and not lacks_reach(asked, hits[0].text):
        # « son adresse ? » after the brochure's publisher: the address what was just said gives,
        # not the service's card
        return Choice(hits[0], replaces=not holds(Evidence.of(answer), hits[0]))
    top = min(hits, key=key)
    own = [g for g in groups if len(g[0]) >= 4]
    if (pointed and top is not hits[0] and not any(Evidence.of(top.title).has(g) for g in own)
            and not about_what_was_said(kb, top, said_before, weight)):
        # « Qu'est-ce qu'elle propose d'utile ? » after CITIM: « elle » is CITIM, and a passage
        # that only holds « propose » and « utile » (the PST's) is about something else; « Et le
        # réseau points-nœuds, il fait combien ? » names what it is about itself, in that title
        top = hits[0]
    # « depuis quand ? » has no word of its own: the passage found with the previous
    # exchange is the answer if it is found well.
    covers = coverage(typed, f"{top.title} {top.text}", weight) if groups else top.score
    # what was just said is not the answer to a new question when a passage not yet said holds
    # more of its words
    said = Evidence.of(said_before)
    moves_on = (bool(said_before) and top is not hits[0] and holds(said, hits[0]) and not holds(said, top)
                # « quel article du CDLD ? » asks more of what was said when it holds as much of it
                and covers > coverage(typed, said_before, weight)
                and not _PICKS_ONE.search(fold(asked)))  # « lequel concerne les écoles ? » picks in it
    # « Et la cohérence, ça consiste en quoi ? » after the four keywords: the passage titled with the
    # one named, which the passage found with the exchange only lists
    titled = len(groups) == 1 and item_titled(top, rarest) and not Evidence.of(hits[0].title).has(rarest)
    if pointed and covers < MIN_UNSURE and not moves_on and not titled:
        top = hits[0]
        # « et cette région compte combien d'habitants ? »: what was just said must hold the
        # number asked (a duration: a date will do), else the action's answer stands
        if shape == HOW_MANY and not (gives_count(asked, top.text)
                                      or (_DURATION.search(fold(asked)) and gives_shape(top.text, DATE))):
            return None
    if covers < (MIN_UNSURE if groups else MIN_UNPLACED) and not pointed:
        return None  # the words typed now are not in it: the action's own context decides
    if outcome != ANSWERED:
        return Choice(top, replaces=True)
    if holds(Evidence.of(answer), top):
        return Choice(top, replaces=False)
    if (len(groups) == 1 and item_titled(top, rarest) and not Evidence.of(answer_title(answer)).has(rarest)
            and covers >= coverage(typed, answer, weight)):
        # « Et la cohérence ? » after the overview of the four keywords: the passage titled with
        # the one thing named (and nothing else asked) answers, not a text that only names it among others
        return Choice(top, replaces=True)
    if pointed and after_other:
        return Choice(top, replaces=True)
    if (moves_on or (said_before and says_again(answer, said_before) and not holds(said, top))) \
            and covers > coverage(typed, answer, weight):
        return Choice(top, replaces=True)
    return Choice(top, replaces=covers - coverage(typed, answer, weight) >= CLEARLY)


# « Et la dernière ? », « la deuxième ? »: an ordinal alone, after an answer titled with a rank.
_ORDINAL_ALONE = re.compile(rf"^(?:(?:et|alors|puis|ok|d accord) )*(?:la |le |l )?(?:toute |tout )?({'|'.join(ORDINALS)})"
                            r"(?: (?:alors|donc|svp|stp))?$")


def ranked_sibling(kb: KnowledgeBase, typed: str, said_before: str) -> Passage | None:
    """For « et la dernière ? » after « Priorité 1 de l'Ille-et-Vilaine : … »: the passage titled
    with that rank of the same thing (the last: the highest rank there is)."""
    m = _ORDINAL_ALONE.match(untagged(typed).strip())
    if not m:
        return None
    title = title_under_heading(said_before)
    kinds = ranked_kinds(title)
    if not kinds or not ranks_in(title):
        return None
    ranked = [(rank, p) for p in kb.search(title, limit=DEEP, words=question_words(title))
              if kinds & ranked_kinds(p.title)
              and len(ranks := ranks_in(p.title)) == 1 and (rank := next(iter(ranks))) != -1]
    if not ranked:
        return None
    wanted = ORDINALS[m.group(1)]
    wanted = max(r for r, _ in ranked) if wanted == -1 else wanted
    return next((p for r, p in ranked if r == wanted), None)


def about_what_was_said(kb: KnowledgeBase, passage: Passage, said_before: str, weight) -> bool:
    """Whether the passage speaks of what the previous answer was about, as its title says: one
    of the things it names (« CITIM », « l'Ille-et-Vilaine » in « Priorité 4 de l'Ille-et-Vilaine »),
    else its most telling word (« nœuds » in « Étendue du réseau points-nœuds »)."""
    title = answer_title(said_before)
    named = named_entities(kb, title, ALL_NAMED + ("topic",))
    if named:
        return speaks_of([[a for aliases in named for a in aliases]], passage)
    groups = [g for g in content_groups(title) if not g[0].isdigit() and not any(rank_of(w) for w in g)]
    return not groups or Evidence.of(f"{passage.title} {passage.text}").has(max(groups, key=weight))


def first_fitting(hits: list[Passage], fits: Callable[[Passage], bool]) -> Passage | None:
    """The first passage that `fits` among those found nearly as well as the best."""
    if not hits:
        return None
    floor = max(MIN_UNPLACED, COUNT_SHARE * hits[0].score)
    return next((p for p in hits if p.score >= floor and fits(p)), None)


def counting_passage(hits: Callable[[], list[Passage]], question: str, answer: str) -> Passage | None:
    """For « combien de … ? » answered without that number: a passage among the first found
    that counts the thing asked (« 3 écoles secondaires »)."""
    if question_shape(question) != HOW_MANY or gives_count(question, answer):
        return None
    return first_fitting(hits(), lambda p: gives_count(question, p.text))


# A word of the question this specific (IDF weight) tells what the sum asked is for
# (« participatif »), unlike « province » or « projets ».
AMOUNT_SUBJECT_WEIGHT = 2.0


def amount_passage(hits: Callable[[], list[Passage]], question: str, answer: str,
                   weight: Callable[[tuple[str, ...]], float]) -> Passage | None:
    """For « quel est le montant du budget participatif ? » answered without a sum (a decline):
    a passage among the first found that gives a sum and says what it is for, a specific word
    of the question other than those asking for a sum. The passages found already speak of
    what the question names: « le budget du PISI ? » finds no sum of the PISI's."""
    if not asks_amount(question) or gives_amount(answer):
        return None
    subject = [g for g in content_groups(question) if not AMOUNT_WORDS.intersection(g) and weight(g) >= AMOUNT_SUBJECT_WEIGHT]

    def fits(p: Passage) -> bool:
        said = Evidence.of(f"{p.title} {p.text}")
        return gives_amount(p.text) and any(said.has(g) for g in subject)

    return first_fitting(hits(), fits)


def reason_passage(hits: Callable[[], list[Passage]], question: str, answer: str, weight) -> Passage | None:
    """For « pourquoi… ? » answered without a reason (a service's missions for « pourquoi
    s'engage-t-il à l'international ? »): a passage among the first found that gives one."""
    if not asks_why(question) or gives_reason("", answer):
        return None
    # a purpose answers « dans quel but ? »; « pourquoi ? » looks for a cause first (« pourquoi la
    # Province s'occupe-t-elle d'international ? » met by the SREI's missions)
    purpose = answers_why(answer)
    if purpose and not asks_cause(question):
        return None
    # ...and says as much of the question as the answer, its rare words weighing most: « pourquoi
    # mobiliser les entreprises ? » or « pourquoi la Province gère-t-elle les rivières… ? » is
    # not answered by why the Province works abroad at all, which says « province » too.
    said = coverage(question, answer, weight)
    covered = {p.id: coverage(question, f"{p.title} {p.text}", weight) for p in hits()}
    found = [p for p in hits() if covered[p.id] >= said]
    cause = (first_fitting(found, lambda p: gives_reason(p.title, p.text))
             # found weakly (« s'occupe », « international » are common words) but saying more of
             # the question than the answer does, and as much as any passage found: « pourquoi
             # gère-t-elle les rivières… ? » has its own passage, which says « rivières »
             or next((p for p in found if gives_reason(p.title, p.text)
                      and covered[p.id] > said and covered[p.id] >= max(covered.values())), None))
    if cause is not None or purpose:
        return cause
    # else a purpose (« pourquoi forme-t-il ses partenaires ? » : « aider des partenaires à
    # devenir autonomes en les formant »)
    return first_fitting(found, lambda p: answers_why(f"{p.title} {p.text}"))


# « Outre ses coopérations, … ? », « … en plus de ses propres coopérations ? »: what the question
# sets aside, up to a comma or the end.
_BESIDES = re.compile(r"\b(?:outre|en plus d(?:e|es|u)|a part|hormis|au dela d(?:e|es|u)|en dehors d(?:e|es|u))\s+([^,?]+)",
                      re.IGNORECASE)
# A passage that adds to what is set aside says so.
_ADDS = re.compile(r"\b(?:aussi|egalement|en outre|par ailleurs|de plus)\b")
# Share of what is set aside the answer must say to be only that.
SET_ASIDE_SAID = 0.5
# Share of the rest of the question the passage that adds may leave unsaid: it often points
# back to it (« pour promouvoir ce développement, … aussi les associations »).
REST_UNSAID = 0.8


def _listed_with_others(aside: str, answer: str) -> bool:
    """Whether `answer` names what is set aside in a list with others (« la formation des élus et
    des techniciens »): those others answer « qui d'autre ? »."""
    folded = fold(answer)
    for group in content_groups(aside):
        root = stem(group[0])
        item = rf"{re.escape(root)}\w*"
        if re.search(rf"\b{item}(?:,| et| ou) (?:(?:des|les|la|le|l|du|de|d|aux?) )?\w+|\w+(?:,| et| ou) "
                     rf"(?:(?:des|les|la|le|l|du|de|d|aux?) )?{item}\b", folded):
            return True
    return False


def besides_passage(hits: Callable[[], list[Passage]], question: str, answer: str, weight) -> Passage | None:
    """For « outre ses propres coopérations, qui l'Ille-et-Vilaine soutient-elle pour le
    développement ? » answered with its cooperation itself: a passage among the first found
    that adds something (« soutient aussi les associations… ») and says the rest asked. A name
    set aside (« à part le PISI », « outre Louga ») is left to the follow-ups on other members."""
    if question_shape(question) == YES_NO:
        return None  # « hormis ses jumelages, mène-t-elle des coopérations… ? » weighs a claim
    core = re.sub(r"['’]", " ", unaccent(question_core(question)))  # commas and capitals kept
    m = _BESIDES.search(core)
    if not m or re.search(r"\b[A-Z]", m.group(1)) or _ADDS.search(fold(answer)):
        return None  # a name set aside, or an answer that already adds something
    core = core.lower()
    rest = core[:m.start()] + " " + core[m.end():]
    found = hits()
    # what would be said: the answer, or the first passage when the answer only asks back
    said = [text for text in [answer, *(f"{p.title} {p.text}" for p in found[:1])]
            if unsupported_share(m.group(1), text, weight) <= SET_ASIDE_SAID]
    if not content_groups(m.group(1)) or not content_groups(rest) or not said:
        return None
    if any(_listed_with_others(m.group(1), text) for text in said):
        return None  # « à part les élus, qui d'autre est formé ? »: « des élus et des techniciens »
    return first_fitting(found, lambda p: _ADDS.search(fold(p.text)) is not None
                         and not any(fold(p.text[:80]) in fold(s) for s in said)
                         and unsupported_share(rest, f"{p.title} {p.text}", weight) <= REST_UNSAID)


# « Quelle association… ? », « quel article… ? »: a kind whose things have names of their own,
# which a right answer gives with the kind (« l'Association Jeunes à Travers le Monde »).
_KIND_ASKED = re.compile(r"\b(?:quel|quelle|quels|quelles|kel|kelle) (associations?|asso|articles?|lois?|decrets?|"
                         r"logiciels?|labels?|reseaux?|musees?|ecoles?|colleges?|lycees?|hopitaux|hopital)\b")


def kind_passage(hits: Callable[[], list[Passage]], question: str, answer: str) -> Passage | None:
    """For « quelle association l'Ille-et-Vilaine soutient-elle… ? » answered with its priority
    for young people, which names no association: a passage among the first found that names
    one (« l'Association Jeunes à Travers le Monde »)."""
    kind = kind_asked(question)
    if kind is None:
        return claimed_kind_passage(hits, question, answer)
    if names_kind(kind, answer):
        return None
    return first_fitting(hits(), lambda p: names_kind(kind, p.text))


# « …soutient l'association Jeunesse Sans Frontières, c'est bien ça ? »: a thing of a named kind
# the closed question names, up to the end of its capitalised words.
_KIND_NAMED = re.compile(r"\b(associations?|logiciels?|labels?|reseaux?|musees?|ecoles?|colleges?|lycees?)\s+"
                         r"((?:(?:de|du|des|d'|la|le|l')\s*)?[A-ZÀ-Ý][\w-]*(?:\s+(?:(?:de|du|des|d'|la|le|l'|à|a)\s*)?[A-ZÀ-Ý][\w-]*)*)")


def claimed_kind_passage(hits: Callable[[], list[Passage]], question: str, answer: str) -> Passage | None:
    """For a closed question naming a thing of a kind the sources name otherwise (« l'association
    Jeunesse Sans Frontières, c'est bien ça ? ») answered without it nor any of that kind: a
    passage among the first found naming one, whose name the « Non » then gives."""
    if question_shape(question) != YES_NO:
        return None
    plain = unaccent(question_core(question))
    for m in _KIND_NAMED.finditer(plain):
        kind, name = m.group(1).lower(), m.group(2)
        if fold(name) not in fold(answer) and not names_kind(kind, answer):
            return first_fitting(hits(), lambda p, kind=kind: names_kind(kind, p.text))
    return None


def kind_asked(question: str) -> str | None:
    """The kind of thing with a name of its own an open question asks for (« quelle association »)."""
    m = _KIND_ASKED.search(fold(question))
    return m.group(1) if m and question_shape(question) != YES_NO else None


def names_kind(kind: str, text: str) -> bool:
    """Whether `text` names a thing of that kind: « ses musées » names none, « le Musée Rops » or
    « le collège Henri Sellier » do; a law is named by its date, so the kind alone will do."""
    root = stem(kind.rstrip("sx"))
    if _NAMED_KIND.match(kind):
        return any(stem(fold(k.group(1) or k.group(2))).startswith(root) for k in _KIND_AND_NAME.finditer(text))
    return any(stem(w).startswith(root) for w in fold(text).split())


# Kinds whose things are known by a name of their own, not by a date or a number (« la loi
# du 25 janvier 2007 », « l'article L1115-1 »)...
_NAMED_KIND = re.compile(r"(?:associations?|asso|logiciels?|labels?|reseaux?|musees?|ecoles?|colleges?|lycees?|"
                         r"hopitaux|hopital)$")
# ...which a right answer gives as the kind and its name: a capital after it, or the kind
# written with one inside a sentence (« le TreM.a Musée des arts anciens »).
_KIND_AND_NAME = re.compile(r"\b(\w+)(?=\s+(?:(?:de|du|des|d'|d’|la|le|l'|l’)\s*)?[A-ZÀ-Ý])|(?<=\w )([A-ZÀ-Ý]\w+)")


# « dans quel pays ? », « c'est quelle région ? »: where a place is, by the kind of place.
_PLACE_ASKED = re.compile(r"\b(quel|quelle|kel|kelle) (pays|ville|region|continent|coin|endroit|partie du monde)\b")


def place_passage(kb: KnowledgeBase, question: str, answer: str) -> Passage | None:
    """For « holon c ou ? », « Münden, c'est dans quel pays ? »: the entry of the one partner the
    question names, which says where it is, when the answer does not say its country."""
    if question_shape(question) != WHERE and not _PLACE_ASKED.search(fold(question)):
        return None
    partners = kb.find_mentions("partner", question)
    if len(partners) != 1:
        return None
    [partnership] = kb.partnerships(partnership_id=partners[0]) or [None]
    if partnership is None or not partnership.country or fold(partnership.country) in fold(answer):
        return None
    folded = f" {fold(question)} "
    said = {name for kind, entity_id, name in kb.names()
            if kind == "partner" and entity_id == partnership.id and f" {name} " in folded}
    if said <= {fold(partnership.country)}:
        return None  # named by its country (« la plateforme pour Haïti »): where it is, is known
    return next((p for p in kb.search(question, limit=DEEP, words=question_words(question))
                 if p.entry_type == "partnership" and p.entry_id == partnership.id), None)


# « CITIM signifie… ? », « le PST, c'est l'abréviation de… ? »: a claim about what a term means,
# which the term's own definition decides.
_CLAIMS_MEANING = re.compile(r"\b(signifie|signifient|veut dire|veulent dire|designe|designent|abreviation|sigle|"
                             r"acronyme|(est|c est) (le|la|l) (nom|diminutif))\b")


def claim_about_named(kb: KnowledgeBase, hits: Callable[[], list[Passage]], question: str) -> Passage | None:
    """For a closed question about the one term, programme or partner it names (« Le SAILFE est
    destiné aux personnes âgées, non ? », « CITIM signifie… ? ») that no passage fits well
    enough: that thing's own entry, which the claim is checked against."""
    if question_shape(question) != YES_NO:
        return None
    folded = f" {fold(question)} "
    named = {(kind, entity_id) for kind, entity_id, name in kb.names() if kind in _OWN_ENTRIES and f" {name} " in folded}
    if len(named) != 1:
        return None
    [(kind, entity_id)] = named
    own = next((p for p in hits() if p.entry_type == _OWN_ENTRIES[kind] and p.entry_id == entity_id), None)
    if own is None:
        return None
    # only when the entry decides the claim: it says it, or says the thing otherwise (another
    # expansion of the acronym, another value of the same kind); a figure it lacks (« un budget
    # de 50 000 € ? ») is a question the sources do not answer
    text = f"{own.title} {own.text}"
    decided = (confirms(question, text, kb.term_weight) or says_otherwise(question, text, kb.term_weight)
               or (own.entry_type == "definition" and _CLAIMS_MEANING.search(fold(question)) is not None))
    return own if decided else None


# The rank is what the question is about when it comes first (« La troisième priorité…, c'est… ? »,
# « priorité 4 c koi »), not when it is said of something named before (« X est la deuxième priorité ? »).
_RANK_LEADS = re.compile(rf"^(?:et |alors |est ce que |est ce qu |selon \w+ )?(?:(?:la|le|l|leur|sa|son) )?(?:toute |tout |tres )?"
                         rf"(?:(?:{'|'.join(o for o in ORDINALS if o.isalpha())}) (?:\w+ )?(?:priorite|objectif|enjeu|axe|volet|etape)s?"
                         rf"|(?:priorite|objectif|enjeu|axe|volet|etape)s?(?: strategique| operationnel)? (?:n |numero )?\w+)\b")


def ranked_passage(hits: Callable[[], list[Passage]], question: str, answer: str) -> Passage | None:
    """For « la troisième priorité, c'est de mobiliser les entreprises ? » or « priorité 4, c'est
    quoi ? »: the passage titled with that rank of that thing, when the answer's first line has
    another. The claim is then checked against what really holds that rank."""
    core = question_core(question)
    kinds = ranked_kinds(question)
    asked = {r for r in ranks_in(question) if r != -1}  # « la dernière » needs the count
    if not (_RANK_LEADS.match(fold(core)) or _RANK_LEADS.match(fold(core.split(",", 1)[-1]))):
        # « la mobilité des jeunes est la première priorité ? » is about the mobility: answered
        # with the overview of the ranked things, the ranked passage saying it, whose rank the
        # verdict then weighs (« Quatrième et dernière priorité » : « Non »)
        if len(asked) != 1 or not kinds or question_shape(question) != YES_NO or ranks_in(answer_title(answer)):
            return None
        rank_words = {w for w in fold(question).split() if ranks_in(w)} | kinds
        subject = [g for g in claims_to_confirm(question) if not rank_words.intersection(g) and not g[0].isdigit()]
        return next((p for p in hits() if subject and ranks_in(p.title) and kinds & ranked_kinds(p.title)
                     and all(Evidence.of(f"{p.title} {p.text}").has(g) for g in subject)), None)
    if len(asked) != 1 or not kinds or asked & ranks_in(answer_title(answer)):
        return None
    return next((p for p in hits() if ranks_in(p.title) == asked and kinds & ranked_kinds(p.title)), None)


# « quel élu s'occupe de… ? » asks for someone elected, whatever office the sources give them.
_ELECTED = re.compile(r"\belu(?:e|s|es)?\b")
ELECTED_ROLES = frozenset({"adjoint", "maire", "president", "vice president", "echevin", "depute", "senateur"})


def role_passage(hits: Callable[[], list[Passage]], question: str, answer: str, body_id: str | None) -> Passage | None:
    """For « qui est le maire de Suresnes ? » answered with its deputy (« Adjoint au Maire »):
    a passage among the first found that names someone in the role asked, of the body asked
    about (« quel élu provincial… ? » is not answered with Suresnes' deputy mayor)."""
    shape = question_shape(question)
    if shape == YES_NO:
        # « l'adjoint au maire délégué aux relations internationales, c'est Christian Dupuy ? »:
        # the role put first is the subject; who holds it answers (and the « Non »)
        role, cleft, _ = fold(question_core(question)).partition(" c est ")
        asked = roles_in(role) if cleft else set()
    else:
        asked = roles_asked(question) if shape == WHO else set()
    if not asked or asked & roles_in(answer):
        return None

    def holds_role(p: Passage) -> bool:
        return bool(asked & roles_in(p.text)) and names_someone(p.text) and p.body_id in (body_id, None)
    if shape == YES_NO:
        # the name put forward draws the search to its own passage: the one titled with the
        # role, however far below (« Christian Dupuy, maire de Suresnes »)
        return next((p for p in hits() if holds_role(p) and asked & roles_in(p.title)), None)
    # the passage titled with the role first
    return (first_fitting(hits(), lambda p: holds_role(p) and bool(asked & roles_in(p.title)))
            or first_fitting(hits(), holds_role))


def roles_asked(question: str) -> set[object]:
    """The roles a question names, else every elected office when it asks for « un élu » (not
    when the user only says they study « les élus locaux » before asking for the mayor)."""
    return roles_in(question) or (set(ELECTED_ROLES) if _ELECTED.search(fold(question_core(question))) else set())


# Passages of the body answered about searched for the holder of a role.
HOLDER_SEARCHED = 5


def holder_of_role(kb: KnowledgeBase, question: str, body_id: str | None) -> Passage | None:
    """« Et le maire, il s'appelle comment ? » after his deputy was named: the passage of the
    body answered about naming someone in the role asked, if one does (another body's mayor
    is no answer)."""
    asked = roles_asked(question)
    if not asked or body_id is None:
        return None
    return next((p for p in kb.search(question, limit=HOLDER_SEARCHED, body_id=body_id)
                 if p.body_id == body_id and asked & roles_in(p.text) and names_someone(p.text)), None)


def other_holder(kb: KnowledgeBase, question: str, body_id: str | None, said: str) -> Passage | None:
    """« Jean-Louis Testud est le maire de Suresnes ? » — « Non »: the passage naming who holds
    the role the question gives someone, when it is another person the answer does not name."""
    if not roles_in(question) or not names_someone(question):
        return None
    holder = holder_of_role(kb, question, body_id)
    person = next((m.group(0) for m in PERSON_NAME.finditer(holder.title)), None) if holder else None
    if person is None or fold(person) in fold(question) or fold(person) in fold(said):
        return None
    return holder


# A passage confirms a closed question's claim in its own right when it leaves at most this
# share of the claim unsaid (stricter than the verdict's own bar: it is looked for, not given).
CONFIRMED = 0.15


def confirming_passage(hits: Callable[[], list[Passage]], question: str, answer: str, weight) -> Passage | None:
    """For a closed question the answer does not confirm (« la Province a-t-elle une
    bibliothèque itinérante ? » met by the list of its partners): a passage among the first
    found that says all it claims (« la Bibliothèque centrale et itinérante »)."""
    if (question_shape(question) != YES_NO or numbers(question) or member_asked(question)
            or not claims_to_confirm(question)
            or refutes(question, answer, weight) or confirms(question, answer, weight)):
        # the answer says it otherwise (« quatre priorités » for « trois priorités ? »), or the
        # question claims nothing a passage could say (« il va pleuvoir demain ? »)
        return None

    def says_it(p: Passage) -> bool:
        text = f"{p.title} {p.text}"
        return unsupported_share(question, text, weight) <= CONFIRMED and confirms(question, text, weight)
    return first_fitting(hits(), says_it)


# Words a question about a term may hold besides it (« signifie », « sigle »).
ASIDE = 2


_WHAT_IS = re.compile(r"\b(c est quoi|cest quoi|c quoi|c est koi|qu est ce que c est|kesako)\b")
# Words that only hedge a « c'est quoi ? » (« exactement », « en une phrase »).
_HEDGES = frozenset("exactement concretement vraiment precisement juste phrase mot mots".split())


# Kinds of names whose entry tells what the name means, and the type of that entry.
_SPELLED_KINDS = {"topic": "definition", "programme": "programme", "service": "service"}
# ...and the kinds whose own entry says what the thing is (a closed question is checked on it).
_OWN_ENTRIES = {**_SPELLED_KINDS, "partner": "partnership"}


def named_definition(kb: KnowledgeBase, hits: Callable[[], list[Passage]], question: str,
                     answer: str) -> Passage | None:
    """For « que signifie X ? »: the definition of the term X the question names (its longest
    name found), when the answer does not already give it. « Le PST, c'est bien le Plan
    Social Territorial ? » asks for it too."""
    asked_what = question_shape(question) == DEFINITION or spelled_out(question)
    # « SAILFE, c'est quoi exactement ? »: asks what the term is only when the term is about
    # all the question says (« c'est quoi le Ruban blanc dont parle le PST ? » is not the PST's).
    what_is = not asked_what and _WHAT_IS.search(fold(question)) is not None
    if not asked_what and not what_is:
        return None
    folded = f" {fold(question)} "
    # « PrECI, ça veut dire quoi ? »: a programme's or a service's name spells out its acronym
    named = sorted(((len(name), name, entity_id) for kind, entity_id, name in kb.names()
                    if kind in _SPELLED_KINDS and f" {name} " in folded), reverse=True)
    if not named:
        return None
    # The term asked about: an acronym the user wrote in capitals (« le sigle de l'association
    # CITIM, qui recense les acteurs de la solidarité internationale »), but not after a
    # preposition (« promise dans le PST » is where a term is used); else a term that is nearly
    # all the question says (« c'est quoi la coopération décentralisée ? »).
    capitals = {fold(m.group(1)) for m in re.finditer(r"(?<!\bdans le )(?<!\bdu )(?<!\bselon le )(?<!\bpar le )"
                                                         r"\b([A-Z][a-z]?[A-Z][A-Z0-9]+)\b", question)}
    acronyms = [(name, entity_id) for _, name, entity_id in named if name in capitals]
    _, name, term = named[0]
    if acronyms:
        name, term = acronyms[0]

    def aside() -> int:
        return len([g for g in content_groups(question) if not set(g) & set(name.split()) and not set(g) & _HEDGES])
    if (not acronyms and capitals) or (what_is and aside()) or (not acronyms and aside() > ASIDE):
        return None
    said = Evidence.of(answer)
    return next((p for p in hits() if p.entry_id == term and p.entry_type in _SPELLED_KINDS.values()
                 and not holds(said, p)), None)


def about_something_else(kb: KnowledgeBase, question: str, structured: tuple[str, ...]) -> bool:
    """Whether a question an action renders `structured` entries for says mostly what no
    passage of those entries says (`ELSEWHERE`): asking back which one it means is no answer."""
    groups = content_groups(question)
    return bool(structured) and len(groups) >= ELSEWHERE_WORDS and kb.unknown_share(groups, structured) >= ELSEWHERE


def defining_passage(hits: Callable[[], list[Passage]], question: str, answer: str) -> Passage | None:
    """For « coopération, ça veut dire quoi ? » with no glossary entry for it: a passage found
    that defines those very words in one of its sentences (« Coopération signifie… »). The
    sentence is evidence enough: it is looked for beyond the first passages found."""
    if question_shape(question) != DEFINITION or any(defines(s, question) for s in sentences(answer)):
        return None
    return next((p for p in hits() if any(defines(s, question) for s in sentences(p.text))), None)


def better_passage(kb: KnowledgeBase, tracker: Tracker, answer: str, structured: tuple[str, ...],
                   outcome: str, entity_answer: bool = False, continues: bool = True,
                   drifts: bool = False) -> Choice | None:
    """The best passage for the question, and whether to give it instead of `answer`.

    When it is not given, it still tells what the answer is about (a closed question is
    checked against it too): None only when no passage fits the question.

    Args:
        answer: the text the action wrote, without its source lines.
        structured: entry types the action renders itself.
        outcome: ANSWERED (the action cited a source), ASKED_BACK (it asked which one), or
            DECLINED (it said it does not know): only a strong, unambiguous passage replaces that.
        entity_answer: whether the answer is about an entity the question names (a partner,
            a programme): like a structured answer, it is replaced only by a clearly better one.
        continues: whether the action's answer continues the previous one (a follow-up it
            resolved from the conversation is then kept).
        drifts: whether a question that only points back got an answer about another topic
            than the previous one (the passage found with the previous exchange then answers).
    """
    typed = tracker.latest_message.get("text") or ""
    if not typed or typed.startswith("/"):
        return None  # a button: the action knows what it asks for
    said_then = tracker.latest_message.get("text") or ""
    # « et la dernière ? » after « Priorité 1 de… »: the last of those ranked things, not the
    # last item of a list the answer may hold in passing
    said_before = previous_turn(tracker)[1]
    sibling = ranked_sibling(kb, typed, said_before)
    if sibling:
        return Choice(sibling, replaces=not holds(Evidence.of(answer), sibling), exact=True)
    typed = resolve_ordinal(typed, said_before)  # « et le dernier ? » after a list
    typed = resolve_acronym(typed, previous_turn(tracker)[0], said_before)  # « ce sigle ? » after the PrECI
    if (outcome == ANSWERED and (entity_answer or structured) and leans_on_context(kb, typed)
            and continues and tracker.get_slot("last_answer") != PASSAGE
            and not wider_than_focus(kb, tracker, typed, answer)):
        return None  # « et pour les associations ? »: the action resolved it from the conversation
    # A resolved ordinal names what it is about: the question then stands on its own.
    question = with_context(kb, tracker, typed) if typed == said_then else typed
    leans = question != typed
    scene: list[list[str]] = []
    subject: list[list[str]] = []
    if not leans:
        # « Trésorière d'une association : quel est le montant… ? »: who asks is not searched for.
        question = without_label(typed)
        # « Je suis enseignant et notre école… . La Province prévoit-elle… ? »: what the user
        # says of themselves first may name the subject, but the question is what is asked.
        # A name in it (« Ma nièce est à Villach. C'est dans quel pays ? ») is the subject.
        asked, told = scene_apart(question)
        if told and content_groups(asked):
            names = {w for aliases in named_entities(kb, told, ALL_NAMED) for a in aliases for w in a.split()}
            question = asked
            for group in question_words(told):
                (subject if names.intersection(group) else scene).append(group)
    if not content_groups(question):
        return None
    bodies = named_bodies(kb, typed)
    in_context = bodies[0] if bodies else tracker.get_slot("body")
    entities = named_entities(kb, typed)

    def found(limit: int, named: list[list[str]] = entities, query: str = question) -> list[Passage]:
        told = query == question
        return [p for p in kb.search(query, limit=limit, body_id=in_context,
                                     words=question_words(query) + (subject if told else []),
                                     scene=scene if told else None)
                if (not bodies or p.body_id in bodies or p.body_id is None) and speaks_of(named, p)]

    hits = found(DEPTH if not leans else 2 * DEPTH)
    on_focus = False
    if leans and not entities and not bodies:
        # « c'est quel genre d'accord ? » after the Jiangsu: the passages about what the previous
        # exchange named, not the other accords the words « province chinoise » also find
        _, named, focus_bodies = previous_focus(kb, tracker)
        if named or focus_bodies:
            focus = [[a for aliases in named for a in aliases]] if named else []

            def about_focus(passages: list[Passage]) -> list[Passage]:
                return [p for p in passages if speaks_of(focus, p)
                        and (not focus_bodies or of_body(kb, p, focus_bodies[0]))]

            # the passages found best with the exchange, less those about something else; deeper
            # only when none is left
            kept = about_focus(hits) or about_focus(found(FOCUS_DEPTH))[:2 * DEPTH]
            hits, on_focus = kept or hits, bool(kept and named)
    if not hits and question_shape(typed) == YES_NO:
        # A closed question's entity may be the false part of its claim (« le Groupe pays Serbie ? »
        # where the sources say Haïti): when no passage names it, the passages that may refute it.
        hits = found(DEPTH, [])
    if not hits:
        return None
    if leans:
        # « Et il y a 10 centres PMS, c'est bien ça ? » after their figures: the count is checked
        # against the passage that gives it, as for a question on its own
        counting = claimed_count_passage(hits, typed, answer)
        if counting is not None:
            return Choice(counting, replaces=True, exact=True)
        return in_context_of_previous(kb, hits, typed, answer, outcome, after_other=drifts,
                                      said_before=said_before, on_focus=on_focus)
    # The exact kind of fact asked, when the answer lacks it: the number counted, the
    # definition of the term named. Searched deeper than the rest: many
    # passages speak of the same words (every « enjeu » of the PST), one gives the fact.
    deeper = cache(lambda: found(DEEP))  # searched only once a check finds the fact missing
    # « que veut dire le mot coopération au sens propre ? »: the sentence defining the term is
    # searched with the term alone (« sens », « mot » find other passages)
    term = " ".join(g[0] for g in term_asked(typed))
    defining = cache(lambda: found(DEFINING_DEPTH, query=term)) if term else deeper
    exact = (counting_passage(deeper, typed, answer) or amount_passage(deeper, typed, answer, kb.term_weight)
             or place_passage(kb, typed, answer)
             or ranked_passage(deeper, typed, answer)
             or named_definition(kb, deeper, typed, answer)
             or defining_passage(defining, typed, answer)
             or role_passage(deeper, typed, answer, in_context or kb.default_body().id)
             or reason_passage(deeper, typed, answer, kb.term_weight) or kind_passage(deeper, typed, answer)
             or besides_passage(deeper, typed, answer, kb.term_weight)
             or confirming_passage(deeper, typed, answer, kb.term_weight))
    if exact:
        return Choice(exact, replaces=True, exact=True)
    weight = kb.term_weight
    claim_weight = weights_beside_names(kb, typed)
    if outcome != ANSWERED:
        found = answering(hits, question, claim_weight) or claim_about_named(kb, deeper, typed)
        if found is None and outcome == ASKED_BACK and "?" in answer.split("\n")[0]:
            if hits[0].score >= CLEAR_CLOSED and kb.unknown_share(content_groups(question)) < KNOWN:
                # « Quels secteurs l'Ille-et-Vilaine cite-t-elle en exemple ? » met by « De quel
                # partenaire parlez-vous ? »: a passage found well answers better than a question back.
                found = hits[0]
            elif (about_something_else(kb, question, structured)
                  and unsupported_share(question, f"{hits[0].title} {hits[0].text}", claim_weight) < ELSEWHERE_UNSAID):
                found = hits[0]
        return Choice(found, replaces=True) if found else None
    top = best_fit(hits, typed, question, weight, claim_weight,
                   weights_beside_names(kb, typed, ALL_NAMED + ("topic",)))
    if top.score < MIN_TOPICAL and not (top.score >= MIN_UNPLACED and answers_all(question, top, claim_weight)):
        # « quelle condition un projet doit-il remplir pour être soutenu par le SREI ? » met by
        # the SREI's contact card: an answer that says next to nothing of the question gives
        # way to a passage found less strongly that says clearly more of it.
        if (top.score >= MIN_UNPLACED and not (entity_answer or structured)
                and coverage(question, answer, weight) < OFF_TOPIC
                and coverage(question, f"{top.title} {top.text}", weight) - coverage(question, answer, weight) >= OFF_TOPIC_GAIN):
            return Choice(top, replaces=True)
        return None
    said = Evidence.of(answer)
    if holds(said, top):
        return Choice(top, replaces=False)
    if question_shape(typed) == HOW_MANY and gives_count(typed, top.text) and not gives_count(typed, answer):
        return Choice(top, replaces=True)  # « combien ? » wants the number, which only the passage gives
    counting = claimed_count_passage([top, *hits], typed, answer)
    if counting is not None:
        return Choice(counting, replaces=True, exact=True)
    if question_shape(typed) == DEFINITION and top.entry_type == "definition" and not holds(said, top):
        return Choice(top, replaces=True)  # « que désigne le sigle SIPFP ? » wants the definition itself
    if entity_answer or structured:
        if top.entry_type in OVERVIEWS:
            return Choice(top, replaces=False)  # a body's or service's overview is never more precise
        if top.entry_type == "partnership" and asks_several(typed) and len(_LISTED.findall(answer)) >= 2:
            # « quels jumelages ou accords bilatéraux la Région a-t-elle conclus ? » answered by the
            # list of its partners: one partner's record (« …jumelages - accords bilatéraux… »)
            # says the words, not the list (« sous quelles formes… ? » is still answered by the
            # passage that says them)
            return Choice(top, replaces=False)
        gain = coverage(question, f"{top.title} {top.text}", weight) - coverage(question, answer, weight)
        return Choice(top, replaces=gain >= margin_over(kb, structured, typed))
    if question_shape(typed) in (WHICH, OTHER) and counts_plural(typed, answer) and not counts_plural(typed, top.text):
        return Choice(top, replaces=False)  # « valeurs de la province ? » answered by the list of all four
    # A topic's answer (what a service does, a strategy, the PST) is right only when the
    # question asks for the topic; otherwise the passage that fits the question answers it.
    return Choice(top, replaces=not asks_overview(kb, typed))


# Passages looked through for the one that gives the number a closed question claims.
COUNTING_SEARCHED = 3


def claimed_count_passage(hits: list[Passage], question: str, answer: str) -> Passage | None:
    """For a closed question that claims a count (« 8 centres PMS, exact ? ») answered without
    that thing's number: the first of the passages found that gives it."""
    claimed = count_claimed(question) if question_shape(question) == YES_NO else None
    if not claimed or not counted_things(claimed) or gives_count(claimed, answer):
        return None
    return next((p for p in hits[:COUNTING_SEARCHED + 1] if gives_count(claimed, p.text)), None)


def margin_over(kb: KnowledgeBase, structured: tuple[str, ...], typed: str) -> float:
    """How much more of the question a passage must hold to replace a structured answer.

    A definition given to a question that does not ask what the notion means (« y a-t-il
    beaucoup de conventions de coopération décentralisée ? », « que doivent préciser ces
    conventions ? ») is only its topic: a passage that holds at least as much of the
    question replaces it."""
    if "contact" in structured:
        return CLEARLY_CARD
    if "definition" in structured and question_shape(typed) != DEFINITION and not asks_overview(kb, typed):
        return 0.0
    return CLEARLY


def reply_text(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)
