"""Turns validated entries into searchable passages (title, text, names people use)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from knowledge.content_loader import Content
from knowledge.pages import split_passages
from knowledge.textnorm import fold

# Words people use to ask for each kind of contact detail: indexed with the contact passage,
# whose values alone ("081 776 770") do not say what they are. Search vocabulary, not answers.
CONTACT_KIND_WORDS = {
    "address": ["adresse", "où", "situé", "trouver", "bureaux", "locaux", "rue", "code postal", "rendre"],
    "phone": ["téléphone", "tél", "numéro", "appeler"],
    "email": ["e-mail", "mail", "courriel", "écrire"],
    "head": ["responsable", "directeur", "dirige", "chef", "à la tête", "dirigeant"],
    "hours": ["horaires", "heures", "ouverture", "ouvert"],
    "website": ["site", "internet", "web"],
}


def iter_passages(content: Content) -> Iterator[dict[str, Any]]:
    """One passage per entry, plus one per service gathering its contact details."""
    bodies = content.by_id("bodies")
    services = content.by_id("services")

    def passage(kind: str, e: dict, title: str, text: str, body_id: str | None, extra: list[str],
                names: list[str] | None = None) -> dict:
        # `names` (what people call the entry) rank like the title; `extra` like the text.
        return {
            "id": f"{kind}:{e['id']}", "entry_type": kind, "entry_id": e["id"], "body_id": body_id,
            "title": title, "text": text, "source_id": e["source"]["ref"],
            "section": e["source"].get("section") or "", "extra": extra, "names": names or [],
        }

    for e in content.entries["bodies"]:
        yield passage("body", e, e["name"], e["summary"], e["id"], [], e.get("aliases", []))
    for e in content.entries["services"]:
        text = " ".join([e["summary"], *e.get("missions", [])])
        yield passage("service", e, e["name"], text, e["body"], [], [e.get("acronym") or "", *e.get("aliases", [])])
    by_service: dict[str, list[dict]] = {}
    for e in content.entries["contacts"]:
        by_service.setdefault(e["service"], []).append(e)
    for service_id, items in by_service.items():
        svc = services[service_id]
        text = " · ".join(c["value"] for c in items)
        first = dict(items[0], id=service_id)
        kinds = [w for k in dict.fromkeys(c["kind"] for c in items) for w in CONTACT_KIND_WORDS[k]]
        yield passage("contact", first, f"Contact : {svc['name']}", text, svc["body"],
                      ["contact", "coordonnées", bodies[svc["body"]]["name"], *kinds], svc.get("aliases", []))
    for e in content.entries["programmes"]:
        title = f"{e['name']} ({e['acronym']})" if e.get("acronym") else e["name"]
        yield passage("programme", e, title, f"{e['purpose']} {e['audience']}", e["body"], [], e.get("aliases", []))
    for e in content.entries["partnerships"]:
        body = bodies[e["body"]]["name"]
        text = " ".join([e["summary"], *e.get("fields", [])])
        yield passage("partnership", e, f"{body} – {e['partner']} ({e['country']})", text, e["body"],
                      [e["kind"].replace("-", " "), body], e.get("partner_aliases", []))
    for e in content.entries["definitions"]:
        yield passage("definition", e, e["term"], e["text"], None, [], e.get("aliases", []))
    for e in content.entries["facts"]:
        body = bodies[e["body"]]["name"]
        yield passage("fact", e, e["title"], e["text"], e["body"], [body, *e.get("keywords", [])])
    for page in content.entries["pages"]:
        for i, (heading, text) in enumerate(split_passages(page["text"]), start=1):
            title = f"{page['title']} – {heading}" if heading and heading != page["title"] else page["title"]
            yield {
                "id": f"page:{page['id']}:{i}", "entry_type": "page", "entry_id": page["id"],
                "body_id": page["body"], "title": title, "text": text, "source_id": page_source_id(page),
                "section": heading or "", "extra": [], "names": [],
            }


def page_source_id(page: dict[str, Any]) -> str:
    """Id of the source row an ingested page gets (its own, since it is its own document)."""
    return f"page-{page['id']}"


def _service_names(e: dict[str, Any]) -> list[str]:
    return [n for n in [e["name"], e.get("acronym"), *e.get("aliases", [])] if n]


def iter_aliases(content: Content) -> Iterator[tuple[str, str, str]]:
    """(entity type, id, name) for every name the content gives an entity.

    A service's name and acronym also name its body ("le SREI" means the Province de
    Namur), unless services of two bodies share them. Its other aliases do not: they are
    often generic ("relations internationales") and would hide the body actually named.
    """
    service_bodies: dict[str, set[str]] = {}
    for e in content.entries["services"]:
        for name in _service_names(e)[:2]:
            service_bodies.setdefault(fold(name), set()).add(e["body"])
    for e in content.entries["bodies"]:
        for name in [e["name"], *e.get("aliases", [])]:
            yield "body", e["id"], name
    for e in content.entries["services"]:
        for name in _service_names(e):
            yield "service", e["id"], name
        for name in [e["name"], e.get("acronym")]:
            if name and len(service_bodies[fold(name)]) == 1:
                yield "body", e["body"], name
    for e in content.entries["programmes"]:
        for name in [e["name"], e.get("acronym"), *e.get("aliases", [])]:
            if name:
                yield "programme", e["id"], name
        # « et pour les écoles ? »: who a programme is for points to it in a follow-up.
        for name in e.get("audience_terms", []):
            yield "audience", e["id"], name
    for e in content.entries["partnerships"]:
        for name in [e["partner"], *e.get("partner_aliases", [])]:
            yield "partner", e["id"], name
        yield "country", e["country"], e["country"]
    for e in content.entries["definitions"]:
        for name in [e["term"], *e.get("aliases", [])]:
            yield "topic", e["id"], name
