"""The fast subset of the scripted conversations, and the scenarios staff saved from the
console (knowledge/scenarios/personnel/), played against the real servers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.scenarios.format import load_paths
from bot.scenarios.play import format_report, play_all

pytestmark = pytest.mark.integration

SMOKE = Path(__file__).resolve().parents[2] / "knowledge" / "scenarios" / "smoke"
STAFF = SMOKE.parent / "personnel"


async def test_smoke_conversations_pass(stack):
    scenarios = load_paths([SMOKE] + ([STAFF] if STAFF.is_dir() else []))
    report = await play_all(stack.config.rasa_url, scenarios)
    assert not report.skipped, "the smoke subset must not depend on ASSISTANT_TODAY"
    assert len(report.results) == len(scenarios)
    assert report.passed, "\n" + format_report(report, only_failures=True)
