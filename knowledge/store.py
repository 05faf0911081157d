"""The query API the actions use. Returns plain dataclasses from `knowledge.models`."""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import QueuePool

from knowledge import schema as t
from knowledge.builder import PG_SCHEMA
from knowledge.models import (
    Answer,
    Body,
    Call,
    Contact,
    Criterion,
    Definition,
    Fact,
    Partnership,
    Passage,
    Programme,
    Service,
    SourceRef,
)
from knowledge.ranking import BODY_BONUS, SCENE_WEIGHT, QueryGroup, TermStats, query_groups, score
from knowledge.rerank import DEPTH as RERANK_DEPTH
from knowledge.rerank import Written, bodies_named, reordered, written
from knowledge.rerank import features as rerank_features
from knowledge.rerank import model as rerank_model
from knowledge.textnorm import fold, question_groups, warm_up
from knowledge.word_meaning import WordNeighbours

# A body's name agreed as an adjective (« bas-normand », « bas-normande(s) »), for names this long.
AGREEMENTS = ("", "e", "s", "es")
AGREED_NAME = 6
# « la Région », « du Département », « la Ville » standing for a body: the kind with a capital,
# not followed by a name (« la Région Toscane », « le Département d'Ille-et-Vilaine »).
KIND_AS_BODY = re.compile(r"\b(?:[Ll]a|[Ll]e|[Ll]'|[Ll]’|[Dd]u|[Aa]u|[Dd]e la)\s*(Région|Departement|Département|Ville|Province)\b"
                          r"(?!\s+(?:de |du |d'|d’|des )?[A-ZÀ-Ý])")

