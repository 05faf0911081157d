"""How much of a question a piece of text answers, and whether it confirms what the question
claims (« Namur est jumelée avec Dakar ? »). Plain word matching over folded text: fast
enough to run on every reply, and the same for a passage and for an action's answer."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from actions.question_shape import question_core
from knowledge.ranking import edit_distance
from knowledge.textnorm import (
    claim_groups,
    claim_verbs,
    clips,
    fold,
    has_verb,
    only_wrapping,
    pronouns,
    qualifying_words,
    question_groups,
    rank_of,
)

# Words long enough to compare by their start: « européennes » meets « européen »,
# « jumelée » meets « jumelage ».
STEM = 5
LONG_WORD = 6
# The share of the shorter word two words of one stem must have in common to count as one.
ROOT_SHARE = 0.6
# Words that only frame a claim (« ce genre d'associations », « ce pays » for one named before, « un
# partenariat » for a twinning or an accord), and the asker's weighing of it (« un point important »
# for the sources' « axe majeur », « un lien particulier », « quatre grandes priorités »), and
# whether the sources take it up at all (« est-elle mentionnée », « sont-ils visés », « prend-elle
# en compte », « ce genre de démarche »): the answer says the thing itself, not that verb.
_CLAIM_FRAMING = frozenset("""pays genre type sorte situation partenariat partenariats partenaire partenaires
    important importante importants importantes particulier particuliere particuliers particulieres
    grand grande grands grandes
    mentionne mentionnee mentionnes mentionnees mentionner evoque evoquee evoques evoquees evoquer
    vise visee vises visees viser concerne concernee concernes concernees concerner compte demarche demarches""".split())
# Words that only frame a closed question (« c'est bien… », « est-ce exact ? »).
_FRAMING = frozenset("""
    bien vrai exact exacte juste correct ca cela non oui est ce etre avoir faire aussi toujours encore
    deja seulement vraiment effectivement bon alors donc il ils elle elles lui on nous je tu
    partie part fait cas chose sujet exemple question moyen facon maniere cadre niveau plan
    page site texte document article propos selon liste chapitre volet rubrique section paragraphe introduction
    lien liens relation relations rapport rapports prevu prevue prevus prevues
    concret concrete concrets concretes
""".split())
_NUMBER = re.compile(r"\d+(?:[ .,]\d{3})*(?:,\d+)?")
# Number words written out (« vingt ans », « six jumelages ») compared as digits; « un » and
# « une » are mostly articles and are left alone.
_NUMBER_WORDS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
                 "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40,
                 "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000}
# Round figures (« une centaine d'activités », « un demi-siècle ») compared as their number.
_ROUND_FIGURES = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                  "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "demi siecle": 50,
                  "millier": 1000}
_NUMBER_WORDS.update(_ROUND_FIGURES)
NUMBER_WORD_SET = frozenset(_NUMBER_WORDS)
_MILLIONS = re.compile(r"\b(\d{1,3}|un|une) millions?\b", re.IGNORECASE)
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")s?\b", re.IGNORECASE)
# The same number words as a regular-expression alternation, for patterns elsewhere.
NUMBER_WORDS = "|".join(w for w in _NUMBER_WORDS if w not in _ROUND_FIGURES)
# Capitalised words that are not names: forms of address and sentence openers.
# « l'égalité » typed « legalite »: l', d', j', n', s', qu' before a vowel, the word at least 4 letters.
_GLUED_ELISION = re.compile(r"^(?:l|d|j|n|s|qu)([aeiouyh]\w{3,})$")
_NOT_NAMES = frozenset("monsieur madame mademoiselle messieurs mesdames bonjour bonsoir merci svp est".split())


# Lengths of the words whose singular and plural `stem` does not join (« axe », « lieu »).
SHORT_PLURAL = (3, 5)
# Short words one letter away from another word: « mai » is not « mais », nor « moi » « mois ».
_GRAMMAR_WORDS = frozenset("""mai mais moi mois foi fois sou sous plu plus tou tous ver vers lor lors pa pas
    san sans dan dans ce ces se ses de des le les no nos vo vos leur leurs un une du au aux""".split())


def stem(word: str) -> str:
    return word[:STEM] if len(word) >= LONG_WORD else word


def numbers(text: str) -> set[str]:
    """Numbers of a text, in digits, thousands separators removed: « 14.573 » -> « 14573 »,
    « un million » -> « 1000000 »."""
    text = _NUMBER_WORD.sub(lambda m: str(_NUMBER_WORDS[m.group(1).lower()]),
                            re.sub(r"demi[- ]si[eè]cle", "demi siecle", text))
    text = _MILLIONS.sub(lambda m: str(int(m.group(1) if m.group(1).isdigit() else 1) * 1_000_000), text)
    return {re.sub(r"[ .]", "", n) for n in _NUMBER.findall(text)}


_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")
# « e-guichet » is also typed « eguichet », « savoir-faire » « savoirfaire ».
_HYPHENATED = re.compile(r"\w+(?:-\w+)+")
# Words spelled two ways (« mots-clefs », « mots clés »): each also stands for the other.
_SPELLINGS = {"clef": "cle", "cle": "clef", "clefs": "cles", "cles": "clefs"}


@dataclass(frozen=True)
class Evidence:
    """A text folded for matching: its words and their stems."""

    words: frozenset[str]
    stems: dict[str, frozenset[str]] = field(hash=False, compare=False)  # stem -> the words that have it
    numbers: frozenset[str]
    # Whether a word of the same stem must also share most of its letters (`same_root`): what a
    # verdict checks; ranking keeps the loose stem, kinder to typos.
    strict: bool = False

    @classmethod
    def of(cls, text: str, strict: bool = False) -> Evidence:
        # « V.A.D.A. » is also the word « vada », « 50.000 € » says « euro »
        spelled = [fold(m.group(0).replace(".", "")) for m in _DOTTED.finditer(text)]
        joined = [fold(m.group(0)).replace(" ", "") for m in _HYPHENATED.finditer(text)]
        words = fold(text.replace("€", " euro ")).split() + spelled + joined
        words += [_SPELLINGS[w] for w in words if w in _SPELLINGS]
        ranks = [r for w in words if (r := rank_of(w, digits=True))]
        by_stem: dict[str, set[str]] = {}
        for w in words:
            by_stem.setdefault(stem(w), set()).add(w)
        return cls(frozenset(words + ranks), {k: frozenset(v) for k, v in by_stem.items()}, frozenset(numbers(text)),
                   strict)

    def has(self, forms: Iterable[str]) -> bool:
        """Whether any form (a word or its lemma) appears, or a word of the same stem; a number
        written out (« vingt ») is found as digits too, an ordinal as its rank (« seconde »)."""
        return any(f in self.words or self._same_root(f) or str(_NUMBER_WORDS.get(f, "")) in self.numbers
                   or rank_of(f) in self.words or self._abbreviates(f) or self._elided(f) or self._other_number(f)
                   for f in forms)

    def _other_number(self, form: str) -> bool:
        """« axe » for « axes », « lieux » for « lieu »: a short word in the singular or the
        plural (longer ones already meet by their stem), never a grammar word (« mai », « mais »)."""
        if not SHORT_PLURAL[0] <= len(form) <= SHORT_PLURAL[1] or form in _GRAMMAR_WORDS:
            return False
        other = {form[:-1]} if form.endswith(("s", "x")) else {form + "s", form + "x"}
        return bool(other.intersection(self.words) - _GRAMMAR_WORDS)

    def _elided(self, form: str) -> bool:
        """« legalite », « lecole », « denseignement »: an article or « de » typed without its
        apostrophe, glued to the word."""
        m = _GLUED_ELISION.match(form)
        return m is not None and (m.group(1) in self.words or self._same_root(m.group(1)))

    def _same_root(self, form: str) -> bool:
        """A word of the same stem; when strict, one that also shares most of its letters with
        `form`: « européennes » meets « européen », « partenaires » « partenariat », but
        « intérieur » and « interrégionales » do not meet « international » through « inter »."""
        found = self.stems.get(stem(form), ())
        return any(same_root(form, w) for w in found) if self.strict else bool(found)

    def _abbreviates(self, form: str) -> bool:
        """« coop », « asso », « dept »: a short form typed for a longer word of the text."""
        return any(clips(form, w) for w in self.words)


def same_root(a: str, b: str) -> bool:
    """Whether two words of one stem share at least ROOT_SHARE of the shorter one's letters, or
    differ by one typed letter (« thioliere » for « thiolliere »)."""
    if (_AGENT.search(a) and _ACTION.search(b)) or (_AGENT.search(b) and _ACTION.search(a)):
        return False  # « gouverneur » is not « gouvernance »
    common = len(os.path.commonprefix((a, b)))
    return common >= ROOT_SHARE * min(len(a), len(b)) or _one_edit(a[common:], b[common:])


# Who does a thing and the doing of it: one stem, not one meaning (« directeur général » still
# meets « direction générale », « cofinanceurs » « cofinancements »: measured, both are meant).
_AGENT = re.compile(r"(eur|euse|rice)s?$")
_ACTION = re.compile(r"(ance|ence)s?$")  # « direction », « cofinancement » stay near theirs


def _one_edit(a: str, b: str) -> bool:
    """Whether two word ends differ by one letter added, dropped or changed (their first letters differ)."""
    if abs(len(a) - len(b)) > 1:
        return False
    return a[1:] == b[1:] or a[1:] == b or a == b[1:]


@lru_cache(maxsize=512)
def _groups(question: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(g) for g in question_groups(question))


def question_words(question: str) -> list[list[str]]:
    """The question's content words as search takes them (computed once per question)."""
    return [list(g) for g in _groups(question)]


