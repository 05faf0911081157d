"""Generates the NLU lookup tables and synonyms of the entities from the knowledge base's names.

`python -m knowledge export-nlu` writes `data/nlu/lookups_generated.yml` (Rasa 3.1 format):
for each entity (programme, body, partner, country, topic) a lookup table of every name and
variant (accents removed, hyphens as spaces, parentheses dropped), and synonyms mapping each
variant to the knowledge base id the actions expect (`preci`, `namur`, `namur-louga`,
`def-jumelage`; for countries the country's name).

Rasa maps synonyms by text alone, whatever the entity, and refuses nothing but silently
overwrites a text mapped twice; so every text gets at most one value:
- a text that is also another entity type's name goes to the first type in ENTITY_PRIORITY
  ("Madagascar" is a country before it is a partner's alias);
- a text naming several entities of one type (two partnerships with "Kragujevac") stays in
  the lookup table but gets no synonym: the actions resolve it against the knowledge base,
  which knows every candidate;
- a text that the hand-written NLU files already map to a value (contact kinds: "numéro"
  -> phone) is left out entirely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.content_loader import Content
from knowledge.geography import continent_names
from knowledge.passages import iter_aliases
from knowledge.textnorm import unaccent

GENERATED_NAME = "lookups_generated.yml"
# The NLU entities, named like the knowledge base's alias types, in order of precedence.
ENTITY_PRIORITY = ["programme", "body", "topic", "country", "partner"]
HEADER = """\
# generated, do not edit: `python -m knowledge export-nlu` writes this file from the knowledge
# base's names (knowledge/content/*.yml); `make train` regenerates it when the content changes.
# Lookup tables feed RegexFeaturizer and RegexEntityExtractor; synonyms turn every variant
# into the id the actions expect. Ambiguous names: see knowledge/nlu_export.py.
"""
# CLDR codes that are not countries (EU, UN, test regions...) or whose French name is also a
# common word or first name (La Réunion, Dominique, Maurice, Grenade, Jersey, Saint-Martin).
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AC", "CP", "DG", "EA", "IC", "TA", "UM", "HM", "BV",
                  "TF", "IO", "SJ", "GS", "RE", "DM", "MU", "GD", "JE", "MF", "SX"}
# Usual names CLDR writes otherwise (« Congo-Kinshasa », « Myanmar (Birmanie) », « Viêt Nam »).
_COUNTRY_EXTRA = ("Congo", "République démocratique du Congo", "RDC", "Vietnam", "Birmanie", "Angleterre",
                  "Écosse", "Pays de Galles", "Hong Kong")
_PARENS_RE = re.compile(r"\s*\([^)]*\)")
_ACRONYM_RE = re.compile(r"(?=(?:\w*[A-Z]){2})[A-Za-z]{2,8}")  # SREI, PrECI, PST
_ANNOTATION_RE = re.compile(r"\[([^\]]+)\]\((\w+):([^)]+)\)")
_ANNOTATION_JSON_RE = re.compile(r'\[([^\]]+)\]\{[^}]*"value"\s*:\s*"([^"]+)"[^}]*\}')


def _key(text: str) -> str:
    """How Rasa compares synonym texts: lowercased (and we unify apostrophes)."""
    return text.replace("’", "'").lower()


def variants(name: str) -> list[str]:
    """The ways people write a name: as written, without accents, with spaces for hyphens,
    without a parenthesised part (« loi Thiollière (2007) » -> « loi Thiollière »), and
    an acronym with its article (« le SREI »)."""
    base = [name.replace("’", "'").strip()]
    stripped = _PARENS_RE.sub("", base[0]).strip()
    if stripped and stripped != base[0]:
        base.append(stripped)
    if _ACRONYM_RE.fullmatch(base[0]):
        base.append(f"le {base[0]}")
    out: list[str] = []
    for b in base:
        for v in (b, unaccent(b), b.replace("-", " "), unaccent(b).replace("-", " ")):
            v = re.sub(r"\s+", " ", v).strip(" .,;:")
            if v and "(" not in v and ")" not in v and "[" not in v and _key(v) not in {_key(o) for o in out}:
                out.append(v)
    return out


def reserved_synonyms(nlu_dir: Path, exclude: str = GENERATED_NAME) -> dict[str, str]:
    """Texts the hand-written NLU files already map to a value (synonyms and annotations)."""
    reserved: dict[str, str] = {}
    for path in sorted(nlu_dir.glob("*.yml")):
        if path.name == exclude:
            continue
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in doc.get("nlu") or []:
            if not isinstance(item, dict):
                continue
            examples = str(item.get("examples") or "")
            if "synonym" in item:
                for line in examples.splitlines():
                    text = line.strip().removeprefix("- ").strip()
                    if text:
                        reserved[_key(text)] = str(item["synonym"])
            for text, _entity, value in _ANNOTATION_RE.findall(examples):
                reserved[_key(text)] = value
            for text, value in _ANNOTATION_JSON_RE.findall(examples):
                reserved[_key(text)] = value
    return reserved


@dataclass
class Export:
    """What goes into the generated file, and what was left out and why."""

    lookups: dict[str, list[str]] = field(default_factory=dict)  # entity -> texts
    synonyms: dict[str, list[str]] = field(default_factory=dict)  # value -> texts
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # text -> ids sharing it
    reserved: list[str] = field(default_factory=list)  # texts left to the hand-written NLU


def world_countries() -> list[str]:
    """French names of the world's countries (CLDR, through Babel), for questions about the others.

    « A-t-elle un partenaire au Maroc ? » must be recognised as a country to be answered
    « aucun » rather than with the whole list. Left out: groupings and territories that are
    not countries, and names that are also common French words or first names.
    """
    from babel import Locale  # noqa: PLC0415 (only the export needs it)

    # Continents too (« et en Asie ? »): tagged as a country, the actions filter by continent.
    return sorted({name for code, name in Locale("fr").territories.items()
                   if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES}
                  | set(_COUNTRY_EXTRA) | set(continent_names()) | {"Amérique"})


def collect(content: Content, reserved: dict[str, str]) -> Export:
    """Decide, for every variant of every name, its entity and its synonym value."""
    owners: dict[str, dict[str, set[str]]] = {}  # key -> entity -> ids
    surface: dict[str, str] = {}  # key -> first way of writing it
    for entity, entity_id, name in iter_aliases(content):
        if entity not in ENTITY_PRIORITY:
            continue
        for v in variants(name):
            surface.setdefault(_key(v), v)
            owners.setdefault(_key(v), {}).setdefault(entity, set()).add(entity_id)
    for country in world_countries():  # after the base's names, which win
        for v in variants(country):
            if _key(v) not in owners:
                surface[_key(v)] = v
                owners[_key(v)] = {"country": {country}}
    values = {_key(i) for ents in owners.values() for ids in ents.values() for i in ids}
    out = Export(lookups={e: [] for e in ENTITY_PRIORITY})
    for key in sorted(owners):
        text = surface[key]
        entity = next(e for e in ENTITY_PRIORITY if e in owners[key])
        ids = sorted(owners[key][entity])
        if key in reserved and (len(ids) > 1 or reserved[key] != ids[0]):
            out.reserved.append(text)
            continue
        out.lookups[entity].append(text)
        if len(ids) > 1:
            out.ambiguous[text] = ids
        elif key != _key(ids[0]) and not (key in values and key not in {_key(i) for i in ids}):
            out.synonyms.setdefault(ids[0], []).append(text)
    return out


def render(export: Export) -> str:
    """The YAML text of the generated file (stable order, so regenerating changes nothing)."""
    lines = [HEADER.rstrip("\n"), 'version: "3.1"', "nlu:"]
    for entity in ENTITY_PRIORITY:
        texts = sorted(export.lookups.get(entity, []), key=lambda t: (-len(t), _key(t)))
        if not texts:
            continue
        # Longest first: Rasa joins them into one alternation, where the first match wins.
        lines += [f"  - lookup: {entity}", "    examples: |"] + [f"      - {t}" for t in texts]
    for value in sorted(export.synonyms):
        lines += [f"  - synonym: {_yaml_plain(value)}", "    examples: |"]
        lines += [f"      - {t}" for t in sorted(export.synonyms[value], key=_key)]
    return "\n".join(lines) + "\n"


def _yaml_plain(value: str) -> str:
    return value if re.fullmatch(r"[\w][\w .'-]*", value) and not value[0].isdigit() else f'"{value}"'


def export_nlu(content: Content, nlu_dir: Path, target: Path | None = None) -> tuple[Path, bool, Export]:
    """Write the generated NLU file if its text changed.

    Args:
        content: validated knowledge content.
        nlu_dir: folder of the NLU files (the hand-written ones are read for clashes).
        target: file to write; `nlu_dir / GENERATED_NAME` by default.

    Returns:
        (path written, whether it changed, what was exported).
    """
    target = target or nlu_dir / GENERATED_NAME
    export = collect(content, reserved_synonyms(nlu_dir, exclude=target.name))
    text = render(export)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return target, False, export
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target, True, export


def is_current(content: Content, target: Path) -> bool:
    """Whether `target` already holds what the content generates: if not, the model needs a retrain."""
    expected = render(collect(content, reserved_synonyms(target.parent, exclude=target.name)))
    return target.exists() and target.read_text(encoding="utf-8") == expected