CANDIDATES = 200  # passages the database hands to the ranking, at most
PG_RECHECK_SECONDS = 1.0  # how often a PostgreSQL reader checks for a rebuild


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
        self._identity: tuple[int, int] | str | None = None
        self._checked_at = 0.0
        self._sources: dict[str, dict[str, Any]] = {}
        self._index: _SearchIndex | None = None

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
        if self._sqlite_path:
            return self._sqlite_engine()
        return self._postgresql_engine()

    def _sqlite_engine(self) -> Engine:
        # The builder replaces the whole file: a new inode means a new base, reopen it.
        identity = self._file_identity()
        with self._lock:
            if self._engine is None or identity != self._identity:
                if self._engine is not None:
                    self._engine.dispose()
                self._engine = self._open()
                self._identity = identity
                self._load_caches(self._engine)
            return self._engine

    def _postgresql_engine(self, force: bool = False) -> Engine:
        # Connections follow the schema by name, so they see a rebuild at once; only what
        # this object caches (sources, term statistics) is reloaded when the build id moves.
        with self._lock:
            if self._engine is None:
                self._engine = self._open()
            now = time.monotonic()
            if force or self._identity is None or now - self._checked_at > PG_RECHECK_SECONDS:
                build_id = self._build_id(self._engine)
                self._checked_at = now
                if build_id != self._identity:
                    self._load_caches(self._engine)
                    self._identity = build_id
            return self._engine

    def _build_id(self, engine: Engine) -> str:
        try:
            with engine.connect() as conn:
                row = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "build_id")).first()
        except SQLAlchemyError as exc:
            raise KnowledgeUnavailable(f"base de connaissances illisible ({self._safe_url()}) : "
                                       f"{exc.__class__.__name__}") from exc
        return row[0] if row else ""

    def _safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def _load_caches(self, engine: Engine) -> None:
        self._sources = self._load_sources(engine)
        self._index = None  # the search index loads on the first search

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
            raise KnowledgeUnavailable(
                f"base de connaissances illisible ({self._safe_url()}) : {exc.__class__.__name__}") from exc
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
        s = self._sources.get(row["source_id"])
        if s is None and not self._sqlite_path:
            self._postgresql_engine(force=True)  # rebuilt since the last check: reload now
            s = self._sources.get(row["source_id"])
        if s is None:
            raise KnowledgeUnavailable(f"source inconnue « {row['source_id']} » dans la base")
        return SourceRef(s["id"], s["title"], s["publisher"], s["document"], s["published"], s["period"],
                         row.get("section") or "", s.get("url"), s.get("ingested"))

    def check(self) -> str:
        """Open the base and return its content fingerprint; raises KnowledgeUnavailable."""
        rows = self._rows(select(t.meta.c.value).where(t.meta.c.key == "content_fingerprint"))
        if not rows:
            raise KnowledgeUnavailable("base de connaissances incomplète (pas d'empreinte de contenu)")
        return rows[0]["value"]

    # --- entities -------------------------------------------------------------------

    def resolve(self, entity_type: str, name: str | None) -> str | None:
        """The id of the entity called `name` (any alias, accents and case ignored).

        `name` may also be the id itself, as the NLU synonyms generated by
        `python -m knowledge export-nlu` give. When several entities share a name, the
        first id in alphabetical order is returned; `resolve_all` gives them all.
        """
        found = self.resolve_all(entity_type, name)
        return found[0] if found else None

    def resolve_all(self, entity_type: str, name: str | None) -> list[str]:
        """Ids of every entity of this type called `name` (or with this id), sorted."""
        if not name:
            return []
        if self.known_id(entity_type, name):
            return [name]
        rows = self._rows(select(t.aliases.c.entity_id).distinct().where(
            t.aliases.c.entity_type == entity_type, t.aliases.c.folded == fold(name)).order_by(t.aliases.c.entity_id))
        return [r["entity_id"] for r in rows]

    def known_id(self, entity_type: str, entity_id: str) -> bool:
        """Whether `entity_id` is the id of an entity of this type."""
        return bool(self._rows(select(t.aliases.c.entity_id).where(
            t.aliases.c.entity_type == entity_type, t.aliases.c.entity_id == entity_id).limit(1)))

    def find_mentions(self, entity_type: str, utterance: str) -> list[str]:
        """Ids of entities of this type whose name appears as words within `utterance`.

        A body is also found by its name agreed as an adjective (« la page bas-normande » for
        « bas-normand »), and by its kind alone when no other body has it (« la Région »)."""
        folded = f" {fold(utterance)} "
        rows = self._rows(select(t.aliases.c.entity_id, t.aliases.c.folded).where(t.aliases.c.entity_type == entity_type))
        endings = AGREEMENTS if entity_type == "body" else ("",)
        hits = sorted((r for r in rows if any(f" {r['folded']}{e} " in folded for e in endings
                                               if not e or len(r["folded"]) >= AGREED_NAME)),
                      key=lambda r: -len(r["folded"]))
        found = list(dict.fromkeys(r["entity_id"] for r in hits))
        return found or (self._bodies_of_kind_named(utterance) if entity_type == "body" else [])

    def _bodies_of_kind_named(self, utterance: str) -> list[str]:
        """The one body of the kind named as a body (« la Région », « le Département » with a
        capital, no name after it), other than the default body; else none."""
        kinds = {fold(m.group(1)) for m in KIND_AS_BODY.finditer(utterance)}
        if len(kinds) != 1:
            return []  # most questions name no kind: no query
        bodies = [b for b in self.bodies() if b.kind in kinds and not b.is_default]
        return [bodies[0].id] if len(bodies) == 1 else []

    def aliases(self) -> list[tuple[str, str, str]]:
        """Every (entity type, id, name) pair, for the generated NLU data."""
        rows = self._rows(select(t.aliases.c.entity_type, t.aliases.c.entity_id, t.aliases.c.alias))
        return [(r["entity_type"], r["entity_id"], r["alias"]) for r in rows]

    def names(self) -> list[tuple[str, str, str]]:
        """Every (entity type, id, folded name), kept with the search index: read on every turn."""
        return self._search_index().names

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

    def texts_with_links(self) -> list[str]:
        """Every text of the base that may hold a URL or an e-mail address: contact values,
        source addresses and the passages (which carry the facts, definitions and pages)."""
        texts = [r["value"] for r in self._rows(select(t.contacts.c.value))]
        texts += [r["url"] for r in self._rows(select(t.sources.c.url)) if r["url"]]
        texts += [r["text"] for r in self._rows(select(t.passages.c.text))]
        return texts

    # --- full-text search -------------------------------------------------------------

    def warm_up(self) -> None:
        """Open the base and load the French language model now, not on the first question."""
        self.check()
        warm_up()
        neighbours = self._search_index().stats.neighbours
        if neighbours:
            neighbours.prepare()

    def _search_index(self) -> _SearchIndex:
        self._conn_engine()
        index = self._index
        if index is None:
            # Small next to the texts, loaded once per build: ranking then needs no row data.
            df = self._rows(select(t.search_terms.c.term, t.search_terms.c.df))
            rows = self._rows(select(t.passages.c.id, t.passages.c.body_id, t.passages.c.search_text,
                                     t.passages.c.title_terms, t.passages.c.name_terms))
            aliases = self._rows(select(t.aliases.c.entity_type, t.aliases.c.entity_id, t.aliases.c.folded))
            terms = {r["id"]: (r["body_id"], frozenset(r["search_text"].split()), frozenset(r["title_terms"].split()),
                               frozenset(r["name_terms"].split())) for r in rows}
            stats = TermStats.from_rows([(r["term"], r["df"]) for r in df], [len(v[1]) for v in terms.values()],
                                        [(r["entity_type"], r["entity_id"], r["folded"]) for r in aliases])
            written = self._rows(select(t.passages.c.title, t.passages.c.text))
            stats.neighbours = WordNeighbours((f"{r['title']} {r['text']}" for r in written), stats.df)
            index = self._index = _SearchIndex(stats, terms, [(r["entity_type"], r["entity_id"], r["folded"])
                                                              for r in aliases])
        return index

    def same_meaning(self, forms: list[str]) -> dict[str, float]:
        """The base's words that search takes for a word it never uses (`word_meaning`)."""
        neighbours = self._search_index().stats.neighbours
        return neighbours(forms) if neighbours else {}

    def term_weight(self, forms: tuple[str, ...] | list[str]) -> float:
        """How telling a question word is (its IDF); a word the base never uses weighs the most."""
        stats = self._search_index().stats
        known = [stats.idf(f) for f in forms if f in stats.df]
        return max(known) if known else stats.idf("")

    def unknown_share(self, groups: list[tuple[str, ...]] | list[list[str]], within: tuple[str, ...] = ()) -> float:
        """Share of a question's content words (weighted by rarity) that no passage uses:
        « le score du match Standard-Anderlecht » is all unknown words, a question for
        someone else. With `within` (entry types), the share no passage of those types uses:
        « le grand projet du TreMa ? » says nothing the programmes' passages say."""
        if not groups:
            return 0.0
        index = self._search_index()
        known = index.words_within(within) if within else index.stats.df.keys() | index.name_words
        weights = [(self.term_weight(g), any(f in known for f in g)) for g in groups]
        total = sum(w for w, _ in weights)
        return sum(w for w, known in weights if not known) / total if total else 0.0

    def search(self, query: str, limit: int = 3, body_id: str | None = None,
               words: list[list[str]] | None = None, scene: list[list[str]] | None = None) -> list[Passage]:
        """Ranked passages for a French question.

        Args:
            query: the question as typed (typos, missing accents and SMS style are tolerated).
            limit: how many passages to return.
            body_id: the body the conversation is about; its passages win between comparable ones.
            words: the query's content words (`textnorm.question_groups`), when the caller
                already has them: spares a second pass of the language model.
            scene: content words of what the user said before asking (« Je suis enseignant et
                notre école… »): they may name the subject, so they are searched, but a passage
                need not hold them to answer (`ranking.SCENE_WEIGHT`).

        Returns:
            Best first: the ranking's order (`ranking.score`), its first `rerank.DEPTH`
            passages reordered by the learned model when there is one. `score` is the share
            of the question's content words (weighted by rarity) that the passage contains,
            from 0 to 1: low values mean a weak answer.
        """
        index = self._search_index()
        groups = self._weighed(index, query, words, scene)
        scored = self._scored(index, groups, body_id)
        forest = rerank_model()
        sure: dict[str, float] = {}
        if forest is not None and len(scored) > 1:
            key = (fold(query), _frozen(words), _frozen(scene), body_id, id(forest))
            order = index.reordered.get(key)
            if order is None:
                head = scored[:RERANK_DEPTH]
                order = [(head[i][1], p) for i, p in reordered(forest, self._rerank_features(index, groups, query, head))]
                index.remember_order(key, order)
            sure = dict(order)
            first = {pid: i for i, (pid, _) in enumerate(order)}
            scored = sorted(scored[:len(order)], key=lambda s: first.get(s[1], len(order))) + scored[len(order):]
        return self._passages(scored[:limit], sure)

    def forget_questions(self) -> None:
        """Empty the search's memory of the questions it weighed and reordered: a benchmark's
        turn then pays for them as a new question does."""
        index = self._search_index()
        index.weighed.clear()
        index.reordered.clear()

    def rerank_features(self, query: str, body_id: str | None = None) -> tuple[list[Passage], list[dict[str, float]]]:
        """The ranking's first passages for `query`, in its own order, and what the learned
        reordering weighs of each (`rerank.features`): what `train_rerank` learns from."""
        index = self._search_index()
        groups = self._weighed(index, query, None, None)
        head = self._scored(index, groups, body_id)[:RERANK_DEPTH]
        return self._passages(head), self._rerank_features(index, groups, query, head) if head else []

    def _weighed(self, index: _SearchIndex, query: str, words, scene) -> list[QueryGroup]:
        key = (fold(query), _frozen(words), _frozen(scene))
        groups = index.weighed.get(key)
        if groups is None:
            groups = query_groups(words if words is not None else question_groups(query), index.stats, fold(query))
            if scene:
                asked = {t for g in groups for t in g.terms}
                groups += [QueryGroup(g.terms, g.weight * SCENE_WEIGHT)
                           for g in query_groups(scene, index.stats) if not asked.intersection(g.terms)]
            index.remember(key, groups)
        return groups

    def _scored(self, index: _SearchIndex, groups: list[QueryGroup], body_id: str | None) -> list[tuple[float, str, float]]:
        """(minus the ranking score, passage id, coverage) of the candidates, best first."""
        words = sorted({w for g in groups for w in g.terms})
        if not words:
            return []
        if self._sqlite_path:
            stmt = text("SELECT passage_id AS id FROM passages_fts WHERE passages_fts MATCH :q "
                        "ORDER BY bm25(passages_fts) LIMIT :n")
            candidates = self._rows(stmt, {"q": " OR ".join(f'"{w}"' for w in words), "n": CANDIDATES})
        else:
            stmt = text(
                "SELECT id FROM passages WHERE to_tsvector('simple', search_text) @@ to_tsquery('simple', :q) "
                "ORDER BY ts_rank(to_tsvector('simple', search_text), to_tsquery('simple', :q)) DESC, id LIMIT :n")
            candidates = self._rows(stmt, {"q": " | ".join(words), "n": CANDIDATES})
        scored = []
        for pid in (r["id"] for r in candidates):
            if pid not in index.terms:
                continue  # rebuilt since the index was loaded (PostgreSQL); reloaded within a second
            body, terms, title, names = index.terms[pid]
            rank, coverage = score(groups, terms, title, names, index.stats)
            if body_id and body == body_id:
                rank += BODY_BONUS
            scored.append((-rank, pid, coverage))
        scored.sort()  # the id breaks ties: the same order on every engine
        return scored

    def _rerank_features(self, index: _SearchIndex, groups: list[QueryGroup], query: str,
                         head: list[tuple[float, str, float]]) -> list[dict[str, float]]:
        missing = [pid for _, pid, _ in head if pid not in index.written]
        if missing:
            for r in self._rows(select(t.passages.c.id, t.passages.c.entry_type, t.passages.c.body_id, t.passages.c.text)
                                .where(t.passages.c.id.in_(missing))):
                _body, _terms, title, names = index.terms[r["id"]]
                index.written[r["id"]] = written(r["entry_type"], r["body_id"], r["text"], title | names)
        folded = fold(query)
        return rerank_features(groups, folded, [(-neg, cov, index.written[pid]) for neg, pid, cov in head],
                               bodies_named(folded, index.names))

    def _passages(self, best: list[tuple[float, str, float]], sure: dict[str, float] | None = None) -> list[Passage]:
        rows = {r["id"]: r for r in self._rows(select(t.passages).where(t.passages.c.id.in_([p for _, p, _ in best])))}
        return [Passage(r["id"], r["entry_type"], r["entry_id"], r["title"], r["text"], r["body_id"], round(cov, 4),
                        self._source(r), (sure or {}).get(pid)) for _, pid, cov in best if (r := rows.get(pid))]