def content_groups(question: str) -> list[tuple[str, ...]]:
    """The question's content words (forms and lemma), without closed-question framing."""
    return [g for g in _groups(question) if not _FRAMING.intersection(g)]


def coverage(question: str, text: str, weight=None) -> float:
    """Share of the question's content words found in `text`, weighted by `weight(word)`."""
    groups = content_groups(question)
    if not groups:
        return 0.0
    ev = Evidence.of(text)
    w = weight or (lambda _g: 1.0)
    total = sum(w(g) for g in groups)
    return sum(w(g) for g in groups if ev.has(g)) / total if total else 0.0


def missing_numbers(question: str, text: str) -> set[str]:
    """Numbers the question states that `text` does not contain (« 2010 » against « mai 2000 »)."""
    return numbers(question) - numbers(text)


# « Villach et Holon font-elles toutes les deux partie… ? »: « both » counts nothing the
# sources must say (« tous les deux ans » does: a period).
_BOTH = re.compile(r"\b(?:tous|toutes) (?:les )?(?:deux|trois|2|3)\b(?! (?:ans|mois|semaines|jours|années|annees)\b)",
                   re.IGNORECASE)


def without_both(question: str) -> str:
    """The question without « tous les deux », « toutes les trois »."""
    return _BOTH.sub("", question)


# « 2019-2024 », « de 2019 à 2024 », « entre 2016 et 2019 », « du 1er… »: a span of years.
_YEARS = r"((?:19|20)\d{2})"
_YEAR_SPAN = re.compile(rf"\b{_YEARS}\s*[-–/]\s*{_YEARS}\b|\b(?:de|entre|du) {_YEARS} (?:a|à|et|au) {_YEARS}\b",
                        re.IGNORECASE)


def year_spans(text: str) -> set[tuple[str, str]]:
    return {tuple(y for y in m.groups() if y) for m in _YEAR_SPAN.finditer(text)}


# « www.namur.be », « province.namur.be », « contact@suresnes.fr »: an address on the web or a mailbox.
_WEB = re.compile(r"\b(?:https?://)?(?:www\.)?((?:[\w-]+\.)+(?:be|fr|com|org|eu|net|info))\b|\b[\w.-]+@[\w-]+(?:\.[\w-]+)+\b",
                  re.IGNORECASE)


def _web_addresses(text: str) -> set[str]:
    return {(m.group(1) or m.group(0)).lower() for m in _WEB.finditer(text)}


def other_web_address(question: str, text: str) -> bool:
    """Whether the question states a web or e-mail address (« c'est www.namur.be ? ») that
    `text` does not give, while it gives another one (« www.province.namur.be »)."""
    asked, given = _web_addresses(question), _web_addresses(text)
    return bool(asked) and bool(given) and not asked <= given


def other_span(question: str, text: str) -> bool:
    """Whether the question states a span of years (« le PST porte sur 2019-2024 ? ») that `text`
    gives otherwise: another span sharing one of its years (« 2022-2024 »), its own nowhere."""
    spans, said = year_spans(question), year_spans(text)
    return any(span not in said and any(set(span) & set(other) for other in said) for span in spans)


