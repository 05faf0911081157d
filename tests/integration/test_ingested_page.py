"""A page staff add with `knowledge ingest` is answerable at once, against real servers:
its passages, its dates and its deadline (against an injected today), with no retraining
and no restart."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from bot.tools.stack import Stack, StackConfig
from tests.conftest import ROOT, free_port
from tests.integration.test_staff_workflow import ask

pytestmark = pytest.mark.integration
TODAY = "2027-02-20"
PAGE = """Journée des partenariats internationaux 2027

La Province de Namur organise une Journée des partenariats internationaux pour présenter aux associations \
et aux écoles namuroises les projets menés avec ses partenaires étrangers. Des ateliers permettront de \
rencontrer les porteurs de projets et les représentants des collectivités partenaires.

La Journée des partenariats internationaux se tiendra du 12 au 14 mai 2027 au Palais provincial, place \
Saint-Aubain à Namur. Chaque journée commence par une séance plénière suivie d'ateliers thématiques.

Les inscriptions à la Journée des partenariats internationaux sont ouvertes jusqu'au 15 mars 2027. \
Elles se font auprès du Service des relations extérieures et internationales.
"""


@pytest.fixture(scope="module")
def page_stack(tmp_path_factory):
    """A stack on a private copy of the content, whose today is TODAY."""
    tmp = tmp_path_factory.mktemp("page")
    content = tmp / "content"
    shutil.copytree(ROOT / "knowledge" / "content", content)
    env = {"KNOWLEDGE_CONTENT_DIR": str(content), "KNOWLEDGE_DB_URL": f"sqlite:///{tmp / 'kb.sqlite3'}",
           "ASSISTANT_TODAY": TODAY}
    assert knowledge(env, "build").returncode == 0
    stack = Stack(StackConfig(rasa_port=free_port(), actions_port=free_port(), tracker_sqlite=tmp / "conv.sqlite3",
                              log_dir=tmp / "log", extra_env=env))
    stack.start()
    yield stack, tmp, env
    stack.stop()


def knowledge(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "knowledge", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **env})


def test_an_ingested_page_gives_its_dates_and_its_deadline_against_today(page_stack) -> None:
    stack, tmp, env = page_stack
    question = "Jusqu'à quand peut-on s'inscrire à la Journée des partenariats internationaux ?"
    assert "15 mars 2027" not in ask(stack, "page-0", question)  # not known before the page
    page = tmp / "journee-partenariats.txt"
    page.write_text(PAGE, encoding="utf-8")
    done = knowledge(env, "ingest", str(page), "--body", "namur")
    assert done.returncode == 0, done.stdout + done.stderr

    deadline = ask(stack, "page-1", question)
    assert "15 mars 2027" in deadline and "il reste 23 jour(s)" in deadline  # 20 February → 15 March
    assert "8 février 2018" not in deadline  # not the PrECI's old call
    assert "Source :" in deadline
    dates = ask(stack, "page-2", "Quand a lieu la Journée des partenariats internationaux ?")
    assert "du 12 au 14 mai 2027" in dates and "Source :" in dates
    assert "15 mars 2027" not in dates  # the passage on the dates, not the one on registration
