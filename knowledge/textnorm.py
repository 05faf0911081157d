"""French text normalisation for search and entity matching: accent folding and lemmas."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

_WORD_RE = re.compile(r"[a-z0-9]+")
SPACY_MODEL = "fr_core_news_md"
# Bump when the output of `search_groups_many` changes, so cached terms are recomputed.
NORMALISER_VERSION = 6
# spaCy lists number words as stop words, but "cinq enjeux" or "six jumelages" mean something;
# "un"/"une" are mostly articles.
_ARTICLES = {"un", "une"}


def unaccent(text: str) -> str:
    """Strip accents only, keeping case and punctuation: « Éducation » -> « Education »."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("’", "'")


def fold(text: str) -> str:
    """Lowercase, strip accents and punctuation: « Éducation » -> « education »."""
    return " ".join(_WORD_RE.findall(unaccent(text.lower())))


_nlp_lock = threading.Lock()


@lru_cache(maxsize=1)
def load_pipeline() -> Any:
    """The French pipeline for lemmas, loaded once per process (see `_nlp` for the lock)."""
    import spacy  # noqa: PLC0415 (heavy import, only where lemmas are needed)

    # Lemmas need the morphologizer only: parser and NER would triple the cost.
    return spacy.load(SPACY_MODEL, exclude=["parser", "ner", "senter"])


def _nlp() -> Any:
    # One load: a question arriving during the warm-up waits for it instead of loading a
    # second copy alongside (which made both take twice as long).
    with _nlp_lock:
        return load_pipeline()


def search_groups_many(texts: list[str]) -> list[list[list[str]]]:
    """For each text, its content words: each a group of folded surface form and lemma.

    Stop words are dropped so that ranking rests on the words that carry meaning (number
    words are kept).
    """
    return [parts[0] for parts in search_groups_parts([[t] for t in texts])]


# Words spaCy's French list stops that say what is asked: « avec quel outil on le suit ? »
# (« suivre » is there for « suivant »).
MEANT_WORDS = frozenset({"suit", "suivre", "suivent"})


def search_groups_parts(items: list[list[str]], batch: bool = True,
                        digit_ranks: bool = True) -> list[list[list[list[str]]]]:
    """`search_groups_many` for texts made of parts (title, names, body...), run once per
    item but reported per part, so the title's words are known without a second pass.
    `digit_ranks`: a digit is also a rank (indexed texts, not questions).

    Batched because spaCy's `pipe` is much faster than one call per text at build time;
    a single query (`batch=False`) skips pipe's overhead.
    """
    nlp = _nlp()
    stop_words = nlp.Defaults.stop_words
    texts = [" ".join(parts) for parts in items]
    docs = nlp.pipe(texts, batch_size=64) if batch else [nlp(t) for t in texts]
    out = []
    for parts, doc in zip(items, docs, strict=True):
        ends = [sum(len(p) + 1 for p in parts[:i + 1]) for i in range(len(parts))]
        per_part: list[list[list[str]]] = [[] for _ in parts]
        for tok in doc:
            if tok.is_punct or tok.is_space or (tok.is_stop and not (tok.like_num and tok.lower_ not in _ARTICLES)
                                                and tok.lower_ not in MEANT_WORDS):
                continue
            groups = per_part[next(i for i, end in enumerate(ends) if tok.idx < end or i == len(ends) - 1)]
            for group in _token_groups(fold(tok.text).split(), fold(tok.lemma_).split(), stop_words, digit_ranks):
                if group not in groups:
                    groups.append(group)
        out.append(per_part)
    return out


# Ordinals and rank digits share one index term: « la deuxième priorité » finds « Priorité 2 »
# and « Seconde priorité ». In a question a digit is a count (« 3 mots ») or a school year
# (« en 3e »), so only ordinal words give a rank there.
_ORDINALS = {"premier": 1, "premiere": 1, "deuxieme": 2, "second": 2, "seconde": 2, "troisieme": 3,
             "quatrieme": 4, "cinquieme": 5, "sixieme": 6, "septieme": 7, "huitieme": 8}
