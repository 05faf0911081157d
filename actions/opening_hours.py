"""« C'est ouvert le samedi à 11 h ? »: the day and hour asked, compared with the opening
hours the content gives as text (« Du lundi au vendredi de 9 h à 12 h 30 et de 13 h 30 à
18 h (17 h le vendredi) »). Staff keep writing hours in plain French; this reads them."""

from __future__ import annotations

import re
from typing import Any

from actions.phrasing import render, source_lines
from actions.reach import service_reach
from knowledge import KnowledgeBase
from knowledge.textnorm import unaccent

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_DAY = "(" + "|".join(DAYS) + ")"
_TIME = r"(\d{1,2})\s*h\s*(\d{2})?"
_RANGE = re.compile(rf"\bdu {_DAY} au {_DAY}\b")
_SINGLE = re.compile(rf"\b(?:le |les ){_DAY}s?\b")
_EVERY_DAY = re.compile(r"\btous les jours\b")
_INTERVAL = re.compile(rf"\bde {_TIME} a {_TIME}")
# « (17 h le vendredi) »: that day closes earlier (or later).
_CLOSING_EXCEPTION = re.compile(rf"\(\s*{_TIME}\s+le {_DAY}\s*\)")

Schedule = dict[str, list[tuple[int, int]]]


def _minutes(hour: str, minute: str | None) -> int:
    return int(hour) * 60 + int(minute or 0)


def parse_hours(text: str) -> Schedule:
    """Opening intervals (minutes since midnight) per day; empty when the text is not understood."""
    plain = unaccent(text).lower()
    exceptions = {m.group(3): _minutes(m.group(1), m.group(2)) for m in _CLOSING_EXCEPTION.finditer(plain)}
    plain = _CLOSING_EXCEPTION.sub("", plain)
    days: list[str] = []
    for m in _RANGE.finditer(plain):
        first, last = DAYS.index(m.group(1)), DAYS.index(m.group(2))
        days += list(DAYS[first:last + 1])
    if not days:
        days = [m.group(1) for m in _SINGLE.finditer(plain)] or (list(DAYS) if _EVERY_DAY.search(plain) else [])
    intervals = [(_minutes(m.group(1), m.group(2)), _minutes(m.group(3), m.group(4)))
                 for m in _INTERVAL.finditer(plain)]
    if not days or not intervals:
        return {}
    schedule = {day: list(intervals) for day in dict.fromkeys(days)}
    for day, closing in exceptions.items():
        if day in schedule:
            start, _ = schedule[day][-1]
            schedule[day][-1] = (start, closing)
    return schedule


def is_open(schedule: Schedule, day: str | None, minute: int | None) -> bool:
    """Whether the service is open that day (any day, if none given) at that time (any time, if none)."""
    days = [day] if day else list(schedule)
    return any(minute is None or start <= minute < end for d in days for start, end in schedule.get(d, []))


def spoken_time(hour: int, minute: int) -> str:
    return f"{hour} h {minute:02d}" if minute else f"{hour} h"


def hours_answer(kb: KnowledgeBase, domain: dict[str, Any], body_id: str, day: str | None,
                 time: tuple[int, int] | None) -> str | None:
    """The answer to « open on `day` at `time`? » for the body's service, with its source.

    None when neither a day nor a time is asked, or when the hours text cannot be read
    (the contact card then says the hours as they are written).
    """
    if day is None and time is None:
        return None
    hours = kb.contacts(body_id=body_id, kind="hours")
    if not hours:
        services = kb.services(body_id=body_id)
        reach = service_reach(kb, domain, body_id=body_id) or service_reach(kb, domain)
        name = services[0].name if services else (reach.service if reach else "")
        return render(domain, "utter_hours_unknown", service=name, contact=reach.contact if reach else "")
    schedule = parse_hours(hours[0].value)
    if not schedule:
        return None
    minute = time[0] * 60 + time[1] if time else None
    if day and time:
        when = render(domain, "utter_when_day_time", day=day, time=spoken_time(*time))
    elif day:
        when = render(domain, "utter_when_day", day=day)
    else:
        when = render(domain, "utter_when_time", time=spoken_time(*time))
    verdict = "utter_hours_open" if is_open(schedule, day, minute) else "utter_hours_closed"
    lines = [render(domain, verdict, service=hours[0].service_name, when=when, hours=hours[0].value),
             source_lines(domain, [hours[0].source])]
    return "\n".join(lines)