def missing_names(question: str, text: str) -> list[str]:
    """Capitalised words of the question (names: « Dakar », « Zuinen ») absent from `text`.

    The first word of a sentence is capitalised anyway and is skipped.
    """
    ev = Evidence.of(text, strict=True)
    names = []
    for sentence in re.split(r"[.?!:;«»\"]", question):
        words = re.findall(r"[\w'-]+", sentence)
        for word in words[1:]:
            bare = word.split("'")[-1]
            if bare[:1].isupper() and len(bare) > 2 and not bare.isupper() and fold(bare) not in _NOT_NAMES:
                # « Val-de-Marne » against « Hauts-de-Seine »: each part of a compound name counts,
                # not just its « de ».
                parts = [p for p in fold(bare).split() if len(p) > 2] or fold(bare).split()
                if parts and not all(ev.has([p]) for p in parts):
                    names.append(bare)
    return names


def _round_figures_as_digits(text: str) -> str:
    """« un demi-siècle » -> « 50 ans », « une centaine de » -> « 100 »: compared as numbers."""
    text = re.sub(r"\b(un )?demi[- ]si[eè]cle\b", "50 ans", text, flags=re.IGNORECASE)
    pattern = r"\b(une )?(" + "|".join(w for w in _ROUND_FIGURES if " " not in w) + r")s?( d'| de)?\b"
    return re.sub(pattern, lambda m: f"{_ROUND_FIGURES[m.group(2).lower()]} ", text, flags=re.IGNORECASE)


# « Ma classe étudie l'italien. Quelle région… ? »: what users say of themselves claims nothing.
_FIRST_PERSON = re.compile(r"\b(je|j|moi|mon|ma|mes|nous|notre|nos|jsuis|chui)\b")


@lru_cache(maxsize=256)
def about_the_subject(question: str) -> str:
    """The question without the sentences before it in which the user speaks of themselves
    (« Je suis journaliste. », « Trésorière d'une association : »); a sentence that says
    something of the subject (« La Région propose une plaquette. Sur quel thème ? ») is kept."""
    core = question_core(question)
    if core == question or not question.endswith(core):
        return without_self_introduction(question)
    before = [s for s in re.split(r"(?<=[.!:;?])\s+", question[:-len(core)].strip()) if s]
    kept = (s for s in before if not _FIRST_PERSON.search(fold(s)) and not _is_label(s))
    return " ".join([*kept, without_self_introduction(core)])


# « J'ai lu que la Province ouvre une option cirque. », « on m'a dit que… »: the user reports what
# the question is about; that sentence is the subject, not the scene.
_REPORTS = re.compile(r"\b(j ai (lu|entendu|vu|appris|remarque|note)|on m a (dit|parle)|on me dit|il parait|"
                      r"m a (dit|parle|appris)|je lis|en lisant)\b")
# Pronouns standing for something named before: « Tu peux me la donner ? », « Le document
# l'évoque-t-il ? », « dans ce processus », « de quoi s'agit-il ? ».
_OBJECT_PRONOUNS = frozenset("l le la les lui leur en y".split())
_INVERTED = re.compile(r"-(?:t-)?(il|elle|ils|elles)\b", re.IGNORECASE)
_SUBJECT_BEFORE = re.compile(r"\b(le|la|les|l|un|une|des|du|au|aux|ce|cette|cet|ces|son|sa|ses|leur|leurs)\s+\w+|"
                             r"(?<!^)\b[A-ZÀ-Ý]\w*")
_THIS = re.compile(r"\b(ce|cet|cette|ces) (?!que|qui|qu)\w+|\b(ca|cela|celui ci|celle ci|ceux ci|celles ci|"
                   r"s agit il|s agit elle)\b")


def refers_back(sentence: str) -> bool:
    """Whether a question leans on what was said before it: a demonstrative (« ce comité »), an
    object pronoun (« me la donner »), or a subject pronoun with no subject named before it
    (« en quelle année a-t-elle commencé ? », not « la Province prévoit-elle… ? »)."""
    if _THIS.search(fold(sentence)) or _OBJECT_PRONOUNS.intersection(pronouns(sentence)):
        return True
    inverted = _INVERTED.search(sentence)
    return inverted is not None and not _SUBJECT_BEFORE.search(sentence[:inverted.start()].rsplit("-", 1)[0])


@lru_cache(maxsize=256)
def scene_apart(question: str) -> tuple[str, str]:
    """(what is asked, the scene): the sentences before the question in which the user only
    speaks of themselves (« Je suis étudiante et je fais un travail sur… . La Province a-t-elle
    un outil pour… ? ») are the scene. They may name the subject, so search still weighs them
    a little, but the answer need not hold them. When the question leans on them (« …dans ce
    processus ? »), says nothing of its own (« …jumelée. Pouvez-vous me dire lesquelles ? »), or
    they report the subject (« J'ai lu que… »), nothing is set apart."""
    core = question_core(question)
    if core == question or not question.endswith(core) or refers_back(core) or only_wrapping(core):
        return question, ""
    before = [s for s in re.split(r"(?<=[.!:;?])\s+", question[:-len(core)].strip()) if s]
    scene = [s for s in before if _is_label(s) or (_FIRST_PERSON.search(fold(s)) and not _REPORTS.search(fold(s)))]
    if not scene:
        return question, ""
    return " ".join([*(s for s in before if s not in scene), core]), " ".join(scene)


# « Je suis journaliste pour un hebdo local : »: who is asking, and nothing else.
_I_AM = re.compile(r"^(?:je suis|jsuis|chui|nous sommes)\b[^,;.!?]*:$")


_NAMED = re.compile(r"(?<!^)\b[A-ZÀ-Ý]")


def _is_label(sentence: str) -> bool:
    """« Trésorière d'une association : », « Je suis journaliste : »: who is asking, before a
    colon, with no verb but « être » and no name (« principal du collège Jean Macé » names
    what the question is about)."""
    sentence = sentence.strip()
    if not sentence.endswith(":") or _NAMED.search(sentence):
        return False
    return not has_verb(sentence) or _I_AM.match(fold(sentence) + ":") is not None


def without_label(question: str) -> str:
    """The question without the words before a colon that only say who is asking
    (« Trésorière d'une association : quel est le montant… ? »): they are not searched for.
    Anything else the user says first may name the subject (« Mon fils est au collège Jean
    Macé… ») and stays."""
    head, colon, rest = question.partition(":")
    if colon and rest.strip() and _is_label(head + colon) and not _POINTS_AT_HEAD.match(rest):
        return rest.strip()
    return question


