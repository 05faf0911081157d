"""Content validation: every error names its file, line and field, and says what is wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from knowledge.content_loader import ContentError, ContentInvalid, load_content

SOURCES = """\
sources:
  - id: src-a
    title: "Page A"
    publisher: "Organisme A"
    document: "a.txt"
    published: "2020-01-02"
    period: "2020"
"""
BODIES = """\
bodies:
  - id: body-a
    name: "Organisme A"
    kind: province
    country: "Belgique"
    default: true
    summary: "Résumé."
    source: {ref: src-a}
"""
PARTNERSHIPS = """\
partnerships:
  - id: a-x
    body: body-a
    partner: "Ville X"
    country: "Pays X"
    kind: jumelage
    since_year: 1990
    summary: "Jumelage."
    source: {ref: src-a, section: "Partenaires"}
"""


def write(tmp: Path, **files: str) -> Path:
    for name, text in files.items():
        path = tmp / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp


def line_of(text: str, marker: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if marker in line)


def errors_of(directory: Path) -> list[ContentError]:
    with pytest.raises(ContentInvalid) as info:
        load_content(directory)
    return info.value.errors


def only_error(directory: Path) -> ContentError:
    errors = errors_of(directory)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def test_valid_content_loads(tmp_path: Path) -> None:
    content = load_content(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES + PARTNERSHIPS}))
    assert [e["id"] for e in content.entries["bodies"]] == ["body-a"]
    assert content.entries["partnerships"][0]["since_year"] == 1990
    assert str(content.entries["sources"][0]["published"]) == "2020-01-02"


def test_unknown_key(tmp_path: Path) -> None:
    bodies = BODIES.replace('    kind: province\n', '    kind: province\n    colour: "bleu"\n')
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": bodies}))
    assert (err.file, err.line, err.field) == ("a.yml", line_of(bodies, "colour"), "bodies[0].colour")
    assert "clé inconnue « colour »" in err.message
    assert str(err) == f"a.yml:{err.line}: champ « bodies[0].colour » : clé inconnue « colour »"


def test_bad_date(tmp_path: Path) -> None:
    sources = SOURCES.replace("2020-01-02", "2020-13-01")
    err = only_error(write(tmp_path, **{"sources.yml": sources, "a.yml": BODIES}))
    assert (err.file, err.line, err.field) == ("sources.yml", line_of(sources, "published"), "sources[0].published")
    assert "date invalide « 2020-13-01 »" in err.message and "AAAA-MM-JJ" in err.message


def test_dangling_reference(tmp_path: Path) -> None:
    partnerships = PARTNERSHIPS.replace("body: body-a", "body: body-b")
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES + partnerships}))
    assert err.file == "a.yml"
    assert err.line == line_of(BODIES + partnerships, "body: body-b")
    assert err.field == "partnerships[0].body"
    assert "référence inconnue « body-b »" in err.message


def test_dangling_source_reference(tmp_path: Path) -> None:
    bodies = BODIES.replace("{ref: src-a}", "{ref: src-z}")
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": bodies}))
    assert (err.file, err.field) == ("a.yml", "bodies[0].source.ref")
    assert err.line == line_of(bodies, "src-z") and "« src-z »" in err.message


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    other = BODIES.replace("default: true", "default: false")
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES, "b.yml": other}))
    assert (err.file, err.line, err.field) == ("b.yml", line_of(other, "id: body-a"), "bodies.id")
    assert "identifiant « body-a » en double" in err.message and "a.yml:2" in err.message


def test_bad_yaml(tmp_path: Path) -> None:
    broken = BODIES.replace('summary: "Résumé."', 'summary: "Résumé.')
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": broken}))
    assert err.file == "a.yml" and err.field == ""
    assert "YAML illisible" in err.message
    assert err.line >= line_of(broken, "summary")


@pytest.mark.parametrize(("old", "new", "field", "message"), [
    ("    kind: province\n", "    kind: province\n    aliases: \"un seul texte\"\n", "bodies[0].aliases",
     "liste de textes attendue"),
    ("default: true", "default: oui", "bodies[0].default", "true ou false attendu"),
    ("kind: province", "kind: canton", "bodies[0].kind", "valeur « canton » inconnue"),
    ("id: body-a", "id: Body_A", "bodies[0].id", "identifiant invalide"),
    ('name: "Organisme A"', "name: 12", "bodies[0].name", "texte non vide attendu"),
])
def test_wrong_types(tmp_path: Path, old: str, new: str, field: str, message: str) -> None:
    bodies = BODIES.replace(old, new)
    errors = errors_of(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": bodies}))
    err = next(e for e in errors if e.field == field)
    assert err.file == "a.yml" and message in err.message
    assert err.line == line_of(bodies, new.strip().split("\n")[-1].strip())


def test_wrong_year_type(tmp_path: Path) -> None:
    partnerships = PARTNERSHIPS.replace("since_year: 1990", 'since_year: "depuis longtemps"')
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES + partnerships}))
    assert (err.field, err.line) == ("partnerships[0].since_year", line_of(BODIES + partnerships, "since_year"))
    assert "année invalide" in err.message


def test_missing_required_field(tmp_path: Path) -> None:
    bodies = BODIES.replace('    country: "Belgique"\n', "")
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": bodies}))
    assert (err.file, err.line, err.field) == ("a.yml", 2, "bodies[0].country")
    assert "champ obligatoire manquant" in err.message


def test_unknown_entry_type(tmp_path: Path) -> None:
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES + "recettes:\n  - id: tarte\n"}))
    assert (err.file, err.field) == ("sources.yml", "recettes")
    assert err.line == line_of(SOURCES + "recettes:\n", "recettes") and "type d'entrée inconnu" in err.message


def test_every_error_is_reported_at_once(tmp_path: Path) -> None:
    bodies = BODIES.replace("kind: province", "kind: canton").replace("{ref: src-a}", "{ref: src-z}")
    errors = errors_of(write(tmp_path, **{"sources.yml": SOURCES.replace("2020-01-02", "hier"), "a.yml": bodies}))
    assert {e.field for e in errors} == {"sources[0].published", "bodies[0].kind", "bodies[0].source.ref"}


def test_file_not_in_utf8(tmp_path: Path) -> None:
    write(tmp_path, **{"sources.yml": SOURCES})
    (tmp_path / "a.yml").write_bytes(BODIES.encode("latin-1"))
    err = only_error(tmp_path)
    assert err.file == "a.yml" and "UTF-8" in err.message


def test_empty_folder(tmp_path: Path) -> None:
    err = only_error(tmp_path)
    assert "aucun fichier de contenu" in err.message


PAGE = """\
---
source: "page.txt"
ingested: "2026-11-21"
body: "body-a"
title: "Une page"
---
Titre

