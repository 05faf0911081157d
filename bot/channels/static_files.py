"""Serves the widget's files (bot/static) and the demo page, with safe headers."""

from __future__ import annotations

from pathlib import Path

from sanic import response
from sanic.response import HTTPResponse

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
}
# The demo page stands in for the province's site under a strict policy: if the widget
# needed inline script or style, it would break here first.
DEMO_CSP = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
SERVED = ("widget.js", "widget.css", "demo.html", "demo.css", "icon.svg")


class StaticFiles:
    """The few files of bot/static, read once and kept in memory."""

    def __init__(self, directory: Path = STATIC_DIR, served: tuple[str, ...] = SERVED):
        self._directory = directory
        self._served = served
        self._cache: dict[str, bytes] = {}

    def _read(self, name: str) -> bytes:
        if name not in self._cache:
            self._cache[name] = (self._directory / name).read_bytes()
        return self._cache[name]

    def serve(self, name: str) -> HTTPResponse:
        """The file `name` (one of those served), with its type and security headers."""
        if name not in self._served:
            raise ValueError(name)
        headers = {
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
            "Cache-Control": "no-cache",  # revalidated: a new release is picked up at once
        }
        if name.endswith(".html"):
            headers["Content-Security-Policy"] = DEMO_CSP
        return response.raw(self._read(name), headers=headers, content_type=CONTENT_TYPES[Path(name).suffix])
