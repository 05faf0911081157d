"""The query API the actions use. Returns plain dataclasses from `knowledge.models`."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import QueuePool

from knowledge import schema as t
from knowledge.builder import PG_SCHEMA
from knowledge.models import (
    Answer, Body, Call, Contact, Criterion, Definition, Fact, Partnership, Passage, Programme, Service, SourceRef,
)
from knowledge.textnorm import fold, search_groups


class KnowledgeUnavailable(RuntimeError):
    """The base is missing, corrupt or unreachable; the message says which and where."""


class KnowledgeBase:
    """Read access to a built knowledge base, reopened transparently after a rebuild."""

    def __init__(self, url: str):
        self.url = url
        parsed = make_url(url)
        self._sqlite_path = Path(parsed.database) if parsed.get_backend_name() == "sqlite" else None
        self._lock = threading.Lock()
        self._engine: Engine | None = None
        self._identity: tuple[int, int] | None = None
        self._sources: dict[str, dict[str, Any]] = {}

    # --- lifetime -------------------------------------------------------------------

    def _file_identity(self) -> tuple[int, int]:
        assert self._sqlite_path is not None
        try:
            st = os.stat(self._sqlite_path)
        except FileNotFoundError:
            raise KnowledgeUnavailable(
                f"base de connaissances introuvable : {self._sqlite_path} (lancez « make knowledge »)") from None
        return st.st_ino, st.st_mtime_ns

    def _conn_engine(self) -> Engine:
        identity = self._file_identity() if self._sqlite_path else None
        with self._lock:
            if self._engine is None or identity != self._identity:
                if self._engine is not None:
                    self._engine.dispose()
                self._engine = self._open()
                self._identity = identity
                self._sources = self._load_sources(self._engine)
            return self._engine

    def _open(self) -> Engine:
        if self._sqlite_path:
            # Read-only: the action server must never write; the builder swaps whole files.
            return create_engine(
                f"sqlite:///file:{self._sqlite_path}?mode=ro&uri=true",
                poolclass=QueuePool, pool_size=4, connect_args={"check_same_thread": False},
            )
        return create_engine(self.url, pool_pre_ping=True, connect_args={"options": f"-csearch_path={PG_SCHEMA}"})

    def _load_sources(self, engine: Engine) -> dict[str, dict[str, Any]]:
        try:
            with engine.connect() as conn:
                rows = conn.execute(select(t.sources)).mappings().all()
        except SQLAlchemyError as exc:
            raise KnowledgeUnavailable(f"base de connaissances illisible ({self.url}) : {exc.__class__.__name__}") from exc
        return {r["id"]: dict(r) for r in rows}

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None

    def _rows(self, stmt: Any, params: dict | None = None) -> list[dict[str, Any]]:
        engine = self._conn_engine()
        try:
            with engine.connect() as conn:
                return [dict(r) for r in conn.execute(stmt, params or {}).mappings().all()]
        except SQLAlchemyError as exc:
            raise KnowledgeUnavailable(f"base de connaissances illisible : {exc.__class__.__name__}") from exc

    def _source(self, row: dict[str, Any]) -> SourceRef:
        s = self._sources[row["source_id"]]
        return SourceRef(s["id"], s["title"], s["publisher"], s["document"], s["published"], s["period"],
                         row.get("section") or "", s.get("url"))

    def check(self) -> str:
        """Open the base and return its content fingerprint; raises KnowledgeUnavailable."""
        rows = self._rows(select(t.meta.c.value).where(t.meta.c.key == "content_fingerprint"))
        if not rows:
            raise KnowledgeUnavailable("base de connaissances incomplète (pas d'empreinte de contenu)")
        return rows[0]["value"]

    # --- entities -------------------------------------------------------------------

    def resolve(self, entity_type: str, name: str | None) -> str | None:
        """The id of the entity called `name` (any alias, accents and case ignored)."""
        if not name:
            return None
        rows = self._rows(select(t.aliases.c.entity_id).where(
            t.aliases.c.entity_type == entity_type, t.aliases.c.folded == fold(name)))
        return rows[0]["entity_id"] if rows else None

    def known_id(self, entity_type: str, entity_id: str) -> bool:
        """Whether `entity_id` is the id of an entity of this type."""
        return bool(self._rows(select(t.aliases.c.entity_id).where(
            t.aliases.c.entity_type == entity_type, t.aliases.c.entity_id == entity_id).limit(1)))

    def find_mentions(self, entity_type: str, utterance: str) -> list[str]:
        """Ids of entities of this type whose name appears as words within `utterance`."""
        folded = f" {fold(utterance)} "
        rows = self._rows(select(t.aliases.c.entity_id, t.aliases.c.folded).where(t.aliases.c.entity_type == entity_type))
        hits = sorted((r for r in rows if f" {r['folded']} " in folded), key=lambda r: -len(r["folded"]))
        return list(dict.fromkeys(r["entity_id"] for r in hits))

    def aliases(self) -> list[tuple[str, str, str]]:
        """Every (entity type, id, name) pair, for the generated NLU data."""
        rows = self._rows(select(t.aliases.c.entity_type, t.aliases.c.entity_id, t.aliases.c.alias))
        return [(r["entity_type"], r["entity_id"], r["alias"]) for r in rows]

    def _body(self, r: dict) -> Body:
        return Body(r["id"], r["name"], r["kind"], r["country"], r["summary"], r["is_default"], self._source(r))

    def bodies(self) -> list[Body]:
        return [self._body(r) for r in self._rows(select(t.bodies).order_by(t.bodies.c.id))]

    def body(self, body_id: str) -> Body | None:
        rows = self._rows(select(t.bodies).where(t.bodies.c.id == body_id))
        return self._body(rows[0]) if rows else None

    def default_body(self) -> Body:
        rows = self._rows(select(t.bodies).where(t.bodies.c.is_default.is_(True)))
        if not rows:
            raise KnowledgeUnavailable("aucun organisme par défaut (default: true) dans le contenu")
        return self._body(rows[0])

    def _service(self, r: dict) -> Service:
        return Service(r["id"], r["body_id"], r["name"], r["acronym"], r["summary"], list(r["missions"]),
                       self._source(r))

    def services(self, body_id: str | None = None) -> list[Service]:
        stmt = select(t.services).order_by(t.services.c.id)
        if body_id:
            stmt = stmt.where(t.services.c.body_id == body_id)
        return [self._service(r) for r in self._rows(stmt)]

    def service(self, service_id: str) -> Service | None:
        rows = self._rows(select(t.services).where(t.services.c.id == service_id))
        return self._service(rows[0]) if rows else None

    def contacts(self, body_id: str | None = None, service_id: str | None = None,
                 kind: str | None = None) -> list[Contact]:
        """Contact details, filtered by body, service and kind (address, phone, ...)."""
        stmt = select(t.contacts, t.services.c.name.label("service_name"), t.services.c.body_id).join(
            t.services, t.services.c.id == t.contacts.c.service_id).order_by(t.contacts.c.service_id)
        if body_id:
            stmt = stmt.where(t.services.c.body_id == body_id)
        if service_id:
            stmt = stmt.where(t.contacts.c.service_id == service_id)
        if kind:
            stmt = stmt.where(t.contacts.c.kind == kind)
        return [Contact(r["id"], r["service_id"], r["service_name"], r["body_id"], r["kind"], r["value"],
                        self._source(r)) for r in self._rows(stmt)]

    # --- programmes -------------------------------------------------------------------

    def programmes(self, body_id: str | None = None) -> list[Programme]:
        stmt = select(t.programmes).order_by(t.programmes.c.id)
        if body_id:
            stmt = stmt.where(t.programmes.c.body_id == body_id)
        return [self._programme(r) for r in self._rows(stmt)]

    def programme(self, programme_id: str) -> Programme | None:
        rows = self._rows(select(t.programmes).where(t.programmes.c.id == programme_id))
        return self._programme(rows[0]) if rows else None

    def _programme(self, r: dict) -> Programme:
        crit = self._rows(select(t.criteria).where(t.criteria.c.programme_id == r["id"]).order_by(t.criteria.c.position))
        calls = self._rows(select(t.calls).where(t.calls.c.programme_id == r["id"]).order_by(t.calls.c.deadline))
        return Programme(
            r["id"], r["body_id"], r["service_id"], r["name"], r["acronym"], r["purpose"], r["audience"],
            r["how_to_apply"], self._source(r),
            [Criterion(c["id"], c["question"], [Answer(a["value"], a["label"], list(a.get("synonyms") or []),
                                                      a["qualifies"], a["why"]) for a in c["answers"]])
             for c in crit],
            [Call(c["id"], c["programme_id"], c["title"], c["opens"], c["deadline"], self._source(c)) for c in calls],
        )

    # --- partnerships, definitions, facts ---------------------------------------------------

    def partnerships(self, body_id: str | None = None, country: str | None = None,
                     partnership_id: str | None = None) -> list[Partnership]:
        stmt = select(t.partnerships, t.bodies.c.name.label("body_name")).join(
            t.bodies, t.bodies.c.id == t.partnerships.c.body_id).order_by(t.partnerships.c.id)
        if body_id:
            stmt = stmt.where(t.partnerships.c.body_id == body_id)
        if partnership_id:
            stmt = stmt.where(t.partnerships.c.id == partnership_id)
        rows = self._rows(stmt)
        if country:
            rows = [r for r in rows if fold(r["country"]) == fold(country)]
        return [Partnership(r["id"], r["body_id"], r["body_name"], r["partner"], r["country"], r["kind"], r["since"],
                            r["since_year"], list(r["fields"]), r["summary"], self._source(r)) for r in rows]

    def definition(self, definition_id: str) -> Definition | None:
        rows = self._rows(select(t.definitions).where(t.definitions.c.id == definition_id))
        return Definition(rows[0]["id"], rows[0]["term"], rows[0]["category"], rows[0]["text"],
                          self._source(rows[0])) if rows else None

    def facts(self, body_id: str | None = None, topic: str | None = None) -> list[Fact]:
        stmt = select(t.facts).order_by(t.facts.c.id)
        if body_id:
            stmt = stmt.where(t.facts.c.body_id == body_id)
        if topic:
            stmt = stmt.where(t.facts.c.topic == topic)
        return [Fact(r["id"], r["body_id"], r["topic"], r["title"], r["text"], self._source(r)) for r in self._rows(stmt)]

    # --- full-text search -------------------------------------------------------------

    def search(self, query: str, limit: int = 3, body_id: str | None = None) -> list[Passage]:
        """Ranked passages for a French question; `score` is the share of its content words found."""
        groups = search_groups(query)
        words = sorted({w for g in groups for w in g})
        if not words:
            return []
        if self._sqlite_path:
            match = " OR ".join(f'"{w}"' for w in words)
            stmt = text(
                "SELECT p.*, bm25(passages_fts) AS rank FROM passages_fts "
                "JOIN passages p ON p.id = passages_fts.passage_id "
                "WHERE passages_fts MATCH :q ORDER BY rank LIMIT 50")
            rows = self._rows(stmt, {"q": match})
        else:
            stmt = text(
                "SELECT p.*, -ts_rank(to_tsvector('simple', search_text), to_tsquery('simple', :q)) AS rank "
                "FROM passages p WHERE to_tsvector('simple', search_text) @@ to_tsquery('simple', :q) "
                "ORDER BY rank LIMIT 50")
            rows = self._rows(stmt, {"q": " | ".join(words)})
        scored = []
        for pos, r in enumerate(rows):
            terms = set(r["search_text"].split())
            coverage = sum(1 for g in groups if terms.intersection(g)) / len(groups)
            boost = 0.05 if body_id and r["body_id"] == body_id else 0.0
            # Coverage decides; the engine's rank order breaks ties.
            scored.append((coverage + boost - pos * 1e-4, coverage, r))
        scored.sort(key=lambda x: -x[0])
        return [Passage(r["id"], r["entry_type"], r["entry_id"], r["title"], r["text"], r["body_id"], cov,
                        self._source(r)) for _, cov, r in scored[:limit]]
