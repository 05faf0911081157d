"""One JSON shape, in French, for every refusal and failure of every channel and route.

`{"error": {"code": "…", "message": "…"}}`, the message from messages.yml. Sanic's default
error pages are English and, in debug mode, carry tracebacks; `handle_error` answers every
route (channels, root, unknown paths, oversized bodies) in this shape and keeps the details
in the server log only.
"""

from __future__ import annotations

import logging
from typing import Any

from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, json

from bot.server.messages import error_code, text

log = logging.getLogger(__name__)
# Every JSON answer of the server: never cached, never sniffed as another type.
JSON_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> HTTPResponse:
    """A JSON answer in UTF-8 (accents kept as such) with the server's safe headers."""
    return json(body, status=status, headers={**JSON_HEADERS, **(headers or {})}, ensure_ascii=False,
                content_type="application/json; charset=utf-8")


class ApiError(Exception):
    """A refusal: its HTTP status, its code in messages.yml (`errors`) and the code's placeholders."""

    def __init__(self, status: int, code: str, headers: dict[str, str] | None = None, **values: Any):
        super().__init__(code)
        self.status = status
        self.code = code
        self.headers = headers or {}
        self.values = values

    @property
    def message(self) -> str:
        return text("errors", self.code, **self.values)

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}}

    def response(self) -> HTTPResponse:
        return json_response(self.body(), self.status, self.headers)


def handle_error(request: Request, exception: Exception) -> HTTPResponse:
    """Sanic error handler: the French message of the status; unexpected errors logged with traceback."""
    status = exception.status_code if isinstance(exception, SanicException) else 500
    if status >= 500:
        log.error("unhandled error on %s %s", request.method, request.path, exc_info=exception)
    return ApiError(status, error_code(status)).response()


def install_error_handler(app: Sanic) -> None:
    """Make `handle_error` answer every error of `app` (idempotent)."""
    if not getattr(app.ctx, "srei_error_handler", False):
        app.error_handler.add(Exception, handle_error)
        app.ctx.srei_error_handler = True
