"""Reads and validates the YAML content files, reporting errors by file, line and field.

Validation is declarative: each entry type lists its fields and a checker per field, so
adding a field to the format means adding one line here (and to FORMAT.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from knowledge.pages import PAGES_DIR, split_front_matter

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


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


# --- field checkers: each returns the cleaned value or raises ValueError(message) ---

def text(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ValueError("texte non vide attendu")
    return v.strip()


def opt_text(v: Any) -> str | None:
    return None if v is None else text(v)


def text_list(v: Any) -> list[str]:
    if v is None:
        return []
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise ValueError("liste de textes attendue")
    return [x.strip() for x in v]


def iso_date(v: Any) -> dt.date:
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        raise ValueError(f"date invalide « {v} » (format attendu AAAA-MM-JJ)") from None


def opt_date(v: Any) -> dt.date | None:
    return None if v is None else iso_date(v)


def opt_year(v: Any) -> int | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int) or not 1800 <= v <= 2200:
        raise ValueError(f"année invalide « {v} »")
    return v


def boolean(v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError("true ou false attendu")
    return v


def one_of(*choices: str) -> Callable[[Any], str]:
    def check(v: Any) -> str:
        if v not in choices:
            raise ValueError(f"valeur « {v} » inconnue (attendu : {', '.join(choices)})")
        return v

    return check


def ident(v: Any) -> str:
    if not isinstance(v, str) or not ID_RE.match(v):
        raise ValueError(f"identifiant invalide « {v} » (minuscules, chiffres, tirets)")
    return v


def ref(kind: str) -> Callable[[Any], str]:
    """An id that must exist among entries of `kind`; checked after all files load."""

    def check(v: Any) -> str:
        return ident(v)

    check.ref_kind = kind  # type: ignore[attr-defined]
    return check


Spec = dict[str, tuple[Callable[[Any], Any], bool]]  # field -> (checker, required)

SOURCE_SPEC: Spec = {
    "id": (ident, True), "title": (text, True), "publisher": (text, True), "document": (text, True),
    "published": (opt_date, True), "period": (text, True), "url": (opt_text, False),
}
SOURCE_FIELD: Spec = {"ref": (ref("sources"), True), "section": (opt_text, False)}
ANSWER_SPEC: Spec = {
    "value": (ident, True), "label": (text, True), "synonyms": (text_list, False),
    "qualifies": (boolean, True), "why": (text, True),
}
CRITERION_SPEC: Spec = {"id": (ident, True), "question": (text, True), "answers": ("answers", True)}  # type: ignore[dict-item]
CALL_SPEC: Spec = {
    "id": (ident, True), "title": (text, True), "opens": (opt_date, False),
    "deadline": (iso_date, True), "source": ("source", False),  # type: ignore[dict-item]
}
SPECS: dict[str, Spec] = {
    "bodies": {
        "id": (ident, True), "name": (text, True),
        "kind": (one_of("province", "departement", "region", "ville"), True),
        "country": (text, True), "default": (boolean, False), "aliases": (text_list, False),
        "summary": (text, True),
    },
    "services": {
        "id": (ident, True), "body": (ref("bodies"), True), "name": (text, True),
        "acronym": (opt_text, False), "aliases": (text_list, False), "summary": (text, True),
        "missions": (text_list, False),
    },
    "contacts": {
        "id": (ident, True), "service": (ref("services"), True),
        "kind": (one_of("address", "phone", "email", "head", "hours", "website"), True),
        "value": (text, True),
    },
    "programmes": {
        "id": (ident, True), "body": (ref("bodies"), True), "service": (ref("services"), True),
        "name": (text, True), "acronym": (opt_text, False), "aliases": (text_list, False),
        "purpose": (text, True), "audience": (text, True), "audience_terms": (text_list, False),
        "how_to_apply": (opt_text, False),
        "criteria": ("criteria", False), "calls": ("calls", False),  # type: ignore[dict-item]
    },
    "partnerships": {
        "id": (ident, True), "body": (ref("bodies"), True), "partner": (text, True),
        "partner_aliases": (text_list, False), "country": (text, True),
        "kind": (one_of("jumelage", "cooperation-decentralisee", "accord-amitie", "accord-cooperation"), True),
        "since": (opt_text, False), "since_year": (opt_year, False), "fields": (text_list, False),
        "summary": (text, True),
    },
    "definitions": {
        "id": (ident, True), "term": (text, True), "category": (one_of("notion", "loi"), True),
        "aliases": (text_list, False), "text": (text, True),
    },
    "facts": {
        "id": (ident, True), "body": (ref("bodies"), True), "topic": (ident, True),
        "title": (text, True), "text": (text, True), "keywords": (text_list, False),
    },
}
for _spec in SPECS.values():
    _spec["source"] = ("source", True)  # type: ignore[assignment]
SPECS["sources"] = SOURCE_SPEC
# Header of a page added by `python -m knowledge ingest` (pages/<id>.txt); the id is the file name.
PAGE_SPEC: Spec = {
    "source": (text, True), "ingested": (iso_date, True), "body": (ref("bodies"), True),
    "title": (text, True), "published": (opt_date, False), "period": (opt_text, False),
}


@dataclass
class Content:
    """All validated entries, by type, each a plain dict plus `_file` and `_line`."""

    entries: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {k: [] for k in [*SPECS, "pages"]})

    def by_id(self, kind: str) -> dict[str, dict[str, Any]]:
        return {e["id"]: e for e in self.entries[kind]}


class _Validator:
    def __init__(self) -> None:
        self.errors: list[ContentError] = []
        self.refs: list[tuple[str, str, str, int, str]] = []  # kind, id, file, line, field

    def error(self, file: str, line: int, fld: str, msg: str) -> None:
        self.errors.append(ContentError(file, line, fld, msg))

    def entry(self, raw: Any, spec: Spec, file: str, line: int, where: str) -> dict[str, Any] | None:
        if not isinstance(raw, _Map):
            self.error(file, line, where, "une entrée (clé: valeur) est attendue")
            return None
        out: dict[str, Any] = {"_file": file, "_line": raw.line}
        for key in raw:
            if key not in spec:
                self.error(file, raw.key_lines.get(key, raw.line), f"{where}.{key}", f"clé inconnue « {key} »")
        for name, (check, required) in spec.items():
            fld = f"{where}.{name}"
            kline = raw.key_lines.get(name, raw.line)
            if name not in raw:
                if required:
                    self.error(file, raw.line, fld, "champ obligatoire manquant")
                continue
            value = raw[name]
            if check == "source":
                out[name] = self.entry(value, SOURCE_FIELD, file, kline, fld)
            elif check == "answers":
                out[name] = self.nested(value, ANSWER_SPEC, file, kline, fld, min_items=2)
            elif check == "criteria":
                out[name] = self.nested(value, CRITERION_SPEC, file, kline, fld)
            elif check == "calls":
                out[name] = self.nested(value, CALL_SPEC, file, kline, fld)
            else:
                try:
                    out[name] = check(value)
                except ValueError as exc:
                    self.error(file, kline, fld, str(exc))
                    continue
                kind = getattr(check, "ref_kind", None)
                if kind:
                    self.refs.append((kind, out[name], file, kline, fld))
        return out

    def nested(self, raw: Any, spec: Spec, file: str, line: int, where: str, min_items: int = 0) -> list:
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            self.error(file, line, where, "une liste est attendue")
            return []
        if len(raw) < min_items:
            self.error(file, line, where, f"au moins {min_items} éléments attendus")
        items = [self.entry(x, spec, file, getattr(x, "line", line), f"{where}[{i}]") for i, x in enumerate(raw)]
        return [x for x in items if x is not None]


def _parse_yaml(v: _Validator, name: str, source: str, first_line: int = 1) -> tuple[bool, Any]:
    """(ok, document); a YAML error is recorded with its line in the file."""
    try:
        doc = yaml.load(source, Loader=_LineLoader)  # noqa: S506 (safe loader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark else 0
        v.error(name, line, "", f"YAML illisible : {getattr(exc, 'problem', None) or exc}")
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
    v = _Validator()
    content = Content()
    files = sorted(directory.glob("*.yml"))
    if not files:
        raise ContentInvalid([ContentError(str(directory), 0, "", "aucun fichier de contenu .yml trouvé")])
    for path in files:
        name = path.name
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            v.error(name, 0, "", "le fichier n'est pas en UTF-8")
            continue
        ok, doc = _parse_yaml(v, name, source)
        if not ok:
            continue
        if doc is None:
            continue
        if not isinstance(doc, _Map):
            v.error(name, 1, "", "le fichier doit contenir des listes nommées (sources, bodies, ...)")
            continue
        for kind, items in doc.items():
            kline = doc.key_lines.get(kind, 1)
            if kind not in SPECS:
                v.error(name, kline, kind, f"type d'entrée inconnu « {kind} » (attendu : {', '.join(SPECS)})")
                continue
            for item in v.nested(items, SPECS[kind], name, kline, kind):
                content.entries[kind].append(item)
    for path in sorted((directory / PAGES_DIR).glob("*.txt")):
        page = _load_page(v, path)
        if page is not None:
            content.entries["pages"].append(page)
    _check_ids_and_refs(v, content)
    if v.errors:
        raise ContentInvalid(v.errors)
    return content


def _load_page(v: _Validator, path: Path) -> dict[str, Any] | None:
    """A page file: its YAML header checked like any entry, its text kept as written."""
    name = f"{PAGES_DIR}/{path.name}"
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        v.error(name, 0, "", "le fichier n'est pas en UTF-8 (réimportez-le avec « python -m knowledge ingest »)")
        return None
    header, body, _ = split_front_matter(raw)
    if header is None:
        v.error(name, 1, "", "en-tête manquant : le fichier doit commencer par un bloc « --- » (source, ingested, ...)")
        return None
    ok, doc = _parse_yaml(v, name, header, first_line=2)
    if not ok:
        return None
    page = v.entry(doc, PAGE_SPEC, name, 2, "pages")
    if page is None:
        return None
    try:
        page["id"] = ident(path.stem)
    except ValueError as exc:
        v.error(name, 0, "", f"nom de fichier : {exc}")
    if not body.strip():
        v.error(name, 0, "", "la page ne contient aucun texte")
    page["text"] = body
    return page


def _check_ids_and_refs(v: _Validator, content: Content) -> None:
    seen: dict[str, tuple[str, int]] = {}

    def claim(entry_id: str, file: str, line: int, fld: str) -> None:
        if entry_id in seen:
            f0, l0 = seen[entry_id]
            v.error(file, line, fld, f"identifiant « {entry_id} » en double (déjà utilisé dans {f0}:{l0})")
        else:
            seen[entry_id] = (file, line)

    for kind, items in content.entries.items():
        for e in items:
            if "id" in e:
                claim(e["id"], e["_file"], e["_line"], f"{kind}.id")
            for sub in ("criteria", "calls"):
                for s in e.get(sub) or []:
                    if "id" in s:
                        claim(s["id"], s["_file"], s["_line"], f"{kind}.{sub}.id")
    ids = {kind: {e["id"] for e in items if "id" in e} for kind, items in content.entries.items()}
    for kind, target, file, line, fld in v.refs:
        if target not in ids.get(kind, set()):
            v.error(file, line, fld, f"référence inconnue « {target} » (aucune entrée {kind} avec cet id)")
    defaults = [e for e in content.entries["bodies"] if e.get("default")]
    if len(defaults) > 1:
        v.error(defaults[1]["_file"], defaults[1]["_line"], "bodies.default", "un seul organisme peut être « default »")
