"""The generated NLU lookups and synonyms: fresh, unambiguous, and mapping to knowledge ids."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from knowledge.__main__ import main
from knowledge.content_loader import load_content
from knowledge.nlu_export import (
    ENTITY_PRIORITY,
    GENERATED_NAME,
    collect,
    export_nlu,
    render,
    reserved_synonyms,
    variants,
    world_countries,
)
from knowledge.settings import PROJECT_ROOT, content_dir

NLU_DIR = PROJECT_ROOT / "data" / "nlu"
COMMITTED = NLU_DIR / GENERATED_NAME


@pytest.fixture(scope="module")
def content():
    return load_content(content_dir())


@pytest.fixture(scope="module")
def generated() -> dict:
    return yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))


def synonyms_of(doc: dict) -> dict[str, str]:
    """text (lowercased, as Rasa compares) -> value."""
    out: dict[str, str] = {}
    for item in doc["nlu"]:
        if "synonym" in item:
            for line in item["examples"].splitlines():
                text = line.strip().removeprefix("- ").lower()
                assert out.setdefault(text, item["synonym"]) == item["synonym"], f"{text} has two values"
    return out


def lookups_of(doc: dict) -> dict[str, list[str]]:
    return {item["lookup"]: [ln.strip().removeprefix("- ") for ln in item["examples"].splitlines() if ln.strip()]
            for item in doc["nlu"] if "lookup" in item}


def test_committed_file_is_fresh(tmp_path: Path, content) -> None:
    """Fails when the content changed without `python -m knowledge export-nlu`."""
    nlu = tmp_path / "nlu"
    shutil.copytree(NLU_DIR, nlu)
    (nlu / GENERATED_NAME).unlink()
    path, changed, _ = export_nlu(content, nlu)
    assert changed
    assert path.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8"), \
        "data/nlu/lookups_generated.yml is stale: run `python -m knowledge export-nlu`"


def test_stale_file_is_detected(tmp_path: Path, content) -> None:
    nlu = tmp_path / "nlu"
    shutil.copytree(NLU_DIR, nlu)
    stale = nlu / GENERATED_NAME
    stale.write_text(COMMITTED.read_text(encoding="utf-8").replace("      - PrECI\n", ""), encoding="utf-8")
    assert main(["export-nlu", "--check", "--out", str(stale)]) == 1
    assert main(["export-nlu", "--out", str(stale)]) == 0
    assert main(["export-nlu", "--check", "--out", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_header_says_generated(generated) -> None:
    first = COMMITTED.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# generated, do not edit")
    assert generated["version"] == "3.1"


def test_lookups_cover_the_entities_and_their_variants(generated) -> None:
    lookups = lookups_of(generated)
    assert set(lookups) == set(ENTITY_PRIORITY)
    lowered = {e: {t.lower() for t in texts} for e, texts in lookups.items()}
    assert {"préci", "preci", "programme d'éducation citoyenne", "programme d'education citoyenne"} <= lowered["programme"]
    assert {"le srei", "srei", "namur", "la province"} <= lowered["body"]
    assert {"ille-et-vilaine", "ille et vilaine"} <= lowered["body"]
    assert {"sénégal", "senegal"} <= lowered["country"]
    # A name the hand-written NLU annotates itself is left to it (see test_reserved_text_is_left_out).
    assert "kragujevac" in lowered["partner"] | set(reserved_synonyms(NLU_DIR))
    assert "coopération décentralisée" in lowered["topic"] and "cooperation decentralisee" in lowered["topic"]


def test_lookups_list_longest_names_first(generated) -> None:
    """Rasa joins a table into one alternation where the first match wins."""
    for texts in lookups_of(generated).values():
        assert [len(t) for t in texts] == sorted((len(t) for t in texts), reverse=True)


def test_synonym_values_are_knowledge_ids(generated, content) -> None:
    ids = {
        "programme": set(content.by_id("programmes")), "body": set(content.by_id("bodies")),
        "partner": set(content.by_id("partnerships")), "topic": set(content.by_id("definitions")),
        "country": {e["country"] for e in content.entries["partnerships"]} | set(world_countries()),
    }
    synonyms = synonyms_of(generated)
    lookups = {e: {t.lower() for t in texts} for e, texts in lookups_of(generated).items()}
    for text, value in synonyms.items():
        entity = next(e for e, texts in lookups.items() if text in texts)
        assert value in ids[entity], f"{text} -> {value} is not a {entity} id"
    assert synonyms["préci"] == "preci" and synonyms["le srei"] == "namur" and synonyms["la province"] == "namur"
    assert synonyms["senegal"] == "Sénégal"
    assert synonyms["loi thiolliere"] == "def-loi-thiolliere"


def test_no_text_in_two_entities_and_ambiguous_names_get_no_synonym(generated) -> None:
    lookups = lookups_of(generated)
    seen: dict[str, str] = {}
    for entity, texts in lookups.items():
        for t in texts:
            assert seen.setdefault(t.lower(), entity) == entity, f"{t} in {seen[t.lower()]} and {entity}"
    assert seen.get("madagascar", "country") == "country"  # a country before a partner's alias
    assert "kragujevac" not in synonyms_of(generated)  # two partnerships share it


def test_no_clash_with_hand_written_synonyms(generated) -> None:
    reserved = reserved_synonyms(NLU_DIR)
    assert reserved  # contact kinds at least
    for text, value in synonyms_of(generated).items():
        assert reserved.get(text, value) == value, f"{text}: {reserved[text]} by hand, {value} generated"


def test_reserved_text_is_left_out(content, tmp_path: Path) -> None:
    (tmp_path / "mine.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: ask\n    examples: |\n      - où est [Namur](contact_kind:address)\n',
        encoding="utf-8")
    export = collect(content, reserved_synonyms(tmp_path))
    assert "namur" in export.reserved and "namur" not in export.lookups["body"]
    assert "namur" not in [t for texts in export.synonyms.values() for t in texts]


def test_variants() -> None:
    assert variants("Éducation Citoyenne") == ["Éducation Citoyenne", "Education Citoyenne"]
    assert "Ille et Vilaine" in variants("Ille-et-Vilaine")
    assert "loi Thiollière" in variants("loi Thiollière (2007)")
    assert not any("(" in v for v in variants("loi Thiollière (2007)"))
    assert "le SREI" in variants("SREI") and not any(v.startswith("le ") for v in variants("Namur"))
    assert variants("l’école") == ["l'école", "l'ecole"]


def test_render_is_stable(content) -> None:
    export = collect(content, reserved_synonyms(NLU_DIR))
    assert render(export) == render(collect(content, reserved_synonyms(NLU_DIR)))


def test_countries_without_partners_are_recognised_too(generated) -> None:
    """« un partenaire au Maroc ? » must be answered « aucun », so Maroc must be a country."""
    countries = {t.lower() for t in lookups_of(generated)["country"]}
    assert {"maroc", "burkina faso", "benin", "congo", "haïti"} <= countries
    assert synonyms_of(generated)["benin"] == "Bénin"
    # Names that are also common words or first names are not countries here.
    assert not {"la réunion", "dominique", "maurice", "union européenne"} & countries
