"""What every console request must be: JSON, from the console's own page.

The console listens on 127.0.0.1, but a page of another site open in the same browser could
still post to it. A JSON content type forces the browser to ask first (CORS preflight, which
the console never grants), and an Origin other than the console's own is refused.
"""

from __future__ import annotations

from typing import Any

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse


def foreign_origin(request: Request) -> bool:
    """True when the request comes from a page of another origin than the console's."""
    origin = request.headers.get("origin")
    return bool(origin) and origin != f"{request.scheme}://{request.host}"


def json_body(request: Request) -> Any | HTTPResponse:
    """The request's parsed JSON body, or the error response to send instead."""
    if foreign_origin(request):
        return response.json({"erreur": "Requête refusée : elle ne vient pas de la console."}, status=403)
    if not (request.content_type or "").startswith("application/json"):
        return response.json({"erreur": "Le corps de la requête doit être du JSON."}, status=415)
    try:
        return request.json
    except Exception:  # noqa: BLE001 (Sanic's own parse error: invalid JSON)
        return response.json({"erreur": "Le corps de la requête doit être du JSON valide."}, status=400)


def json_object(request: Request) -> dict[str, Any] | HTTPResponse:
    """The request's JSON object (`json_body`, which must be an object), or the error to send."""
    body = json_body(request)
    if isinstance(body, HTTPResponse) or isinstance(body, dict):
        return body
    return response.json({"erreur": "Le corps de la requête doit être un objet JSON."}, status=400)
