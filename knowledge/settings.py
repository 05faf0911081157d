"""Where the knowledge lives, from environment variables with safe defaults."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def content_dir() -> Path:
    """Folder of the YAML content files (KNOWLEDGE_CONTENT_DIR)."""
    return Path(os.environ.get("KNOWLEDGE_CONTENT_DIR", PROJECT_ROOT / "knowledge" / "content"))


def database_url() -> str:
    """SQLAlchemy URL of the built base (KNOWLEDGE_DB_URL); a SQLite file under var/ by default."""
    return os.environ.get("KNOWLEDGE_DB_URL") or f"sqlite:///{PROJECT_ROOT / 'var' / 'knowledge.sqlite3'}"


def terms_cache_file() -> Path:
    """Cache of the search terms of indexed texts (KNOWLEDGE_CACHE_DIR, default var/cache)."""
    return Path(os.environ.get("KNOWLEDGE_CACHE_DIR", PROJECT_ROOT / "var" / "cache")) / "search-terms.json"