_DIGITS = {str(n): n for n in range(1, 10)}


def rank_of(word: str, digits: bool = False) -> str | None:
    """The term shared by an ordinal and the digit of a rank (« deuxieme », « seconde »; « 2 »
    too when `digits`, as in a title « Priorité 2 »)."""
    rank = _ORDINALS.get(word) or (_DIGITS.get(word) if digits else None)
    return f"rang{rank}" if rank else None


def _token_groups(surface: list[str], lemma: list[str], stop_words: set[str],
                  digit_ranks: bool = True) -> list[list[str]]:
    """One group per word of a token: « Basse-Normandie » gives [basse, bas] and [normandie],
    so that each word must be found, not just one of them."""
    if len(lemma) != len(surface):
        lemma = []
    groups = []
    for i, word in enumerate(surface):
        rank = [r] if (r := rank_of(word, digits=digit_ranks)) else []
        group = [w for w in dict.fromkeys([word, *lemma[i:i + 1], *rank]) if len(w) > 1]
        if len(surface) > 1 and word in stop_words:
            continue  # the « et » of « Ille-et-Vilaine »
        if group:
            groups.append(group)
    return groups


def search_terms_many(texts: list[str]) -> list[list[str]]:
    """For each text, the distinct folded words and lemmas that full-text search indexes."""
    return [list(dict.fromkeys(w for g in groups for w in g)) for groups in search_groups_many(texts)]


def search_groups(text: str) -> list[list[str]]:
    """`search_groups_many` for one text (a query)."""
    return search_groups_parts([[text]], batch=False, digit_ranks=False)[0][0]


# How people wrap a question (« je voudrais savoir ce que signifie… », « pouvez-vous
# m'expliquer… svp »): words no passage needs to contain to answer it. Folded lemmas and forms.
QUESTION_WRAPPING = frozenset("""
    vouloir voudrais voudrait veux veut savoir dire signifier signifie expliquer explique pouvoir pouvez peux
    vous tu moi svp stp merci bonjour bonsoir aimer aimerais souhaiter souhaite demander renseigner renseignement
    renseignements information informations info infos question questions connaitre chercher cherche exactement
    precisement concretement vraiment reellement simplement brievement quoi consister consiste consistent recouvrir recouvre designer designe correspondre correspond
    entendre entend
    jai j c ki koi kel kelle kels kelles ya pr ds stp slt bjr tt pk pq qd cb cmb jsuis jsui chui truc machin
    avc bcp dc nom madame monsieur mesdames messieurs
    cest sest kesako qqch qqn qq koman komen jsp jsais chais m
    decrire decrit decrivent evoquer evoque evoquent parler parle parlent
""".split())
# (How a document « décrit » or « parle de » something is the question's frame, not its subject.
# « au sujet de » goes with the rewrites below.)


# « depuis combien de temps ? » asks for a duration, which the answer states without « temps ».
_HOW_LONG = re.compile(r"\bcombien de temps\b", re.IGNORECASE)
# « quels jeunes en particulier ? »: how much it matters, not a word to find (« un particulier » is).
_IN_PARTICULAR = re.compile(r"\b(?:en particulier|plus particuli[eè]rement|particuli[eè]rement)\b", re.IGNORECASE)


# « ça veut dire quoi dans ce contexte ? », « et combien d'activités la même année ? »: words
# that point to what was just said, not a topic.
_HERE = re.compile(r"\b(dans ce contexte|dans ce cadre|dans ce cas(?:-la| la)?|dans cette liste|de cette liste|"
                   r"(?:(?:a|à|pour|sur) )?(?:la|le) m[eê]me (?:ann[eé]e|p[eé]riode|[eé]poque|date|jour|moment)|"
                   r"(?:a|à) ce moment(?:-l[aà]| l[aà])|cette ann[eé]e(?:-l[aà]| l[aà]))\b",
                   re.IGNORECASE)


