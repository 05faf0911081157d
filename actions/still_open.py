"""« Je peux encore m'inscrire ? », « c'est trop tard ? »: a closed question about now, answered
with a deadline. Its verdict is that deadline against today, not the words the answer shares
with the question (« clôturé depuis le 8 février 2018 » says « Non » to « encore ? »). So is
« Suresnes siège-t-elle toujours à la CNCD ? » answered by a membership « jusqu'en 2014 »."""

from __future__ import annotations

import datetime as dt
import re

from knowledge.french_dates import deadline_in
from knowledge.textnorm import fold

# Taking part: the question is about applying, not about whether a programme exists.
_APPLYING = re.compile(r"\b(inscri\w*|postul\w*|candidat\w*|dossiers?|appels?|depos\w*|introdui\w*|particip\w*|"
                       r"soumettre|soumet\w*|rentrer|envoy\w*|delais?|date limite|projets?)\b")
# « il est encore ouvert ? » after a call's deadline: still open, whatever is named.
_STILL_OPEN = re.compile(r"\b(encore|toujours) (ouverte?s?|possible|valable|d actualite|en cours)\b")
_NOW = re.compile(r"\b(encore|toujours|maintenant|actuellement|en ce moment|aujourd hui|cette annee|a temps|"
                  r"ouverte?s?|en cours|pas trop tard)\b")
# « était-il ouvert… ? », « a-t-il été clôturé… ? »: a question about the past, whose date is the claim.
_PAST = re.compile(r"\b(etait|etaient|a t il ete|a t elle ete|a ete|ont ete|fut|furent|avait|avaient)\b")
_NOW_ONLY = re.compile(r"\b(encore|toujours|maintenant|actuellement|en ce moment|aujourd hui|cette annee|a temps)\b")
_TOO_LATE = re.compile(r"(?<!pas )\btrop tard\b|\b(clos|close|clotures?|cloturee?s?|termine\w*|fini|finie|passee?|"
                       r"depassee?s?|expiree?s?)\b")


def verdict_against_today(question: str, answer: str, on: dt.date) -> bool | None:
    """True (« Oui ») or False (« Non ») when `question` asks whether applying is still possible
    (or already too late) and `answer` states a deadline; None when it does not ask that."""
    asked = fold(question)
    if not (_APPLYING.search(asked) or _STILL_OPEN.search(asked)):
        return None
    if _PAST.search(asked) and not _NOW_ONLY.search(asked):
        return None  # « l'appel était-il ouvert jusqu'au 8 février ? » asks what was, not what is
    too_late, still = bool(_TOO_LATE.search(asked)), bool(_NOW.search(asked))
    if too_late == still:
        return None  # neither, or both (« encore ouvert ou déjà clos ? »): not a yes or a no
    deadline = deadline_in(answer)
    if deadline is None:
        return None
    passed = deadline < on
    return passed if too_late else not passed


# « présente au sein de la CNCD jusqu'en 2014 », « jusqu'au 8 février 2018 »: an end the text states.
_ENDED = re.compile(r"\bjusqu (?:en|a fin|a la fin de|au|a)\s+(?:\d{1,2}(?: er)? [a-z]+ )?((?:19|20)\d\d)\b")


def ended_before(question: str, answer: str, on: dt.date) -> bool:
    """Whether `question` asks if something is still so (« toujours », « encore aujourd'hui ») and
    `answer` says it lasted until a year before `on`'s: then it is no longer so."""
    asked = fold(question)
    if not _NOW_ONLY.search(asked):
        return False
    return any(int(year) < on.year for year in _ENDED.findall(fold(answer)))
