"""Where a knowledge entry, or a piece of an answer, is written: the content file and line that
staff edit to change it.

Read from the content files themselves (an entry's `id:` line, a page's file), not stored in
the base: a file edited since the last build still points to the right line.
"""

from __future__ import annotations

import re
from pathlib import Path

from knowledge.pages import PAGES_DIR
from knowledge.settings import content_dir
from knowledge.textnorm import fold

_ID_LINE = re.compile(r"^\s*-?\s*id:\s*['\"]?([\w.-]+)['\"]?\s*$")


def where_written(entry_type: str, entry_id: str, directory: Path | None = None) -> str | None:
    """« namur.yml:61 » for an entry, « pages/fete.txt:1 » for an ingested page; None if not found."""
    root = directory or content_dir()
    if entry_type == "page":
        page = next(iter(sorted((root / PAGES_DIR).glob(f"{entry_id}.*"))), None)
        return f"{PAGES_DIR}/{page.name}:1" if page else None
    for path in sorted(root.glob("*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            m = _ID_LINE.match(line)
            if m and m.group(1) == entry_id:
                return f"{path.name}:{number}"
    return None


def where_said(snippets: list[str], directory: Path | None = None, limit: int = 3) -> dict[str, list[str]]:
    """For each piece of an answer (« 081 776 770 », a sentence), the content lines that hold it,
    as « namur.yml:58 »; case, accents and punctuation are ignored. Pieces found nowhere are left out."""
    root = directory or content_dir()
    files = sorted(root.glob("*.yml")) + sorted((root / PAGES_DIR).glob("*.txt"))
    lines = [(f"{path.relative_to(root).as_posix()}:{number}", fold(line))
             for path in files for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)]
    found: dict[str, list[str]] = {}
    for snippet in snippets:
        key = fold(snippet)
        places = [where for where, text in lines if key and f" {key} " in f" {text} "][:limit]
        if places:
            found[snippet] = places
    return found
