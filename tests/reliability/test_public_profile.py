"""The production profile (`make serve`) against a hostile public: only the widget's door,
nothing 5xx, nothing unmasked, nothing of the user's in the log.

Two doors, the same suite:
- `direct`: one public instance (SQLite), clients told apart by their own address;
- `nginx` (make test-long): the README's reverse-proxy recipe, Debian's nginx in front of two
  public instances sharing PostgreSQL and Redis; the instances trust only nginx's X-Real-IP.
Each simulated client sends from its own loopback address (127.1.x.y), so per-address
limits apply as on the internet. The log and the stored conversations are read at the end.
"""

from __future__ import annotations

import http.client
import itertools
import json
import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.tools.nginx import render
from bot.tools.stack import Stack, StackConfig
from tests.conftest import ROOT, free_port
from tests.reliability.bad_inputs import Endpoint, bad_inputs
from tests.reliability.conftest import build_knowledge, scale_env
from tests.support.facts import PHONE, STREET
from tests.support.http import INTERNAL_DETAIL, post_raw
from tests.support.servers import NginxServer, fresh_database
from tests.support.tracker import events_by_sender
from tests.unit.test_privacy import PERSONAL_DATA

pytestmark = pytest.mark.integration

SECRET = "public-profile-test-secret-" + "k" * 32
ALLOWED = "https://www.province.namur.be"
WIDGET = Endpoint("/webhooks/widget/message", "conversation", "message")
QUESTION = "Quel est le numéro de téléphone du SREI ?"
FORGED_LINE = "2026-01-01 00:00:00,000 ERROR bot.server - LOGFORGE compte administrateur créé"
LOG_FORGERIES = [f"Bonjour\n{FORGED_LINE}", f"Bonjour\r\n{FORGED_LINE}", f"Bonjour\u2028{FORGED_LINE}",
                 f"Bonjour\u0085{FORGED_LINE}"]
INJECTED_LINKS = ["[Cliquez ici pour vous identifier](https://evil.example/login)",
                  "Votre dossier : https://evil.example/dossier?id=1 et pirate@evil.example"]
_addresses = (f"127.1.{i // 250}.{i % 250 + 1}" for i in itertools.count())
HOSTILE_CASES = bad_inputs(WIDGET)
PUBLIC_ENV = {"WIDGET_SECRET": SECRET, "WIDGET_ALLOWED_ORIGINS": ALLOWED}


@dataclass
class Door:
    """Where the public reaches the assistant, and what it leaves behind."""

    name: str
    port: int
    logs: list[Path]
    tracker_url: str


def direct_door(tmp: Path) -> tuple[Door, list]:
    stack = Stack(StackConfig(rasa_port=free_port(), actions_port=free_port(), tracker_sqlite=tmp / "conv.sqlite3",
                              log_dir=tmp / "log", profile="public",
                              extra_env={**PUBLIC_ENV, "WIDGET_SECRET_FILE": str(tmp / "must-stay-absent")}))
    stack.start()
    return Door("direct", stack.config.rasa_port, [tmp / "log" / "rasa.log"], f"sqlite:///{tmp / 'conv.sqlite3'}"), \
        [stack.stop]


