"""The console's « Contenu » page: read a content file, save it only if the whole content
stays valid, rebuild the knowledge base, and say when the model needs a retrain.

    GET  /console/api/contenu                    the files, and whether a retrain is needed
    GET  /console/api/contenu/fichier?nom=F      the text of file F
    POST /console/api/contenu/fichier            {"nom": F, "texte": T}: validate, then save
    POST /console/api/contenu/reconstruire       the same atomic build as `make knowledge`

An invalid text is never written: the errors name the file, line and field, and the text
stays in the page for the staff member to correct. The running assistant picks up a
rebuilt base by itself (knowledge/store.py watches the build id): no restart.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.requests import json_body, json_object
from knowledge import settings
from knowledge.builder import timed_build
from knowledge.content_loader import ContentError, ContentInvalid, load_content
from knowledge.nlu_export import GENERATED_NAME, is_current
from knowledge.pages import PAGES_DIR

MAX_TEXT = 500_000
NLU_GENERATED = settings.PROJECT_ROOT / "data" / "nlu" / GENERATED_NAME


def content_files(root: Path) -> list[str]:
    """The files staff may edit, relative to the content folder (« namur.yml », « pages/x.txt »)."""
    names = [p.name for p in sorted(root.glob("*.yml"))]
    return names + [f"{PAGES_DIR}/{p.name}" for p in sorted((root / PAGES_DIR).glob("*.txt"))]


def errors_as_data(errors: list[ContentError], root: Path) -> list[dict[str, Any]]:
    """Each error with its file named as staff see it (relative to the content folder)."""
    out = []
    for e in errors:
        file = e.file
        for prefix in (str(root) + os.sep, str(root)):
            if file.startswith(prefix):
                file = file[len(prefix):] or "."
                break
        out.append({"fichier": file, "ligne": e.line, "champ": e.field, "message": e.message,
                    "texte": str(ContentError(file, e.line, e.field, e.message))})
    return out


def validate_with(root: Path, name: str, text: str) -> list[dict[str, Any]]:
    """The errors the whole content would have if file `name` held `text` (none: it may be saved).

    Checked on a copy of the content folder, so that a reference to or from another file is
    checked too and nothing is written before the text is known to be good.
    """
    with tempfile.TemporaryDirectory(prefix="contenu-") as tmp:
        copy = Path(tmp) / "content"
        shutil.copytree(root, copy)
        (copy / name).write_text(text, encoding="utf-8")
        try:
            load_content(copy)
        except ContentInvalid as exc:
            return errors_as_data(exc.errors, copy)
    return []


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` in one step: a crash midway leaves the old file, never half a new one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def retrain_needed(root: Path, nlu_file: Path = NLU_GENERATED) -> bool:
    """Whether the names the NLU learns from the content (entity lists) changed since the last training."""
    try:
        return not is_current(load_content(root), nlu_file)
    except ContentInvalid:
        return False  # nothing can be trained from invalid content; the errors say why


def _error(message: str, status: int = 400) -> HTTPResponse:
    return response.json({"erreur": message}, status=status)


def register(console: Blueprint) -> None:
    """The « Contenu » routes."""

    def known(name: Any) -> str | None:
        return name if isinstance(name, str) and name in content_files(settings.content_dir()) else None

    @console.get("/api/contenu")
    async def listing(request: Request) -> HTTPResponse:
        root = settings.content_dir()
        return response.json({"fichiers": content_files(root), "reentrainement": retrain_needed(root)})

    @console.get("/api/contenu/fichier")
    async def read(request: Request) -> HTTPResponse:
        name = known(request.args.get("nom"))
        if name is None:
            return _error("Fichier de contenu inconnu.", 404)
        return response.json({"nom": name, "texte": (settings.content_dir() / name).read_text(encoding="utf-8")})

    @console.post("/api/contenu/fichier")
    async def save(request: Request) -> HTTPResponse:
        body = json_object(request)
        if isinstance(body, HTTPResponse):
            return body
        name, text = known(body.get("nom")), body.get("texte")
        if name is None:
            return _error("Fichier de contenu inconnu.", 404)
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            return _error(f"Le texte doit faire au plus {MAX_TEXT} caractères.")
        root = settings.content_dir()
        errors = await asyncio.get_running_loop().run_in_executor(None, validate_with, root, name, text)
        if errors:
            return response.json({"erreur": f"{len(errors)} erreur(s) : rien n'a été enregistré.",
                                  "erreurs": errors}, status=422)
        write_atomically(root / name, text)
        return response.json({"message": f"{name} enregistré. Reconstruisez la base pour que l'assistant l'utilise."})

    @console.post("/api/contenu/reconstruire")
    async def rebuild(request: Request) -> HTTPResponse:
        body = json_body(request)
        if isinstance(body, HTTPResponse):
            return body
        root, url = settings.content_dir(), settings.database_url()
        try:
            counts, seconds = await asyncio.get_running_loop().run_in_executor(None, timed_build, root, url)
        except ContentInvalid as exc:
            return response.json({"erreur": "Contenu invalide : la base n'a pas été remplacée.",
                                  "erreurs": errors_as_data(exc.errors, root)}, status=422)
        needed = retrain_needed(root)
        message = f"Base reconstruite en {seconds:.1f} s : l'assistant l'utilise dès maintenant."
        if needed:
            message += " Des noms ont changé : réentraînez le modèle pour qu'il les reconnaisse."
        return response.json({"message": message, "entrees": {k: v for k, v in counts.items()
                                                              if k not in ("meta", "search_terms")},
                              "reentrainement": needed})
