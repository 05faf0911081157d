"""The console's retrain button: `make train` in the background, its progress, then the new
model loaded into the running assistant (no restart).

    POST /console/api/reentrainer    start (if not already running)
    GET  /console/api/reentrainer    state, elapsed and expected time, progress

Training takes minutes: the page polls the state. The expected time is the last training's
duration, so the progress bar is honest about the machine it runs on.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.requests import json_body
from knowledge.settings import PROJECT_ROOT

# CONSOLE_TRAIN_COMMAND replaces `make train` (a test runs the reload path without an 8-minute training).
COMMAND = tuple(shlex.split(os.environ.get("CONSOLE_TRAIN_COMMAND", "make --no-print-directory train")))
LOG_DIR = Path(os.environ.get("CONSOLE_LOG_DIR", PROJECT_ROOT / "var" / "log"))
LOG = LOG_DIR / "console-train.log"
LAST_DURATION = LOG_DIR / "train-seconds.txt"
DEFAULT_SECONDS = 480.0  # two cores, measured; replaced by the last real duration


@dataclass
class TrainingJob:
    """One training at a time, its state kept in memory for the page to poll."""

    command: tuple[str, ...] = COMMAND
    log: Path = LOG
    last_duration: Path = LAST_DURATION
    state: str = "inactif"  # inactif | en cours | termine | echec
    started: float = 0.0
    finished: float = 0.0
    message: str = ""
    task: asyncio.Task | None = field(default=None, repr=False)

    def expected_seconds(self) -> float:
        try:
            return max(1.0, float(self.last_duration.read_text().strip()))
        except (OSError, ValueError):
            return DEFAULT_SECONDS

    def status(self) -> dict[str, Any]:
        end = time.monotonic() if self.state == "en cours" else self.finished
        elapsed = max(0.0, end - self.started) if self.started else 0.0
        expected = self.expected_seconds()
        progress = 1.0 if self.state == "termine" else min(0.99, elapsed / expected)
        return {"etat": self.state, "ecoule_s": round(elapsed), "estimation_s": round(expected),
                "progression": round(progress, 3), "message": self.message}

    def start(self, on_success) -> bool:
        """Start training unless it runs already; `on_success(model_path)` is awaited after."""
        if self.state == "en cours":
            return False
        self.state, self.started, self.message = "en cours", time.monotonic(), "Entraînement en cours…"
        self.task = asyncio.get_running_loop().create_task(self._run(on_success))
        return True

    async def _run(self, on_success) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as out:
            proc = await asyncio.create_subprocess_exec(*self.command, cwd=PROJECT_ROOT, stdout=out,
                                                        stderr=asyncio.subprocess.STDOUT)
            code = await proc.wait()
        self.finished = time.monotonic()
        if code != 0:
            self.state = "echec"
            self.message = f"L'entraînement a échoué (code {code}). Journal complet : {self.log}"
            return
        self.last_duration.write_text(f"{self.finished - self.started:.0f}\n")
        try:
            await on_success()
        except Exception as exc:  # noqa: BLE001 (said on the page; the old model keeps answering)
            self.state, self.message = "echec", f"Modèle entraîné mais non chargé : {exc}"
            return
        self.state = "termine"
        self.message = f"Modèle entraîné en {self.finished - self.started:.0f} s et chargé : l'assistant l'utilise."


def register(console: Blueprint) -> None:
    """The retrain routes; one job per server."""
    job = TrainingJob()

    @console.get("/api/reentrainer")
    async def status(request: Request) -> HTTPResponse:
        return response.json(job.status())

    @console.post("/api/reentrainer")
    async def start(request: Request) -> HTTPResponse:
        body = json_body(request)
        if isinstance(body, HTTPResponse):
            return body
        agent, model = request.app.ctx.agent, request.app.ctx.model_path

        async def load() -> None:
            await asyncio.get_running_loop().run_in_executor(None, agent.load_model, model)

        started = job.start(load)
        return response.json(job.status(), status=202 if started else 409)
