"""Dates written in French in a page (« du 12 au 14 mai 2027 », « jusqu'au 15/03/2027 »),
and which of them is a deadline (« inscriptions jusqu'au… », « date limite : … »).

Pages added by staff carry their dates as text; reading them at answer time means a new
page's deadline is compared with today as soon as the base is rebuilt, with no retraining."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from knowledge.textnorm import unaccent

MONTHS = {"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
          "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12}
_MONTH = "(" + "|".join(MONTHS) + ")"
_DAY = r"(\d{1,2})(?:er)?"
_WRITTEN = re.compile(rf"\b{_DAY}\s+{_MONTH}\s+(\d{{4}})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
# « du 12 au 14 mai 2027 », « du 30 avril au 2 mai 2027 »: the first day takes the second's month and year.
_RANGE = re.compile(rf"\bdu\s+{_DAY}(?:\s+{_MONTH})?\s+au\s+{_DAY}\s+{_MONTH}\s+(\d{{4}})\b")
# Words just before a date that make it a deadline.
_DEADLINE_CUE = re.compile(r"(jusqu.?au|avant le|au plus tard|date limite|cloture|delai|limite|derniere date)"
                           r"[^.;\n]{0,25}$")
CUE_WINDOW = 60


@dataclass(frozen=True)
class DateSpan:
    """A date or a range of dates found in a text, and where."""

    first: dt.date
    last: dt.date
    start: int

    @property
    def is_range(self) -> bool:
        return self.first != self.last


def _date(year: str, month: int, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def dates_in(text: str) -> list[DateSpan]:
    """Every date and date range in `text`, in order; a range's days are not listed again."""
    plain = unaccent(text).lower()
    spans: list[DateSpan] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(plain):
        month = MONTHS[m.group(4)]
        last = _date(m.group(5), month, m.group(3))
        first = _date(m.group(5), MONTHS[m.group(2)] if m.group(2) else month, m.group(1))
        if first and last and first <= last:
            spans.append(DateSpan(first, last, m.start()))
            taken.append(m.span())
    for pattern, parts in ((_WRITTEN, lambda m: (m.group(3), MONTHS[m.group(2)], m.group(1))),
                           (_NUMERIC, lambda m: (m.group(3), int(m.group(2)), m.group(1)))):
        for m in pattern.finditer(plain):
            if any(a <= m.start() < b for a, b in taken):
                continue
            day = _date(*parts(m))
            if day:
                spans.append(DateSpan(day, day, m.start()))
    return sorted(spans, key=lambda s: s.start)


def deadline_in(text: str) -> dt.date | None:
    """The deadline a text states: a date announced by « jusqu'au », « date limite »…"""
    plain = unaccent(text).lower()
    for span in dates_in(text):
        if _DEADLINE_CUE.search(plain[max(0, span.start - CUE_WINDOW):span.start]):
            return span.last
    return None