# « comité consultatif ille et vilaine : ils bossent sur quoi ? », « valeur expertise : ça
# recouvre quoi ? »: a pronoun opening what follows the colon stands for what precedes it.
_POINTS_AT_HEAD = re.compile(r"\s*(?:et\s+)?(?:ils?|elles?|ca|ça)\b", re.IGNORECASE)


# « Éleveur retraité, je voudrais savoir si… », « je crois que… », « je me demande si, d'après le
# PST, … », « ma petite fille dit que… »: what comes before the claim.
_Q = "['’]"
_ASKING_LEAD = re.compile(
    rf"^.*?\b(?:(?:je (?:voudrais|voulais|souhaiterais|souhaite|veux|aimerais)|j{_Q}(?:aimerais|aurais aim[ée]))"
    rf" (?:bien )?(?:savoir|v[ée]rifier|confirmer)|"
    rf"je me demande|je me demandais|pouvez[- ]vous me dire|pourriez[- ]vous me dire|dites[- ]moi|"
    rf"je crois|je pense|j{_Q}ai lu|j{_Q}ai entendu(?: dire)?|j{_Q}ai appris|il me semble|"
    rf"(?:on|\w+) m{_Q}a (?:dit|affirm[ée]|expliqu[ée]|racont[ée]|assur[ée])|on dit|il para[iî]t|"
    rf"(?:dit|disait|affirme|pr[ée]tend|raconte))\s+"
    rf"(?:si,?\s+|s{_Q}|que,?\s+|qu{_Q})",
    re.IGNORECASE)
# « Je suis agriculteur retraité, la filière… ? », « mon asso fait…, le département soutient… ? »,
# « En tant que directrice de crèche, … ? »
_FIRST_PERSON_LEAD = re.compile(rf"^(?:(?:pour |comme |en tant que |dans )?(?:je|j{_Q}|jsuis|jai|chui|moi|mon|ma|mes|nous|notre|nos)"
                                rf"|en tant que)\b[^,:;]*[,:;]\s*",
                                re.IGNORECASE)
# Fewer words than this left after a cut: the cut took the claim, keep the question whole.
_MIN_CLAIM_WORDS = 4


def without_self_introduction(sentence: str) -> str:
    """The claim of a closed question without the user's words about themselves or their
    asking: « Principal d'un collège à Fougères, je voudrais savoir si le Département
    finance… » -> « le Département finance… », which claims nothing about « Fougères »."""
    for lead in (_ASKING_LEAD, _FIRST_PERSON_LEAD):
        rest = lead.sub("", sentence, count=1)
        if rest != sentence and len(rest.split()) >= _MIN_CLAIM_WORDS:
            sentence = rest
    return sentence


@lru_cache(maxsize=256)
def _claims(question: str) -> tuple[tuple[str, ...], ...]:
    text = _round_figures_as_digits(about_the_subject(question))
    # « Existe-t-il… ? », « pratique-t-elle… ? »: a verb, whatever the tagger makes of it at the
    # head of a sentence
    verbs = {fold(m.group(1)) for m in _INVERTED_VERB.finditer(text)}
    return tuple(g for g in claim_groups(text) if not _FRAMING.intersection(g) and g[0] not in verbs)


def claims_of(question: str) -> tuple[tuple[str, ...], ...]:
    """What the question claims or asks about: its nouns, names, adjectives and numbers."""
    return _claims(question)


def claims_in(text: str) -> tuple[tuple[str, ...], ...]:
    """The nouns, names, adjectives and numbers of all of `text`, the sentences where the user
    speaks of themselves included (`claims_of` leaves those out)."""
    return tuple(g for g in claim_groups(_round_figures_as_digits(text)) if not _FRAMING.intersection(g))


def claims_to_confirm(question: str) -> tuple[tuple[str, ...], ...]:
    """What a closed question claims, without the words that only frame it (« ce genre
    d'associations », « un partenariat » for a twinning): what the answer must say. A phone
    number stated is the claim; « le numéro », « le téléphone » only name it (the card says
    « Téléphone : … » or just the number)."""
    framing = _CLAIM_FRAMING | _PHONE_WORDS if _PHONE.search(question) else _CLAIM_FRAMING
    if _DIGITS.search(question):
        framing = framing | _NUMBER_KIND_WORDS
    return tuple(g for g in _claims(question) if not framing.intersection(g))


_PHONE = re.compile(r"(?:\+3[23] ?|\b0)\d{1,3}(?:[ ./-]?\d{2,3}){2,4}(?![\d.])")
_PHONE_WORDS = frozenset("numero numeros telephone tel tél gsm portable appeler joindre coordonnees".split())
# « code postal 5000 », « l'année 2000 », « le chiffre de 957 »: with the number stated, these
# words only name its kind (the card says « 5000 Namur », the passage « depuis mai 2000 »).
_DIGITS = re.compile(r"\d")
_NUMBER_KIND_WORDS = frozenset("code postal annee chiffre".split())


def unsupported_share(question: str, answer: str, weight, claims: tuple[tuple[str, ...], ...] | None = None) -> float:
    """Share of what the question claims (its nouns, names, adjectives, numbers; weighted by
    `weight(word)`), or of `claims`, that `answer` does not say. 0 when it claims nothing."""
    claims = _claims(question) if claims is None else claims
    if not claims:
        return 0.0
    ev = Evidence.of(answer, strict=True)
    total = sum(weight(g) for g in claims)
    return sum(weight(g) for g in claims if not ev.has(g)) / total if total else 0.0


# « pas de partenaire dans ce pays (Dakar) »: the place in brackets repeats what was asked.
_ECHO = re.compile(r"\b(ce pays|ce continent|cet endroit) \(([^()]*)\)", re.IGNORECASE)


def without_echoes(answer: str, question: str) -> str:
    """`answer` without the places in brackets that only repeat the question (« pas de
    partenaire dans ce pays (Dakar) » does not confirm Dakar); a partner's country in
    brackets (« Province du Jiangsu (Chine) ») is a fact and stays."""
    asked = f" {fold(question)} "
    return _ECHO.sub(lambda m: m.group(1) if f" {fold(m.group(2))} " in asked else m.group(0), answer)


_COUNT = rf"(\d+|{NUMBER_WORDS})"


def _as_number(token: str) -> str:
    return str(_NUMBER_WORDS.get(token, token))


