"""Turns validated entries into searchable passages (title, text, names people use)."""

from __future__ import annotations

from typing import Any, Iterator

from knowledge.content_loader import Content


def iter_passages(content: Content) -> Iterator[dict[str, Any]]:
    """One passage per entry, plus one per service gathering its contact details."""
    bodies = content.by_id("bodies")
    services = content.by_id("services")

    def passage(kind: str, e: dict, title: str, text: str, body_id: str | None, extra: list[str]) -> dict:
        return {
            "id": f"{kind}:{e['id']}", "entry_type": kind, "entry_id": e["id"], "body_id": body_id,
            "title": title, "text": text, "source_id": e["source"]["ref"],
            "section": e["source"].get("section") or "", "extra": extra,
        }

    for e in content.entries["bodies"]:
        yield passage("body", e, e["name"], e["summary"], e["id"], e.get("aliases", []))
    for e in content.entries["services"]:
        text = " ".join([e["summary"], *e.get("missions", [])])
        yield passage("service", e, e["name"], text, e["body"], [e.get("acronym") or "", *e.get("aliases", [])])
    by_service: dict[str, list[dict]] = {}
    for e in content.entries["contacts"]:
        by_service.setdefault(e["service"], []).append(e)
    for service_id, items in by_service.items():
        svc = services[service_id]
        text = " · ".join(c["value"] for c in items)
        first = dict(items[0], id=service_id)
        yield passage("contact", first, f"Contact : {svc['name']}", text, svc["body"],
                      ["contact", "coordonnées", bodies[svc["body"]]["name"], *svc.get("aliases", [])])
    for e in content.entries["programmes"]:
        title = f"{e['name']} ({e['acronym']})" if e.get("acronym") else e["name"]
        yield passage("programme", e, title, f"{e['purpose']} {e['audience']}", e["body"], e.get("aliases", []))
    for e in content.entries["partnerships"]:
        body = bodies[e["body"]]["name"]
        text = " ".join([e["summary"], *e.get("fields", [])])
        yield passage("partnership", e, f"{body} – {e['partner']} ({e['country']})", text, e["body"],
                      [e["kind"].replace("-", " "), body, *e.get("partner_aliases", [])])
    for e in content.entries["definitions"]:
        yield passage("definition", e, e["term"], e["text"], None, e.get("aliases", []))
    for e in content.entries["facts"]:
        body = bodies[e["body"]]["name"]
        yield passage("fact", e, e["title"], e["text"], e["body"], [body, *e.get("keywords", [])])


def iter_aliases(content: Content) -> Iterator[tuple[str, str, str]]:
    """(entity type, id, name) for every name the content gives an entity."""
    for e in content.entries["bodies"]:
        for name in [e["name"], *e.get("aliases", [])]:
            yield "body", e["id"], name
    for e in content.entries["services"]:
        for name in [e["name"], e.get("acronym"), *e.get("aliases", [])]:
            if name:
                yield "service", e["id"], name
    for e in content.entries["programmes"]:
        for name in [e["name"], e.get("acronym"), *e.get("aliases", [])]:
            if name:
                yield "programme", e["id"], name
    for e in content.entries["partnerships"]:
        for name in [e["partner"], *e.get("partner_aliases", [])]:
            yield "partner", e["id"], name
        yield "country", e["country"], e["country"]
    for e in content.entries["definitions"]:
        for name in [e["term"], *e.get("aliases", [])]:
            yield "topic", e["id"], name
