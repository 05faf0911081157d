"""`python -m knowledge ingest FILE...`: adds a plain-text service page to the content.

The page is stored, encoding repaired, as `<content>/pages/<id>.txt` with a header naming
its source file, the day of import, the body that publishes it, its title and, when the
page shows one near its top, its publication date. The builder cuts it into passages, so
the page survives every rebuild and staff can correct it like any content file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from knowledge.pages import PAGES_DIR, format_page, repair_text, split_passages
from knowledge.textnorm import fold

_MONTHS = {m: i for i, m in enumerate(
    ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
     "novembre", "decembre"], start=1)}
_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_LONG_DATE_RE = re.compile(r"\b(\d{1,2})(?:er)? (" + "|".join(_MONTHS) + r") (\d{4})\b")
DATE_LINE_MAX = 40  # a date alone on a short line near the top is the page's date
TITLE_MAX = 120


class IngestError(Exception):
    """A file that cannot be imported; the message says which and why, in French."""


@dataclass
class IngestedPage:
    id: str
    path: Path
    source: str
    title: str
    published: dt.date | None
    passages: int


def read_text_file(path: Path) -> str:
    """The file's text: UTF-8 when it is, else Windows-1252 (old web exports)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path} : fichier illisible ({exc.strerror or exc})") from exc
    if b"\0" in data[:4096]:
        raise IngestError(f"{path} : ce n'est pas un fichier texte")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def page_id(path: Path) -> str:
    """A content id from the file name: « 003_A2b.txt » -> « 003-a2b »."""
    slug = "-".join(fold(path.stem).split())
    if not slug:
        raise IngestError(f"{path} : impossible de tirer un identifiant du nom du fichier")
    return slug


def _date_in(line: str) -> dt.date | None:
    m = _NUMERIC_DATE_RE.search(line)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = _LONG_DATE_RE.search(fold(line))
        if not m:
            return None
        day, month, year = int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def detect_published(text: str, lines: int = 10) -> dt.date | None:
    """A publication date alone on a short line near the top (« publié le 07.10.2015 »)."""
    for line in [ln for ln in text.splitlines() if ln.strip()][:lines]:
        if len(line) <= DATE_LINE_MAX:
            found = _date_in(line)
            if found:
                return found
    return None


def detect_title(text: str, fallback: str) -> str:
    """The page's first block when it is short, else its first line that is not a date."""
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip().lstrip("#").strip() for ln in block.splitlines() if ln.strip()]
        lines = [ln for ln in lines if not (len(ln) <= DATE_LINE_MAX and _date_in(ln))]
        if not lines:
            continue
        joined = " ".join(lines)
        return joined if len(joined) <= TITLE_MAX else lines[0][:TITLE_MAX]
    return fallback


def prepare_page(path: Path, body: str, ingested: dt.date, title: str | None = None,
                 published: dt.date | None = None) -> tuple[str, str, IngestedPage]:
    """Read, repair and describe one file, without writing anything.

    Returns:
        (page id, file content to write, description of the page).
    """
    text = repair_text(read_text_file(path))
    if not any(c.isalpha() for c in text):
        raise IngestError(f"{path} : le fichier ne contient aucun texte")
    pid = page_id(path)
    title = title or detect_title(text, path.stem)
    published = published or detect_published(text)
    header = {"source": path.name, "ingested": ingested.isoformat(), "body": body, "title": title,
              "published": published.isoformat() if published else None}
    page = IngestedPage(pid, Path(PAGES_DIR) / f"{pid}.txt", path.name, title, published,
                        len(split_passages(text)))
    return pid, format_page(header, text), page


def write_pages(content_dir: Path, prepared: list[tuple[str, str, IngestedPage]]) -> dict[Path, str | None]:
    """Write the pages; returns each written file's previous content (None: it was new),
    so that a failed build can put everything back."""
    previous: dict[Path, str | None] = {}
    (content_dir / PAGES_DIR).mkdir(parents=True, exist_ok=True)
    for _, file_text, page in prepared:
        target = content_dir / page.path
        previous[target] = target.read_text(encoding="utf-8") if target.exists() else None
        target.write_text(file_text, encoding="utf-8")
    return previous


def restore(previous: dict[Path, str | None]) -> None:
    """Undo `write_pages`."""
    for target, old in previous.items():
        if old is None:
            target.unlink(missing_ok=True)
        else:
            target.write_text(old, encoding="utf-8")
