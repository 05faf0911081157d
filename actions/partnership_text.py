"""The French wording of partnerships: one line per partner, or the details of one."""

from __future__ import annotations

from typing import Any

from actions.phrasing import render
from knowledge.models import Partnership


def kind_label(domain: dict[str, Any], p: Partnership) -> str:
    """« jumelage », « accord d'amitié et de collaboration »..."""
    return render(domain, f"utter_partnership_kind_{p.kind.replace('-', '_')}")


def partnership_line(domain: dict[str, Any], p: Partnership) -> str:
    """« • Région de Louga (Sénégal) — jumelage, depuis plus de 20 ans »."""
    since = render(domain, "utter_partnership_since_suffix", since=p.since) if p.since else ""
    return render(domain, "utter_partnership_line", partner=p.partner, country=p.country,
                  kind=kind_label(domain, p), since=since)


def partnership_details(domain: dict[str, Any], p: Partnership) -> list[str]:
    """What, since when and in which fields; says so when the documents are silent."""
    lines = [render(domain, "utter_partnership_details_head", body=p.body_name, partner=p.partner,
                    country=p.country, kind=kind_label(domain, p))]
    lines.append(render(domain, "utter_partnership_since", since=p.since) if p.since
                 else render(domain, "utter_partnership_since_unknown"))
    lines.append(render(domain, "utter_partnership_fields", fields=", ".join(p.fields)) if p.fields
                 else render(domain, "utter_partnership_fields_unknown"))
    lines.append(render(domain, "utter_partnership_summary", summary=p.summary))
    return lines