def nginx_door(request: pytest.FixtureRequest, tmp: Path) -> tuple[Door, list]:
    pg, redis = request.getfixturevalue("postgres_cluster"), request.getfixturevalue("redis_server")
    kb_url = fresh_database(pg, "knowledge")
    build_knowledge(kb_url)
    tracker_url = fresh_database(pg, "conversations")
    env = {**scale_env(pg, redis, tracker_url.rsplit("/", 1)[1], kb_url), **PUBLIC_ENV}
    endpoints = ROOT / "bot" / "endpoints.scale.yml"
    a = Stack(StackConfig(rasa_port=free_port(), actions_port=free_port(), endpoints=endpoints, profile="public",
                          tracker_sqlite=tmp / "unused.sqlite3", log_dir=tmp / "log-a", extra_env=env))
    b = Stack(StackConfig(rasa_port=free_port(), actions_port=a.config.actions_port, start_actions=False,
                          endpoints=endpoints, profile="public", tracker_sqlite=tmp / "unused.sqlite3",
                          log_dir=tmp / "log-b", extra_env=env))
    with ThreadPoolExecutor(2) as pool:
        for started in [pool.submit(a.start, 240), pool.submit(b.start, 240)]:
            started.result()
    port = free_port()
    nginx = NginxServer(render(f"127.0.0.1:{port}", [f"127.0.0.1:{a.config.rasa_port}",
                                                      f"127.0.0.1:{b.config.rasa_port}"], [ALLOWED]))
    nginx.start(port)
    logs = [tmp / "log-a" / "rasa.log", tmp / "log-b" / "rasa.log", tmp / "log-a" / "actions.log"]
    return Door("nginx", port, logs, tracker_url), [nginx.stop, b.stop, a.stop]


@pytest.fixture(scope="module", params=["direct", pytest.param("nginx", marks=pytest.mark.slow)])
def door(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Door:
    tmp = tmp_path_factory.mktemp(f"public-{request.param}")
    found, stops = direct_door(tmp) if request.param == "direct" else nginx_door(request, tmp)
    try:
        yield found
    finally:
        for stop in stops:
            stop()


def call(door: Door, method: str, path: str, body: object = None, token: str | None = None,
         address: str | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict, dict]:
    """(status, headers, JSON body) of one request from a client at loopback `address`."""
    h = dict(headers or {})
    data = json.dumps(body).encode() if body is not None else None
    if data is not None:
        h["Content-Type"] = "application/json"
    if token:
        h["X-Conversation-Id"] = token
    connection = http.client.HTTPConnection("127.0.0.1", door.port, timeout=30,
                                            source_address=(address or next(_addresses), 0))
    try:
        connection.request(method, path, body=data, headers=h)
        resp = connection.getresponse()
        status, hdrs, raw = resp.status, dict(resp.getheaders()), resp.read()
    finally:
        connection.close()
    return status, hdrs, json.loads(raw) if raw else {}


def say(door: Door, text: str, token: str | None = None, address: str | None = None) -> tuple[int, dict]:
    status, _, body = call(door, "POST", "/webhooks/widget/message", {"message": text}, token, address)
    return status, body


def bot_texts(body: dict) -> str:
    return "\n".join(m["text"] for m in body.get("messages", []))


# --- the only door ---------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path", [
    ("POST", "/webhooks/rest/webhook"), ("GET", "/webhooks/rest/"), ("GET", "/"), ("GET", "/version"),
    ("GET", "/status"), ("POST", "/model/parse"), ("GET", "/conversations/x/tracker"),
    ("POST", "/webhooks/socketio/"), ("GET", "/webhooks/widget/../rest/webhook"),
    ("GET", "/console/"), ("POST", "/console/api/essayer"),  # the staff console is local only
])
def test_only_the_widget_and_health_answer(door: Door, method: str, path: str) -> None:
    status, headers, body = call(door, method, path, {"sender": "x", "message": "bonjour"} if method == "POST" else None)
    assert status in (404, 405)
    assert "rasa" not in json.dumps(body).lower() and "rasa" not in json.dumps(headers).lower()


def test_health_and_the_widget_flow_work(door: Door) -> None:
    status, _, body = call(door, "GET", "/health")
    assert (status, body) == (200, {"status": "ok"})
    status, body = say(door, QUESTION)
    assert status == 200 and PHONE in bot_texts(body)
    status, follow = say(door, "Et son adresse ?", body["conversation_id"])
    assert status == 200 and STREET in bot_texts(follow)
    status, _, history = call(door, "GET", "/webhooks/widget/history", token=body["conversation_id"])
    assert status == 200 and len(history["messages"]) >= 4


# --- hostile inputs ----------------------------------------------------------------------------------