def as_number(token: str) -> int:
    """« quatre » → 4, « 1.200 » → 1200."""
    return int(re.sub(r"\D", "", _as_number(token)) or 0)


# Words after a number that are not the thing it counts.
_NOT_COUNTED = frozenset("pour dans avec sans entre depuis chez sous vers selon apres avant pendant durant contre "
                         "mais donc ainsi".split())
# Folded text writes « 15.000 » as « 15 000 ».
_THOUSANDS = re.compile(r"\b(\d{1,3}) (\d{3})\b")


def wrong_counts(question: str, answer: str) -> bool:
    """Whether the answer counts a thing the question counts, with another number
    (« trois priorités ? » against « quatre priorités »; « plusieurs PSE ? » against « 1 PSE »)."""
    asked = _THOUSANDS.sub(r"\1\2", fold(question))  # « 15.000 analyses » counts 15000, not 0
    said = _THOUSANDS.sub(r"\1\2", fold(answer))
    for m in re.finditer(r"\bplusieurs\s+(?:\w+\s+)?(\w{3,})", asked):
        thing = stem(m.group(1).rstrip("sx"))
        if re.search(rf"\b(1|un|une|un seul|une seule)\s+(?:\w+\s+)?{re.escape(thing)}", said):
            return True
    # The thing counted is the word after the number, or the one after that (« trois grandes
    # priorités »): both are tried, « trois priorités pour… » must not count « pour ».
    # « 3 PSE » counts an acronym: a short word counts when written in capitals.
    acronyms = {fold(w) for w in re.findall(r"\b[A-Z]{2,3}\b", question)}
    for m in re.finditer(rf"\b{_COUNT}\s+(\w{{2,}})(?:\s+(\w{{4,}}))?", asked):
        number = _as_number(m.group(1))
        for word in filter(None, m.groups()[1:]):
            if len(word) < 4 and word not in acronyms:
                break
            if word in _NOT_COUNTED or word.isdigit():
                break  # « en 2022 pour 50.000 € »: what follows « pour » is not what 2022 counts,
                # nor does « 03 » count « 2022 » in a date (« 31/03/2022 »)
            thing = stem(word.rstrip("sx"))
            given = {_as_number(n.group(1))
                     for n in re.finditer(rf"\b{_COUNT}\s+(?:[^\W\d]\w*\s+)?{re.escape(thing)}", said)}
            if given and number not in given:
                return True
    return False


# « uniquement les projets ponctuels ? », « n'importe quel projet ? », « qu'un seul service ? »:
# a question that narrows (or widens) what the sources say; « pas seulement » does the opposite.
_RESTRICTS = re.compile(r"(?<!pas )(?<!non )(?<!ou )\b(uniquement|seulement|exclusivement|purement|strictement|"
                        r"seuls?|seules?|rien que|"
                        r"juste (de|du|des|d|pour|pr|un|une|le|la|les|l)|n importe (quel|quelle|quels|quelles|qui|quoi)|"
                        r"(?:limit|reserv|cantonn)\w*(?: t)?(?: (?:il|elle|ils|elles))? (?:a|au|aux)|"
                        # « se contente-t-elle du minimum légal ? »
                        r"(?:se|s|me|m|nous|vous) (?:est |sont )?content\w*(?: t)?(?: (?:il|elle|ils|elles))? (?:de|du|des|d)|"
                        r"qu un seul|qu une seule|que pour|tous les (mois|ans|jours|semaines)|"
                        # « ne touche que », « ne peut chercher que », « ne s'occupe-t-il que »
                        r"ne (?:(?!pas\b|plus\b)\w+ ){1,4}(?:que|qu))\b")
# The same narrowing in the sources' words.
_NARROW = re.compile(r"\b(uniquement|seulement|exclusivement|seule?s?|reserve|reservee|reserves|reservees|"
                     r"ne \w+ que|n \w+ que)\b")
# Words that deny what follows them (« il ne s'agit pas d'assistance »).
_DENIAL = frozenset("pas non sans ni aucun aucune jamais".split())
DENIAL_REACH = 3


def denied_at(words: list[str], i: int) -> bool:
    """Whether `words[i]` comes just after a denial (`_DENIAL`, at most DENIAL_REACH words before)."""
    return bool(_DENIAL.intersection(words[max(0, i - DENIAL_REACH):i]))


# « le SREI va-t-il automatiquement le soutenir ? », « les agents sont-ils obligés de… ? »: a
# question that makes a rule of what the sources describe; confirmed only in the same words.
_WIDENS = re.compile(r"\b(automatique\w*|systematique\w*|obligatoirement|obligee?s?|d office|"
                     r"sans condition\w*|sans exception|quel qu il soit|quelle qu elle soit|quels qu ils soient|"
                     r"quelles qu elles soient|en toutes circonstances)\b")


# « le PST prévoit-il de supprimer… ? », « ont-elles été abandonnées ? », « a-t-il cessé de… ? »:
# an end or a cut the question puts forward; confirmed only when the answer says it too (the
# sources more often say « développer », « poursuivre », « réactiver »).
_CUTS = re.compile(r"\b(supprim\w*|suppression|abandon\w*|cess\w*|redui\w*|reduction|diminu\w*|renonc\w*|"
                   r"arret\w*|stopp\w*|a l ecart|delaiss\w*|annul\w*|mettre fin|mis fin|met fin|"
                   # « les relations sont-elles suspendues / rompues ? », « est-elle exclue ? »
                   r"suspen\w*|rompu\w*|rupture|interromp\w*|exclu(?!siv)\w*|interdi\w*)\b")


# Letters a word of the answer must share with the cut to say it (« réduire », « réduction »).
CUT_ROOT = 4


def unstated_cut(question: str, answer: str) -> bool:
    """Whether the question puts forward an end or a cut (`_CUTS`) that the answer never says."""
    said = fold(answer).split()
    return any(not any(w.startswith(_cut_root(cut.split()[-1])) for w in said)
               for cut in (m.group(1) for m in _CUTS.finditer(fold(question))))


def _cut_root(word: str) -> str:
    # « inter » begins « international » too: « interdire », « interrompre » need more letters
    return word[:CUT_ROOT + 3] if word.startswith("inter") else word[:CUT_ROOT]


# « une philosophie différente de… ? », « des enjeux sans rapport avec… ? » against « la même
# philosophie », « les mêmes enjeux »: the question says two things differ, the answer that
# they are alike.
_DIFFERS = re.compile(r"\b(?:different\w*|distinct\w*|sans (?:aucun )?rapport|aucun rapport|rien a voir)\b")
_ALIKE = re.compile(r"\bmemes? (\w+)")