Un paragraphe de texte.
"""


def test_page_loads_with_its_header(tmp_path: Path) -> None:
    content = load_content(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES, "pages__une-page.txt": PAGE}))
    page = content.entries["pages"][0]
    assert (page["id"], page["source"], page["body"], str(page["ingested"])) == (
        "une-page", "page.txt", "body-a", "2026-11-21")
    assert page["text"].startswith("Titre")


def test_page_header_errors_name_the_page_line_and_field(tmp_path: Path) -> None:
    page = PAGE.replace('ingested: "2026-11-21"', 'ingested: "demain"').replace('"body-a"', '"body-z"')
    errors = errors_of(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES, "pages__une-page.txt": page}))
    by_field = {e.field: e for e in errors}
    assert by_field["pages.ingested"].file == "pages/une-page.txt"
    assert by_field["pages.ingested"].line == line_of(page, "ingested")
    assert "date invalide « demain »" in by_field["pages.ingested"].message
    assert by_field["pages.body"].line == line_of(page, "body-z")
    assert "référence inconnue « body-z »" in by_field["pages.body"].message


def test_page_without_header(tmp_path: Path) -> None:
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES, "pages__brute.txt": "Du texte.\n"}))
    assert (err.file, err.line) == ("pages/brute.txt", 1) and "en-tête manquant" in err.message


def test_page_id_must_not_clash_with_an_entry(tmp_path: Path) -> None:
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES, "pages__body-a.txt": PAGE}))
    assert err.file == "pages/body-a.txt" and "« body-a » en double" in err.message


PROGRAMMES = """\
services:
  - id: serv-a
    body: body-a
    name: "Service A"
    summary: "Fait des choses."
    source: {ref: src-a}
