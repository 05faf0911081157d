"""The console's « Vérifier » page: play a folder of scenario files against this running
assistant and show pass or fail per turn, with what differs from what was expected.

    GET  /console/api/scenarios     the folders that can be played, with their size
    POST /console/api/verifier      {"dossier": id} -> every conversation, turn by turn

The conversations go through the assistant's own REST channel on 127.0.0.1, exactly as
`python -m bot.scenarios` plays them (bot/scenarios/play.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.requests import json_object
from bot.console.scenario_save import SCENARIOS, scenarios_dir
from bot.scenarios.format import ScenarioError, load_paths
from bot.scenarios.play import Report, ServerUnreachable, play_all


@dataclass(frozen=True)
class Folder:
    id: str
    title: str
    path: Path


def folders() -> list[Folder]:
    """What staff can play: their own scenarios, then the quick check (the project's evaluation
    sets under tests/ are for `make eval`, not for the running assistant's tools)."""
    return [Folder("personnel", "Scénarios du personnel", scenarios_dir()),
            Folder("rapide", "Vérification rapide (questions simples)", SCENARIOS / "smoke")]


def report_data(report: Report) -> dict[str, Any]:
    """The report as the page shows it: totals, then each conversation and its turns."""
    conversations = [{
        "nom": r.scenario.name, "fichier": Path(r.scenario.file).name, "reussi": r.passed,
        "tours": [{"question": t.user, "reponse": t.reply, "reussi": t.passed, "differences": t.failures}
                  for t in r.turns],
    } for r in report.results]
    turns = [t for c in conversations for t in c["tours"]]
    return {
        "conversations": conversations,
        "ignorees": [{"nom": s.name, "raison": why} for s, why in report.skipped],
        "totaux": {"conversations": len(conversations), "conversations_reussies": sum(c["reussi"] for c in conversations),
                   "tours": len(turns), "tours_reussis": sum(t["reussi"] for t in turns)},
    }


def register(console: Blueprint) -> None:
    """The « Vérifier » routes."""

    @console.get("/api/scenarios")
    async def listing(request: Request) -> HTTPResponse:
        out = []
        for f in folders():
            try:
                count = len(load_paths([f.path])) if f.path.is_dir() else 0
                problem = None
            except ScenarioError as exc:
                count, problem = 0, str(exc)
            out.append({"id": f.id, "titre": f.title, "conversations": count, "erreur": problem})
        return response.json({"dossiers": out})

    @console.post("/api/verifier")
    async def play(request: Request) -> HTTPResponse:
        body = json_object(request)
        if isinstance(body, HTTPResponse):
            return body
        folder = next((f for f in folders() if f.id == body.get("dossier")), None)
        if folder is None:
            return response.json({"erreur": "Dossier de scénarios inconnu."}, status=404)
        try:
            scenarios = load_paths([folder.path]) if folder.path.is_dir() else []
        except ScenarioError as exc:
            return response.json({"erreur": f"Un scénario ne se lit pas : {exc}"}, status=422)
        if not scenarios:
            return response.json({"erreur": "Aucun scénario dans ce dossier : enregistrez-en un depuis « Essayer »."},
                                 status=404)
        base = f"http://127.0.0.1:{request.server_port}"
        try:
            report = await play_all(base, scenarios, os.environ.get("ASSISTANT_TODAY"))
        except ServerUnreachable as exc:
            return response.json({"erreur": f"L'assistant ne répond pas : {exc}"}, status=502)
        return response.json(report_data(report))
