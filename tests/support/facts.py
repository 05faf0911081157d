"""Facts of the knowledge content that tests look for in answers, read from knowledge/content
(what the base and the model are built from) rather than copied into each test: when staff
change a contact or a deadline, the tests follow instead of failing or, worse, passing on
an old value."""

from __future__ import annotations

import datetime as dt
from functools import cache

from knowledge.content_loader import Content, load_content
from knowledge.settings import content_dir

# Written out here on purpose: an oracle independent of the assistant's own date formatting.
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")


@cache
def content() -> Content:
    """The validated content, read once per test session."""
    return load_content(content_dir())


def contact(contact_id: str) -> str:
    """The value of one contact entry, as written in the content."""
    return content().by_id("contacts")[contact_id]["value"]


def street(contact_id: str) -> str:
    """The street of an address (« …, place Saint-Aubain 2, 5000 Namur »: the part before the town)."""
    return contact(contact_id).split(", ")[-2]


def deadline(call_id: str) -> dt.date:
    """The deadline of a programme's call for projects."""
    return next(c["deadline"] for p in content().entries["programmes"] for c in p.get("calls") or []
                if c["id"] == call_id)


def french_date(day: dt.date) -> str:
    """« 8 février 2018 », « 1er mars 2027 »: as a French reader expects it."""
    return f"{'1er' if day.day == 1 else day.day} {_MONTHS[day.month - 1]} {day.year}"


# The service of the Province de Namur: the contact every « I don't know » answer gives.
PHONE = contact("srei-telephone")
STREET = street("srei-adresse")
HEAD = contact("srei-responsable")
HEAD_NAME = HEAD.split(",")[0]  # without the title
PRECI_DEADLINE = french_date(deadline("preci-appel-2018"))
# Another body's service, for answers that must name the right one.
SURESNES_PHONE = contact("suresnes-ai-telephone")
SURESNES_STREET = street("suresnes-ai-adresse")
