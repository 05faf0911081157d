"""« C'est ouvert le samedi à 11 h ? »: the day and hour asked, compared with the opening
hours the content gives as text (« Du lundi au vendredi de 9 h à 12 h 30 et de 13 h 30 à
18 h (17 h le vendredi) »). Staff keep writing hours in plain French; this reads them."""

from __future__ import annotations

import re
from typing import Any

from actions.asked_time import AskedTime, spoken_time
from actions.phrasing import render, source_lines
from actions.reach import service_reach
from knowledge import KnowledgeBase
from knowledge.textnorm import nouns, unaccent

# Nouns a question about the service's own hours uses; any other names a place (« la piscine
# de Jambes », « le musée Rops »), whose hours are not another service's.
_HOURS_NOUNS = frozenset("""service services heure heures horaire horaires jour jours semaine journee fin matin
matinee soir soiree midi apres pause dejeuner interruption public portes accueil permanence guichet rendez vous
ouverture fermeture bureau bureaux quelqu personne moment temps fois""".split())
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


def names_a_place(question: str) -> bool:
    """Whether the question names a place of its own, beyond « le service » and its hours."""
    # a word of four letters at least: the tagger takes « Est » of « Est-ce » or SMS « c » for names
    return any(n.isalpha() and len(n) >= 4 and n not in _HOURS_NOUNS and n not in DAYS for n in nouns(question))


def is_open(schedule: Schedule, day: str | None, span: tuple[int, int] | None, whole: bool = False) -> bool:
    """Whether the service is open that day (any day, if none given) during `span` (any time,
    if none): at some moment of it, or all of it when `whole`."""
    days = [day] if day else list(schedule)
    if span is None:
        return any(schedule.get(d) for d in days)
    first, end = span
    if whole:
        return any(start <= first and end <= stop for d in days for start, stop in schedule.get(d, []))
    return any(start < end and first < stop for d in days for start, stop in schedule.get(d, []))


# How a part of the day is said after « ouvert » (the question's own words are folded).
PART_TEMPLATES = {(0, 12 * 60): "utter_when_morning", (12 * 60, 19 * 60): "utter_when_afternoon",
                  (18 * 60, 24 * 60): "utter_when_evening", (12 * 60, 14 * 60): "utter_when_midday"}


def said_when(domain: dict[str, Any], asked: AskedTime, days: tuple[str, ...] = ()) -> str:
    """« le vendredi à 17 h 30 », « dans l'après-midi », « le samedi »; `days` when the answer
    is about several (« le samedi et le dimanche », « le lundi, le mardi et le mercredi »)."""
    parts = []
    if days:
        each = [render(domain, "utter_when_day", day=d) for d in days]
        parts.append(" et ".join([", ".join(each[:-1]), each[-1]] if len(each) > 1 else each))
    elif asked.day:
        parts.append(render(domain, "utter_when_day", day=asked.day))
    if asked.clock is not None:
        parts.append(render(domain, "utter_when_time", time=spoken_time(asked.clock)))
    elif asked.span and asked.span in PART_TEMPLATES:
        parts.append(render(domain, PART_TEMPLATES[asked.span]))
    return " ".join(parts)


def intervals_said(intervals: list[tuple[int, int]], domain: dict[str, Any]) -> str:
    """« de 9 h à 12 h 30 et de 13 h 30 à 17 h »."""
    spans = [render(domain, "utter_hours_span", start=spoken_time(a), end=spoken_time(b)) for a, b in intervals]
    return " et ".join(spans)


def bound_said(domain: dict[str, Any], schedule: Schedule, asked: AskedTime, service: str, text: str) -> str:
    """« Non : le vendredi, le service ferme à 17 h. » for « il ferme à 18h le vendredi ? »: the
    closing (or opening) time of the day asked, or of the days open when none is asked, against
    the time claimed."""
    closes = asked.bound == "closes"
    days = [asked.day] if asked.day else list(schedule)
    times = {d: (schedule[d][-1][1] if closes else schedule[d][0][0]) for d in days if schedule.get(d)}
    if not times:
        return render(domain, "utter_hours_shut", service=service, when=said_when(domain, asked), hours=text)
    claimed = asked.clock
    actual = times[asked.day] if asked.day else (claimed if claimed in times.values() else max(set(times.values()),
                                                                                            key=list(times.values()).count))
    when = render(domain, "utter_hours_bound_day", day=asked.day) if asked.day else ""
    if asked.than_other_days:  # « ferme plus tôt le vendredi ? »: against the other days' usual time
        others = [schedule[d][-1][1] if closes else schedule[d][0][0] for d in schedule if d != asked.day]
        usual = max(set(others), key=others.count) if others else actual
        holds = actual < usual if asked.than_other_days == "earlier" else actual > usual
        claimed = actual if holds else None
    return render(domain, "utter_hours_bound_yes" if actual == claimed else "utter_hours_bound_no",
                  when=when, service=service, time=spoken_time(actual),
                  verb=render(domain, "utter_hours_verb_closes" if closes else "utter_hours_verb_opens"), hours=text)