# « quels musées sont cités dans le PST ? », « mentionnés par la page », « quelle adresse figure
# dans la brochure ? »: the question says where the thing is, not what it is; the passages that
# « cite » actions, or where no address « figure », are not the answer.
_CITED = re.compile(r"\b(?:(?:cit[eé]|mentionn[eé]|affich[eé]|[eé]voqu[eé]|list[eé]|r[eé]pertori[eé]|recens[eé])e?s?|"
                    r"figurer?|figurent|appara[iî]t|apparaissent)"
                    r"(?= (?:dans|par|comme|en|au sein|sur la page|sur le site)\b)", re.IGNORECASE)


# « l'enjeu consacré à l'enseignement », « le volet dédié aux jeunes »: what a thing is about,
# not the verb « consacrer » of another passage (« il consacre les enjeux… »).
_ABOUT = re.compile(r"\b(?:consacr[eé]|d[eé]di[eé])e?s?(?= (?:a|à|au|aux)\b)|\bportant sur\b|\bau sujet d(?:e|u|es|')?|\brelati(?:f|ve|fs|ves)(?= (?:a|à|au|aux)\b)",
                    re.IGNORECASE)
# « quel genre de projets ? », « la province a genre 3000 agents ? »: « what kind of », « about »,
# not the « égalité des genres » of a passage. (« une sorte de quoi ? » keeps its word: the
# introduction calls the PST « une sorte de feuille de route ».)
_KIND_OF = re.compile(r"\bgenres?\s+(?=(?:de|d['’]|des|du)\b|\d)", re.IGNORECASE)
# « qui est à la tête du service ? » asks who heads it (« directeur »), not a page's « en-tête ».
_AT_THE_HEAD = re.compile(r"\b[aà] la t[eê]te\b", re.IGNORECASE)


# « … », "…", “…”: a title or a name quoted, not words of the question itself.
_QUOTED = re.compile(r"«[^»]*»|\"[^\"]*\"|“[^”]*”")


def without_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def without_asides(text: str) -> str:
    """The question without what only frames it (the rewrites above), so that neither the
    search nor the claims read those words."""
    text = _IN_PARTICULAR.sub(" ", _HOW_LONG.sub("combien", text))
    text = _KIND_OF.sub(" ", _ABOUT.sub(" ", _CITED.sub(" ", _HERE.sub(" ", text))))
    return _AT_THE_HEAD.sub("directeur", text)


def question_groups(text: str) -> list[list[str]]:
    """The content words of a question, without the words that only wrap it (all of them
    when nothing else is left)."""
    groups = search_groups(without_asides(text))
    return own_groups(groups) or groups


def own_groups(groups: list[list[str]]) -> list[list[str]]:
    """`groups` without the words that only wrap a question (« pouvez-vous me dire »)."""
    return [g for g in groups if not QUESTION_WRAPPING.intersection(g)]


def only_wrapping(text: str) -> bool:
    """Whether a question is nothing but its wrapping: « Pouvez-vous me dire lesquelles ? »."""
    return not own_groups(search_groups(without_asides(text)))


# Parts of speech that carry what a sentence claims: « Namur est jumelée avec Dakar » claims
# Namur and Dakar; « est » and « avec » only link them.
CLAIM_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
_ASKING_WHICH = frozenset({"quel", "quelle", "quels", "quelles", "lequel", "laquelle", "kel", "kelle"})
_OTHERS = frozenset({"autre", "autres"})
# The kinds of answer « quel … » asks for, which the answer itself seldom names.
KINDS_ASKED = frozenset("""
    annee an date jour mois heure moment periode epoque fonction role poste titre nom instance organisme
    groupe structure pays ville region endroit lieu type sorte genre categorie chiffre nombre montant
    personne service niveau forme element chose theme thematique sujet numero mandat
""".split())