programmes:
  - id: prog-a
    body: body-a
    service: serv-a
    name: "Prog"
    purpose: "But."
    audience: "Écoles."
    source: {ref: src-a}
    criteria:
      - id: crit-a
        question: "Êtes-vous une école ?"
        answers:
          - {value: oui, label: "Oui", qualifies: true, why: "Parce que."}
          - value: non
            label: "Non"
            qualifies: false
            why: "Parce que non."
    calls:
      - id: call-a
        title: "Appel 2018"
        deadline: 2018-02-08
"""


def test_nested_field_error_names_the_whole_path_and_its_line(tmp_path: Path) -> None:
    programmes = PROGRAMMES.replace("qualifies: false", "qualifies: non")
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES + programmes}))
    assert (err.file, err.line) == ("a.yml", line_of(BODIES + programmes, "qualifies: non"))
    assert err.field == "programmes[0].criteria[0].answers[1].qualifies"
    assert str(err) == f"a.yml:{err.line}: champ « {err.field} » : true ou false attendu"


def test_unknown_keys_come_first_in_the_order_written(tmp_path: Path) -> None:
    bodies = BODIES.replace('    country: "Belgique"\n', '    zeta: 1\n    alpha: 2\n')
    errors = errors_of(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": bodies}))
    assert [(e.field, e.message) for e in errors] == [
        ("bodies[0].zeta", "clé inconnue « zeta »"), ("bodies[0].alpha", "clé inconnue « alpha »"),
        ("bodies[0].country", "champ obligatoire manquant")]


def test_empty_values(tmp_path: Path) -> None:
    """`key:` with nothing after it: an empty list, an accepted null, or an error, as the format says."""
    bodies = BODIES.replace("    default: true\n", "    default: true\n    aliases:\n")
    sources = SOURCES.replace('published: "2020-01-02"', "published:")
    content = load_content(write(tmp_path, **{"sources.yml": sources, "a.yml": bodies}))
    assert content.entries["bodies"][0]["aliases"] == [] and content.entries["sources"][0]["published"] is None
    programmes = PROGRAMMES.replace("deadline: 2018-02-08", "deadline: 2018-02-08\n        source:")
    errors = errors_of(write(tmp_path, **{"a.yml": BODIES.replace("default: true", "default:") + programmes}))
    assert {(e.field, e.message) for e in errors} == {
        ("bodies[0].default", "true ou false attendu"),
        ("programmes[0].calls[0].source", "une entrée (clé: valeur) est attendue")}


def test_too_few_answers(tmp_path: Path) -> None:
    programmes = PROGRAMMES.replace('          - {value: oui, label: "Oui", qualifies: true, why: "Parce que."}\n', "")
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES + programmes}))
    assert (err.field, err.message) == ("programmes[0].criteria[0].answers", "au moins 2 éléments attendus")
    assert err.line == line_of(BODIES + programmes, "answers:")


def test_an_entry_must_be_a_mapping(tmp_path: Path) -> None:
    facts = 'facts:\n  - "un fait sans clés"\n'
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES + facts}))
    assert (err.field, err.line) == ("facts[0]", line_of(BODIES + facts, "facts:"))
    assert err.message == "une entrée (clé: valeur) est attendue"


def test_dangling_reference_in_a_nested_entry(tmp_path: Path) -> None:
    programmes = PROGRAMMES.replace("deadline: 2018-02-08", "deadline: 2018-02-08\n        source: {ref: src-z}")
    err = only_error(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES + programmes}))
    assert (err.field, err.line) == ("programmes[0].calls[0].source.ref", line_of(BODIES + programmes, "src-z"))
    assert err.message == "référence inconnue « src-z » (aucune entrée sources avec cet id)"


def test_entries_are_the_fields_written_with_their_place(tmp_path: Path) -> None:
    content = load_content(write(tmp_path, **{"sources.yml": SOURCES, "a.yml": BODIES + PROGRAMMES}))
    [programme] = content.entries["programmes"]
    assert "acronym" not in programme and "aliases" not in programme  # optional fields left out stay out
    assert (programme["_file"], programme["_line"]) == ("a.yml", line_of(BODIES + PROGRAMMES, "id: prog-a"))
    source_line = programme["_line"] + 6  # `source: {ref: src-a}` of the programme
    assert programme["source"] == {"_file": "a.yml", "_line": source_line, "ref": "src-a"}
    [call] = programme["calls"]
    assert call["deadline"] == dt.date(2018, 2, 8) and "source" not in call
    assert [a["value"] for a in programme["criteria"][0]["answers"]] == ["oui", "non"]
