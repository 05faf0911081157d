"""Saving a conversation tried in the console as a scenario file (the format of
knowledge/scenarios/README.md), with the facts the staff member approved as expectations.

    POST /console/api/scenario   {"nom": N, "tours": [{"question": Q, "faits": [...], "source": bool}]}

The file goes to the staff's folder (CONSOLE_SCENARIOS_DIR, by default
knowledge/scenarios/personnel/), which the « Vérifier » page and `make test` play.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.requests import json_object
from bot.scenarios.format import SOURCE_MARKER, ScenarioError, load_file, load_paths
from knowledge.settings import PROJECT_ROOT

SCENARIOS = PROJECT_ROOT / "knowledge" / "scenarios"
MAX_TURNS = 30
MAX_FACTS = 6
MAX_FACT_CHARS = 200
# What an answer's checkable facts look like: an address, a phone number, a date, an hour, a year, a number.
_FACT_PATTERNS = (
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    r"\+?\d{2,4}(?:[ ./]\d{2,3}){2,4}",
    r"\d{1,2}(?:er)? (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
    r"(?: \d{4})?",
    r"\d{1,2} ?h ?\d{0,2}",
    r"\b(?:19|20)\d{2}\b",
    r"\b\d+(?:[,.]\d+)?\b",
)
_FACT = re.compile("|".join(f"(?:{p})" for p in _FACT_PATTERNS), re.IGNORECASE)
# A proper name inside a sentence (« Louga », « Basse-Normandie »), when the answer has no figure.
_NAME = re.compile(r"(?<=[a-zà-ÿ,] )[A-ZÀ-Ý][\w-]+(?: (?:de |du |d')?[A-ZÀ-Ý][\w-]+)*")


def scenarios_dir() -> Path:
    return Path(os.environ.get("CONSOLE_SCENARIOS_DIR", SCENARIOS / "personnel"))


def suggested_facts(answer: str, limit: int = 3) -> list[str]:
    """The few strings of `answer` worth checking again later: figures first, else proper names."""
    body = "\n".join(line for line in answer.split("\n") if not line.startswith(SOURCE_MARKER))
    found = [m.group(0).strip() for m in _FACT.finditer(body)] or [m.group(0) for m in _NAME.finditer(body)]
    facts: list[str] = []
    for fact in found:
        if fact and not any(fact in kept for kept in facts):
            facts.append(fact)
    return facts[:limit]


def slug(name: str) -> str:
    """« Numéro corrigé ! » -> « numero-corrige »."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60]


def scenario_data(name: str, turns: Any) -> dict[str, Any] | str:
    """The conversation to write, or the French error that explains what is wrong."""
    if not isinstance(turns, list) or not 1 <= len(turns) <= MAX_TURNS:
        return f"Un scénario a de 1 à {MAX_TURNS} questions."
    out = []
    for i, turn in enumerate(turns, start=1):
        question = turn.get("question") if isinstance(turn, dict) else None
        facts = turn.get("faits", []) if isinstance(turn, dict) else None
        if not isinstance(question, str) or not question.strip():
            return f"Question n° {i} : texte manquant."
        if not isinstance(facts, list) or len(facts) > MAX_FACTS or not all(
                isinstance(f, str) and 0 < len(f.strip()) <= MAX_FACT_CHARS for f in facts):
            return f"Question n° {i} : au plus {MAX_FACTS} faits attendus, chacun un texte court."
        expect: dict[str, Any] = {}
        if facts:
            expect["contains"] = [f.strip() for f in facts]
        if turn.get("source") is True:
            expect["source"] = True
        out.append({"user": question.strip(), "expect": expect})
    return {"name": name, "category": "personnel", "turns": out}


def save_scenario(directory: Path, title: str, turns: Any) -> Path | str:
    """Write the scenario under a name no other staff scenario uses; the path, or the error."""
    base = slug(title) if isinstance(title, str) else ""
    if not base:
        return "Donnez un nom au scénario (lettres ou chiffres)."
    directory.mkdir(parents=True, exist_ok=True)
    try:
        taken = {s.name for s in load_paths([directory])}
    except ScenarioError as exc:
        return f"Les scénarios existants ne se lisent pas : {exc}"
    name, n = base, 2
    while name in taken or (directory / f"{name}.yml").exists():
        name, n = f"{base}-{n}", n + 1
    data = scenario_data(name, turns)
    if isinstance(data, str):
        return data
    path = directory / f"{name}.yml"
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(yaml.safe_dump([data], allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        load_file(tmp)  # the written file must read back as a valid scenario
    except ScenarioError as exc:
        tmp.unlink()
        return str(exc)
    os.replace(tmp, path)
    return path


def register(console: Blueprint) -> None:
    """The route that saves a scenario."""

    @console.post("/api/scenario")
    async def save(request: Request) -> HTTPResponse:
        body = json_object(request)
        if isinstance(body, HTTPResponse):
            return body
        saved = save_scenario(scenarios_dir(), body.get("nom"), body.get("tours"))
        if isinstance(saved, str):
            return response.json({"erreur": saved}, status=400)
        return response.json({"message": f"Scénario enregistré : {saved.name}. La page « Vérifier » le rejoue.",
                              "fichier": saved.name})