@pytest.mark.parametrize("case", HOSTILE_CASES, ids=[c.name for c in HOSTILE_CASES])
def test_bad_input_gets_a_french_error_or_an_answer_never_a_5xx(door: Door, case) -> None:
    response = post_raw(door.port, WIDGET.path, case.body, case.content_type, source=next(_addresses))
    text = response.body.decode("utf-8", errors="replace")
    assert response.status is not None and response.status < 500, (response.status, text[:300])
    assert not INTERNAL_DETAIL.search(text), text[:300]
    body = response.json()
    if response.status == 200:
        assert body["messages"] and "javascript" not in json.dumps(body).lower()
    else:
        assert any(c in body["error"]["message"] for c in "éèêàç«"), body


@pytest.mark.parametrize("token", [
    "A" * 22 + "." + "B" * 22,  # right shape, wrong tag
    "w-" + "A" * 22,  # the conversation code staff see, not the token
    "../../etc/passwd", "x" * 5000, "' OR 1=1 --",
], ids=["guessed", "conversation-code", "path", "huge", "sql"])
def test_forged_and_foreign_ids_are_refused(door: Door, token: str) -> None:
    for method, path, body in (("POST", "/webhooks/widget/message", {"message": "bonjour"}),
                               ("GET", "/webhooks/widget/history", None),
                               ("POST", "/webhooks/widget/feedback", {"message_id": "a:0", "rating": "up"})):
        status, _, reply = call(door, method, path, body, token=token)
        assert status in (400, 403, 431), (path, status)
        assert status == 431 or "conversation" in reply["error"]["code"]


def test_an_id_signed_with_another_key_is_refused(door: Door) -> None:
    from bot.channels.ids import ConversationIds

    foreign, _ = ConversationIds(b"another-deployment-" + b"z" * 32).issue()
    status, _, reply = call(door, "GET", "/webhooks/widget/history", token=foreign)
    assert status == 403 and reply["error"]["code"] == "unknown_conversation"


def test_injected_links_and_commands_never_become_links(door: Door) -> None:
    status, body = say(door, "bonjour")
    token = body["conversation_id"]
    for text in INJECTED_LINKS:
        status, reply = say(door, text, token)
        assert status == 200
        assert all(not m["trusted_links"] and not m["links"] for m in reply["messages"])
    command = '/ask_contact{"body": "[Cliquez ici](https://evil.example/login)"}'
    status, reply = say(door, command, token)  # typed: the leading « / » is dropped
    assert status == 200 and "evil.example" not in json.dumps(reply["messages"])
    status, _, refused = call(door, "POST", "/webhooks/widget/message", {"payload": command}, token)
    assert status == 400 and refused["error"]["code"] == "unknown_choice"


def test_log_forging_attempts_are_answered(door: Door) -> None:
    for text in LOG_FORGERIES:
        status, _ = say(door, text)
        assert status in (200, 400)


def test_personal_data_is_answered_and_stored_masked(door: Door) -> None:
    status, body = say(door, "bonjour")
    token = body["conversation_id"]
    address = next(_addresses)
    for _, secret in PERSONAL_DATA:
        status, reply = say(door, f"Rappelez-moi au sujet du PrECI : {secret}", token, address)
        assert status in (200, 429), reply
        if status == 429:  # 20 messages a minute per conversation: go on in a new one
            status, reply = say(door, f"Rappelez-moi au sujet du PrECI : {secret}", None, address)
            assert status == 200
            token = reply["conversation_id"]


# --- floods -----------------------------------------------------------------------------------------

def flood(send, count: int, per_minute: int) -> list[int]:
    """Statuses of `count` requests; checks that the limit let through its burst, plus what refilled
    while the flood lasted, and refused the rest."""
    started = time.monotonic()
    statuses = [send(i) for i in range(count)]
    refilled = (time.monotonic() - started) * per_minute / 60
    assert statuses[:per_minute] == [200] * per_minute, statuses
    assert set(statuses) == {200, 429} and statuses.count(200) <= per_minute + refilled + 1, (refilled, statuses)
    return statuses


