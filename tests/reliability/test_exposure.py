"""What the running stack exposes: only its channels, only on 127.0.0.1.

Rate limits and CORS of the widget channel are tested with that channel; here, the REST
channel must not grant any browser origin access (Rasa's CORS stays unconfigured).
"""

from __future__ import annotations

import socket
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from bot.tools.stack import Stack
from tests.support.http import INTERNAL_DETAIL, post_raw

pytestmark = pytest.mark.integration

# Rasa's HTTP API (enabled by `rasa run --enable-api`) and channels we do not configure.
RASA_API = [
    ("GET", "/status"), ("GET", "/version"), ("GET", "/domain"), ("POST", "/model/parse"), ("PUT", "/model"),
    ("POST", "/model/train"), ("POST", "/model/test/intents"), ("GET", "/conversations/x/tracker"),
    ("POST", "/conversations/x/tracker/events"), ("POST", "/conversations/x/messages"),
    ("POST", "/conversations/x/trigger_intent"), ("POST", "/conversations/x/execute"),
    ("GET", "/webhooks/socketio/"), ("POST", "/webhooks/callback/webhook"), ("POST", "/webhooks/facebook/webhook"),
    ("GET", "/webhooks/rest/webhook"),  # the right path, the wrong method
]


@pytest.mark.parametrize("method, path", RASA_API, ids=[f"{m} {p}" for m, p in RASA_API])
async def test_only_the_channels_are_reachable(stack: Stack, method: str, path: str) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.request(method, f"{stack.config.rasa_url}{path}", json={"text": "bonjour"}) as resp:
            body = await resp.json(content_type=None)
    assert resp.status in (404, 405)
    assert body == {"error": {"code": body["error"]["code"], "message": body["error"]["message"]}}
    assert body["error"]["message"]


async def test_rest_channel_grants_no_browser_origin(stack: Stack) -> None:
    async with aiohttp.ClientSession() as session:
        for origin in ("https://site.be.evil.com", "https://www.province.namur.be", "null"):
            async with session.post(f"{stack.config.rasa_url}/webhooks/rest/webhook",
                                    json={"sender": "cors", "message": "Bonjour"}, headers={"Origin": origin}) as resp:
                assert resp.status == 200
                assert "Access-Control-Allow-Origin" not in resp.headers
            async with session.options(f"{stack.config.rasa_url}/webhooks/rest/webhook", headers={
                    "Origin": origin, "Access-Control-Request-Method": "POST"}) as preflight:
                assert "Access-Control-Allow-Origin" not in preflight.headers


@pytest.mark.parametrize("body", [b"", b"\xff\xfe", b'{"sender": "x", "message": "bonjour"}', b"[" * 20_000,
                                  b"x" * 10_000_000], ids=["empty", "invalid UTF-8", "JSON", "deep", "10 MB"])
def test_the_root_refuses_posts_clearly_and_keeps_answering(stack: Stack, body: bytes) -> None:
    response = post_raw(stack.config.rasa_port, "/", body)
    assert response.status in (404, 405, 413)
    assert set(response.json()) == {"error"} and response.json()["error"]["message"]
    assert not INTERNAL_DETAIL.search(response.body.decode())
    with urllib.request.urlopen(f"{stack.config.rasa_url}/health", timeout=10) as health:  # noqa: S310 (loopback)
        assert health.status == 200


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                if width == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
                else:
                    words = bytes.fromhex(address)
                    found.add(socket.inet_ntop(socket.AF_INET6, b"".join(words[i:i + 4][::-1] for i in range(0, 16, 4))))
    return found


def test_both_servers_listen_on_loopback_only(stack: Stack) -> None:
    for port in (stack.config.rasa_port, stack.config.actions_port):
        assert listening_addresses(port) == {"127.0.0.1"}, port


def test_the_action_server_is_not_reachable_from_another_interface(stack: Stack) -> None:
    """Connect to the machine's own non-loopback address: refused."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: only picks the outgoing interface
            own = probe.getsockname()[0]
    except OSError:
        pytest.skip("no network interface besides loopback")
    if own.startswith("127."):
        pytest.skip("no network interface besides loopback")
    for port in (stack.config.actions_port, stack.config.rasa_port):
        with pytest.raises(OSError):
            socket.create_connection((own, port), timeout=2).close()
