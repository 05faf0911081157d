"""The staff console: four browser pages in French, served by the local profile only
(`make run`, on 127.0.0.1), never by the production profile.

    /console/                 Essayer    a chat beside an inspector (try_turn.py)
    /console/verifier.html    Vérifier   play the scenario files, pass/fail per turn (check.py)
    /console/ameliorer.html   Améliorer  unanswered questions, ratings, activity (improve.py)
    /console/contenu.html     Contenu    edit, validate and rebuild the content; retrain (content.py)

Each module registers its own routes under /console/api/; the pages are bot/static/console*.
"""

from __future__ import annotations

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.static_files import StaticFiles

# A content file is posted whole when saved (the PST's is 66 KB): the local profile lets
# requests this large reach the console; every channel still refuses more than its own limit.
MAX_BODY_BYTES = 1_000_000
PAGES = ("console.html", "verifier.html", "ameliorer.html", "contenu.html")
SERVED = PAGES + ("console.js", "console.css", "console-common.js", "verifier.js", "ameliorer.js", "contenu.js")


def console_blueprint() -> Blueprint:
    """The console's pages and routes, for the local profile's app."""
    from bot.console import check, content, improve, scenario_save, training, try_turn  # noqa: PLC0415 (the routes' modules load Rasa's pieces)

    console = Blueprint("console", url_prefix="/console", strict_slashes=False)
    files = StaticFiles(served=SERVED)

    @console.get("/")
    async def home(request: Request) -> HTTPResponse:
        return files.serve("console.html")

    @console.get("/<name>")
    async def asset(request: Request, name: str) -> HTTPResponse:
        if not name:  # Sanic routes « /console/ » here
            return files.serve("console.html")
        if name not in SERVED:
            return response.json({"erreur": "Fichier inconnu."}, status=404)
        return files.serve(name)

    for module in (try_turn, scenario_save, check, improve, content, training):
        module.register(console)
    return console
