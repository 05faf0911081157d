"""SQLAlchemy Core schema of the built knowledge base (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Date, Float, Integer, MetaData, String, Table, Text

metadata = MetaData()


def _sourced(name: str, *columns: Column) -> Table:
    """A table whose rows each carry their source and the section within it."""
    return Table(
        name, metadata, *columns,
        Column("source_id", String, nullable=False),
        Column("section", Text, nullable=False, default=""),
    )


sources = Table(
    "sources", metadata,
    Column("id", String, primary_key=True),
    Column("title", Text, nullable=False),
    Column("publisher", Text, nullable=False),
    Column("document", Text, nullable=False),
    Column("published", Date),
    Column("period", Text, nullable=False),
    Column("url", Text),
    # Set for pages added with `python -m knowledge ingest`: the day they were imported.
    Column("ingested", Date),
)
bodies = _sourced(
    "bodies",
    Column("id", String, primary_key=True), Column("name", Text, nullable=False),
    Column("kind", String, nullable=False), Column("country", Text, nullable=False),
    Column("summary", Text, nullable=False), Column("is_default", Boolean, nullable=False),
)
services = _sourced(
    "services",
    Column("id", String, primary_key=True), Column("body_id", String, nullable=False, index=True),
    Column("name", Text, nullable=False), Column("acronym", Text), Column("summary", Text, nullable=False),
    Column("missions", JSON, nullable=False),
)
contacts = _sourced(
    "contacts",
    Column("id", String, primary_key=True), Column("service_id", String, nullable=False, index=True),
    Column("kind", String, nullable=False), Column("value", Text, nullable=False),
)
programmes = _sourced(
    "programmes",
    Column("id", String, primary_key=True), Column("body_id", String, nullable=False),
    Column("service_id", String, nullable=False), Column("name", Text, nullable=False),
    Column("acronym", Text), Column("purpose", Text, nullable=False), Column("audience", Text, nullable=False),
    Column("how_to_apply", Text),
)
criteria = Table(
    "criteria", metadata,
    Column("id", String, primary_key=True), Column("programme_id", String, nullable=False, index=True),
    Column("position", Integer, nullable=False), Column("question", Text, nullable=False),
    Column("answers", JSON, nullable=False),
)
calls = _sourced(
    "calls",
    Column("id", String, primary_key=True), Column("programme_id", String, nullable=False, index=True),
    Column("title", Text, nullable=False), Column("opens", Date), Column("deadline", Date, nullable=False),
)
partnerships = _sourced(
    "partnerships",
    Column("id", String, primary_key=True), Column("body_id", String, nullable=False, index=True),
    Column("partner", Text, nullable=False), Column("country", Text, nullable=False),
    Column("kind", String, nullable=False), Column("since", Text), Column("since_year", Integer),
    Column("fields", JSON, nullable=False), Column("summary", Text, nullable=False),
)
definitions = _sourced(
    "definitions",
    Column("id", String, primary_key=True), Column("term", Text, nullable=False),
    Column("category", String, nullable=False), Column("text", Text, nullable=False),
)
facts = _sourced(
    "facts",
    Column("id", String, primary_key=True), Column("body_id", String, nullable=False, index=True),
    Column("topic", String, nullable=False, index=True), Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
)
# Names people use for each entity: feeds entity resolution and the generated NLU lookups.
aliases = Table(
    "aliases", metadata,
    Column("entity_type", String, nullable=False), Column("entity_id", String, nullable=False),
    Column("alias", Text, nullable=False), Column("folded", Text, nullable=False, index=True),
)
passages = _sourced(
    "passages",
    Column("id", String, primary_key=True), Column("entry_type", String, nullable=False),
    Column("entry_id", String, nullable=False), Column("body_id", String),
    Column("title", Text, nullable=False), Column("text", Text, nullable=False),
    # Folded words plus their lemmas: what full-text search indexes.
    Column("search_text", Text, nullable=False),
    # The same for the title, and for the names people use for the entry: matches there rank higher.
    Column("title_terms", Text, nullable=False, default=""),
    Column("name_terms", Text, nullable=False, default=""),
    Column("weight", Float, nullable=False, default=1.0),
)
# Document frequency of every indexed term: IDF weights and typo correction at query time.
search_terms = Table(
    "search_terms", metadata,
    Column("term", String, primary_key=True), Column("df", Integer, nullable=False),
)
meta = Table("meta", metadata, Column("key", String, primary_key=True), Column("value", Text, nullable=False))
