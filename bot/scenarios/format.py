"""Scripted conversations: the YAML format, its validation and the check of one reply.

The format is shared by the project's evaluation (tests/conversations/) and by the
scenarios staff write themselves (knowledge/scenarios/, whose README describes it in French).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Extra, ValidationError, validator

ROOT = Path(__file__).resolve().parents[2]
DECLINE_MARKERS_FILE = ROOT / "knowledge" / "scenarios" / "decline_markers.yml"
SOURCE_MARKER = "Source :"

class ScenarioError(ValueError):
    """A scenario file that cannot be played, with the place of the mistake."""


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(_text(v) for v in value):
        raise ValueError("une liste de textes non vides est attendue")
    return tuple(value)


def _text(v: Any) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _rule(*fields: str, ok: Callable[[Any], Any], message: str, always: bool = False) -> Any:
    """A check of the value as written (null included): `ok`, or the error says `message`."""
    def check(v: Any) -> Any:
        if not ok(v):
            raise ValueError(message)
        return v

    return validator(*fields, pre=True, always=always, allow_reuse=True)(check)


class _Model(BaseModel):
    class Config:
        extra = Extra.forbid
        frozen = True

    @classmethod
    def validate(cls, value: Any) -> _Model:
        if not isinstance(value, dict):  # pydantic would also read a list of pairs as a mapping
            raise ValueError("un dictionnaire est attendu")
        return super().validate({str(k): v for k, v in value.items()})

    @classmethod
    def permitted(cls) -> str:
        return str(sorted(cls.__fields__))


class Expect(_Model):
    """What one reply must (or must not) say. Text checks ignore case and accents."""

    intent: str | None = None  # the intent understood (Rasa must run with --enable-api)
    starts_with: str | None = None
    contains: tuple[str, ...] = ()  # every text is in the reply
    any_of: tuple[str, ...] = ()  # at least one is
    not_contains: tuple[str, ...] = ()  # none is
    source: bool | None = None  # the reply cites its source (« Source : »), or does not
    declined: bool | None = None  # the reply is an honest decline (decline_markers.yml)

    _intent = _rule("intent", ok=lambda v: v is None or isinstance(v, str), message="un nom d'intention est attendu")
    _starts_with = _rule("starts_with", ok=lambda v: v is None or _text(v),
                         message="un texte est attendu (ex. « Oui », « Non »)")
    _texts = validator("contains", "any_of", "not_contains", pre=True, allow_reuse=True)(_strings)
    _bools = _rule("source", "declined", ok=lambda v: v is None or isinstance(v, bool), message="true ou false attendu")


class _Turn(_Model):
    user: str  # the message sent
    expect: Expect | None = None

    @classmethod
    def validate(cls, value: Any) -> _Model:
        if not isinstance(value, dict) or not _text(value.get("user")):
            raise ValueError("« user » (le message envoyé) manquant")
        return super().validate(value)

    @classmethod
    def permitted(cls) -> str:
        return ", ".join(cls.__fields__)


class _Conversation(_Model):
    name: str  # unique across files
    category: str = "general"  # in_scope | out_of_scope | multi_turn | eligibility | chitchat | ...
    today: str | None = None  # the date the server must simulate
    turns: list[_Turn] = []
    description: Any = None
    # doc, qtype and facts label a conversation for the evaluation's tables (per source
    # document, per question type, facts reached); they change nothing in how it is played.
    doc: str | None = None
    qtype: str | None = None
    facts: tuple[str, ...] = ()

    _category = _rule("category", ok=_text, message="un texte est attendu")
    _turns = _rule("turns", ok=lambda v: isinstance(v, list) and v, always=True,
                   message="une liste de tours non vide est attendue")
    _labels = _rule("doc", "qtype", ok=lambda v: v is None or isinstance(v, (str, int)), message="un texte est attendu")
    _facts = validator("facts", pre=True, allow_reuse=True)(lambda v: _strings(v or None))

    @validator("today", pre=True)
    def _today(cls, v: Any) -> str | None:
        if isinstance(v, dt.date):  # YAML reads an unquoted 2018-01-29 as a date
            v = v.isoformat()
        if v is None:
            return None
        try:
            dt.date.fromisoformat(str(v))
        except ValueError:
            raise ValueError(f"date AAAA-MM-JJ attendue, pas « {v} »") from None
        return str(v)


@dataclass(frozen=True)
class Turn:
    user: str
    expect: Expect


@dataclass(frozen=True)
class Scenario:
    name: str
    category: str
    turns: tuple[Turn, ...]
    file: str
    today: str | None = None
    doc: str | None = None
    qtype: str | None = None
    facts: tuple[str, ...] = ()


@dataclass
class TurnResult:
    """The outcome of one turn: the reply and every failed check (empty when it passed)."""

    user: str
    reply: str
    failures: list[str] = field(default_factory=list)
    intent: str | None = None
    buttons: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


# A space, dot, slash or dash between two digits: « 081 776 770 » and « 081/77.67.70 » are one number.
_DIGIT_SEPARATOR = re.compile(r"(?<=\d)[\s./-](?=\d)")
_HOUR_SPACE = re.compile(r"(\d)\s+h\b")
_HOUR_MINUTES = re.compile(r"(\d)h\s+(\d{2})\b")


def fold(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe and of space, digits joined: how checks compare text."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'").replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip().casefold()
    text = _HOUR_MINUTES.sub(r"\1h\2", _HOUR_SPACE.sub(r"\1h", text))  # « 9 h 30 » and « 9h30 » are one hour
    return _DIGIT_SEPARATOR.sub("", text)


def load_decline_markers(path: Path = DECLINE_MARKERS_FILE) -> tuple[str, ...]:
    """The phrases that count as an honest decline (`declined: true`)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    markers = data.get("markers") if isinstance(data, dict) else None
    if not markers or not all(isinstance(m, str) and m.strip() for m in markers):
        raise ScenarioError(f"{path}: une liste « markers » de phrases non vides est attendue")
    return tuple(markers)


