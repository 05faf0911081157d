"""Validate → build into a fresh database → swap it in atomically.

A running action server never sees a half-built base: SQLite builds into a temporary file
renamed over the old one (readers notice the new file and reopen it); PostgreSQL builds
into a fresh schema and renames schemas in one transaction. A failed build leaves the
old base serving.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
import uuid
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import Connection, make_url

from knowledge import schema, settings
from knowledge.content_loader import Content, content_files, load_content
from knowledge.passages import iter_aliases, iter_passages, page_source_id
from knowledge.termcache import cached_search_groups
from knowledge.textnorm import fold

PG_SCHEMA = "knowledge"


def content_fingerprint(directory: Path) -> str:
    """Hash of the content files, stored in the base so staff can see what is served."""
    h = hashlib.sha256()
    for path in content_files(directory):
        h.update(path.relative_to(directory).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def build(directory: Path, url: str, cache_file: Path | None = None) -> dict[str, int]:
    """Build the base at `url` from the content of `directory`.

    Args:
        directory: the content folder (YAML files and ingested pages).
        url: SQLAlchemy URL of the base to replace.
        cache_file: cache of search terms; defaults to `settings.terms_cache_file()`.

    Returns:
        Counts of rows per table, for the command's report.

    Raises:
        ContentInvalid: when the content has errors (nothing is replaced then).
    """
    content = load_content(directory)
    fingerprint = content_fingerprint(directory)
    rows = _rows(content, fingerprint, cache_file or settings.terms_cache_file())
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        _build_sqlite(rows, Path(parsed.database or ""))
    else:
        _build_postgresql(rows, url)
    return {name: len(items) for name, items in rows.items()}


def _build_sqlite(rows: dict[str, list[dict]], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.building-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{tmp}")
    try:
        with engine.begin() as conn:
            schema.metadata.create_all(conn)
            insert_rows(conn, rows)
            conn.execute(text(
                "CREATE VIRTUAL TABLE passages_fts USING fts5("
                "passage_id UNINDEXED, terms, tokenize='unicode61 remove_diacritics 2')"
            ))
            conn.execute(text("INSERT INTO passages_fts (passage_id, terms) SELECT id, search_text FROM passages"))
        engine.dispose()
        os.replace(tmp, target)  # atomic on POSIX: readers see the old or the new base
    finally:
        engine.dispose()
        tmp.unlink(missing_ok=True)


def _build_postgresql(rows: dict[str, list[dict]], url: str) -> None:
    building = f"{PG_SCHEMA}_building"
    old = f"{PG_SCHEMA}_old"
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {building} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {building}"))
            conn.execute(text(f"SET LOCAL search_path TO {building}"))
            schema.metadata.create_all(conn)
            insert_rows(conn, rows)
            conn.execute(text(
                "CREATE INDEX passages_fts ON passages USING gin (to_tsvector('simple', search_text))"
            ))
            # The swap happens in this same transaction: readers see old or new, never half.
            conn.execute(text(f"DROP SCHEMA IF EXISTS {old} CASCADE"))
            exists = conn.execute(text(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = :s"), {"s": PG_SCHEMA}).first()
            if exists:
                conn.execute(text(f"ALTER SCHEMA {PG_SCHEMA} RENAME TO {old}"))
            conn.execute(text(f"ALTER SCHEMA {building} RENAME TO {PG_SCHEMA}"))
            conn.execute(text(f"DROP SCHEMA IF EXISTS {old} CASCADE"))
    finally:
        engine.dispose()


def _src(e: dict) -> dict[str, str]:
    return {"source_id": e["source"]["ref"], "section": e["source"].get("section") or ""}


def _rows(content: Content, fingerprint: str, cache_file: Path | None) -> dict[str, list[dict]]:
    """Every row of the new base, by table (computed before any database is touched)."""
    E = content.entries
    bodies = content.by_id("bodies")
    rows: dict[str, list[dict]] = {
        "sources": [{k: s.get(k) for k in ("id", "title", "publisher", "document", "published", "period", "url", "ingested")}
                    for s in E["sources"]] + [
            {"id": page_source_id(pg), "title": pg["title"], "publisher": bodies[pg["body"]]["name"],
             "document": pg["source"], "published": pg.get("published"),
             "period": pg.get("period") or str((pg.get("published") or pg["ingested"]).year),
             "url": None, "ingested": pg["ingested"]} for pg in E["pages"]],
        "bodies": [{"id": e["id"], "name": e["name"], "kind": e["kind"], "country": e["country"],
                    "summary": e["summary"], "is_default": bool(e.get("default")), **_src(e)} for e in E["bodies"]],
        "services": [{"id": e["id"], "body_id": e["body"], "name": e["name"], "acronym": e.get("acronym"),
                      "summary": e["summary"], "missions": e.get("missions", []), **_src(e)} for e in E["services"]],
        "contacts": [{"id": e["id"], "service_id": e["service"], "kind": e["kind"], "value": e["value"], **_src(e)}
                     for e in E["contacts"]],
        "programmes": [{"id": e["id"], "body_id": e["body"], "service_id": e["service"], "name": e["name"],
                        "acronym": e.get("acronym"), "purpose": e["purpose"], "audience": e["audience"],
                        "how_to_apply": e.get("how_to_apply"), **_src(e)} for e in E["programmes"]],
        "criteria": [{"id": c["id"], "programme_id": e["id"], "position": i, "question": c["question"],
                      "answers": [{k: a.get(k) for k in ("value", "label", "synonyms", "qualifies", "why")}
                                  for a in c["answers"]]}
                     for e in E["programmes"] for i, c in enumerate(e.get("criteria") or [])],
        "calls": [{"id": c["id"], "programme_id": e["id"], "title": c["title"], "opens": c.get("opens"),
                   "deadline": c["deadline"], **_src(c if c.get("source") else e)}
                  for e in E["programmes"] for c in e.get("calls") or []],
        "partnerships": [{"id": e["id"], "body_id": e["body"], "partner": e["partner"], "country": e["country"],
                          "kind": e["kind"], "since": e.get("since"), "since_year": e.get("since_year"),
                          "fields": e.get("fields", []), "summary": e["summary"], **_src(e)}
                         for e in E["partnerships"]],
        "definitions": [{"id": e["id"], "term": e["term"], "category": e["category"], "text": e["text"], **_src(e)}
                        for e in E["definitions"]],
        "facts": [{"id": e["id"], "body_id": e["body"], "topic": e["topic"], "title": e["title"],
                   "text": e["text"], **_src(e)} for e in E["facts"]],
    }
    passages = list(iter_passages(content))
    items = [[p["title"], " ".join(p.pop("names")), " ".join([p["text"], *p.pop("extra")])] for p in passages]

    def terms(*parts: list[list[str]]) -> str:
        return " ".join(dict.fromkeys(w for groups in parts for g in groups for w in g))

    df: Counter[str] = Counter()
    for p, (title, names, body) in zip(passages, cached_search_groups(items, cache_file), strict=True):
        p["search_text"] = terms(title, names, body)
        p["title_terms"] = terms(title)
        p["name_terms"] = terms(names)
        p["weight"] = 1.0
        df.update(p["search_text"].split())
    rows["passages"] = passages
    rows["search_terms"] = [{"term": t, "df": n} for t, n in sorted(df.items())]
    seen: set[tuple[str, str, str]] = set()
    rows["aliases"] = []
    for etype, eid, name in iter_aliases(content):
        key = (etype, eid, fold(name))
        if key[2] and key not in seen:
            seen.add(key)
            rows["aliases"].append({"entity_type": etype, "entity_id": eid, "alias": name, "folded": key[2]})
    rows["meta"] = [
        {"key": "content_fingerprint", "value": fingerprint},
        # Changes at every build, even of the same content: readers on PostgreSQL use it
        # to notice a rebuild and reload what they cache.
        {"key": "build_id", "value": uuid.uuid4().hex},
        {"key": "built_at", "value": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")},
    ]
    return rows


def insert_rows(conn: Connection, rows: dict[str, list[dict]]) -> None:
    for name, items in rows.items():
        if items:
            conn.execute(insert(schema.metadata.tables[name]), items)


def timed_build(directory: Path, url: str, cache_file: Path | None = None) -> tuple[dict[str, int], float]:
    """`build`, also returning the seconds it took."""
    start = time.perf_counter()
    counts = build(directory, url, cache_file)
    return counts, time.perf_counter() - start