def claim_groups(text: str) -> list[tuple[str, ...]]:
    """The words of a question that state something (nouns, names, adjectives, numbers), each
    as its folded form and lemma; stop words and the question's wrapping left out, and so is
    the kind of thing asked for (« quelle fonction », « en quelle année », « d'autres
    fonctions »): the answer names the thing (« directeur », « 2015 »), not its kind."""
    doc = _nlp()(without_asides(text))
    groups = []
    for tok in doc:
        if tok.pos_ not in CLAIM_POS or (tok.is_stop and not tok.like_num):
            continue
        if tok.i > 0 and fold(doc[tok.i - 1].text) in _ASKING_WHICH | _OTHERS and fold(tok.lemma_) in KINDS_ASKED:
            continue  # « quelle fonction ? », « d'autres fonctions ? »: the answer names them
        forms = tuple(w for w in dict.fromkeys([fold(tok.text), fold(tok.lemma_)]) if w and " " not in w)
        if forms and not QUESTION_WRAPPING.intersection(forms) and forms not in groups:
            groups.append(forms)
    return groups


@lru_cache(maxsize=256)
def nouns(text: str) -> frozenset[str]:
    """The folded nouns and names of a text (« piscine », « jambes » in « la piscine de Jambes »)."""
    return frozenset(fold(tok.text) for tok in _nlp()(text) if tok.pos_ in ("NOUN", "PROPN"))


@lru_cache(maxsize=256)
def pronouns(text: str) -> frozenset[str]:
    """The folded pronouns of a text (« la » in « me la donner », not in « la Province »)."""
    return frozenset(fold(tok.text).strip("- ") for tok in _nlp()(text) if tok.pos_ == "PRON")


@lru_cache(maxsize=256)
def qualifying_words(text: str) -> frozenset[str]:
    """The folded adjectives and names of a sentence: the words that tell one thing of a kind
    from another (« politique régionale », « groupe pays Serbie »)."""
    return frozenset(fold(tok.text) for tok in _nlp()(text) if tok.pos_ in ("ADJ", "PROPN"))


_KIND_ASKED = re.compile(rf"\b(?:{'|'.join(sorted(_ASKING_WHICH))}) (?:{'|'.join(sorted(KINDS_ASKED))})s?\b"
                         # « elle date de quand ? », « ça date de quelle année ? »: a date is asked
                         r"|\b(?:date|datent|dater)(?: de| d| du)? (?=quand\b|quel|$)|\bquand\b")


def without_kinds_asked(text: str) -> str:
    """`text` folded, without the kind of thing it asks for (« c'est dans quel pays ? » ->
    « c est dans », « ça date de quand ? » -> « ca »): the answer names a country or gives a
    date, seldom the word « pays » or « date »."""
    return " ".join(_KIND_ASKED.sub(" ", fold(text)).split())


# Verbs that carry no claim of their own (« a-t-elle », « peut-on », « prévoit-elle »), nor a
# meaning to look for in other words (« faut-il un visa » asks nothing about « vouloir »).
# « coop », « asso », « dept »: lengths of a clipped word typed for a longer one (which is
# at least CLIPPED_REST letters longer), the way people shorten words when they type fast.
CLIPPED = (4, 5)
CLIPPED_REST = 3


def clips(short: str, word: str) -> bool:
    """Whether `short` is `word` clipped (« coop » for « cooperation »), both folded."""
    return CLIPPED[0] <= len(short) <= CLIPPED[1] and word.startswith(short) and len(word) >= len(short) + CLIPPED_REST

GENERIC_VERBS = frozenset("etre avoir faire pouvoir devoir aller vouloir dire savoir falloir venir prevoir "
                           "exister trouver".split())


def claim_verbs(text: str) -> list[str]:
    """The folded lemmas of the verbs that state what a question claims (« se substitue »)."""
    return list(dict.fromkeys(fold(tok.lemma_) for tok in _nlp()(text)
                              if tok.pos_ == "VERB" and fold(tok.lemma_) not in GENERIC_VERBS))


def has_verb(text: str, finite: bool = False) -> bool:
    """Whether the sentence has a verb (a conjugated one if `finite`): a claim, not just a
    topic named (« son adjoint chargé des relations internationales ? »)."""
    return any(tok.pos_ in ("VERB", "AUX") and (not finite or "Fin" in tok.morph.get("VerbForm"))
               for tok in _nlp()(text))


def warm_up() -> None:
    """Load the spaCy pipeline now (about 3 s) rather than on the first search."""
    _nlp()
