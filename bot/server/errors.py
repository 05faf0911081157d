"""One JSON shape, in French, for every HTTP error of the Rasa server.

Sanic's default error pages are English and, in debug mode, carry tracebacks; this handler
answers `{"status": 404, "error": "Adresse inconnue."}` for any route (channels, root,
unknown paths, oversized bodies) and keeps the details in the server log only.
"""

from __future__ import annotations

import logging

from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, json

from bot.server.messages import status_error

log = logging.getLogger(__name__)


def json_error(status: int, message: str) -> HTTPResponse:
    """An error response: the status and a French message, nothing internal."""
    return json({"status": status, "error": message}, status=status)


WIDGET_PREFIX = "/webhooks/widget/"


def handle_error(request: Request, exception: Exception) -> HTTPResponse:
    """Sanic error handler: French message by status; unexpected errors logged with traceback.

    Under the widget's prefix the body has the widget's own error shape
    ({"error": {"code", "message"}}), which widget.js shows to the user.
    """
    status = exception.status_code if isinstance(exception, SanicException) else 500
    if status >= 500:
        log.error("unhandled error on %s %s", request.method, request.path, exc_info=exception)
    if request.path.startswith(WIDGET_PREFIX):
        return json({"error": {"code": f"http_{status}", "message": status_error(status)}}, status=status)
    return json_error(status, status_error(status))


def install_error_handler(app: Sanic) -> None:
    """Make `handle_error` answer every error of `app` (idempotent)."""
    if not getattr(app.ctx, "srei_error_handler", False):
        app.error_handler.add(Exception, handle_error)
        app.ctx.srei_error_handler = True
