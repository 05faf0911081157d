"""The French wording of a programme's deadline, judged against a given day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from actions.phrasing import french_date, render
from actions.reach import service_reach
from knowledge import KnowledgeBase, deadline_status
from knowledge.models import Call, Programme, SourceRef


def relevant_call(programme: Programme, on: dt.date) -> Call | None:
    """The call that matters on `on`: an open one, else the next to open, else the latest."""
    if not programme.calls:
        return None
    statuses = [deadline_status(c, on) for c in programme.calls]
    open_now = [s.call for s in statuses if s.is_open]
    upcoming = [s.call for s in statuses if not s.is_open and s.closed_since_days is None]
    if open_now:
        return min(open_now, key=lambda c: c.deadline)
    if upcoming:
        return min(upcoming, key=lambda c: c.deadline)
    return max(programme.calls, key=lambda c: c.deadline)


def deadline_lines(kb: KnowledgeBase, domain: dict[str, Any], programme: Programme,
                   on: dt.date) -> tuple[list[str], list[SourceRef]]:
    """One sentence on the deadline (with what to do next when closed) and its sources."""
    reach = service_reach(kb, domain, service_id=programme.service_id)
    service, contact = (reach.service, reach.contact) if reach else ("service", "")
    contact_sources = reach.sources if reach else []
    call = relevant_call(programme, on)
    if call is None:
        text = render(domain, "utter_deadline_no_call", acronym=programme.acronym or programme.name,
                      service=service, contact=contact)
        return [text], [programme.source, *contact_sources]
    status = deadline_status(call, on)
    values = {"acronym": programme.acronym or programme.name, "deadline": french_date(call.deadline), "service": service, "contact": contact}
    if status.is_open and status.days_left == 0:
        return [render(domain, "utter_deadline_open_today", **values)], [call.source]
    if status.is_open:
        return [render(domain, "utter_deadline_open", days=status.days_left, **values)], [call.source]
    if status.closed_since_days is None:
        return [render(domain, "utter_deadline_not_yet_open", opens=french_date(call.opens), **values)], [call.source]
    return [render(domain, "utter_deadline_closed", **values)], [call.source, *contact_sources]
