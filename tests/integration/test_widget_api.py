"""The widget's JSON API over real HTTP, refusing every bad input with the right status.

The channel runs in a real Sanic server mounted as `rasa run` mounts it (widget_harness.py,
a server process: hence this tier); only the dialogue is scripted, so the assistant can be
made silent, slow or broken.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from bot.channels.ids import TOKEN_PATTERN
from tests.support.facts import PHONE

HARNESS = Path(__file__).with_name("widget_harness.py")
STATIC = Path(__file__).resolve().parents[2] / "bot" / "static"
ALLOWED = "https://www.province.namur.be"
_addresses = itertools.count(1)
pytestmark = pytest.mark.integration


@dataclass
class Reply:
    status: int
    headers: Message  # case-insensitive
    body: dict

    @property
    def error(self) -> str:
        return self.body["error"]["message"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_harness(tmp: Path, port: int, env: dict[str, str], channels: str = "widget") -> subprocess.Popen:
    """The harness server with `channels` mounted, once it answers on `port`."""
    with open(tmp / f"harness-{channels}.log", "wb") as log:
        proc = subprocess.Popen([sys.executable, str(HARNESS), str(port), channels], env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health-of-nothing", timeout=1):
                break
        except urllib.error.HTTPError:
            break  # the server answers (404): it is up
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"harness exited: {(tmp / f'harness-{channels}.log').read_text()[-2000:]}")
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("harness did not start")
    return proc


@pytest.fixture(scope="module")
def api_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("widget-harness")
    port = free_port()
    env = dict(os.environ, WIDGET_SECRET="unit-test-secret-" + "x" * 32, WIDGET_ALLOWED_ORIGINS=ALLOWED,
               WIDGET_REPLY_TIMEOUT="1", WIDGET_RATE_PER_CONVERSATION="8", WIDGET_RATE_PER_ADDRESS="20",
               WIDGET_NEW_CONVERSATIONS_PER_ADDRESS="5", WIDGET_MAX_TURNS="40",
               WIDGET_SECRET_FILE=str(tmp / "unused"), SQLALCHEMY_SILENCE_UBER_WARNING="1")
    proc = start_harness(tmp, port, env)
    url = f"http://127.0.0.1:{port}/webhooks/widget"
    yield url
    proc.terminate()
    proc.wait(10)


class Client:
    """One browser-like client: its own address (X-Real-IP, as set by a reverse proxy)."""

    def __init__(self, api_url: str):
        self.base = api_url
        self.address = f"10.0.{next(_addresses)}.1"
        self.token: str | None = None

    def call(self, method: str, path: str, body: object = None, raw: bytes | None = None,
             content_type: str | None = "application/json", headers: dict[str, str] | None = None,
             token: str | None = None) -> Reply:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        h = {"X-Real-IP": self.address, **(headers or {})}
        if data is not None and content_type:
            h["Content-Type"] = content_type
        if token or self.token:
            h["X-Conversation-Id"] = token or self.token
        req = urllib.request.Request(self.base + path, data=data, headers=h, method=method)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                status, hdrs, payload = resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as err:
            status, hdrs, payload = err.code, err.headers, err.read()
        return Reply(status, hdrs, json.loads(payload) if payload else {})

    def say(self, text: str) -> Reply:
        reply = self.call("POST", "/message", {"message": text})
        if reply.status == 200:
            self.token = reply.body["conversation_id"]
        return reply


@pytest.fixture
def client(api_url: str) -> Client:
    return Client(api_url)


def assert_french_error(reply: Reply, status: int, code: str) -> None:
    assert reply.status == status, reply.body
    assert reply.body["error"]["code"] == code
    assert len(reply.error) > 20 and reply.headers["Content-Type"].startswith("application/json")


# --- the happy path ------------------------------------------------------------------------------

def test_first_message_opens_a_new_signed_conversation(client: Client) -> None:
    reply = client.say("bonjour")
    assert reply.status == 200
    assert TOKEN_PATTERN.match(reply.body["conversation_id"])
    assert reply.body["code"] == "w-" + reply.body["conversation_id"].split(".")[0]
    (message,) = reply.body["messages"]
    assert message["text"] == "Écho : bonjour" and message["sender"] == "bot"
    assert reply.headers["Cache-Control"] == "no-store"


def test_a_missing_id_never_joins_someone_elses_conversation(client: Client, api_url: str) -> None:
    client.say("mon secret")
    other = Client(api_url)
    other.say("bonjour")
    assert other.token != client.token
    texts = [m["text"] for m in other.call("GET", "/history").body["messages"]]
    assert "mon secret" not in texts


def test_history_restores_the_conversation_with_the_live_ids(client: Client) -> None:
    first = client.say("bonjour").body["messages"]
    second = client.say("deux réponses").body["messages"]
    assert [m["text"] for m in second] == ["Première partie.\n\nAvec un paragraphe.", "Seconde réponse."]
    shown = client.call("GET", "/history").body["messages"]
    assert [(m["sender"], m["text"]) for m in shown] == [
        ("user", "bonjour"), ("bot", "Écho : bonjour"), ("user", "deux réponses"),
        ("bot", "Première partie.\n\nAvec un paragraphe."), ("bot", "Seconde réponse.")]
    assert [m["id"] for m in shown if m["sender"] == "bot"] == [m["id"] for m in first + second]


def test_a_button_the_bot_offered_is_sent_with_its_title_in_the_history(client: Client) -> None:
    buttons = client.say("boutons").body["messages"][0]["buttons"]
    assert buttons[0] == {"title": "Contacter le service", "payload": "/ask_contact"}
    reply = client.call("POST", "/message", {"payload": "/ask_contact"})
    assert reply.status == 200 and PHONE in reply.body["messages"][0]["text"]
    shown = client.call("GET", "/history").body["messages"]
    assert ("user", "Contacter le service") in [(m["sender"], m["text"]) for m in shown]


def test_typed_text_cannot_trigger_an_intent(client: Client) -> None:
    assert client.say("/ask_contact").body["messages"][0]["text"] == "Écho : ask_contact"


def test_feedback_is_recorded_once_and_shown_after_reload(client: Client) -> None:
    answer = client.say("bonjour").body["messages"][0]
    reply = client.call("POST", "/feedback", {"message_id": answer["id"], "rating": "up"})
    assert reply.status == 200 and reply.body["recorded"] is True
    assert reply.body["messages"][0]["rateable"] is False  # no thumbs on the « thank you »
    again = client.call("POST", "/feedback", {"message_id": answer["id"], "rating": "down"})
    assert_french_error(again, 409, "feedback_exists")
    shown = client.call("GET", "/history").body["messages"]
    rated = next(m for m in shown if m["id"] == answer["id"])
    assert rated["feedback"] == "up"
    assert "/feedback_positive" not in [m["text"] for m in shown]


def test_config_gives_texts_limits_and_the_contact_from_the_knowledge_base(client: Client) -> None:
    body = client.call("GET", "/config").body
    assert body["max_length"] == 1000 and body["retention_days"] == 90
    assert PHONE in body["contact"]
    assert body["texts"]["launcher"] and "{days}" in body["texts"]["notice"]


# --- bad inputs --------------------------------------------------------------------------------------

def test_a_message_over_1000_characters_is_refused_with_413(client: Client) -> None:
    assert client.say("é" * 1000).status == 200
    reply = client.say("é" * 1001)
    assert_french_error(reply, 413, "too_long")
    assert "1000" in reply.error


@pytest.mark.parametrize("raw, content_type, status, code", [
    (b'{"message": "x"}', "text/plain", 415, "unsupported_media_type"),
    (b'{"message": "x"}', None, 415, "unsupported_media_type"),
    (bytes(range(256)), "application/octet-stream", 415, "unsupported_media_type"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "application/json", 400, "not_utf8"),
    (b'{"message": "x"', "application/json", 400, "invalid_json"),
    (b"[]", "application/json", 400, "not_object"),
    (b'{"message": 42}', "application/json", 400, "invalid_field"),
    (b'{"message": null}', "application/json", 400, "invalid_field"),
    (b'{"message": ["a"]}', "application/json", 400, "invalid_field"),
    (b'{"text": "bonjour"}', "application/json", 400, "invalid_field"),
    (b'{"message": "a", "payload": "/b"}', "application/json", 400, "invalid_field"),
    (b'{"message": "   "}', "application/json", 400, "empty_message"),
    (b'{"message": "' + b"a" * 20_000 + b'"}', "application/json", 413, "body_too_large"),
    (b"[" * 16_000, "application/json", 400, "invalid_json"),
    (b'{"message": "x", "a": ' + b"[" * 30 + b"]" * 30 + b"}", "application/json", 400, "invalid_json"),
], ids=["text-plain", "no-type", "binary", "png-as-json", "truncated", "array", "number", "null", "list",
        "wrong-field", "both-fields", "blank", "huge-body", "16000-deep", "31-deep"])
def test_malformed_bodies_are_refused(client: Client, raw: bytes, content_type, status: int, code: str) -> None:
    assert_french_error(client.call("POST", "/message", raw=raw, content_type=content_type), status, code)


@pytest.mark.parametrize("raw", [b'{"message": "a\\u0000b"}', b'{"message": "a\\ud800b"}', b'{"message": "a\\udfffb"}',
                                 '{"message": "a\u0085b"}'.encode(), b'{"message": "a\\u001bb"}'],
                         ids=["nul-char", "lone-high-surrogate", "lone-low-surrogate", "c1-control", "escape-char"])
def test_stray_characters_are_cleaned_as_on_every_channel(client: Client, raw: bytes) -> None:
    reply = client.call("POST", "/message", raw=raw, content_type="application/json")
    assert reply.status == 200 and reply.body["messages"][0]["text"] in ("Écho : a b", "Écho : ab")


def test_bidi_overrides_are_removed_from_the_text_rasa_receives(client: Client) -> None:
    reply = client.say("bonjour \u202egpj.exe\u202c \u2066fin\u2069")
    assert reply.status == 200
    assert reply.body["messages"][0]["text"] == "Écho : bonjour gpj.exe fin"


def test_forged_guessed_or_malformed_ids_are_refused(client: Client) -> None:
    client.say("bonjour")
    random_part, tag = client.token.split(".")
    forged = f"{random_part}.{tag[::-1]}"
    guessed = "A" * 22 + "." + "B" * 22
    for token in (forged, guessed):
        assert_french_error(client.call("POST", "/message", {"message": "x"}, token=token), 403, "unknown_conversation")
        assert_french_error(client.call("GET", "/history", token=token), 403, "unknown_conversation")
    assert_french_error(client.call("GET", "/history", token="w-" + random_part), 400, "malformed_conversation")


def test_history_and_feedback_need_a_conversation(client: Client) -> None:
    assert_french_error(client.call("GET", "/history"), 400, "missing_conversation")
    assert_french_error(client.call("POST", "/feedback", {"message_id": "a:0", "rating": "up"}), 400,
                        "missing_conversation")


def test_only_offered_buttons_and_existing_answers_are_accepted(client: Client) -> None:
    assert_french_error(client.call("POST", "/message", {"payload": "/ask_contact"}), 400, "missing_conversation")
    client.say("bonjour")
    assert_french_error(client.call("POST", "/message", {"payload": "/restart"}), 400, "unknown_choice")
    assert_french_error(client.call("POST", "/feedback", {"message_id": "nope:0", "rating": "up"}), 404,
                        "unknown_message")
    assert_french_error(client.call("POST", "/feedback", {"message_id": "nope:0", "rating": "meh"}), 400,
                        "invalid_field")


def test_too_many_messages_in_one_conversation_get_a_polite_429(api_url: str) -> None:
    client = Client(api_url)
    statuses = [client.say(f"message {i}").status for i in range(9)]
    assert statuses == [200] * 8 + [429]
    reply = client.say("encore")
    assert_french_error(reply, 429, "rate_limited")
    assert "patienter" in reply.error and int(reply.headers["Retry-After"]) >= 1


def test_too_many_requests_from_one_address_get_a_429(api_url: str) -> None:
    client = Client(api_url)
    statuses = [client.call("GET", "/config").status for _ in range(21)]
    assert statuses[:20] == [200] * 20 and statuses[20] == 429
    assert Client(api_url).call("GET", "/config").status == 200  # another address is unaffected


def test_new_conversations_from_one_address_are_bounded(api_url: str) -> None:
    """Leaving out the conversation id starts a new one each time: that is limited per address too."""
    client = Client(api_url)
    statuses = [client.call("POST", "/message", {"message": f"bonjour {i}"}).status for i in range(6)]
    assert statuses == [200] * 5 + [429]
    reply = client.call("POST", "/message", {"message": "encore"})
    assert_french_error(reply, 429, "new_conversations_limited")
    assert Client(api_url).say("bonjour").status == 200  # another address is unaffected


def test_a_conversation_has_a_length_cap(client: Client) -> None:
    assert client.say("longue conversation").status == 200
    reply = client.say("et encore une question")
    assert_french_error(reply, 429, "conversation_too_long")
    assert "40" in reply.error and "Nouvelle conversation" in reply.error


# --- CORS -----------------------------------------------------------------------------------------

def test_allowlisted_origin_gets_cors_headers_and_preflight(client: Client) -> None:
    pre = client.call("OPTIONS", "/message", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST",
                                                     "Access-Control-Request-Headers": "content-type,x-conversation-id"})
    assert pre.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "X-Conversation-Id" in pre.headers["Access-Control-Allow-Headers"]
    reply = client.call("POST", "/message", {"message": "bonjour"}, headers={"Origin": ALLOWED})
    assert reply.status == 200 and reply.headers["Access-Control-Allow-Origin"] == ALLOWED


@pytest.mark.parametrize("origin", ["https://evil.example", ALLOWED + ".evil.example", "http://www.province.namur.be",
                                    "https://www.province.namur.be:8443", "null"])
def test_other_origins_are_refused_without_cors_headers(client: Client, origin: str) -> None:
    reply = client.call("POST", "/message", {"message": "bonjour"}, headers={"Origin": origin})
    assert_french_error(reply, 403, "bad_origin")
    assert "Access-Control-Allow-Origin" not in reply.headers
    pre = client.call("OPTIONS", "/message", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in pre.headers


def test_the_page_served_from_the_same_host_may_call_the_api(client: Client, api_url: str) -> None:
    own = api_url.split("/webhooks")[0]
    assert client.call("POST", "/message", {"message": "bonjour"}, headers={"Origin": own}).status == 200


# --- failures of the assistant ---------------------------------------------------------------------

@pytest.mark.parametrize("trigger, code", [("silence", "unavailable"), ("panne", "unavailable"), ("lent", "timeout")])
def test_a_failing_assistant_gives_a_french_message_with_the_contact_within_5_s(client: Client, trigger: str,
                                                                               code: str) -> None:
    started = time.monotonic()
    reply = client.say(trigger)
    assert time.monotonic() - started < 5
    assert_french_error(reply, 503, code)
    assert PHONE in reply.error


# --- static files -------------------------------------------------------------------------------------

def test_demo_page_is_served_under_a_strict_content_security_policy(api_url: str) -> None:
    with urllib.request.urlopen(api_url + "/demo", timeout=5) as resp:
        csp = resp.headers["Content-Security-Policy"]
        page = resp.read().decode()
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.count("<script") == 1 and 'src="/webhooks/widget/widget.js"' in page
    assert "style=" not in page and "onclick" not in page


@pytest.mark.parametrize("name, content_type", [("widget.js", "text/javascript"), ("widget.css", "text/css")])
def test_widget_files_are_served_with_their_type(api_url: str, name: str, content_type: str) -> None:
    with urllib.request.urlopen(f"{api_url}/{name}", timeout=5) as resp:
        assert resp.headers["Content-Type"].startswith(content_type)
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.read() == (STATIC / name).read_bytes()


def test_widget_weighs_under_30_kb_compressed() -> None:
    size = sum(len(gzip.compress((STATIC / n).read_bytes(), 9)) for n in ("widget.js", "widget.css"))
    assert size <= 30 * 1024


def test_widget_never_parses_text_as_html() -> None:
    source = (STATIC / "widget.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source