def said_alike(question: str, answer: str) -> bool:
    """Whether the question says something differs and the answer calls that same thing « le
    même » (« même philosophie » for « une philosophie différente »)."""
    folded = fold(question)
    if not _DIFFERS.search(folded) or _ALIKE.search(folded):
        return False  # « malgré des contextes différents, les mêmes enjeux ? » says alike
    claimed = {stem(f) for g in _claims(question) for f in g}
    return any(stem(m.group(1)) in claimed for m in _ALIKE.finditer(fold(answer)))


def narrows(question: str, answer: str) -> bool:
    """Whether the question narrows (or widens into a rule) what the sources say and the answer
    does not say it too."""
    folded, said = fold(question), fold(answer)
    if _RESTRICTS.search(folded) and not _NARROW.search(said):
        return True
    widened = _WIDENS.search(folded)
    return widened is not None and stem(widened.group(1).split()[0]) not in {stem(w) for w in said.split()}


# Words that join a noun to what qualifies it (« pilier du développement humain »).
_LINKS = frozenset("de du des d".split())
# Short words that may follow a noun without qualifying it.
_NOT_QUALIFIERS = frozenset("pour avec dans sans entre leur leurs ainsi comme mais plus tres aussi sont etre "
                            "tant afin dont vers chez sous elle elles ils tout toute tous toutes selon".split())
# A word followed by one of these is read as a verb the tagger took for an adjective (« la
# province bosse avec… »).
_VERB_OBJECTS = frozenset("avec en sur pour a au aux chez contre".split())
# How French adjectives end (« régionale », « énergétique », « suresnois », « décentralisée »).
_ADJECTIVE = re.compile(r"(al|ale|ales|aux|iques?|aires?|ifs?|ives?|els?|elles?|iens?|iennes?|ois|oises?|ains?|"
                        r"aines?|eux|euses?|ables?|ibles?|iles?|ees?|ieres?|iers?|eres?)$")


# Punctuation that ends what a word can qualify.
_CLAUSE_BREAK = re.compile(r"[,;:.!?()«»\n]")
# « relève-t-elle », « figure-t-il »: a verb before its inverted subject, whatever the tagger
# made of it, qualifies no noun (« l'égalité de traitement des citoyens relève-t-elle… »).
_INVERTED_VERB = re.compile(r"(\w+)-(?:t-)?(?:il|elle|ils|elles|on)\b")


def swapped_qualifiers(question: str, answer: str) -> list[str]:
    """Adjectives and names of the question that qualify a noun the answer qualifies otherwise:
    « autonomie énergétique » against « autonomie alimentaire », « Déclaration de politique
    régionale » against « … politique provinciale », « groupe pays Serbie » against « … Haïti ».

    The word must be absent from the whole answer, and every place where the answer writes
    the noun the same way (next word, or the same « de » between) holds another word, an
    adjective too when the question's word is one."""
    asked = fold(question).split()
    claimed = {f for g in _claims(question) for f in g}
    qualifying = qualifying_words(question) - {fold(m.group(1)) for m in _INVERTED_VERB.finditer(question.lower())}
    clauses = [fold(c).split() for c in _CLAUSE_BREAK.split(answer)]
    ev = Evidence.of(answer, strict=True)
    swapped = []
    for i, word in enumerate(asked):
        if (word not in qualifying or word not in claimed or len(word) < 4 or ev.has([word])
                or (i + 1 < len(asked) and asked[i + 1] in _VERB_OBJECTS)):
            continue
        linked = i >= 2 and asked[i - 1] in _LINKS
        head = asked[i - 2] if linked else asked[i - 1] if i else ""
        # the noun qualified, not a name before its verb (« Testud siège-t-il… »)
        if head not in claimed or head in qualifying or len(head) < 4 or head.isdigit():
            continue
        gap = 2 if linked else 1
        # within one clause: « ces agents, volontaires pour… » does not qualify the agents
        followers = {words[j + gap] for words in clauses for j, w in enumerate(words[:len(words) - gap])
                     if (w == head or (stem(w) == stem(head) and same_root(w, head)))
                     and (not linked or words[j + 1] in _LINKS)}
        others = {f for f in followers if len(f) >= 4 and f.isalpha() and f not in _NOT_QUALIFIERS
                  and (_ADJECTIVE.search(f) or not _ADJECTIVE.search(word))}
        if others and not others.intersection(asked):
            swapped.append(word)
    return swapped


# « c'est bien le « Service d'échanges et de relations internationales » ? »: words in quotes.
_QUOTED = re.compile(r"«([^»]+)»|\"([^\"]+)\"")
_QUOTE_GLUE = frozenset("pour vers dans avec sans chez sous leur leurs notre votre".split())
# How far apart (in words) two quoted words may be in the answer and still read as the quote.
QUOTE_GAP = 3


def misquoted(question: str, answer: str) -> bool:
    """Whether the question quotes a name or title (two words or more) that the answer never
    writes in that order: « le « Service des échanges et relations interculturelles » ? »
    against « service Europe et relations internationales »."""
    said = fold(answer).split()
    for m in _QUOTED.finditer(question):
        words = [w for w in fold(m.group(1) or m.group(2)).split() if len(w) >= 4 and w not in _QUOTE_GLUE]
        if len(words) >= 2 and not _in_order(words, said):
            return True
    return False


# An acronym as typed (« PST », « CITIM », « PrECI »): three letters or more, most in capitals.
_ACRONYM = re.compile(r"\b([A-Z][A-Za-z]{1,7})\b")
# Small words an acronym skips (« Service des relations extérieures et internationales »).
_UNSPELLED = frozenset("de d du des la le l les et en a au aux pour sur".split())


# What may stand between an acronym and its expansion: « PST, c'est bien le Plan… », « SREI
# signifie… ».
_SPELLING_LINK = frozenset("c est bien le la l les ce ca cela signifie signifient veut dire designe vraiment un "
                           "une".split())


