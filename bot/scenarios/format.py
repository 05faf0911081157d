"""Scripted conversations: the YAML format, its validation and the check of one reply.

The format is shared by the project's evaluation (tests/conversations/) and by the
scenarios staff write themselves (knowledge/scenarios/, whose README describes it in French).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
DECLINE_MARKERS_FILE = ROOT / "knowledge" / "scenarios" / "decline_markers.yml"
SOURCE_MARKER = "Source :"

_EXPECT_KEYS = {"contains", "any_of", "not_contains", "starts_with", "source", "intent", "declined"}
_TURN_KEYS = {"user", "expect"}
# doc, qtype and facts label a conversation for the evaluation's tables (per source
# document, per question type, facts reached); they change nothing in how it is played.
_CONVERSATION_KEYS = {"name", "category", "today", "turns", "description", "doc", "qtype", "facts"}


class ScenarioError(ValueError):
    """A scenario file that cannot be played, with the place of the mistake."""


@dataclass(frozen=True)
class Expect:
    """What one reply must (or must not) say. Text checks ignore case and accents."""

    contains: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    not_contains: tuple[str, ...] = ()
    starts_with: str | None = None
    source: bool | None = None
    intent: str | None = None
    declined: bool | None = None


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


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ScenarioError(f"{where} : une liste de textes non vides est attendue")
    return tuple(value)


def _optional_bool(value: Any, where: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise ScenarioError(f"{where} : true ou false attendu")
    return value


def _expect(raw: Any, where: str) -> Expect:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where} : un dictionnaire est attendu")
    unknown = set(raw) - _EXPECT_KEYS
    if unknown:
        raise ScenarioError(f"{where} : clé(s) inconnue(s) {sorted(unknown)} (permises : {sorted(_EXPECT_KEYS)})")
    intent = raw.get("intent")
    if intent is not None and not isinstance(intent, str):
        raise ScenarioError(f"{where}.intent : un nom d'intention est attendu")
    starts_with = raw.get("starts_with")
    if starts_with is not None and (not isinstance(starts_with, str) or not starts_with.strip()):
        raise ScenarioError(f"{where}.starts_with : un texte est attendu (ex. « Oui », « Non »)")
    return Expect(contains=_strings(raw.get("contains"), f"{where}.contains"),
                  any_of=_strings(raw.get("any_of"), f"{where}.any_of"),
                  not_contains=_strings(raw.get("not_contains"), f"{where}.not_contains"),
                  starts_with=starts_with,
                  source=_optional_bool(raw.get("source"), f"{where}.source"),
                  intent=intent,
                  declined=_optional_bool(raw.get("declined"), f"{where}.declined"))


def _scenario(raw: Any, file: str, index: int) -> Scenario:
    where = f"{file} : conversation n° {index + 1}"
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where} : un dictionnaire est attendu")
    name = raw.get("name")
    if isinstance(name, str) and name.strip():
        where = f"{file} : conversation « {name} »"
    else:
        raise ScenarioError(f"{where} : « name » manquant")
    unknown = set(raw) - _CONVERSATION_KEYS
    if unknown:
        raise ScenarioError(f"{where} : clé(s) inconnue(s) {sorted(unknown)} (permises : {sorted(_CONVERSATION_KEYS)})")
    category = raw.get("category", "general")
    if not isinstance(category, str) or not category.strip():
        raise ScenarioError(f"{where}.category : un texte est attendu")
    today = raw.get("today")
    if isinstance(today, dt.date):  # YAML reads an unquoted 2018-01-29 as a date
        today = today.isoformat()
    if today is not None:
        try:
            dt.date.fromisoformat(str(today))
        except ValueError:
            raise ScenarioError(f"{where}.today : date AAAA-MM-JJ attendue, pas « {today} »") from None
    turns_raw = raw.get("turns")
    if not isinstance(turns_raw, list) or not turns_raw:
        raise ScenarioError(f"{where}.turns : une liste de tours non vide est attendue")
    turns = []
    for i, t in enumerate(turns_raw):
        twhere = f"{where}, tour {i + 1}"
        if not isinstance(t, dict) or not isinstance(t.get("user"), str) or not t["user"].strip():
            raise ScenarioError(f"{twhere} : « user » (le message envoyé) manquant")
        unknown = set(t) - _TURN_KEYS
        if unknown:
            raise ScenarioError(f"{twhere} : clé(s) inconnue(s) {sorted(unknown)} (permises : user, expect)")
        turns.append(Turn(t["user"], _expect(t.get("expect"), f"{twhere}.expect")))
    labels = {}
    for key in ("doc", "qtype"):
        value = raw.get(key)
        if value is not None and not isinstance(value, (str, int)):
            raise ScenarioError(f"{where}.{key} : un texte est attendu")
        labels[key] = str(value) if value is not None else None
    facts = _strings(raw.get("facts") or None, f"{where}.facts")
    return Scenario(name=name, category=category, turns=tuple(turns), file=file,
                    today=str(today) if today is not None else None, facts=facts, **labels)


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
