"""Reads the YAML content files and validates them, reporting errors by file, line and field.

The format itself is knowledge/content_models.py (one pydantic model per kind of entry):
adding a field means adding one line there (and to FORMAT.md). This module reads YAML with
line numbers, places each pydantic error at its file, line and field, and checks what
spans files: ids unique, references existing, one default body.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pydantic import BaseModel, ValidationError, parse_obj_as
from pydantic.fields import SHAPE_LIST, ModelField

from knowledge.content_models import ID_RE, ContentFile, Id, Model, Page
from knowledge.pages import PAGES_DIR, split_front_matter


@dataclass
class ContentError:
    """One problem in a content file, located precisely enough for staff to fix it."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: champ « {self.field} » : {self.message}" if self.field else f"{where}: {self.message}"


class ContentInvalid(Exception):
    """Raised when content has errors; carries all of them, not just the first."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class _Map(dict):
    """A dict that remembers the line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> _Map:  # type: ignore[override]
        mapping = _Map(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
        return mapping


# yaml turns 2018-02-08 into a date itself; keep strings as written so we check them.
_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)


@dataclass
class Content:
    """All validated entries, by type, each a plain dict of the fields written plus `_file` and `_line`."""

    entries: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def by_id(self, kind: str) -> dict[str, dict[str, Any]]:
        return {e["id"]: e for e in self.entries[kind]}


KINDS = [*ContentFile.__fields__, "pages"]
_MESSAGES = {  # pydantic's own errors; the field types raise theirs in French
    "value_error.missing": "champ obligatoire manquant",
    "value_error.extra": "clé inconnue « {key} »",
    "type_error.list": "une liste est attendue",
    "value_error.list.min_items": "au moins {limit_value} éléments attendus",
    "value_error.strictbool": "true ou false attendu",
}


def _field_name(loc: tuple) -> str:
    return "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in loc).lstrip(".")


def _line(raw: Any, loc: tuple, line: int) -> int:
    """The line of the key at `loc`, or of the innermost entry holding it (a missing field)."""
    for depth, step in enumerate(loc):
        if isinstance(raw, _Map) and step in raw:
            line, raw = raw.key_lines.get(step, raw.line), raw[step]
            if depth == len(loc) - 1:
                break
        elif isinstance(raw, list) and isinstance(step, int) and step < len(raw):
            raw = raw[step]
        else:
            break
        if isinstance(raw, _Map):
            line = raw.line
    return line


def _validate(model: type[Model], raw: Any, file: str, errors: list[ContentError],
              where: tuple = (), line: int = 1) -> Any:
    """`raw` as a `model`, or None after adding each of its errors to `errors`."""
    try:
        return parse_obj_as(model, raw)
    except ValidationError as exc:
        found = [(err["loc"][1:], err) for err in exc.errors()]  # parse_obj_as puts all under "__root__"
        first = {}  # pydantic lists an entry's unknown keys last, sorted; staff read them first, as written
        for i, (loc, _) in enumerate(found):
            for depth in range(len(loc)):
                first.setdefault(loc[:depth + 1], i)

        def order(item: tuple) -> tuple:
            loc, err = item
            extra = err["type"] == "value_error.extra"
            return tuple((0, _line(raw, loc, line)) if extra and d == len(loc) - 1 else (1, first[loc[:d + 1]])
                         for d in range(len(loc)))

        for loc, err in sorted(found, key=order):
            errors.append(ContentError(file, _line(raw, loc, line), _field_name(where + loc), _message(err, loc, model)))
        return None


def _message(err: dict[str, Any], loc: tuple, model: type[Model]) -> str:
    if err["type"] == "value_error.extra" and model is ContentFile and len(loc) == 1:
        return f"type d'entrée inconnu « {loc[0]} » (attendu : {', '.join(ContentFile.__fields__)})"
    if err["type"] not in _MESSAGES:
        return err["msg"]
    return _MESSAGES[err["type"]].format(key=loc[-1] if loc else "", **err.get("ctx", {}))


def _as_dict(value: Any, raw: Any, file: str) -> Any:
    """A validated entry as the rest of the code reads it: the fields written, `_file` and `_line`."""
    if isinstance(value, BaseModel):
        return {"_file": file, "_line": raw.line, **{
            k: _as_dict(getattr(value, k), raw[k], file) for k in value.__fields__ if k in value.__fields_set__}}
    if isinstance(value, list) and value and isinstance(value[0], BaseModel):
        return [_as_dict(v, r, file) for v, r in zip(value, raw, strict=True)]
    return value


def _parse_yaml(errors: list[ContentError], name: str, source: str, first_line: int = 1) -> tuple[bool, Any]:
    """(ok, document); a YAML error is recorded with its line in the file."""
    try:
        doc = yaml.load(source, Loader=_LineLoader)  # noqa: S506 (safe loader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark else 0
        errors.append(ContentError(name, line, "", f"YAML illisible : {getattr(exc, 'problem', None) or exc}"))
        return False, None
    if first_line > 1:
        _shift_lines(doc, first_line - 1)
    return True, doc


def _shift_lines(node: Any, offset: int) -> None:
    if isinstance(node, _Map):
        node.line += offset
        node.key_lines = {k: n + offset for k, n in node.key_lines.items()}
        for value in node.values():
            _shift_lines(value, offset)
    elif isinstance(node, list):
        for item in node:
            _shift_lines(item, offset)


def content_files(directory: Path) -> list[Path]:
    """Every file the content is read from: the YAML files, then the ingested pages."""
    return sorted(directory.glob("*.yml")) + sorted((directory / PAGES_DIR).glob("*.txt"))


