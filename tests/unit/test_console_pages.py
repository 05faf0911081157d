"""The console's pages' logic that needs no server: saving content only when valid, knowing
when a retrain is needed, saving scenarios, the check report, the training job, and refusing
requests from other sites."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.console.check import report_data
from bot.console.content import content_files, retrain_needed, validate_with, write_atomically
from bot.console.requests import foreign_origin
from bot.console.scenario_save import save_scenario, slug, suggested_facts
from bot.console.training import TrainingJob
from bot.console.try_turn import answer_pieces
from bot.scenarios.format import Scenario, TurnResult, load_file
from bot.scenarios.play import Report, ScenarioResult
from knowledge.content_loader import load_content
from knowledge.nlu_export import export_nlu
from knowledge.provenance import where_said
from knowledge.settings import content_dir
from tests.support.facts import PHONE


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    return copy


def test_a_valid_edit_has_no_error_and_a_bad_one_names_file_line_and_field(content: Path) -> None:
    text = (content / "namur.yml").read_text(encoding="utf-8")
    assert validate_with(content, "namur.yml", text) == []
    errors = validate_with(content, "namur.yml", text.replace(f'value: "{PHONE}"', "value:"))
    assert [(e["fichier"], e["champ"]) for e in errors] == [("namur.yml", "contacts[1].value")]
    assert errors[0]["ligne"] == text.splitlines().index(f'    value: "{PHONE}"') + 1
    assert (content / "namur.yml").read_text(encoding="utf-8") == text  # checked on a copy: nothing written


def test_a_reference_broken_in_another_file_is_caught(content: Path) -> None:
    text = (content / "sources.yml").read_text(encoding="utf-8")
    errors = validate_with(content, "sources.yml", text.replace("id: src-namur-srei", "id: src-renamed"))
    assert errors and all(e["fichier"] != "sources.yml" or e["ligne"] > 0 for e in errors)
    assert any("src-namur-srei" in e["message"] for e in errors)


def test_files_listed_are_the_yaml_files_and_the_pages(content: Path) -> None:
    (content / "pages").mkdir(exist_ok=True)
    (content / "pages" / "fete.txt").write_text("x", encoding="utf-8")
    names = content_files(content)
    assert "namur.yml" in names and "pages/fete.txt" in names and "FORMAT.md" not in names


def test_write_atomically_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "a.yml"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and [p.name for p in tmp_path.iterdir()] == ["a.yml"]


def test_a_new_entity_name_needs_a_retrain(content: Path, tmp_path: Path) -> None:
    nlu = tmp_path / "nlu"
    nlu.mkdir()
    target = nlu / "lookups_generated.yml"
    export_nlu(load_content(content), nlu, target)
    assert not retrain_needed(content, target)
    namur = content / "namur.yml"
    namur.write_text(namur.read_text(encoding="utf-8").replace('      - "pouvoir provincial"\n',
                     '      - "pouvoir provincial"\n      - "Namurois du Condroz"\n', 1), encoding="utf-8")
    assert retrain_needed(content, target)


def test_suggested_facts_are_figures_first_then_names() -> None:
    assert suggested_facts(f"Téléphone : {PHONE}\nSource : Province de Namur, 2018") == [PHONE]
    assert suggested_facts("La date limite est le 8 février 2018.") == ["8 février 2018"]
    assert suggested_facts("Le partenaire est jumelé avec Louga au Sénégal.") == ["Louga", "Sénégal"]


def test_the_pieces_of_an_answer_are_traced_to_the_content_lines_that_hold_them(content: Path) -> None:
    pieces = answer_pieces([f"Le SREI de la Province de Namur :\nTéléphone : {PHONE}\nSource : x"])
    assert pieces == [PHONE]  # a line that only introduces a list is not traced
    places = where_said(pieces, content)[PHONE]
    line = (content / "namur.yml").read_text(encoding="utf-8").splitlines().index(f'    value: "{PHONE}"') + 1
    assert places[0] == f"namur.yml:{line}"
    assert where_said(["un texte qui n'est écrit nulle part"], content) == {}


def test_a_saved_scenario_reads_back_and_never_overwrites_another(tmp_path: Path) -> None:
    turns = [{"question": "le numéro ?", "faits": [PHONE], "source": True},
             {"question": "merci", "faits": [], "source": False}]
    first = save_scenario(tmp_path, "Téléphone corrigé !", turns)
    second = save_scenario(tmp_path, "Téléphone corrigé !", turns)
    assert isinstance(first, Path) and isinstance(second, Path)
    assert (first.name, second.name) == ("telephone-corrige.yml", "telephone-corrige-2.yml")
    scenario = load_file(first)[0]
    assert scenario.turns[0].expect.contains == (PHONE,) and scenario.turns[0].expect.source is True
    assert scenario.turns[1].expect.contains == ()
    assert slug("Numéro corrigé !") == "numero-corrige"


@pytest.mark.parametrize("title, turns, error", [
    ("", [{"question": "q", "faits": []}], "nom"),
    ("x", [], "1 à"),
    ("x", [{"question": " ", "faits": []}], "texte manquant"),
    ("x", [{"question": "q", "faits": ["a" * 500]}], "faits attendus"),
])
def test_a_bad_scenario_gets_a_french_error_and_writes_nothing(tmp_path: Path, title, turns, error) -> None:
    result = save_scenario(tmp_path / "s", title, turns)
    assert isinstance(result, str) and error in result
    assert not list((tmp_path / "s").glob("*.yml")) if (tmp_path / "s").exists() else True


def test_the_check_report_counts_turns_and_keeps_the_differences() -> None:
    scenario = Scenario(name="s", category="personnel", turns=(), file="/x/s.yml")
    result = ScenarioResult(scenario, sender="x", turns=[
        TurnResult("q1", "r1", [], None, []), TurnResult("q2", "r2", ["devrait contenir « 8 »"], None, [])])
    data = report_data(Report(results=[result]))
    assert data["totaux"] == {"conversations": 1, "conversations_reussies": 0, "tours": 2, "tours_reussis": 1}
    assert data["conversations"][0]["tours"][1]["differences"] == ["devrait contenir « 8 »"]


def test_the_training_job_reports_progress_then_success(tmp_path: Path) -> None:
    job = TrainingJob(command=(sys.executable, "-c", "print('entraîné')"), log=tmp_path / "train.log",
                      last_duration=tmp_path / "seconds.txt")
    loaded = []

    async def run() -> None:
        async def load() -> None:
            loaded.append(True)
        assert job.start(load)
        assert not job.start(load)  # one training at a time
        assert job.status()["etat"] == "en cours"
        await job.task

    asyncio.run(run())
    status = job.status()
    assert status["etat"] == "termine" and status["progression"] == 1.0 and loaded == [True]
    assert "entraîné" in (tmp_path / "train.log").read_text(encoding="utf-8")
    assert (tmp_path / "seconds.txt").exists()


def test_a_failed_training_says_where_its_log_is(tmp_path: Path) -> None:
    job = TrainingJob(command=(sys.executable, "-c", "raise SystemExit(3)"), log=tmp_path / "train.log",
                      last_duration=tmp_path / "seconds.txt")

    async def run() -> None:
        async def load() -> None:
            raise AssertionError("never loaded after a failure")
        job.start(load)
        await job.task

    asyncio.run(run())
    assert job.status()["etat"] == "echec" and "code 3" in job.message and str(tmp_path) in job.message


@pytest.mark.parametrize("origin, refused", [(None, False), ("http://127.0.0.1:5005", False),
                                             ("https://evil.example", True), ("http://127.0.0.1:9999", True)])
def test_requests_from_another_site_are_refused(origin, refused) -> None:
    headers = {"origin": origin} if origin else {}
    request = SimpleNamespace(headers=headers, scheme="http", host="127.0.0.1:5005")
    assert foreign_origin(request) is refused


@pytest.mark.parametrize("body, status", [([1, 2], 400), ("texte", 400), ({"nom": "x"}, None)])
def test_a_console_call_must_send_a_json_object(body, status) -> None:
    from bot.console.requests import json_object

    request = SimpleNamespace(headers={}, scheme="http", host="127.0.0.1:5005", content_type="application/json", json=body)
    result = json_object(request)
    assert (result == body) if status is None else (result.status == status and "objet JSON" in result.body.decode())
