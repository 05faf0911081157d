"""The day and time a question asks about, for comparing with opening hours.

« ouvert le vendredi à 17h30 ? » names a point; « le jeudi après-midi ? » a part of the day,
open if any of it is; « entre midi et deux ? » the lunch break, open only if all of it is;
« jusqu'à 18h ? » the minute before 18 h. « Fermé le samedi ? » asks the other way round,
and « à quelle heure ferme-t-il ? » asks for a time rather than a yes or a no.
Read from the words alone, like the rest of the question's shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.textnorm import fold, without_quotes

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# « vendredi 22 juin » is a date; « vendredi 17h30 » a day and a time
_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})s?\b(?! \d{{1,2}}(?:er)?\b(?!\s*(?:h|heures?)\b))")
# « du mardi au samedi », « le samedi et le dimanche », « le week-end », « en semaine »: several
# days, each of which must be open (« lundi ou mardi » asks for either, read as its first day).
_DAYS = "|".join(WEEKDAYS)
_DAY_RANGE = re.compile(rf"\b(?:du|de) ({_DAYS}) (?:au|a) ({_DAYS})\b")
_DAY_PAIR = re.compile(rf"\b({_DAYS})s? et (?:le |les )?({_DAYS})s?\b")
_SEVERAL_DAYS = [(re.compile(r"\b(?:le |les |ce )?(?:week end|weekend|week ends|weekends)\b"), ("samedi", "dimanche")),
                 (re.compile(r"\ben semaine\b"), WEEKDAYS[:5])]
_CLOCK = re.compile(r"\b(\d{1,2})\s*(?:h|heures?)\s*(\d{2})?\b")
# Open with no break: « sans interruption », « en continu », « non-stop », « journée continue ».
_CONTINUOUS = re.compile(r"\b(sans (?:interruption|pause|coupure|fermer|fermeture|arret)|en continu|non stop|"
                         r"d affilee|journee continue)\b")
# « ouvert jusqu'à 18h ? »: the service's hours, not the user's (« je travaille jusqu'à 17h »).
_UNTIL = re.compile(r"\b(ouvert|ouverte|ouverts|ouvre|ouvrent|accueil|accueille)\s+(?:\w+\s+){0,3}?(jusqu a|avant)\s+$")
# Parts of the day, in minutes since midnight: open if the service is open at any moment of it.
_PARTS = [
    (re.compile(r"\b(entre midi et (deux|14 ?h)|(pause|temps|heure|heures) (de |du )?(midi|dejeuner)|"
                r"pause dejeuner|sur le midi|midi deux)\b"), (12 * 60, 14 * 60), True),
    (re.compile(r"\b(apres midi|aprem|aprem s)\b"), (12 * 60, 19 * 60), False),
    (re.compile(r"\b(matin|matinee)\b"), (0, 12 * 60), False),
    (re.compile(r"\b(soir|soiree|en nocturne)\b"), (18 * 60, 24 * 60), False),
]
_NOON = re.compile(r"(?<!apres )\bmidi\b")
# Words of coming by, calling or being open: with a day or a time, the question is about hours.
VISIT_WORDS = re.compile(r"\b(ouvert|ouverte|ouverts|ouvre|ouvrent|ouverture|ferme|fermee|fermes|fermeture|passer|"
                         r"venir|aller|rendre|presenter|deplacer|appeler|telephoner|joindre|contacter|horaires?|"
                         r"accueil|accueille|permanence|guichet|rendez vous|recoit|recevoir|disponible|dispo|"
                         # conjugated: « si je passe mardi à 10h, je trouverai quelqu'un ? »
                         r"passe|passerai|passerais|viens|viendrai|viendrais|ouvrira|fermera|ouvrez|fermez|"
                         r"trouverai quelqu un|trouverais quelqu un|quelqu un sur place)\b")
# « fermé le samedi ? »: a yes means closed.
_ASKS_CLOSED = re.compile(r"\b(ferme|fermee|fermes|fermees|fermeture)\b")
# « le service ferme à 18h le vendredi ? », « ça ouvre à 9h ? »: a claim about when it closes (or
# opens), not whether it is open at that time. Read on the text as typed: « fermé à 18h ? » asks
# whether it is closed then.
_CLOSES_AT = re.compile(r"\b(ferme|ferment|fermez|fermera)\s+(?:\w+\s+){0,4}?[aà]\s+\d", re.IGNORECASE)
_OPENS_AT = re.compile(r"\b(ouvre|ouvrent|ouvrez|ouvrira)\s+(?:\w+\s+){0,4}?[aà]\s+\d", re.IGNORECASE)
# « le vendredi, il ferme plus tôt ? », « ça ouvre plus tard le lundi ? »: that day's closing
# (or opening) against the other days'.
_CLOSES_SOONER = re.compile(r"\b(ferme|ferment|fermez|fermera)\s+(?:t (?:il|elle) )?(?:\w+\s+){0,2}?plus (tot|tard)\b")
_OPENS_SOONER = re.compile(r"\b(ouvre|ouvrent|ouvrez|ouvrira)\s+(?:t (?:il|elle) )?(?:\w+\s+){0,2}?plus (tot|tard)\b")
# « à quelle heure ferme-t-il ? », « jusqu'à quelle heure ? »: wants a time, not a verdict.
_ASKS_WHEN = re.compile(r"\b(quelle heure|quelles heures|quel horaire|quels horaires|horaires|heures d ouverture|"
                        r"quels jours|quel jour|quand)\b")


@dataclass(frozen=True)
class AskedTime:
    """What a question asks about the opening hours.

    span: minutes since midnight [start, end) asked about, None for any time of the day;
    whole: the service must be open all of `span` (« entre midi et deux ») rather than some of it;
    clock: the time of day the question names (« 18h » in « jusqu'à 18h »), if it names one.
    """

    day: str | None
    span: tuple[int, int] | None
    whole: bool = False
    clock: int | None = None
    closed: bool = False
    asks_when: bool = False
    # « ferme à 18h ? », « ouvre à 9h ? »: "closes" or "opens" when the question claims that time
    bound: str | None = None
    # every day asked when the question names several (« du mardi au samedi »): all must be open
    days: tuple[str, ...] = ()
    # « sans interruption », « en continu »: open with no break (within `span`, if any)
    continuous: bool = False
    # « ferme plus tôt le vendredi ? »: "earlier" or "later" than the other days, with `bound`
    than_other_days: str | None = None

    @property
    def names_time(self) -> bool:
        return self.day is not None or self.span is not None or bool(self.days) or self.continuous


def spoken_time(minute: int) -> str:
    hour, rest = divmod(minute, 60)
    return f"{hour} h {rest:02d}" if rest else f"{hour} h"


def asked_time(text: str) -> AskedTime:
    """The day, time and direction a question asks about (all None when it names none)."""
    folded = fold(text)
    day_match = _WEEKDAY.search(folded)
    day = day_match.group(1) if day_match else None
    span, whole, said = None, False, None
    clock = _CLOCK.search(folded)
    continuous = bool(_CONTINUOUS.search(folded))
    clocks = [int(h) * 60 + int(m or 0) for h, m in _CLOCK.findall(folded) if int(h) < 24 and int(m or 0) < 60]
    if continuous and len(clocks) == 2 and clocks[0] < clocks[1]:  # « sans interruption de 9h à 18h »
        span = (clocks[0], clocks[1])
    elif clock and int(clock.group(1)) < 24 and int(clock.group(2) or 0) < 60:
        said = int(clock.group(1)) * 60 + int(clock.group(2) or 0)
        # « ouvert jusqu'à 18h ? »: open the minute before
        minute = said - 1 if _UNTIL.search(folded[:clock.start()]) else said
        span = (minute, minute + 1)
    else:
        for pattern, part, all_of_it in _PARTS:
            if pattern.search(folded):
                span, whole = part, all_of_it
                break
        else:
            if _NOON.search(folded):
                said = 12 * 60
                span = (said, said + 1)
    asks_when = bool(_ASKS_WHEN.search(folded))
    closed = bool(_ASKS_CLOSED.search(folded)) and not asks_when
    bound, than = None, None
    if said is not None and not asks_when:
        bound = "closes" if _CLOSES_AT.search(text) else "opens" if _OPENS_AT.search(text) else None
    sooner = _CLOSES_SOONER.search(folded) or _OPENS_SOONER.search(folded)
    if day and sooner and said is None and not asks_when:
        bound = "closes" if sooner.re is _CLOSES_SOONER else "opens"
        than = "earlier" if sooner.group(2) == "tot" else "later"
    return AskedTime(day, span, whole, said, closed, asks_when, bound, several_days(folded), continuous, than)


def several_days(folded: str) -> tuple[str, ...]:
    """The days a question names together (« du mardi au samedi »), in the week's order; none
    when it names one day at most."""
    found = _DAY_RANGE.search(folded)
    if found:
        first, last = WEEKDAYS.index(found.group(1)), WEEKDAYS.index(found.group(2))
        return WEEKDAYS[first:last + 1] if first < last else ()
    found = _DAY_PAIR.search(folded)
    if found and found.group(1) != found.group(2):
        return tuple(d for d in WEEKDAYS if d in found.groups())
    if _WEEKDAY.search(folded):  # « je travaille en semaine : ouvert le samedi ? » asks about Saturday
        return ()
    return next((days for pattern, days in _SEVERAL_DAYS if pattern.search(folded)), ())


# « Quels jours est-il ouvert ? », « à quelle heure ouvre-t-il ? »: the hours themselves (not
# « jusqu'à quand l'appel était-il ouvert ? », nor a quoted title « …ouvert sur le monde »;
# « horaires de… ? » is left to the contact card, which says whose hours they are).
_ASKS_OPENING = re.compile(r"\b(quels jours|quel jour|quelle heure|quelles heures)\b")


def asks_opening_times(text: str) -> bool:
    folded = fold(without_quotes(text))
    return _ASKS_OPENING.search(folded) is not None and VISIT_WORDS.search(folded) is not None


def asks_about_hours(text: str) -> bool:
    """« c'est ouvert le samedi ? », « je peux passer mardi vers 10h ? », « à quelle heure ferme
    le service ? »: a day or time with a word of coming by or being open."""
    folded = fold(text)
    asked = asked_time(text)
    if re.search(r"\b(horaires?|heures? d ouverture)\b", folded) and (asked.names_time or asked.asks_when):
        return True
    if re.search(r"\b(quelles? heures?|jusqu a quand|quels jours|quel jour|quels sont les jours)\b", folded) and \
            VISIT_WORDS.search(folded):
        return True
    return asked.names_time and VISIT_WORDS.search(folded) is not None
