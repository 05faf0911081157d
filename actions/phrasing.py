"""Fills the French sentence templates of the domain; no user-facing text lives in Python."""

from __future__ import annotations

from typing import Any

from babel.dates import format_date

from knowledge.models import SourceRef

LOCALE = "fr_BE"


def render(domain: dict[str, Any], response: str, **values: Any) -> str:
    """The first variant of `response` from the domain, with `values` filled in."""
    variants = domain.get("responses", {}).get(response)
    if not variants:
        raise KeyError(f"réponse « {response} » absente du domaine")
    return variants[0]["text"].format(**values)


def french_date(day: Any) -> str:
    """« 8 février 2018 »."""
    return format_date(day, format="long", locale=LOCALE)


def french_full_date(day: Any) -> str:
    """« vendredi 22 juin 2012 »: a page's date as it is printed, the day of the week included
    (« publié quel jour de la semaine ? »)."""
    return format_date(day, format="full", locale=LOCALE)


def source_line(domain: dict[str, Any], source: SourceRef) -> str:
    """« Source : … » naming the page, its publisher and the date of its information."""
    if source.published:
        return render(domain, "utter_source_dated", publisher=source.publisher, title=source.title,
                      date=french_full_date(source.published))
    return render(domain, "utter_source_undated", publisher=source.publisher, title=source.title,
                  period=source.period)


def source_lines(domain: dict[str, Any], sources: list[SourceRef]) -> str:
    """One line per distinct page among `sources`, in order of first use."""
    seen: dict[str, SourceRef] = {}
    for s in sources:
        seen.setdefault(s.id, s)
    return "\n".join(source_line(domain, s) for s in seen.values())