def _scenario(raw: Any, file: str, index: int) -> Scenario:
    where = f"{file} : conversation n° {index + 1}"
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where} : un dictionnaire est attendu")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ScenarioError(f"{where} : « name » manquant")
    try:
        c = _Conversation.validate(raw)
    except ValidationError as exc:
        raise ScenarioError(_first_mistake(exc.errors(), f"{file} : conversation « {name} »")) from None
    return Scenario(name=c.name, category=c.category, turns=tuple(Turn(t.user, t.expect or Expect()) for t in c.turns),
                    file=file, today=c.today, doc=c.doc, qtype=c.qtype, facts=c.facts)


def _first_mistake(errors: list[dict[str, Any]], where: str) -> str:
    """The mistake a reader meets first: at each level unknown keys, then the fields in order."""
    depth, model = 0, _Conversation
    while True:
        unknown = [e["loc"][-1] for e in errors if len(e["loc"]) == depth + 1 and e["type"] == "value_error.extra"]
        if unknown:
            return f"{where} : clé(s) inconnue(s) {sorted(unknown)} (permises : {model.permitted()})"
        loc = errors[0]["loc"]
        if isinstance(loc[depth], int):  # only turns are a list of mappings
            where += f", tour {loc[depth] + 1}"
        else:
            where += "" if loc[depth] == "turns" and len(loc) > depth + 1 else f".{loc[depth]}"
            model = model.__fields__[loc[depth]].type_
        if len(loc) == depth + 1:
            return f"{where} : {errors[0]['msg']}"
        errors = [e for e in errors if e["loc"][depth] == loc[depth]]
        depth += 1


def load_file(path: Path) -> list[Scenario]:
    """The conversations of one YAML file (a list, or a mapping with a `conversations` list)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{path} : YAML invalide ({exc})") from None
    if isinstance(data, dict):
        data = data.get("conversations")
    if not isinstance(data, list):
        raise ScenarioError(f"{path} : une liste de conversations est attendue")
    return [_scenario(raw, str(path), i) for i, raw in enumerate(data)]


def load_paths(paths: list[str | Path]) -> list[Scenario]:
    """Conversations of files and folders (every *.yml in a folder), names unique overall."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(p.glob("*.yml")) + sorted(p.glob("*.yaml"))
        elif p.exists():
            files.append(p)
        else:
            raise ScenarioError(f"{p} : fichier ou dossier introuvable")
    scenarios = [s for f in files for s in load_file(f)]
    seen: dict[str, str] = {}
    for s in scenarios:
        if s.name in seen:
            raise ScenarioError(f"{s.file} : le nom « {s.name} » est déjà utilisé dans {seen[s.name]}")
        seen[s.name] = s.file
    return scenarios


def check_reply(expect: Expect, reply: str, markers: tuple[str, ...], intent: str | None = None) -> list[str]:
    """French descriptions of every expectation the reply misses (empty list: it passed)."""
    text = fold(reply)
    failures = [f"devrait contenir « {c} »" for c in expect.contains if fold(c) not in text]
    if expect.any_of and not any(fold(c) in text for c in expect.any_of):
        failures.append("devrait contenir l'un de : " + ", ".join(f"« {c} »" for c in expect.any_of))
    failures += [f"ne devrait pas contenir « {c} »" for c in expect.not_contains if fold(c) in text]
    if expect.starts_with and not text.startswith(fold(expect.starts_with)):
        failures.append(f"devrait commencer par « {expect.starts_with} »")
    has_source = fold(SOURCE_MARKER) in text
    if expect.source is True and not has_source:
        failures.append(f"devrait citer sa source (« {SOURCE_MARKER} »)")
    if expect.source is False and has_source:
        failures.append(f"ne devrait pas citer de source (« {SOURCE_MARKER} »)")
    declined = any(fold(m) in text for m in markers)
    if expect.declined is True and not declined:
        failures.append("devrait décliner honnêtement (aucune formule de refus trouvée)")
    if expect.declined is False and declined:
        failures.append("ne devrait pas décliner")
    if expect.intent and intent != expect.intent:
        failures.append(f"intention attendue « {expect.intent} », obtenue « {intent} »")
    return failures