def spelled_out(question: str) -> list[list[str]]:
    """The expansions a question gives of an acronym it writes (« le PST, c'est bien le Plan
    Social Territorial ? »): the words right after it (or right before) whose initials spell
    it, small words aside."""
    words = fold(question).split()
    out = []
    for m in _ACRONYM.finditer(question):
        acronym = m.group(1)
        if len(acronym) < 3 or sum(c.isupper() for c in acronym) < len(acronym) - 1:
            continue
        letters = fold(acronym)
        at = [i for i, w in enumerate(words) if w == letters]
        for i in at:
            # « le PST de la Province, c'est bien… », « le SERI d'Ille-et-Vilaine, c'est… »: a short
            # complement before the link
            after = next((j for j in range(i + 1, min(i + 8, len(words)))
                          if words[j] in ("c", "signifie", "signifient", "veut", "designe")), i + 1)
            while after < len(words) and words[after] in _SPELLING_LINK:
                after += 1
            run = _spelling(words[after:], letters) or _spelling(words[max(0, i - 2 * len(letters)):i], letters, ending=True)
            if run:
                out.append(run)
                break
    return out


def _spelling(words: list[str], letters: str, ending: bool = False) -> list[str]:
    """The words from the start of `words` (or ending at its end) whose initials are `letters`."""
    starts = range(len(words)) if ending else (0,)
    for start in starts:
        run: list[str] = []
        for w in words[start:]:
            if w in _UNSPELLED and run:
                continue
            if len(run) == len(letters) or not w.startswith(letters[len(run)]):
                break
            run.append(w)
        if len(run) == len(letters) and (not ending or words[-1] == run[-1]):
            return run
    return []


def misexpanded(question: str, answer: str) -> bool:
    """Whether the question spells out an acronym in words the answer never writes in that
    order: « Service régional d'emploi et d'insertion » for the SREI's real name."""
    said = fold(answer).split()
    return any(not _in_order(run, said) for run in spelled_out(question))


_CAPITALS = re.compile(r"\b[A-Z]{3,6}\b")


def other_acronym(question: str, answer: str) -> bool:
    """Whether the question names an acronym the answer does not write, and the answer writes
    one with the same letters in another order or, four letters long or more, one letter
    apart: « le SREI » for the Ille-et-Vilaine's SERI (« PST » and « IST » are two things)."""
    said = set(_CAPITALS.findall(answer))
    return any(asked not in said and any(sorted(asked) == sorted(other)
                                         or (len(asked) >= 4 and edit_distance(asked, other, 1) <= 1)
                                         for other in said)
               for asked in _CAPITALS.findall(question_core(question)))