# Questions whose weighed words are kept (a few turns' worth).
WEIGHED_QUESTIONS = 256


def _frozen(groups: list[list[str]] | None) -> tuple | None:
    return None if groups is None else tuple(tuple(g) for g in groups)


class _SearchIndex:
    """What ranking needs of a built base: term statistics and each passage's term sets."""

    def __init__(self, stats: TermStats, terms: dict[str, tuple[str | None, frozenset, frozenset, frozenset]],
                 names: list[tuple[str, str, str]]):
        self.stats = stats
        self.terms = terms
        self.names = names
        self.name_words = frozenset(w for _kind, _id, folded in names for w in folded.split())
        self._within: dict[tuple[str, ...], frozenset[str]] = {}
        # One turn searches the same question several times (depths, filters, the last check):
        # its words are weighed, and their neighbours looked up, once.
        self.weighed: dict[tuple, list[QueryGroup]] = {}
        # ...and reordered once (`rerank`: passage ids with their sureness, by model); each
        # passage's sentences read once per build.
        self.reordered: dict[tuple, list[tuple[str, float]]] = {}
        self.written: dict[str, Written] = {}

    def remember(self, key: tuple, groups: list[QueryGroup]) -> None:
        if len(self.weighed) >= WEIGHED_QUESTIONS:
            self.weighed.clear()
        self.weighed[key] = groups

    def remember_order(self, key: tuple, order: list[tuple[str, float]]) -> None:
        if len(self.reordered) >= WEIGHED_QUESTIONS:
            self.reordered.clear()
        self.reordered[key] = order

    def words_within(self, entry_types: tuple[str, ...]) -> frozenset[str]:
        """The words the passages of these entry types use (a passage id starts with its type)."""
        if entry_types not in self._within:
            self._within[entry_types] = frozenset().union(
                *(words for pid, (_body, words, _title, _names) in self.terms.items()
                  if pid.split(":", 1)[0] in entry_types))
        return self._within[entry_types]
