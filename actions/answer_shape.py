"""Puts an answer in the shape its question asks for: « Oui » or « Non » first for a closed
question, the sentence with the number first for « combien », the one with the date first for
« quand ». The facts come from the knowledge base; this module only orders and prefixes them."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from actions.claim_meaning import unsupported_by_meaning
from actions.clause_binding import said_apart, said_of_bracketed_other, said_of_other_rank
from actions.contradiction import contradicts, ranks_in, rhythm
from actions.evidence import (
    NUMBER_WORDS,
    Evidence,
    as_number,
    claims_of,
    claims_to_confirm,
    content_groups,
    coverage,
    denied_actions,
    denied_by_question,
    denied_claims,
    misexpanded,
    misquoted,
    missing_names,
    missing_numbers,
    narrows,
    opposite_quality,
    other_acronym,
    other_object,
    other_span,
    other_web_address,
    prefixed_title,
    refused_by_question,
    said_alike,
    stem,
    swapped_qualifiers,
    unstated_cut,
    without_both,
    without_echoes,
    without_self_introduction,
    wrong_counts,
)
from actions.identity import said_of_another
from actions.negated_claim import contrast_said, said_though_denied
from actions.opposites import opposite_said
from actions.question_shape import DATE, DEFINITION, HOW_MANY, WHO, YES_NO, question_core, question_shape
from actions.silence import says_sources_are_silent
from knowledge.french_dates import dates_in, deadline_in
from knowledge.ranking import edit_distance
from knowledge.textnorm import clips, fold, unaccent

# A closed question is confirmed when the answer says all but this share of what it claims
# (IDF-weighted: « rentabilité », a word the sources never use, weighs the most).
UNSUPPORTED = 0.4
# ...and of what the question says holds a rank (« c'est la mobilité des jeunes ? »), which is
# all the claim is: nearly all of it must be said.
RANK_UNSAID = 0.2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«])")
_YEAR_OR_DATE = re.compile(r"\b(1[89]\d\d|20\d\d)\b|\b\d{1,2}(er)? (janvier|février|mars|avril|mai|juin|juillet|"
                           r"août|septembre|octobre|novembre|décembre)\b", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
PERSON_NAME = re.compile(r"\b[A-ZÀ-Ý][a-zà-ÿ]+ [A-ZÀ-Ý][a-zà-ÿ]+")


# « Le « E » de SERI, c'est pour Europe ? »: the letter quoted points into the acronym, it
# claims nothing of its own.
_QUOTED_LETTERS = re.compile(r"[«\"“]\s*[A-Z]{1,3}\s*[»\"”]")


# « une région italienne dans le lot ? »: « among them », no claim of a « lot ».
_AMONG_THEM = re.compile(r"\b(?:dans|parmi) (?:le|ce) (?:lot|tas)\b", re.IGNORECASE)


def claimed(question: str) -> str:
    """What a closed question claims: its asking sentence, without the asker's introduction,
    a « tous les deux » that counts nothing, « dans le lot », or the letters of an acronym it quotes."""
    core = without_both(without_self_introduction(question_core(question)))
    return _AMONG_THEM.sub(" ", _QUOTED_LETTERS.sub(" ", core))


def confirms(question: str, answer: str, weight: Callable[[tuple[str, ...]], float]) -> bool:
    """Whether `answer` confirms what the closed question states.

    A number or a name the question states and the answer lacks (« 2010 » for « mai 2000 »,
    « Dakar » for Louga) says no, and so does another value next to the same subject (« Mali »
    against « Louga (Sénégal) », `contradiction`); otherwise the answer must say most of what the question
    claims (its nouns, names, adjectives: « rentabilité » among the keywords says no).
    """
    question = claimed(question)
    answer = without_echoes(answer, question)
    if _refutes(question, answer, weight):
        return False
    candidate = member_asked(question)
    if candidate:
        # « La solidarité fait-elle partie des quatre valeurs ? »: the candidate decides,
        # however the list is called (« retombées » for the sources' « impacts »).
        said = Evidence.of(answer, strict=True)
        total = sum(weight(g) for g in candidate)
        return sum(weight(g) for g in candidate if not said.has(g)) <= UNSUPPORTED * total
    held = rank_held(question, answer)
    if held is not None:
        # « la première priorité, c'est la mobilité des jeunes ? » answered by Priority 1: what
        # holds that rank decides, however much of the rest (« priorité », the body) is said.
        said = Evidence.of(answer, strict=True)
        total = sum(weight(g) for g in held)
        return sum(weight(g) for g in held if not said.has(g)) <= RANK_UNSAID * total
    if enumerated_unsaid(question, answer) or cleft_unsaid(question, answer):
        return False
    claims = claims_to_confirm(question)
    return (unsupported_by_meaning(question, answer, claims, weight) <= UNSUPPORTED
            and not focus_unsaid(question, claims, answer, weight)
            and not subject_unsaid(question, claims, answer, weight))


# « C'est bien les CPAS que la Province accompagne… ? », « l'éditeur responsable, c'est le
# gouverneur ? »: what the question singles out with « c'est » is its point (up to a relative
# clause: « …c'est un secteur que le Département appuie ? »).
_CLEFT_FOCUS = re.compile(r"\bc est (?:bien |donc |vraiment |aussi )?(.+?)(?: (?:qui|que|qu|dont)\b|$)")
# A focus that only names a kind (« c'est bien le numéro du service ? », « c'est une forme
# d'assistance ? ») or a place in something (« c'est dans les objectifs ? ») singles nothing out.
_KIND_FOCUS = re.compile(r"^(?:un|une|le|la|les|l)? ?(?:numero|secteur|forme|type|genre|sorte|domaine|objectifs?|"
                         r"enjeux?|exemple|partie|axes?|volets?|aspects?|elements?|points?|piliers?|priorites?|"
                         r"abreviation|sigle|acronyme|appellation|signification)\b"
                         r"|^(?:dans|pour|surtout|parmi|en|a|au|aux|avec|sur|ce|ca|d|de)\b")


def cleft_unsaid(question: str, answer: str) -> bool:
    """Whether what the question singles out with « c'est » (« les CPAS », « le gouverneur »)
    names something the answer never says."""
    folded = fold(question_core(question))
    m = _CLEFT_FOCUS.search(folded)
    focus = m.group(1) if m else ""
    if not focus or _KIND_FOCUS.match(focus) or _ALTERNATIVE.search(folded):
        return False  # « …, ou c'est une formation continue ? » offers two ways, none singled out
    words = set(focus.split())
    said = Evidence.of(answer, strict=True)
    return any(words.intersection(g) and not said.has(g) for g in claims_to_confirm(question))


# Things a rank is given to (« la troisième priorité », « Priorité 3 »).
_RANKED = re.compile(r"\b(priorite|objectif|enjeu|axe|volet|etape)s?\b")


def ranked_kinds(text: str) -> set[str]:
    """The kinds of ranked things `text` names (« priorite » in « la troisième priorité »)."""
    return {m.group(1) for m in _RANKED.finditer(fold(text))}


def answer_title(answer: str) -> str:
    """What an answer is about: its first line up to « : » (« Priorité 1 de l'Ille-et-Vilaine »)."""
    return answer.strip().split("\n")[0].split(" : ")[0]


def title_under_heading(answer: str) -> str:
    """`answer_title`, or under a heading line (« Action internationale — Département
    d'Ille-et-Vilaine : »), the next line's (« Première priorité du Département… »)."""
    lines = answer.strip().split("\n")
    return answer_title(lines[1]) if len(lines) > 1 and lines[0].rstrip().endswith(":") else answer_title(answer)


def rank_held(question: str, answer: str) -> list[tuple[str, ...]] | None:
    """When the closed question gives one thing a rank (« la première priorité… c'est la mobilité
    des jeunes ? ») and the answer's title holds that rank of that thing (« Priorité 1 de
    l'Ille-et-Vilaine : … »): the claims that say what holds it (« mobilité », « jeunes »), not
    the rank, the thing ranked nor the names of whose it is. Else None."""
    title = answer_title(answer)
    asked, kinds = ranks_in(question), ranked_kinds(question)
    if len(asked) != 1 or -1 in asked or ranks_in(title) != asked or not kinds & set(fold(title).split()):
        return None
    rank_words = {w for w in fold(question).split() if ranks_in(w)} | kinds
    held = [g for g in claims_to_confirm(question) if not rank_words.intersection(g) and not g[0].isdigit()
            and not Evidence.of(title).has(g)]
    return held or None


# « …sont proximité, expertise, transparence et solidarité ? »: a list of at least three short
# items, each of which the question asserts.
_ITEM = r"[a-z][a-z'-]*(?: [a-z][a-z'-]*)?"
_ENUMERATION = re.compile(rf"(?:^|[\s(])({_ITEM})((?:, {_ITEM})+),? et ({_ITEM})\s*(?:[?!.,;:)]|$)")
# A « list » whose items open on these is a chain of clauses (« Bonjour, pour mon école, … »).
_NOT_ITEM = frozenset("""pour avec dans en a au aux par sur chez si que qui quand comme mais je j nous vous il
    elle ils elles on c est ce bonjour merci svp""".split())


def enumerated_unsaid(question: str, answer: str) -> bool:
    """Whether the closed question lists at least three things (« proximité, expertise,
    transparence et solidarité ») and `answer` says nothing of one of them: each is asserted,
    and a list rarely leaves its last item for a « focus »."""
    m = _ENUMERATION.search(unaccent(question_core(question).lower()))
    if not m:
        return False
    items = [m.group(1).split()[-1], *(i.strip() for i in m.group(2).split(",") if i.strip()), m.group(3)]
    if len(items) < 3 or any(i.split()[0].split("'")[0] in _NOT_ITEM for i in items):
        return False
    said = Evidence.of(answer, strict=True)
    return any((groups := content_groups(i)) and not any(said.has(g) for g in groups) for i in items)


# The last thing a closed question claims is its point (« le futur bachelier, c'est en
# tourisme ? », « le pôle d'excellence concerne l'agronomie ? »): when it is this specific
# (IDF weight) and the answer never says it, the rest being said does not confirm it.
FOCUS_WEIGHT = 3.0
FOCUS_CLAIMS = 2
# Tags that end a question without claiming anything (« …ou c'est une rumeur ? »).
_TAGS = frozenset("rumeur legende intox".split())
_ALTERNATIVE = re.compile(r"\bou (?:si |bien |plutot |alors )?(?:c est|est ce|s agit|le |la |les |l |un |une |des |du |de |a |au |aux )")


# « La défense est une compétence régionale… ? », « le Delta est-il réservé… ? »: the subject of
# « est / sont » is what the question says the rest of: the answer must say it too.
_COPULA_SUBJECT = re.compile(r"^(?:(?:l|la|le|les) )?(\w+)(?: \w+){0,2}? (?:est|sont)(?: t)?(?: il| elle| ils| elles)? "
                             r"(?:un|une|des|le|la|les|l|reserve|reservee|reserves|reservees|destine|destinee)\b")


def subject_unsaid(question: str, claims: tuple[tuple[str, ...], ...], answer: str, weight) -> bool:
    """Whether the subject of a claim « X est un… » is specific (its weight) and never said."""
    m = _COPULA_SUBJECT.match(fold(question))
    if not m:
        return False
    subject = next((g for g in claims if m.group(1) in g), None)
    return (subject is not None and weight(subject) >= FOCUS_WEIGHT
            and not Evidence.of(answer, strict=True).has(subject))


def focus_unsaid(question: str, claims: tuple[tuple[str, ...], ...], answer: str, weight) -> bool:
    """Whether the question's point, its last specific claim, is missing from `answer`. A
    question offering two ways (« …de nouveaux marchés, ou c'est purement humanitaire ? ») has
    no one point."""
    claims = tuple(g for g in claims if not _TAGS.intersection(g))
    if len(claims) < FOCUS_CLAIMS or _ALTERNATIVE.search(fold(question)):
        return False
    focus = claims[-1]
    return weight(focus) >= FOCUS_WEIGHT and not Evidence.of(answer, strict=True).has(focus)



def refutes(question: str, answer: str, weight: Callable[[tuple[str, ...]], float]) -> bool:
    """Whether `answer` says something else than the closed question on one of its points: a
    number or a name it lacks, another count, another value next to the same subject, a
    narrower or denied claim (not merely that it leaves the claim unsaid)."""
    question = claimed(question)
    return _refutes(question, without_echoes(answer, question), weight)


def says_otherwise(question: str, answer: str, weight: Callable[[tuple[str, ...]], float]) -> bool:
    """Whether `answer` says something else than the closed question, not merely lacks a
    number or a name it states: another count, another value next to the same subject, a
    narrower, denied or swapped claim (« la coopération avec Louga se limite-t-elle à
    l'agriculture ? » against Louga's four domains)."""
    question = claimed(question)
    return _says_otherwise(question, without_echoes(answer, question), weight)


def _refutes(question: str, answer: str, weight: Callable[[tuple[str, ...]], float]) -> bool:
    return bool(missing_numbers(question, answer) or missing_names(question, answer)
                or _says_otherwise(question, answer, weight))


def _says_otherwise(question: str, answer: str, weight: Callable[[tuple[str, ...]], float]) -> bool:
    return bool(other_span(question, answer) or other_web_address(question, answer)
                or wrong_counts(question, answer)
                or narrows(question, answer) or denied_claims(question, answer) or denied_actions(question, answer)
                or other_object(question, answer)
                or denied_by_question(question, answer) or refused_by_question(question, answer)
                or prefixed_title(question, answer) or opposite_quality(question, answer) or opposite_said(question, answer)
                or misquoted(question, answer) or misexpanded(question, answer) or other_acronym(question, answer)
                or swapped_qualifiers(question, answer) or unstated_cut(question, answer) or said_alike(question, answer)
                or contradicts(question, answer, weight) or said_of_another(question, answer, weight)
                or said_apart(question, answer, weight) or said_of_bracketed_other(question, answer, weight)
                or said_of_other_rank(question, answer, weight)
                or contrast_said(question, answer)
                or said_though_denied(question, answer, lambda claims: unsupported_by_meaning(question, answer, claims, weight),
                                      UNSUPPORTED))


# « X fait-il partie des… », « X figure-t-il parmi… », « X est-elle une des… »: is X in a list?
_MEMBERSHIP = re.compile(
    r"^(.+?) (?:fait|font|ferait|feraient) (?:t )?(?:il |elle |ils |elles )?(?:bien )?partie (?:des|de la|du|de l|de|d)\b"
    r"|^(.+?) (?:figure|figurent|compte|comptent|est|sont|apparait|apparaissent) (?:t )?(?:il |elle |ils |elles )?"
    r"(?:bien )?(?:(?:citee?s?|mentionnee?s?|reprise?s?|listee?s?|comptee?s?) )?(?:parmi|(?:l )?(?:un|une) des)\b")


# « En cas de crise humanitaire, la solidarité d'urgence figure-t-elle parmi… »: the setting
# before the comma is not the candidate.
_SETTING = re.compile(r"^\s*(?:en cas d|en situation d|dans le cadre d|selon|d'\s?apres|au sein d|concernant|en matiere d)"
                      r"[^,?]*,\s*")


def member_asked(question: str) -> list[tuple[str, ...]]:
    """The claims naming the candidate of a « does X belong to the list? » question (« la
    solidarité » in « la solidarité fait-elle partie des quatre valeurs ? »), else none."""
    lead = _SETTING.match(unaccent(question.lower()))
    m = _MEMBERSHIP.match(fold(question[lead.end():] if lead else question))
    if not m:
        return []
    subject = set((m.group(1) or m.group(2)).split())
    return [g for g in claims_of(question) if subject.intersection(g)]


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


# « Coopération signifie « opérer ensemble » », « ST3P désigne le Pôle… »: a clause whose verb
# defines the few words before it (the clause starts after a punctuation mark).
_DEFINING = re.compile(r"(?:^|[.:;,!?«»()\u2013-])\s*([^.:;,!?«»()\u2013-]{3,60}?)\s+(?:signifient|signifie|désignent|désigne|"
                       r"veulent dire|veut dire|se définissent|se définit)\b", re.IGNORECASE)
# At most this many words of substance before the verb: past that, the clause tells a story.
_DEFINED_WORDS = 3
# « le terme parrainage désigne… »: words that only say a word follows.
_NAMING = frozenset("terme termes mot mots sigle acronyme expression notion nom appellation".split())


# Where a « what does it mean » question names its term: after « que signifie », « que veut
# dire », « c'est quoi », or before « ça veut dire quoi », « c'est quoi »...
_TERM_AFTER = re.compile(r"\b(?:signifient|signifie|veulent dire|veut dire|designent|designe|c est quoi|cest quoi|"
                         r"c koi|c quoi|qu est ce que|quest ce que)\s+(.+)")
_TERM_BEFORE = re.compile(r"(.+?)\s+(?:(?:ca |cela |c )?(?:veulent dire|veut dire|signifient|signifie|designe)|"
                          r"c est quoi|cest quoi|c koi|c quoi)\b")
# ...up to what frames it (« selon la ville », « au juste », « dans la coop bas-normande »).
_FRAMES = (r"selon|d apres|dans|pour|chez|au sens|a la base|au juste|exactement|en gros|concretement|quoi|"
           r"au niveau|de la part|litteralement|en soi|a proprement parler|en toutes lettres|en entier")
_TERM_END = re.compile(rf"(?:^|\s)(?:{_FRAMES})\b.*$")
_TERM_START = re.compile(rf"^(?:(?:{_FRAMES})\s+)+")
# « ils disent que ça veut dire quoi ? »: who says it, not the term; the term is in another clause.
_REPORTED = re.compile(r"\b(?:ils|elles|il|elle|on|vous|tu) (?:disent|dit|dites|expliquent|explique|entendent|entend)"
                       r"(?: que| qu| par)?\b")


@lru_cache(maxsize=256)
def term_asked(question: str) -> tuple[tuple[str, ...], ...]:
    """The words of the term a « what does it mean » question asks about (« coopération
    bilatérale » in « que veut dire coopération bilatérale ? », « coopération » in « jdois
    faire un exposé, coopération ça veut dire quoi au sens propre ? »); none if it names none."""
    asked_after = False  # « le mot coopération, il signifie quoi ? »: the verb's clause names no term
    for clause in reversed(re.split(r"[,;:.!?]", question)):
        folded = _REPORTED.sub(" ", fold(clause))
        if asked_after and not (_TERM_AFTER.search(folded) or _TERM_BEFORE.search(folded)):
            groups = tuple(g for g in content_groups(_TERM_END.sub("", _TERM_START.sub("", folded)))
                           if not _NAMING & set(g))
            if groups:
                return groups
            continue
        m = _TERM_AFTER.search(folded)
        # « ça veut dire quoi » puts the term before the verb
        after = _TERM_END.sub("", _TERM_START.sub("", m.group(1))) if m and not m.group(1).startswith("quoi") else ""
        if content_groups(after):
            term = after
        else:
            m = _TERM_BEFORE.search(folded)
            if not m:
                continue
            term = _TERM_END.sub("", _TERM_START.sub("", m.group(1)))
        groups = tuple(g for g in content_groups(term) if not _NAMING & set(g))
        if groups:
            return groups
        asked_after = True
    return ()


def defines(sentence: str, question: str) -> bool:
    """Whether `sentence` defines the very term the question asks about: the words of substance
    before its defining verb are the term's, no more and no fewer (« coopération signifie… »
    for « coopération, ça veut dire quoi ? », not for « que veut dire coopération bilatérale ? »)."""
    term = term_asked(question)
    if not term:
        return False
    asked = Evidence.of(" ".join(" ".join(g) for g in term))
    typed = [w for g in term for w in g]
    for m in _DEFINING.finditer(sentence):
        subject = [g for g in content_groups(m.group(1)) if not _NAMING & set(g)]
        if not subject or len(subject) > _DEFINED_WORDS:
            continue
        named = Evidence.of(" ".join(" ".join(g) for g in subject))
        # every subject word is the term's, typed whole or clipped (« coop »), and the reverse
        if (all(asked.has(g) or any(clips(w, f) for w in typed for f in g) for g in subject)
                and all(named.has(g) for g in term)):
            return True
    return False


def lead_with_fact(text: str, question: str, shape: str) -> str:
    """`text` with the sentence holding the kind of fact asked (number, date, name, the
    definition of the words asked about) first.

    Among such sentences, the one sharing most words with the question wins; the others
    keep their order, so nothing is lost.
    """
    pattern = {HOW_MANY: _DIGIT, DATE: _YEAR_OR_DATE, WHO: PERSON_NAME}.get(shape)
    parts = sentences(text)
    if (pattern is None and shape != DEFINITION) or len(parts) < 2:
        return text
    fitting = [s for s in parts if (pattern.search(s) if pattern else defines(s, question))]
    if not fitting or fitting[0] == parts[0]:
        return text
    best = max(fitting, key=lambda s: coverage(question, s))
    return " ".join([best, *(s for s in parts if s is not best)])


# « combien d'enjeux », « cb de km »: the thing counted is the word after « combien de ».
_COUNTED = re.compile(r"\b(?:combien|cb|cmb|nombre|nbre|nb)\s+(?:de|d|des)\s+(\w+)(?:\s+(\w+))?")


# « les 4 priorités », « ses cinq enjeux »: a count the question states itself.
_STATED_COUNT = re.compile(rf"\b(?:\d+|{NUMBER_WORDS})\s+([a-z]\w{{3,}})")


def counted_thing(question: str) -> str | None:
    """The folded word a question counts (« combien d'enjeux », « les 4 priorités »), if any."""
    folded = fold(question)
    m = _COUNTED.search(folded) or _STATED_COUNT.search(folded)
    return m.group(1) if m else None


_DETERMINERS = r"(?:la|le|les|l|de|des|du|d|en|a|au|aux|et|ou|sa|son|ses|leur|leurs|ce|cette|ces|un|une)"
# An acronym typed in lower case has no vowel (« cb de centres pms ? »).
_ACRONYM_TYPED = re.compile(r"[b-df-hj-np-tv-xz]{2,5}")
# Adjectives that qualify what is counted without naming it (« villes étrangères »).
_QUALIFIERS = frozenset("""etrangers etrangeres francais francaises internationaux internationales provinciaux
    provinciales differents differentes locaux locales namurois namuroises publics publiques principaux principales
    belges europeens europeennes nationaux nationales nouveaux nouvelles grands grandes petits petites""".split())
# A plural adjective or noun, not a verb's plural (« portent », « font », « avons »).
_AGREEING = re.compile(r"\w{3,}(?<!ent)(?<!ont)(?<!ons)s|\w{3,}x")
_NOT_COUNTED = frozenset("les des de la le du en au aux ont sont est dans pour par avec qui que".split())


def counted_things(question: str) -> list[str]:
    """The word a question counts and the one after it, when it is not a small word:
    « combien de centres PMS » counts « centres » or « PMS » (« 6 PMS »)."""
    m = _COUNTED.search(fold(question))
    if not m:
        thing = counted_thing(question)
        return [thing] if thing else []
    capitals = {fold(w) for w in re.findall(r"\b[A-Z]{2,}\b", question)}
    # the next word only when it names the thing itself, an acronym (« PMS ») or a plural that
    # agrees with it (« villes jumelles »: « 6 jumelages »), not a verb (« combien d'années portent… »)
    second = m.group(2) if m.group(2) and (m.group(2) in capitals or _ACRONYM_TYPED.fullmatch(m.group(2)) or (
        _AGREEING.fullmatch(m.group(2)) and m.group(2) not in _QUALIFIERS)) else None
    return [w for w in (m.group(1), second) if w and w not in _NOT_COUNTED and len(w) >= 3]


# « la Province a 8 centres PMS ? »: a number put forward before what it counts (not a year).
_CLAIMED_COUNT = re.compile(rf"\b(?!(?:1[89]|20)\d\d\b)(?:\d+|{NUMBER_WORDS})\s+([^\W\d][\w'’-]*(?:\s+[^\W\d][\w'’-]*)?)",
                            re.IGNORECASE)


def count_claimed(question: str) -> str | None:
    """A closed question that puts a count forward, asked as « combien »: « la Province a 8
    centres PMS et 2 PSE ? » → « combien de centres PMS ? » (the first count claimed)."""
    m = _CLAIMED_COUNT.search(question)
    return f"combien de {m.group(1)} ?" if m else None


def counts_in(question: str, text: str) -> list[int]:
    """The numbers `text` gives of the thing the question counts (« cinq enjeux », « 6 centres
    PMS », « 6 PMS »), a word or two of qualifier allowed in between."""
    folded = fold(text)
    found = []
    for thing in counted_things(question):
        # « combien d'années ? » is answered in « ans » (« depuis plus de 50 ans »)
        root = r"(?:ans?|annees?)\b" if thing in _YEARS else re.escape(stem(thing.rstrip("sx")))
        # a number, then up to two qualifiers (« 5 grands enjeux »), never a year or a
        # determiner (« depuis 1998, la Ville… » counts no « villes »)
        pattern = (rf"\b(?!(?:1[89]|20)\d\d\b)(\d+(?:[ .]\d{{3}})*|{NUMBER_WORDS})\s+"
                   rf"(?:(?!{_DETERMINERS}\b)\w+\s+){{0,2}}?{root}")
        found += [as_number(m.group(1)) for m in re.finditer(pattern, folded)]
    return found


_YEARS = frozenset({"ans", "an", "annees", "annee"})


# Counts a text gives in its own unit (« depuis plus de 20 ans », « 800 km », « 50.000 € »).
_MEASURES = frozenset("temps ans an annees annee mois jours jour semaines heures minutes kilometres km metres argent "
                      "euros euro budget".split())
# People are counted under many names: « combien de personnes ? » is answered by « 1200 agents ».
_PEOPLE = frozenset("personnes personne gens personnel employes salaries fonctionnaires profs agents".split())
_PEOPLE_COUNTED = re.compile(rf"\b(\d+(?:[ .]\d{{3}})*|{NUMBER_WORDS})\s+(?:\w+\s+)?(agents?|enseignants?|personnes?|"
                             r"membres?|employes?|salaries?|collaborateurs?|fonctionnaires?|etp|eleves?|habitants?|"
                             r"etudiants?|jeunes)\b")


def never_counts(question: str, text: str) -> bool:
    """Whether `text` does not even name the thing « combien de … ? » counts (« combien
    d'employés au SREI ? » answered with the service's missions): its other numbers count
    something else."""
    m = _COUNTED.search(fold(question))
    things = [w for w in (m.groups() if m else ()) if w and w not in _NOT_COUNTED and len(w) >= 3]
    if not things or _MEASURES.intersection(things) or gives_count(question, text):
        return False
    folded = fold(text)
    if _PEOPLE.intersection(things):
        return _PEOPLE_COUNTED.search(folded) is None
    return not any(names_thing(w, t) for t in things for w in folded.split())


def names_thing(word: str, thing: str) -> bool:
    """Whether a text's `word` names the `thing` a question counts, its spelling slips forgiven
    (« combien de servcies… ? » is answered by « 11 services »): one letter off or two swapped."""
    thing = thing.rstrip("sx")
    if stem(word).startswith(stem(thing)):
        return True
    word = word.rstrip("sx")
    return len(thing) >= _TYPO_MIN and abs(len(word) - len(thing)) <= 1 and edit_distance(word, thing, 1) <= 1


# Below five letters, one letter off is another word (« pays » / « gays », « mois » / « lois »).
_TYPO_MIN = 5


_DURATION_GIVEN = re.compile(r"\b\d+ (?:ans|annees|mois)\b|\bdepuis (?:\w+ )?(?:19|20)\d\d\b")


def gives_count(question: str, text: str) -> bool:
    """Whether `text` states a number of the thing the question counts; for « combien
    d'années ? », a rhythm in years says it too (« des programmes quinquennaux », not « au
    quotidien »)."""
    counted = counted_things(question)
    if _YEARS.intersection(counted) and any(isinstance(rhythm(w), int) for w in fold(text).split()):
        return True
    # « depuis combien de temps ? »: a number of years or months, or the year it started
    if "temps" in counted and _DURATION_GIVEN.search(fold(text)):
        return True
    return bool(counts_in(question, text))


# « Quel est le montant du budget participatif ? », « combien coûte… ? »: a sum of money.
_ASKS_AMOUNT = re.compile(r"\b(montant|montants|somme|enveloppe|combien (?:coute|coutent|consacre\w*|investi\w*|depense\w*)|"
                          r"a combien s eleve\w*|budget de combien|quel budget|quelle somme|combien d argent)\b")
_SUM = re.compile(r"\d[\d .,]*\s*(?:€|euros?\b|eur\b)", re.IGNORECASE)
# The words that only ask for the sum: the passage need not say them (« 200.000 €/an » for
# « montant annuel »).
AMOUNT_WORDS = frozenset("montant montants somme enveloppe annuel annuelle annuels cout coute coutent budget argent "
                         "consacre consacree investit investi depense depensee eleve".split())


def asks_amount(question: str) -> bool:
    return _ASKS_AMOUNT.search(fold(question)) is not None


def gives_amount(text: str) -> bool:
    """Whether `text` states a sum of money (« 200.000 €/an »)."""
    return _SUM.search(text) is not None


_HOW_OFTEN = re.compile(r"\b\w+ fois par (an|annee|mois|semaine|jour)\b|\b(chaque|par) (annee|an|mois|semaine)\b|"
                       r"\btous les (ans|mois|jours)\b")


def gives_shape(text: str, shape: str) -> bool:
    """Whether `text` holds the kind of fact the shape asks for: a date (a year, a day and
    month, « depuis … ») for DATE, a number for HOW_MANY; any text for the others."""
    if shape == DATE:
        return _YEAR_OR_DATE.search(text) is not None or re.search(r"\bdepuis\b", text, re.IGNORECASE) is not None
    if shape == HOW_MANY:  # « quinquennaux » says how many years, « une fois par an » how often
        folded = fold(text)
        return (_DIGIT.search(text) is not None or re.search(rf"\b({NUMBER_WORDS}|une? seule?)\b", folded) is not None
                or _HOW_OFTEN.search(folded) is not None or any(rhythm(w) for w in folded.split()))
    return True


# « En quelle année… ? », « Combien… ? »: the date or the number is the whole question, and
# the topic around it without one is no answer. A bare « quand » may be a conjunction
# (« l'objectif, quand elle accompagne ses partenaires ? »): the topic then stays.
_ASKS_OUTRIGHT = {DATE: re.compile(r"\b(en quelle annee|quelle annee|quelle date|a quelle date|en quel mois|"
                                   r"quel mois|quel jour|de quand date|date de quand)\b"),
                  HOW_MANY: re.compile(r"\b(combien|cmb|quel nombre|nombre de)\b")}


# « Cette page date de quand ? »: the date of the document itself, which its source line gives.
_THE_DOCUMENT = re.compile(r"\b(page|pages|texte|document|article|brochure|site|informations?)\b")


def asks_outright(question: str, shape: str) -> bool:
    pattern = _ASKS_OUTRIGHT.get(shape)
    folded = fold(question)
    return (pattern is not None and pattern.search(folded) is not None
            and not (shape == DATE and _THE_DOCUMENT.search(folded)))


# What a silence must name to be about the fact a shape asks for (« Depuis quand : les
# documents ne le précisent pas », « la page ne donne pas la date propre à ce jumelage »).
_FACT_WORDS = {DATE: re.compile(r"\b(date|dates|datee?s?|quand|annee|annees|depuis|debut|jour|delai|limite)\b"),
               HOW_MANY: re.compile(r"\b(nombre|chiffre|chiffres|chiffrent|combien|effectif|effectifs|montant)\b")}


# « (selon sa page de 2014-2015) »: when the page was written, not the date asked.
_PAGE_DATE = re.compile(r"\b(page|pages|informations|publi\w*)\b[^.;)]{0,20}?\b(1[89]|20)\d\d(\s*-\s*(1[89]|20)\d\d)?",
                        re.IGNORECASE)
# « Avec quelle ville du Mali… ? » asks a name; « Collectivité partenaire au Mali (non nommée
# par la page) » says the sources lack it.
_ASKS_NAME = re.compile(r"\b(quel|quelle|quels|quelles) (nom|ville|villes|region|regions|collectivite|collectivites|"
                        r"etat|etats|province|provinces|commune|communes|localite)\b|\bcomment s appelle")
_UNNAMED = re.compile(r"\bnon nommee?s?\b")


def says_fact_missing(question: str, shape: str, text: str) -> bool:
    """Whether `text` says the sources are silent on the very fact the question's shape asks
    for (a date, a number, the name of a place), and gives it nowhere else: the honest answer
    is then « I don't know » with whom to ask, not the topic around it with its source.
    (« Qui ? » is left out: a service answers it as well as a person.)"""
    if _ASKS_NAME.search(fold(question)) and _UNNAMED.search(fold(text.strip().split("\n")[0])):
        return True  # the one entity answered about, in the first line, is the unnamed one
    words = _FACT_WORDS.get(shape)
    if words is None:
        return False
    parts = sentences(text.replace("\n", ". "))
    silent = [p for p in parts if says_sources_are_silent(p) and words.search(fold(p))]
    if not silent:
        return False
    rest = _PAGE_DATE.sub(" ", " ".join(p for p in parts if p not in silent))
    if shape == DATE:
        return _YEAR_OR_DATE.search(rest) is None
    return not gives_count(question, rest)


# « jusqu'à quand s'inscrire ? », « date limite ? »: the question is about a deadline.
_DEADLINE_WORDS = re.compile(r"\b(inscri\w*|limite|jusqu.?a quand|delai|candidature|cloture)\b")


def mentions_deadline(question: str) -> bool:
    return _DEADLINE_WORDS.search(fold(question)) is not None


def dated_fit(hits: list, question: str, reach: float) -> object | None:
    """For « quand ? »: among the passages within `reach` of the best, the first that gives
    the kind of date asked: a deadline when the question is about one, another date if not
    (the event's dates, not its registration deadline)."""
    top = hits[0].score
    wanted = mentions_deadline(question)
    for p in hits:
        if p.score >= top - reach and dates_in(p.text) and (deadline_in(p.text) is not None) == wanted:
            return p
    return None


def names_someone(text: str) -> bool:
    """Whether `text` names a person (a first name and a name: « Bernard Ruyssen »)."""
    return PERSON_NAME.search(text) is not None


# « qui a signé l'accord ? », « le maire de Louga ? »: a person in a role is asked...
_ROLE = re.compile(r"\b(maire|president|presidente|directeur|directrice|gouverneur|bourgmestre|ministre|ambassadeur|"
                   r"ambassadrice|depute|deputee|signe|signee|signataire|fondateur|fondatrice|chef|preside|"
                   r"conservateur|conservatrice|presidait|presidaient|dirige|dirigeait|dirigeaient)\b")
# « comment s'appelle le gouverneur ? » asks for a person too.
_ASKS_PERSON_NAME = re.compile(r"\b(s appelle|appelle t il|appelle t elle|nom)\b")
# The sources' words for a role asked in other words: a « chef » of service is its « responsable ».
_ROLE_SAID = {"chef": ("chef", "responsable", "directeur", "directrice"), "bourgmestre": ("bourgmestre", "maire"),
              "president": ("presid",), "presidente": ("presid",), "preside": ("presid",), "directrice": ("direct",),
              "directeur": ("direct",), "signe": ("sign",), "signee": ("sign",), "presidait": ("presid",),
              "presidaient": ("presid",), "dirige": ("direct", "dirig", "responsable"),
              "dirigeait": ("direct", "dirig", "responsable"), "dirigeaient": ("direct", "dirig", "responsable")}
# ...or an amount of money (« le budget du PISI ? », « combien d'argent ? »).
_AMOUNT = re.compile(r"\b(budget|budgets|montant|montants|cout|coute|coutent|couter|coutera|couteront|prix|tarif|tarifs|"
                     r"combien d argent|combien (?:\w+ )?gagnen?t?|salaires?|remunerations?|"
                     r"euros?|somme|sommes|depense|depenses|depensent|subvention|subventions|dotation)\b")
_MONEY = re.compile(r"€|\beuros?\b|\bEUR\b", re.IGNORECASE)
# ...or a share (« le pourcentage de femmes ? »), which only a percentage gives.
_SHARE = re.compile(r"\b(pourcentages?|proportions?|taux)\b")
_PERCENT = re.compile(r"%|\bpour ?cent\b", re.IGNORECASE)


# ...or a way to reach someone (« le numéro de téléphone de l'association ? », « l'adresse du
# Delta ? »), with what an answer giving it must hold (read as written): digits of a phone
# number, a street or a postal code before a town, an e-mail address.
_REACH_ASKED = (
    # « tel » but not « tel que » (« des domaines tels que… »)
    (re.compile(r"\b(telephone|tel(?! que| qu)|appeler|telephoner|num de tel|numero de tel)\b"),
     re.compile(r"\b\d{2,4}(?:[ ./]?\d{2,3}){2,4}\b")),
    # « l'adresse », « adresse postale », not the verb (« le PrECI s'adresse aux écoles »)
    (re.compile(r"(?<!\bs )\b(adresse|bureaux)\b(?! e mail| mail| electronique| aux?\b| a\b| en\b| d abord| du site| web| internet)"),
     re.compile(r"\b(?i:rue|avenue|boulevard|chaussée|square|allée|quai)\b|\bplace [A-ZÀ-Ý]|\b\d{4,5} [A-ZÀ-Ý][a-zà-ÿ]")),
    (re.compile(r"\b(e mail|email|mail|courriel|adresse electronique)\b"), re.compile(r"@")),
    # « on peut lui écrire où ? », « un courrier à quelle adresse ? »: a street or an e-mail will
    # do (« un courrier au chef, à quel nom ? » asks a name)
    (re.compile(r"\b(?:lui|leur) ecri\w*|\becri\w* (?:ou|a quelle)\b|\bcourrier (?:ou|a quelle)\b"),
     re.compile(r"\b(?i:rue|avenue|boulevard|chaussée|square|allée|quai)\b|\bplace [A-ZÀ-Ý]|@")),
)


def asks_reach(question: str) -> bool:
    """Whether the question asks for a phone number, an address or an e-mail."""
    folded = fold(question)
    return any(asked.search(folded) for asked, _ in _REACH_ASKED)


def lacks_reach(question: str, answer: str) -> bool:
    """Whether the question asks for a phone number, an address or an e-mail that the answer
    does not give (a passage about the association named, not how to reach it)."""
    folded = fold(question)
    return any(asked.search(folded) and not given.search(answer) for asked, given in _REACH_ASKED)


# « vous avez le numéro du SREI ? »: after « vous avez », a number is the phone's.
_NUMBER_ASKED = re.compile(r"\b(?:le|leur|son|un) numero\b")
_PHONE_GIVEN = _REACH_ASKED[0][1]
# « vous avez… ? », « connaissez-vous… ? »: a request put as a closed question.
_HAVE_YOU = re.compile(r"\b(vous avez|avez vous|vous auriez|auriez vous|tu as|as tu|t as|vous connaissez|"
                       r"connaissez vous|tu connais|vous disposez|disposez vous)\b")


def gives_requested_reach(question: str, answer: str) -> bool:
    """Whether a closed question only asks to be given a way to reach someone (« vous avez le
    numéro du SREI ? », no number put forward) and the answer gives it: the « Oui » is that."""
    folded = fold(question_core(question))
    if _HAVE_YOU.search(folded) is None or _DIGIT.search(folded):
        return False
    if _NUMBER_ASKED.search(folded):
        return _PHONE_GIVEN.search(answer) is not None
    return asks_reach(question) and not lacks_reach(question, answer)


def lacks_detail(question: str, answer: str) -> bool:
    """Whether the question asks for an amount of money, a percentage, the person in a role or
    a way to reach someone, and the answer gives none: it speaks of the topic around the
    detail, which the sources lack."""
    folded = fold(question_core(question))
    shape = question_shape(question)
    if shape == YES_NO:
        # « Vous avez le numéro de téléphone d'Horizons Solidaires ? » asks for the number
        return _HAVE_YOU.search(folded) is not None and (
            lacks_reach(question, answer) or (_NUMBER_ASKED.search(folded) is not None and not _PHONE_GIVEN.search(answer)))
    if ((_AMOUNT.search(folded) and not _MONEY.search(answer)) or (_SHARE.search(folded) and not _PERCENT.search(answer))
            or lacks_reach(question, answer)):
        return True
    role = _ROLE.search(folded)
    if role is None or not (shape == WHO or _ASKS_PERSON_NAME.search(folded)):
        return False
    # Someone must be named in that role: « Colmenar Viejo » in a list of partners is no mayor.
    said = fold(answer)
    in_role = any(re.search(rf"\b{word}", said) for word in _ROLE_SAID.get(role.group(1), (role.group(1),)))
    return not (names_someone(answer) and in_role)
