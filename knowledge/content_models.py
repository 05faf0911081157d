"""The content format (FORMAT.md) as pydantic models: one model per kind of entry.

A field's type says what it accepts; each type's check raises the French message staff
read. `= None` or `= []` marks an optional field; `… | None` a field that may be `null`.
The loader (content_loader.py) places every error at its file, line and field.
"""

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, get_args

from pydantic import BaseModel, Extra, Field, StrictBool, conlist, validator
from pydantic.fields import SHAPE_LIST

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ENTRY_EXPECTED = "une entrée (clé: valeur) est attendue"


def field_type(check: Callable[[Any], Any]) -> Any:
    """A field type that runs `check` alone: its ValueError is the message, its result the value."""
    return type(check.__name__, (), {"__doc__": check.__doc__, "check": staticmethod(check),
                                     "__get_validators__": classmethod(lambda cls: iter([check]))})


@field_type
def Text(v: Any) -> str:
    """Non-empty text, surrounding spaces dropped."""
    if not isinstance(v, str) or not v.strip():
        raise ValueError("texte non vide attendu")
    return v.strip()


@field_type
def TextList(v: Any) -> list[str]:
    """A list of non-empty texts; left empty (`null`), no text."""
    if v is None:
        return []
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise ValueError("liste de textes attendue")
    return [x.strip() for x in v]


@field_type
def Id(v: Any) -> str:
    """Lower-case letters, digits and dashes."""
    if not isinstance(v, str) or not ID_RE.match(v):
        raise ValueError(f"identifiant invalide « {v} » (minuscules, chiffres, tirets)")
    return v


@field_type
def Date(v: Any) -> dt.date:
    """AAAA-MM-JJ (the loader keeps YAML dates as written, so they are checked here)."""
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        raise ValueError(f"date invalide « {v} » (format attendu AAAA-MM-JJ)") from None


@field_type
def Year(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not 1800 <= v <= 2200:
        raise ValueError(f"année invalide « {v} »")
    return v


def one_of(*choices: str) -> Any:
    """One of `choices`, written exactly so."""
    def check(v: Any) -> str:
        if v not in choices:
            raise ValueError(f"valeur « {v} » inconnue (attendu : {', '.join(choices)})")
        return v

    return field_type(check)


def ref(kind: str) -> Any:
    """An `Id` that must name an entry of `kind`: checked once every file is read."""
    return Field(..., ref=kind)


class Model(BaseModel):
    class Config:
        extra = Extra.forbid  # a misspelt key is an error, not a silently missing field

    @classmethod
    def validate(cls, value: Any) -> "Model":
        if not isinstance(value, dict):  # pydantic would also read a list of pairs as an entry
            raise ValueError(ENTRY_EXPECTED)
        return super().validate({str(k): v for k, v in value.items()})

    @validator("*", pre=True)
    def _null(cls, v: Any, values: dict, config: Any, field: Any) -> Any:
        # YAML reads `key:` with nothing after it as null. Unless the type says `| None`, null
        # is an empty list or a value like any other, for the field's own check to refuse.
        if v is None and type(None) not in get_args(field.annotation):
            if field.shape == SHAPE_LIST:
                return []
            for check in field.validators:
                v = check(cls, v, values, field, config)
        return v


class SourceRef(Model):
    ref: Id = ref("sources")
    section: Text | None = None  # title of the section of the document


class Source(Model):
    id: Id
    title: Text  # readable name of the page
    publisher: Text
    document: Text  # original file in shared/seeds/
    published: Date | None = ...  # null: the page is not dated
    period: Text  # when the information dates from, e.g. "2017-2018"
    url: Text | None = None


class Entry(Model):
    id: Id  # unique across all the content; each kind ends with its `source`


class Body(Entry):
    name: Text
    kind: one_of("province", "departement", "region", "ville")
    country: Text
    default: StrictBool = False  # true for the Province de Namur only
    aliases: TextList = []
    summary: Text
    source: SourceRef


class Service(Entry):
    body: Id = ref("bodies")
    name: Text
    acronym: Text | None = None
    aliases: TextList = []
    summary: Text
    missions: TextList = []
    source: SourceRef


class Contact(Entry):
    service: Id = ref("services")
    kind: one_of("address", "phone", "email", "head", "hours", "website")
    value: Text  # as displayed
    source: SourceRef


class Answer(Model):
    value: Id
    label: Text
    synonyms: TextList = []
    qualifies: StrictBool
    why: Text


class Criterion(Model):
    id: Id
    question: Text
    answers: conlist(Answer, min_items=2)  # type: ignore[valid-type]


class Call(Model):
    id: Id
    title: Text
    opens: Date | None = None
    deadline: Date
    source: SourceRef = None  # the programme's source when absent


class Programme(Entry):
    body: Id = ref("bodies")
    service: Id = ref("services")
    name: Text
    acronym: Text | None = None
    aliases: TextList = []
    purpose: Text
    audience: Text
    audience_terms: TextList = []  # words naming the audience, for follow-up questions
    how_to_apply: Text | None = None  # null: the documents do not say
    criteria: list[Criterion] = []
    calls: list[Call] = []
    source: SourceRef


class Partnership(Entry):
    body: Id = ref("bodies")
    partner: Text
    partner_aliases: TextList = []
    country: Text
    kind: one_of("jumelage", "cooperation-decentralisee", "accord-amitie", "accord-cooperation")
    since: Text | None = None  # as the document says it
    since_year: Year | None = None
    fields: TextList = []
    summary: Text
    source: SourceRef


class Definition(Entry):
    term: Text
    category: one_of("notion", "loi")
    aliases: TextList = []
    text: Text
    source: SourceRef


class Fact(Entry):
    body: Id = ref("bodies")
    topic: Id  # short keyword: strategie, priorites, pst, reseaux, labels...
    title: Text
    text: Text
    keywords: TextList = []
    source: SourceRef


class ContentFile(Model):
    """A `knowledge/content/*.yml` file: named lists of entries (this order is the order of `Content`)."""

    bodies: list[Body] = []
    services: list[Service] = []
    contacts: list[Contact] = []
    programmes: list[Programme] = []
    partnerships: list[Partnership] = []
    definitions: list[Definition] = []
    facts: list[Fact] = []
    sources: list[Source] = []


class Page(Model):
    """The header of a page added by `python -m knowledge ingest` (its id is the file name)."""

    source: Text  # the imported file
    ingested: Date
    body: Id = ref("bodies")
    title: Text
    published: Date | None = None
    period: Text | None = None