def break_said(domain: dict[str, Any], schedule: Schedule, asked: AskedTime, service: str, text: str) -> str:
    """« Non : le service ferme de 12 h 30 à 13 h 30. » for « ouvert sans interruption ? »: the
    first break of the days asked (all open days when none is), within the span asked if any."""
    days = asked.days or ([asked.day] if asked.day else [d for d in schedule if schedule.get(d)])
    first, end = asked.span or (0, 24 * 60)
    for day in days:
        intervals = schedule.get(day, [])
        for (_, stop), (start, _) in zip(intervals, intervals[1:], strict=False):
            if first < start and stop < end:
                return render(domain, "utter_hours_break", service=service, start=spoken_time(stop),
                              end=spoken_time(start), hours=text)
    return render(domain, "utter_hours_open", service=service, when=said_when(domain, asked) or
                  render(domain, "utter_when_continuous"), hours=text)


def hours_answer(kb: KnowledgeBase, domain: dict[str, Any], body_id: str, asked: AskedTime,
                 assumed: bool = False) -> str | None:
    """The answer to « open on that day, at that time? » (or « until when on Friday? ») for the
    body's service, with its source.

    `assumed`: the question names no body (`body_id` is the default one). When that body's
    hours are not in the sources and only one other body's service has some (« vous fermez à
    quelle heure le vendredi ? »), those are compared, saying whose they are.
    None when neither a day nor a time is asked, or when the hours text cannot be read
    (the contact card then says the hours as they are written).
    """
    if not asked.names_time and not asked.asks_when:  # (asked only when `asks_opening_times`)
        return None
    hours = kb.contacts(body_id=body_id, kind="hours")
    if not hours:
        services = kb.services(body_id=body_id)
        reach = service_reach(kb, domain, body_id=body_id) or service_reach(kb, domain)
        name = services[0].name if services else (reach.service if reach else "")
        contact = reach.contact if reach else ""
        elsewhere = {c.body_id for c in kb.contacts(kind="hours")}
        if assumed and len(elsewhere) == 1:
            compared = hours_answer(kb, domain, elsewhere.pop(), asked)
            if compared:
                verdict, _, source = compared.rpartition("\n")
                note = render(domain, "utter_hours_only_elsewhere", service=name, contact=contact)
                return "\n".join([verdict, note, source])
        return render(domain, "utter_hours_unknown", service=name, contact=contact)
    schedule = parse_hours(hours[0].value)
    if not schedule:
        return None
    service, text = hours[0].service_name, hours[0].value
    if asked.continuous and not asked.asks_when:  # « ouvert sans interruption de 9h à 18h ? »
        line = break_said(domain, schedule, asked, service, text)
    elif asked.asks_when and asked.day:  # « à quelle heure ferme-t-il le vendredi ? »
        intervals = schedule.get(asked.day, [])
        line = (render(domain, "utter_hours_on_day", day=asked.day, service=service,
                       intervals=intervals_said(intervals, domain), hours=text) if intervals else
                render(domain, "utter_hours_shut", service=service, when=said_when(domain, asked), hours=text))
    elif asked.asks_when:  # « quels jours est-il ouvert ? », « à quelle heure ouvre-t-il ? »: the hours
        line = render(domain, "utter_contact_line_hours", value=text)
    elif asked.bound:  # « le vendredi, il ferme à 18h ? »: the time claimed against the day's
        line = bound_said(domain, schedule, asked, service, text)
    elif asked.days:  # « ouvert du mardi au samedi ? »: open only if open every one of them
        open_on = tuple(d for d in asked.days if is_open(schedule, d, asked.span, asked.whole))
        shut_on = tuple(d for d in asked.days if d not in open_on)
        if asked.closed:  # « fermé le week-end ? »: yes if shut every one of them
            verdict, days = ("utter_hours_not_shut", open_on) if open_on else ("utter_hours_shut", asked.days)
        else:
            verdict, days = ("utter_hours_closed", shut_on) if shut_on else ("utter_hours_open", asked.days)
        line = render(domain, verdict, service=service, when=said_when(domain, asked, days), hours=text)
    else:
        open_then = is_open(schedule, asked.day, asked.span, asked.whole)
        if asked.closed:  # « fermé le samedi ? »: yes means closed
            verdict = "utter_hours_not_shut" if open_then else "utter_hours_shut"
        else:
            verdict = "utter_hours_open" if open_then else "utter_hours_closed"
        line = render(domain, verdict, service=service, when=said_when(domain, asked), hours=text)
    return "\n".join([line, source_lines(domain, [hours[0].source])])
