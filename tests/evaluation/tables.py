"""The `make eval` breakdowns: one evaluation set's pass rates per source document, per
question type, and the share of its coverage list's facts that a question reached."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from bot.scenarios.play import Report, ScenarioResult, pct

# Source documents of ../shared/seeds/, by their number.
DOC_NAMES = {
    "000": "Province de Namur (SREI)",
    "001": "Ille-et-Vilaine",
    "002": "PST 2022-2024",
    "003": "Basse-Normandie",
    "004": "Suresnes",
}
QTYPE_NAMES = {
    "yes_no": "oui / non", "how_many": "combien", "date": "date, depuis quand", "who": "qui",
    "which": "lesquels (liste)", "open_hours": "ouvert à telle heure ?", "where": "où, adresse",
    "definition": "que veut dire…", "contact": "coordonnées", "what": "quoi", "why": "pourquoi",
    "how": "comment",
}


def results_under(report: Report, folder: Path) -> list[ScenarioResult]:
    """The conversations of `report` whose file lies in `folder`."""
    root = folder.resolve()
    return [r for r in report.results if root in Path(r.scenario.file).resolve().parents]


def _rate_rows(groups: dict[str, list[ScenarioResult]], names: dict[str, str]) -> list[str]:
    rows = []
    for key in sorted(groups, key=lambda k: (k not in names, k)):
        turns = [t for r in groups[key] for t in r.turns]
        ok = sum(t.passed for t in turns)
        rows.append(f"| {names.get(key, key)} | {ok}/{len(turns)} | {pct(ok, len(turns))} |")
    return rows


def breakdown(results: list[ScenarioResult], key: str, names: dict[str, str], title: str) -> str:
    """Pass rate of the turns per value of the conversations' `key` (in-scope and multi-turn)."""
    groups: dict[str, list[ScenarioResult]] = defaultdict(list)
    for r in results:
        if r.scenario.category == "out_of_scope":
            continue
        groups[getattr(r.scenario, key) or "—"].append(r)
    return "\n".join([f"| {title} | Réussis | Taux |", "|---|---|---|", *_rate_rows(groups, names)])


def load_coverage(folder: Path) -> dict[str, str]:
    """Fact id → the fact, from the set's coverage lists (`coverage/*.yml`)."""
    facts: dict[str, str] = {}
    for path in sorted((folder / "coverage").glob("*.yml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            facts[str(entry["id"])] = str(entry["fact"])
    return facts


def coverage(results: list[ScenarioResult], facts: dict[str, str]) -> tuple[int, list[str]]:
    """How many listed facts at least one passing in-scope question reached, and those none did."""
    reached = {f for r in results if r.passed and r.scenario.category == "in_scope" for f in r.scenario.facts}
    missing = [f for f in facts if f not in reached]
    return len(facts) - len(missing), missing