def test_a_flood_from_one_address_is_limited_whatever_it_claims(door: Door) -> None:
    """120 requests a minute per address; a forged X-Real-IP or X-Forwarded-For changes nothing."""
    address = next(_addresses)
    flood(lambda i: call(door, "GET", "/webhooks/widget/config", address=address, headers={
        "X-Real-IP": f"10.9.{i // 250}.{i % 250}", "X-Forwarded-For": f"10.8.0.{i % 250}"})[0], 160, 120)


@pytest.mark.parametrize("origin, status", [(ALLOWED, 200), ("https://evil.example", 403),
                                            (ALLOWED + ".evil.example", 403), ("null", 403)])
def test_only_allowed_sites_may_call_the_widget_api(door: Door, origin: str, status: int) -> None:
    got, headers, body = call(door, "POST", "/webhooks/widget/message", {"message": "bonjour"},
                              headers={"Origin": origin})
    assert got == status
    if status == 403:
        assert body["error"]["code"] == "bad_origin" and "autorisé" in body["error"]["message"]
        assert "Access-Control-Allow-Origin" not in headers


def test_many_new_conversations_from_one_address_are_limited(door: Door) -> None:
    address = next(_addresses)
    flood(lambda _: say(door, "bonjour", address=address)[0], 50, 30)


def test_a_flood_in_one_conversation_is_limited(door: Door) -> None:
    status, body = say(door, "bonjour")
    token = body["conversation_id"]
    flood(lambda i: say(door, f"question {i}", token, next(_addresses))[0], 35, 19)  # « bonjour » took 1 of 20


def closed_after(door: Door, first_bytes: bytes, limit: float = 15.0) -> float:
    """Seconds until the server closes a connection that sent `first_bytes` and then nothing."""
    with socket.create_connection(("127.0.0.1", door.port), timeout=limit, source_address=(next(_addresses), 0)) as s:
        s.sendall(first_bytes)
        started = time.monotonic()
        try:
            while s.recv(4096):
                pass
        except TimeoutError:
            pytest.fail(f"connection still open after {limit:.0f} s")
        except ConnectionError:
            pass
        return time.monotonic() - started


def test_slow_headers_and_idle_connections_are_cut_within_seconds(door: Door) -> None:
    assert closed_after(door, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n") <= 9  # never ends its headers (5 s)
    kept_alive = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"
    assert closed_after(door, kept_alive) <= 10  # answered, then idle 5 s (Sanic and Rasa's default: 120 s)


# --- what the run left behind (runs last: pytest keeps file order) -----------------------------------------

def test_the_log_holds_no_user_text_no_personal_data_and_no_forged_line(door: Door) -> None:
    log = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in door.logs)
    assert "LOGFORGE" not in log
    assert not re.search(r"^2026-01-01 00:00:00", log, re.MULTILINE)
    for needle in ["evil.example", "Rappelez-moi", "numéro de téléphone du SREI", "DROP TABLE", "<script"]:
        assert needle not in log, needle
    digits = {re.sub(r"\D", "", s) for _, s in PERSONAL_DATA if sum(c.isdigit() for c in s) >= 9}
    flat = re.sub(r"\D", "", log)
    leaked = [d for d in digits if d in flat and d not in re.sub(r"\D", "", PHONE)]
    assert not [s for _, s in PERSONAL_DATA if s in log] and not leaked, leaked
    assert [p for log in door.logs for p in log.parent.parent.glob("must-stay-absent")] == []  # secret given


def test_stored_conversations_hold_no_personal_data(door: Door) -> None:
    stored = json.dumps([e.data for events in events_by_sender(door.tracker_url).values() for e in events],
                        ensure_ascii=False)
    assert "Rappelez-moi au sujet du PrECI" in stored  # the messages are there…
    assert [s for _, s in PERSONAL_DATA if s in stored] == []  # …masked
    assert "masqué]" in stored
