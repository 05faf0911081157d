"""Plain dataclasses handed to the actions: the knowledge package never leaks ORM rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRef:
    """Where a fact comes from: the page, its publisher and its date."""

    id: str
    title: str
    publisher: str
    document: str
    published: dt.date | None
    period: str
    section: str = ""
    url: str | None = None
    ingested: dt.date | None = None  # pages added with `python -m knowledge ingest`: import day


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    kind: str
    country: str
    summary: str
    is_default: bool
    source: SourceRef


@dataclass(frozen=True)
class Service:
    id: str
    body_id: str
    name: str
    acronym: str | None
    summary: str
    missions: list[str]
    source: SourceRef


@dataclass(frozen=True)
class Contact:
    id: str
    service_id: str
    service_name: str
    body_id: str
    kind: str
    value: str
    source: SourceRef


@dataclass(frozen=True)
class Answer:
    value: str
    label: str
    synonyms: list[str]
    qualifies: bool
    why: str


@dataclass(frozen=True)
class Criterion:
    id: str
    question: str
    answers: list[Answer]


@dataclass(frozen=True)
class Call:
    id: str
    programme_id: str
    title: str
    opens: dt.date | None
    deadline: dt.date
    source: SourceRef


@dataclass(frozen=True)
class Programme:
    id: str
    body_id: str
    service_id: str
    name: str
    acronym: str | None
    purpose: str
    audience: str
    how_to_apply: str | None
    source: SourceRef
    criteria: list[Criterion] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)


@dataclass(frozen=True)
class Partnership:
    id: str
    body_id: str
    body_name: str
    partner: str
    country: str
    kind: str
    since: str | None
    since_year: int | None
    fields: list[str]
    summary: str
    source: SourceRef


@dataclass(frozen=True)
class Definition:
    id: str
    term: str
    category: str
    text: str
    source: SourceRef


@dataclass(frozen=True)
class Fact:
    id: str
    body_id: str
    topic: str
    title: str
    text: str
    source: SourceRef


@dataclass(frozen=True)
class Passage:
    """A searchable piece of text with its origin, as returned by full-text search."""

    id: str
    entry_type: str
    entry_id: str
    title: str
    text: str
    body_id: str | None
    score: float
    source: SourceRef
    # The learned reordering's probability that the passage holds the answer (`rerank`), None
    # when the search did not reorder.
    sureness: float | None = None


@dataclass(frozen=True)
class DeadlineStatus:
    """A call's deadline judged against a given day."""

    call: Call
    today: dt.date
    is_open: bool
    days_left: int | None
    closed_since_days: int | None
