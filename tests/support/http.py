"""Small HTTP helpers for tests that talk to the real servers on 127.0.0.1."""

from __future__ import annotations

import json
import re
import select
import socket
import time
from dataclasses import dataclass
from typing import Any

import aiohttp

# What must never reach a client: tracebacks, file paths, library and exception names.
INTERNAL_DETAIL = re.compile(
    r"Traceback|File \"|\.py\b|site-packages|/work/|/tmp/|sqlalchemy|psycopg|sqlite3?|asyncio|aiohttp|sanic"
    r"|Exception|KeyError|TypeError|ValueError|AttributeError|RecursionError|rasa_sdk|NoneType",
    re.IGNORECASE)


@dataclass
class RawResponse:
    status: int | None  # None: the server closed the connection without an HTTP answer
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def post_raw(port: int, path: str, body: bytes, content_type: str | None = "application/json",
             timeout: float = 30.0, headers: dict[str, str] | None = None, source: str | None = None) -> RawResponse:
    """POST `body` as is (any bytes, any size) and read the answer, optionally from address `source`.

    Sends in chunks and stops as soon as the server answers, like a browser does: a server
    that refuses an oversized body early (413) gets its answer read, not a broken pipe.
    """
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}", "Connection: close"]
    if content_type:
        lines.append(f"Content-Type: {content_type}")
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    payload = memoryview(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    deadline = time.monotonic() + timeout
    received = bytearray()
    # `source`: another loopback address (127.x.y.z) to send from, as a distinct client would.
    with socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                  source_address=(source, 0) if source else None) as sock:
        sock.setblocking(False)
        sent = 0
        while time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock] if sent < len(payload) else [], [], 0.5)
            if readable:
                try:
                    chunk = sock.recv(65536)
                except ConnectionError:
                    break
                if not chunk:
                    break
                received += chunk
                if _complete(received):
                    break
            elif writable:
                try:
                    sent += sock.send(payload[sent:sent + 65536])
                except (BlockingIOError, InterruptedError):
                    pass
                except ConnectionError:
                    sent = len(payload)  # refused mid-way: read what the server said
    return _parse(bytes(received))


def _complete(data: bytearray) -> bool:
    head, sep, rest = bytes(data).partition(b"\r\n\r\n")
    if not sep:
        return False
    match = re.search(rb"content-length:\s*(\d+)", head, re.IGNORECASE)
    return bool(match) and len(rest) >= int(match.group(1))


def _parse(data: bytes) -> RawResponse:
    head, _, rest = data.partition(b"\r\n\r\n")
    match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    return RawResponse(int(match.group(1)) if match else None, rest)


async def ask(session: aiohttp.ClientSession, base_url: str, sender: str, message: str,
              timeout: float = 60.0) -> tuple[int, Any]:
    """One message over the REST channel: (status, decoded JSON body)."""
    async with session.post(f"{base_url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                            timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
        return resp.status, await resp.json(content_type=None)


def texts(replies: Any) -> str:
    """All bot texts of a REST answer, one per line."""
    return "\n".join(r.get("text") or "" for r in replies) if isinstance(replies, list) else ""


async def ask_text(session: aiohttp.ClientSession, base_url: str, sender: str, message: str) -> str:
    """The bot's texts for one message; fails on any status but 200."""
    status, body = await ask(session, base_url, sender, message)
    assert status == 200, (status, body)
    return texts(body)


async def timed(coro: Any) -> tuple[float, Any]:
    """(seconds taken, result) of awaiting `coro`."""
    started = time.monotonic()
    result = await coro
    return time.monotonic() - started, result

