"""Staff workflow against real servers: live knowledge updates, masking, quiet logs."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from bot.tools.stack import Stack, StackConfig
from tests.conftest import ROOT, free_port
from tests.support.facts import PHONE

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def staff_stack(tmp_path_factory):
    """A stack whose knowledge base is built from a private copy of the content."""
    tmp = tmp_path_factory.mktemp("staff")
    content = tmp / "content"
    shutil.copytree(ROOT / "knowledge" / "content", content)
    env = {"KNOWLEDGE_CONTENT_DIR": str(content), "KNOWLEDGE_DB_URL": f"sqlite:///{tmp / 'kb.sqlite3'}"}
    rebuild(env)
    config = StackConfig(rasa_port=free_port(), actions_port=free_port(), tracker_sqlite=tmp / "conv.sqlite3",
                         log_dir=tmp / "log", extra_env=env)
    stack = Stack(config)
    stack.start()
    yield stack, content, env
    stack.stop()


def rebuild(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "knowledge", "build"], cwd=ROOT, capture_output=True, text=True,
                          env={**__import__("os").environ, **env})


def ask(stack: Stack, sender: str, message: str) -> str:
    req = urllib.request.Request(f"{stack.config.rasa_url}/webhooks/rest/webhook",
                                 data=json.dumps({"sender": sender, "message": message}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return "\n".join(r.get("text", "") for r in json.loads(resp.read()))


def test_changed_phone_is_served_after_rebuild_without_restart(staff_stack) -> None:
    stack, content, env = staff_stack
    assert PHONE in ask(stack, "staff-1", "Quel est le numéro de téléphone du SREI ?")
    namur = content / "namur.yml"
    namur.write_text(namur.read_text(encoding="utf-8").replace(PHONE, "081 999 999"), encoding="utf-8")
    assert rebuild(env).returncode == 0
    answer = ask(stack, "staff-2", "Quel est le numéro de téléphone du SREI ?")
    assert "081 999 999" in answer and PHONE not in answer


def test_broken_content_keeps_the_old_base_serving(staff_stack) -> None:
    stack, content, env = staff_stack
    before = ask(stack, "staff-3", "Quel est le numéro de téléphone du SREI ?")
    bad = content / "zz-broken.yml"
    bad.write_text("contacts:\n  - id: x\n    service: inconnu\n", encoding="utf-8")
    try:
        result = rebuild(env)
        assert result.returncode == 1
        assert "zz-broken.yml:2" in result.stderr
        assert ask(stack, "staff-4", "Quel est le numéro de téléphone du SREI ?") == before
    finally:
        bad.unlink()


def test_personal_data_is_masked_in_the_store_and_absent_from_logs(staff_stack) -> None:
    stack, _, _ = staff_stack
    ask(stack, "staff-5", "Rappelez-moi au 0475 12 34 56 ou à marie.secret@example.be")
    with sqlite3.connect(stack.config.tracker_sqlite) as db:
        stored = " ".join(row[0] for row in db.execute("SELECT data FROM events WHERE sender_id = 'staff-5'"))
    assert "marie.secret" not in stored
    # the number as typed, not « 0475 » inside an intent's confidence (« 0.0475… »)
    assert not re.search(r"(?<![\d.])0475(?!\d)", stored) and "12 34 56" not in stored
    assert "masqu" in stored
    logs = " ".join(p.read_text(errors="replace") for p in Path(stack.config.log_dir).glob("*.log"))
    assert "marie.secret" not in logs and "Rappelez-moi" not in logs
