"""Service pages added as plain text (`python -m knowledge ingest`): file format and passages.

A page lives in `<content>/pages/<id>.txt`: a short YAML header between `---` lines (where
it comes from, when it was imported, which body publishes it), then its repaired text. The
builder cuts the text into passages at build time, so a page edited by hand is re-indexed
like any other content.
"""

from __future__ import annotations

import re

import ftfy

PAGES_DIR = "pages"
HEADING_MAX = 90  # a line longer than this is text, not a heading
# Each paragraph is a passage of its own, so that each answers something (the event's
# dates, its registration deadline); only a paragraph shorter than this joins the next.
SHORT = 200
MAX = 1200  # a longer paragraph is cut between sentences

_FRONT_RE = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]*>")
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…»])\s+(?=[«\"A-ZÀ-ÖØ-Þ0-9])")
_BULLET_RE = re.compile(r"^([-*•·]|\d+[.)])\s+")


def repair_text(raw: str) -> str:
    """Fix encoding damage (« Ã‰ » -> « É ») and drop markup and layout noise."""
    # Non-breaking spaces first: next to mojibake (« \xa0Ã‰ ») they keep ftfy from seeing it.
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = ftfy.fix_text(text)
    text = _TAG_RE.sub(" ", text).replace("**", "").replace("__", "")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def split_front_matter(raw: str) -> tuple[str | None, str, int]:
    """(header YAML or None, text, line number where the text starts)."""
    m = _FRONT_RE.match(raw)
    if not m:
        return None, raw, 1
    return m.group(1), raw[m.end():], m.group(0).count("\n") + 1


def format_page(header: dict[str, str], text: str) -> str:
    """The file content of a page: its header then its text."""
    lines = ["---"] + [f"{k}: {_yaml_scalar(v)}" for k, v in header.items() if v is not None] + ["---"]
    return "\n".join(lines) + "\n" + text


def _yaml_scalar(value: object) -> str:
    s = str(value)
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _has_words(line: str) -> bool:
    return any(c.isalpha() for c in line)


def _is_heading_line(line: str) -> bool:
    return (len(line) <= HEADING_MAX and _has_words(line) and not _BULLET_RE.match(line)
            and not line.endswith((".", ";", ",", ":", "!", "…")))


def split_passages(text: str) -> list[tuple[str, str]]:
    """Cut a page into (heading, text) passages, by headings then paragraphs.

    Markdown headings (`#`) nest. A question alone on its line is a heading; in a page
    without markdown headings, so is a short line alone between blank lines when text
    follows it (lists of short items stay text). Each paragraph is a passage (a short one
    joins the next). No word is dropped.
    """
    blocks = [[ln.strip() for ln in b.split("\n") if ln.strip()] for b in re.split(r"\n\s*\n", text)]
    blocks = [b for b in blocks if any(_has_words(ln) or any(c.isdigit() for c in ln) for ln in b)]
    markdown = any(len(b) == 1 and _MD_HEADING_RE.match(b[0]) for b in blocks)
    levels: list[tuple[int, str]] = []  # open headings, markdown level 1-6, plain ones 7
    out: list[tuple[str, str]] = []
    buf: list[str] = []

    def heading() -> str:
        return " – ".join(h for _, h in levels)

    def flush() -> None:
        if buf:
            out.append((heading(), "\n".join(buf)))
            buf.clear()

    def add(paragraph: str) -> None:
        for piece in _cut(paragraph):
            if buf and sum(len(p) for p in buf) >= SHORT:
                flush()
            buf.append(piece)

    for i, block in enumerate(blocks):
        md = _MD_HEADING_RE.match(block[0]) if len(block) == 1 else None
        if md and _has_words(md.group(2)):
            flush()
            level = len(md.group(1))
            levels[:] = [h for h in levels if h[0] < level] + [(level, md.group(2))]
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        text_follows = nxt is not None and not (len(nxt) == 1 and _is_heading_line(nxt[0]))
        if len(block) == 1 and _is_heading_line(block[0]) and (
                block[0].endswith("?") or (text_follows and not markdown)):
            flush()
            levels[:] = [h for h in levels if h[0] < 7] + [(7, block[0])]
            continue
        add("\n".join(block))
    flush()
    return out


def _cut(paragraph: str) -> list[str]:
    """A paragraph in pieces of at most about MAX characters, cut between sentences."""
    if len(paragraph) <= MAX:
        return [paragraph]
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END_RE.split(paragraph):
        if current and len(current) + len(sentence) + 1 > MAX:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        pieces.append(current)
    return pieces