def _in_order(words: list[str], said: list[str]) -> bool:
    """Whether `words` appear in `said` in that order, each within QUOTE_GAP of the previous."""
    def same(a: str, b: str) -> bool:
        # « fière » quotes « fier »: a short word's feminine or plural is the same word
        inflected = (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 2
        return a == b or inflected or (stem(a) == stem(b) and same_root(a, b))

    for start, w in enumerate(said):
        if not same(words[0], w):
            continue
        at, found = start, True
        for word in words[1:]:
            nxt = next((i for i in range(at + 1, min(at + 1 + QUOTE_GAP + 1, len(said))) if same(word, said[i])), None)
            if nxt is None:
                found = False
                break
            at = nxt
        if found:
            return True
    return False


def denied_claims(question: str, answer: str) -> list[tuple[str, ...]]:
    """Claims of the question the answer only mentions just after a denial (« ce n'est pas
    de l'assistance »), when the question itself denies nothing."""
    if _DENIAL.intersection(fold(question).split()):
        return []
    clauses = [fold(c).split() for c in re.split(r"[,;:.()«»\n]", answer)]
    denied = []
    for group in _claims(question):
        stems = {stem(f) for f in group}
        seen = [(words, i) for words in clauses for i, w in enumerate(words) if w in group or stem(w) in stems]
        if seen and all(denied_at(words, i) for words, i in seen):
            denied.append(group)
    return denied


# « sans tenir compte des engagements », « sans se soucier des politiques », « sans concertation »:
# what follows is what the question says is missing.
_WITHOUT = re.compile(r"\bsans (?:(?:avoir a |devoir |se |s |en |y )?(?:tenir compte|se soucier|soucier|respecter|passer par|"
                      r"lien avec|rapport avec|aucun lien avec|aucun rapport avec|consulter|associer|impliquer)\s+)?"
                      r"(?:(?:de|des|du|d|la|le|les|l|a|au|aux|leur|leurs|ses|son|sa)\s+)*(\w{4,})")


def denied_by_question(question: str, answer: str) -> list[str]:
    """What the question says is left out (« sans tenir compte des engagements internationaux
    de la France ? ») and the answer says is there, not denied (« dans le respect des
    engagements internationaux de la France »)."""
    words = fold(answer).split()
    left_out = []
    for m in _WITHOUT.finditer(fold(question)):
        if m.group(1) in _NONE:
            continue  # « sans aucune règle »: `refused_by_question` reads what follows
        if affirmed(stem(m.group(1)), words):
            left_out.append(m.group(1))
    return left_out


# « Vice-Président », « sous-directeur », « co-président »: another title than the bare one.
_TITLES = frozenset("president presidente presidents directeur directrice secretaire gouverneur ministre "
                    "maire tresorier tresoriere".split())
_TITLE_PREFIXES = frozenset("vice sous co ex pro".split())


def prefixed_title(question: str, answer: str) -> list[str]:
    """Titles the question gives bare (« est-il président du conseil départemental ? ») that
    the answer only gives with a prefix (« Vice-Président du Conseil départemental »)."""
    asked, said = fold(question).split(), fold(answer).split()
    titles = []
    for i, w in enumerate(asked):
        if w not in _TITLES or (i and asked[i - 1] in _TITLE_PREFIXES):
            continue
        spots = [j for j, s in enumerate(said) if s == w]
        if spots and all(j and said[j - 1] in _TITLE_PREFIXES for j in spots):
            titles.append(w)
    return titles


# « la santé scolaire sera centralisée ? » against « un service de santé scolaire décentralisé »:
# a quality whose opposite is the same word with a prefix. Nouns in -ment are not qualities
# (« placement », « déplacement »), nor words that are other words once prefixed.
_OPPOSING_PREFIXES = ("des", "de", "in", "im", "il", "ir", "non")
_QUALITY_END = re.compile(r"(?:is|ifi|ect|ul|al|el|(?<!m)ant|(?<!m)ent|ible|able|if|iv|iqu|ier)(?:e|ee|es|ees|s|x)?$")
_NOT_QUALITIES = frozenset("portant portante portants pendant tenant tenante partant".split())
QUALITY_LENGTH = 6


def _base(word: str) -> str:
    return re.sub(r"(?:ees|ee|es|e|s|x)$", "", word)


def opposite_quality(question: str, answer: str) -> list[str]:
    """Qualities of the question (« centralisée », « formel ») that the answer never says, but
    says with an opposing prefix (« décentralisé », « informel »)."""
    said = set(fold(answer).split())
    found = []
    for w in dict.fromkeys(fold(question).split()):
        if len(w) < QUALITY_LENGTH or w in _NOT_QUALITIES or not _QUALITY_END.search(w):
            continue
        base = _base(w)
        if any(a.startswith(base) and len(a) <= len(w) + 2 for a in said):
            continue
        if any(a.startswith(p) and a[len(p):].startswith(base) and len(a) <= len(p) + len(w) + 2
               for a in said for p in _OPPOSING_PREFIXES):
            found.append(w)
    return found


def affirmed(root: str, words: list[str]) -> bool:
    """Whether a word of stem `root` is among `words`, and never just after a denial."""
    spots = [i for i, w in enumerate(words) if stem(w) == root]
    return bool(spots) and not any(denied_at(words, i) for i in spots)


_NONE = frozenset("aucun aucune aucuns aucunes nul nulle".split())
# « n'offre aucune opportunité économique ? », « sans aucune règle déontologique ? », « n'a rien à
# voir avec la démocratie ? », « refuse-t-il de s'inscrire dans une dynamique européenne ? », « se
# désintéresse de l'Europe ? », « indépendamment des politiques régionales ? »: the question says
# something is absent or refused; what follows, up to the end of the clause, is that thing.
_REFUSAL = re.compile(r"\b(?:(?:sans )?(?:aucun|aucune|aucuns|aucunes)|rien a voir avec|aucun rapport avec|"
                      r"refus(?:e|ent|ait|aient)|desinteress\w*|independamment|laiss\w* tomber|neglig(?:e|ent|ee|ees|es)|"
                      r"sans (?:se |s )?(?:preoccuper|soucier|occuper)(?: \w+)?)\s+(.+)")
# Words of the refused thing that are not the thing (« de s'inscrire dans une… »).
_NOT_THING = frozenset("t il elle ils elles on de des du d la le les l s se a au aux en dans une un pour par sur "
                       "avec que qu ni ou et leur leurs son sa ses ce cette ces tout toute tous toutes".split())
# At most this many words of the refused thing must all be said (« dynamique européenne »).
REFUSED_WORDS = 3


def refused_by_question(question: str, answer: str) -> list[str]:
    """What the question says is absent or refused (`_REFUSAL`) and the answer says, every
    word of it, without a denial: « n'offre aucune opportunité économique ? » against « des
    opportunités économiques »; « aucun jumelage en Afrique ? » against six jumelages in Europe
    and Israel is not refused, « Afrique » is never said."""
    words = fold(answer).split()
    refused = []
    for clause in re.split(r"[,;:?!.]", question):  # the thing ends with its clause
        for m in _REFUSAL.finditer(fold(clause)):
            thing = [w for w in m.group(1).split() if w not in _NOT_THING and len(w) > 2][:REFUSED_WORDS]
            if thing and all(affirmed(stem(w), words) for w in thing):
                refused.append(" ".join(thing))
    return refused


_DETERMINERS = frozenset("le la les l du des un une ce cette ces son sa ses leur leurs".split())
# How far after a denied verb what it acts on may be (« sans se substituer à la collectivité »).
OBJECT_REACH = 7


# « aider ses partenaires à se développer plutôt qu'à les assister ? »: what follows is set
# aside, not claimed.
_RATHER_THAN = re.compile(r"\b(?:plut[oô]t qu|au lieu d|et non\b)", re.IGNORECASE)


def denied_actions(question: str, answer: str) -> list[str]:
    """Verbs of the question that the answer only uses denied, next to what the question says
    they act on: « se substitue-t-elle à la collectivité ? » against « sans se substituer à la
    collectivité partenaire ». A noun of the same stem (« le contenu ») is not the verb, nor a
    verb the question sets aside (« plutôt qu'à les assister »)."""
    if _DENIAL.intersection(fold(question).split()):
        return []
    words = fold(answer).split()
    objects = {stem(f) for g in _claims(question) for f in g}
    denied = []
    for verb in claim_verbs(_RATHER_THAN.split(question_core(question))[0]):
        root = stem(verb)
        if len(root) < STEM:
            continue
        seen = [i for i, w in enumerate(words) if stem(w) == root and not (i and words[i - 1] in _DETERMINERS)]
        if (seen and all(denied_at(words, i) for i in seen)
                and any(objects.intersection(stem(w) for w in words[i + 1:i + 1 + OBJECT_REACH]) for i in seen)):
            denied.append(verb)
    return denied


# How far after its verb the thing it acts on is looked for (« accompagner les communes dans… »).
OBJECT_WORDS = 3
# Who a body's action is for, where one of them is never another (« les communes » are not « les
# écoles »); everyone (« les gens », « le public ») may be any of them.
_ACTORS = frozenset("""commune communes ecole ecoles entreprise entreprises association associations asbl citoyen
    citoyens habitant habitants jeune jeunes eleve eleves etudiant etudiants agent agents collectivite collectivites
    etablissement etablissements ong operateur operateurs cpas famille familles aine aines enseignant enseignants
    professionnel professionnels agriculteur agriculteurs artiste artistes musee musees province provinces region
    regions ville villes college colleges lycee lycees""".split())


def other_object(question: str, answer: str) -> bool:
    """Whether the answer uses a verb of the question for someone else, and never names whom the
    question says it acts for: « accompagne-t-elle les écoles dans leur adhésion au label ? »
    against « accompagner les communes dans leur processus d'adhésion »."""
    asked, said = fold(question_core(question)).split(), fold(answer).split()
    for verb in claim_verbs(question_core(question)):
        root = stem(verb)
        if len(root) < STEM:
            continue
        thing = _object_after(asked, root)
        if not thing or Evidence.of(answer, strict=True).has((thing,)):
            continue
        if any(obj and obj != thing for obj in (_object_after(said[i:], root) for i in
                                                 range(len(said)) if stem(said[i]) == root)):
            return True
    return False


def _object_after(words: list[str], root: str) -> str | None:
    """The actor right after the first word of stem `root` (determiners skipped), if any."""
    at = next((i for i, w in enumerate(words) if stem(w) == root), None)
    if at is None:
        return None
    for w in words[at + 1:at + 1 + OBJECT_WORDS]:
        if w in _DETERMINERS:
            continue
        return w if w in _ACTORS else None
    return None