def load_content(directory: Path) -> Content:
    """Load and validate every `*.yml` file of `directory` and its ingested pages.

    Raises:
        ContentInvalid: with every error found, each naming file, line and field.
    """
    errors: list[ContentError] = []
    content = Content()
    read: list[_Read] = []
    files = sorted(directory.glob("*.yml"))
    if not files:
        raise ContentInvalid([ContentError(str(directory), 0, "", "aucun fichier de contenu .yml trouvé")])
    for path in files:
        name = path.name
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            errors.append(ContentError(name, 0, "", "le fichier n'est pas en UTF-8"))
            continue
        ok, doc = _parse_yaml(errors, name, source)
        if not ok or doc is None:
            continue
        if not isinstance(doc, _Map):
            errors.append(ContentError(name, 1, "", "le fichier doit contenir des listes nommées (sources, bodies, ...)"))
            continue
        read.append(_Read(name, ContentFile, doc))
        entries = _validate(ContentFile, doc, name, errors)
        for kind in ContentFile.__fields__ if entries else ():
            content.entries[kind] += _as_dict(getattr(entries, kind), doc.get(kind), name)
    for path in sorted((directory / PAGES_DIR).glob("*.txt")):
        page = _load_page(errors, read, path)
        if page is not None:
            content.entries["pages"].append(page)
    _check_ids_and_refs(errors, read)
    if errors:
        raise ContentInvalid(errors)
    return content


def _load_page(errors: list[ContentError], read: list[_Read], path: Path) -> dict[str, Any] | None:
    """A page file: its YAML header checked like any entry, its text kept as written."""
    name = f"{PAGES_DIR}/{path.name}"
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        errors.append(ContentError(
            name, 0, "", "le fichier n'est pas en UTF-8 (réimportez-le avec « python -m knowledge ingest »)"))
        return None
    header, body, _ = split_front_matter(raw)
    if header is None:
        errors.append(ContentError(
            name, 1, "", "en-tête manquant : le fichier doit commencer par un bloc « --- » (source, ingested, ...)"))
        return None
    ok, doc = _parse_yaml(errors, name, header, first_line=2)
    if not ok:
        return None
    page = _validate(Page, doc, name, errors, where=("pages",), line=2)
    if not isinstance(doc, _Map):
        return None
    try:
        Id.check(path.stem)
        read.append(_Read(name, Page, doc, ("pages",), path.stem))
    except ValueError as exc:
        errors.append(ContentError(name, 0, "", f"nom de fichier : {exc}"))
    if not body.strip():
        errors.append(ContentError(name, 0, "", "la page ne contient aucun texte"))
    return page and {**_as_dict(page, doc, name), "id": path.stem, "text": body}


class _Read(NamedTuple):
    """A document as read, valid or not: ids and references are checked once every file is read."""

    file: str
    model: type[Model]
    raw: _Map
    where: tuple = ()
    page_id: str | None = None


def _fields(model: type[Model], raw: Any, loc: tuple = ()) -> Iterator[tuple[tuple, ModelField, Any]]:
    """(loc, field, value) of every field `raw` writes, in nested entries too."""
    for name, fld in model.__fields__.items() if isinstance(raw, dict) else ():
        if name in raw:
            yield loc + (name,), fld, raw[name]
            if not (isinstance(fld.type_, type) and issubclass(fld.type_, BaseModel)):
                continue
            if fld.shape != SHAPE_LIST:
                yield from _fields(fld.type_, raw[name], loc + (name,))
            elif isinstance(raw[name], list):
                for i, item in enumerate(raw[name]):
                    yield from _fields(fld.type_, item, loc + (name, i))


def _check_ids_and_refs(errors: list[ContentError], read: list[_Read]) -> None:
    claims, refs, defaults = [], [], []  # claims: (kind, id, file, line, field)
    for r in read:
        if r.page_id:
            claims.append(("pages", r.page_id, r.file, r.raw.line, "pages.id"))
        for loc, fld, value in _fields(r.model, r.raw):
            if fld.name == "default" and value is True:
                defaults.append((r.file, _line(r.raw, loc[:-1], 1)))
            if not (isinstance(value, str) and ID_RE.match(value)):
                continue  # an invalid id has its own error
            if fld.name == "id":
                path = ".".join(s for s in loc if isinstance(s, str))  # "bodies.id", "programmes.calls.id"
                claims.append((loc[0], value, r.file, _line(r.raw, loc[:-1], 1), path))
            if "ref" in fld.field_info.extra:
                refs.append((fld.field_info.extra["ref"], value, r.file, _line(r.raw, loc, 1),
                             _field_name(r.where + loc)))
    seen: dict[str, tuple[str, int]] = {}
    for _, entry_id, file, line, fld in sorted(claims, key=lambda c: KINDS.index(c[0])):  # as `Content` orders
        if entry_id in seen:
            f0, l0 = seen[entry_id]
            errors.append(ContentError(
                file, line, fld, f"identifiant « {entry_id} » en double (déjà utilisé dans {f0}:{l0})"))
        else:
            seen[entry_id] = (file, line)
    ids = {(kind, entry_id) for kind, entry_id, *_, fld in claims if fld == f"{kind}.id"}
    for kind, target, file, line, fld in refs:
        if (kind, target) not in ids:
            errors.append(ContentError(
                file, line, fld, f"référence inconnue « {target} » (aucune entrée {kind} avec cet id)"))
    if len(defaults) > 1:
        errors.append(ContentError(*defaults[1], "bodies.default", "un seul organisme peut être « default »"))
