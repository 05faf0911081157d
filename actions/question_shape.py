"""What shape of answer a question asks for: « combien » wants a number, « depuis quand » a
date, « est-ce que … ? » a « Oui » or « Non » first. Read from the words alone (no model),
so it works the same on typos of the rest of the sentence and needs no training."""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.textnorm import fold, has_verb

YES_NO = "yes_no"
HOW_MANY = "how_many"
DATE = "date"
WHO = "who"
WHICH = "which"
OPEN_HOURS = "open_hours"
WHERE = "where"
DEFINITION = "definition"
OTHER = "other"

_WEEKDAYS = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
# « à 11h », « vers 18 h 30 », « 9h30 », « midi »: an hour of the day.
HOUR = re.compile(r"\b(\d{1,2})\s*(?:h|heures?)\s*(\d{2})?\b|\bmidi\b")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (OPEN_HOURS, re.compile(
        rf"\b(ouvert|ouverte|ouvre|ferme|fermee|passer|venir|aller|horaires?|accueil)\b.*"
        rf"(\b\d{{1,2}}\s*h\b|\b\d{{1,2}}\s*h\s*\d{{2}}\b|\b\d{{1,2}}\s*heures?\b|\bmidi\b|\b({_WEEKDAYS})s?\b)"
        rf"|(\b\d{{1,2}}\s*h\b|\b({_WEEKDAYS})s?\b).*\b(ouvert|ouverte|ferme|fermee|passer)\b")),
    (HOW_MANY, re.compile(r"\b(combien|cb|cmb|nombre de|nbre|nb de|quel nombre)\b")),
    (DATE, re.compile(r"\b(depuis quand|depuis combien|jusqu a quand|a partir de quand|quand|quelle date|"
                      r"en quelle annee|quelle annee|quel jour|date|datent|date t|de quand)\b")),
    (DEFINITION, re.compile(r"\b(veut dire|veulent dire|signifie|signifient|definition|definir|"
                            r"entend on par|entendez vous par|designe|c est quoi (la|le|les|l) (notion|mot|terme)|"
                            r"qu est ce que (la|le|l) (notion|mot|terme))\b")),
    (WHO, re.compile(r"^(et )?(qui|c est qui|ki|c ki)\b|\b(qui est|qui sont|qui dirige|qui gere|qui s occupe|"
                     r"qui est le|qui est la|c est qui|qui contacter|qui a|qui porte|quel est le nom|nom du|nom de la)\b")),
    (WHERE, re.compile(r"\b(ou se trouve|ou se situe|ou sont|ou est|ou etes|c est ou|adresse postale|adresse|"
                       r"code postal|situe|situes|situee|se trouvent|localite|quelle rue|quelle ville)\b")),
    (WHICH, re.compile(r"\b(quels sont|quelles sont|lesquels|lesquelles|quels|quelles|liste|enumer\w*|citez|"
                       r"cite moi|nommer)\b")),
]
# « Est-ce que … », « Peut-on … », « Y a-t-il … », « C'est bien … ? »: a closed question.
_YES_NO_START = re.compile(
    r"^(et )?(est ce qu|esce qu|esk|es ce qu|est il |est elle |sont ils |sont elles |existe t il |y a t il |"
    r"ya t il |peut on |peuvent ils |puis je |pourrait on |a t elle |a t il |ont ils |faut il |dois je |doit on |"
    r"c est bien |c est vrai |il est vrai |vrai que |est ce vrai )")
# A verb that makes a statement of it: common forms, an inverted subject (« finance-t-il »),
# or SMS « c » for « c'est ».
_CLAIM_VERB = re.compile(r"\b(est|sont|a|ont|c|c est|fait|font|peut|peuvent|compte|comptent|existe|existent|va|vont|"
                         r"sera|seront|etait|etaient|doit|doivent|reste|restent|faut|dure|date|datent|porte|portent|"
                         r"travaille|travaillent|organise|organisent|propose|proposent|soutient|soutiennent|gere|"
                         r"gerent|dirige|dirigent|depend|dependent|possede|possedent|participe|participent|\w+ent)\b"
                         r"|\b\w+ t (il|elle|ils|elles|on)\b|\b\w+(ee|ees)\b(?= (a|au|aux|avec|par|en) )")
_OPEN_WORDS = re.compile(r"\b(qui|quoi|koi|quel|quelle|quels|quelles|quand|comment|combien|pourquoi|"
                         r"que|qu|lequel|laquelle|lesquels|lesquelles|dans quel|de quel)\b")


def question_core(text: str) -> str:
    """The sentence that asks, without what the user says first (« Je suis infirmière à
    Namur : … ? », « Ils veulent réduire une fracture. Laquelle ? »)."""
    parts = [part for part in re.split(r"(?<=[.!:;?])\s+", text.strip()) if part.strip()]
    # « …une ville jumelle en Allemagne ? Si oui, laquelle ? »: the first question leads.
    asking = [part for part in parts if "?" in part and not fold(part).startswith(("si oui", "si non", "si c est"))]
    return asking[-1] if asking else text


@lru_cache(maxsize=256)
def question_shape(text: str) -> str:
    """The shape of answer `text` asks for (one of the constants above).

    Cached: several steps of one turn ask it, and a statement may need the language model."""
    text = question_core(text)
    folded = fold(text)
    if not folded:
        return OTHER
    if _YES_NO_START.search(folded):
        # « Est-ce que le service est ouvert le samedi à 11 h ? » is still about hours.
        return OPEN_HOURS if _PATTERNS[0][1].search(folded) else YES_NO
    for shape, pattern in _PATTERNS:
        if pattern.search(folded):
            return shape
    return YES_NO if _closed_statement(text, folded) else OTHER


def _closed_statement(text: str, folded: str) -> bool:
    """« Namur est jumelée avec Dakar ? »: a statement turned question, no question word.

    Only with a question mark, and at least four words: « PISI ? » or « heures pour
    téléphoner ? » ask about a topic.
    """
    if not text.rstrip().endswith("?") or len(folded.split()) < 4:
        return False
    # « qui »/« que » also link clauses (« le service qui s'occupe de… ? »): asking only up front.
    head = " ".join(folded.split()[:3])
    if (_OPEN_WORDS.search(folded.replace(" qui ", " ").replace(" que ", " ").replace(" qu ", " "))
            or _OPEN_WORDS.search(head) or re.search(r"\b(ou|c est koi)\b", folded[-12:])):
        return False
    # « horaires du service de Suresnes ? » names a topic; a claim has a verb (the language
    # model tags most; the list catches those it takes for nouns, like « compte »).
    return _CLAIM_VERB.search(folded) is not None or has_verb(text)


def asked_hour(text: str) -> tuple[int, int] | None:
    """The hour named in the question (« à 11h30 » -> (11, 30)), if any."""
    m = HOUR.search(fold(text))
    if not m:
        return None
    if m.group(0) == "midi":
        return 12, 0
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    return (hour, minute) if hour < 24 and minute < 60 else None


def asked_weekday(text: str) -> str | None:
    """The day of the week named in the question, folded (« samedi »), if any."""
    m = re.search(rf"\b({_WEEKDAYS})s?\b", fold(text))
    return m.group(1) if m else None
