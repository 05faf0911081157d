"""The production profile (`make serve`) against a hostile public: only the widget's door,
nothing 5xx, nothing unmasked, nothing of the user's in the log.

One public stack for the module, as behind the README's reverse proxy (TRUSTED_PROXIES=1,
REAL_IP_HEADER=X-Real-IP), so that each simulated client has its own address. The log and
the stored conversations are read at the end of the run, after every hostile input.
"""

from __future__ import annotations

import itertools
import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.stack import Stack, StackConfig
from tests.conftest import free_port
from tests.reliability.bad_inputs import Endpoint, bad_inputs
from tests.support.http import INTERNAL_DETAIL, post_raw
from tests.support.tracker import events_by_sender
from tests.unit.test_privacy import PERSONAL_DATA

pytestmark = pytest.mark.integration

SECRET = "public-profile-test-secret-" + "k" * 32
WIDGET = Endpoint("/webhooks/widget/message", "conversation", "message")
QUESTION = "Quel est le numéro de téléphone du SREI ?"
PHONE = "081 776 770"
FORGED_LINE = "2026-01-01 00:00:00,000 ERROR bot.server - LOGFORGE compte administrateur créé"
LOG_FORGERIES = [f"Bonjour\n{FORGED_LINE}", f"Bonjour\r\n{FORGED_LINE}", f"Bonjour\u2028{FORGED_LINE}",
                 f"Bonjour\u0085{FORGED_LINE}"]
INJECTED_LINKS = ["[Cliquez ici pour vous identifier](https://evil.example/login)",
                  "Votre dossier : https://evil.example/dossier?id=1 et pirate@evil.example"]
_addresses = (f"198.51.100.{i % 250 + 1}" if i < 250 else f"203.0.113.{i % 250 + 1}" for i in itertools.count())
HOSTILE_CASES = bad_inputs(WIDGET)


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Stack:
    tmp = tmp_path_factory.mktemp("public")
    config = StackConfig(rasa_port=free_port(), actions_port=free_port(), tracker_sqlite=tmp / "conversations.sqlite3",
                         log_dir=tmp / "log", profile="public",
                         extra_env={"WIDGET_SECRET": SECRET, "WIDGET_SECRET_FILE": str(tmp / "must-stay-absent"),
                                    "TRUSTED_PROXIES": "1", "REAL_IP_HEADER": "X-Real-IP"})
    stack = Stack(config)
    stack.start()
    yield stack
    stack.stop()


def call(stack: Stack, method: str, path: str, body: object = None, token: str | None = None,
         address: str | None = None, headers: dict[str, str] | None = None) -> tuple[int, dict, dict]:
    """(status, headers, JSON body) of one request from a client at `address`."""
    h = {"X-Real-IP": address or next(_addresses), **(headers or {})}
    data = json.dumps(body).encode() if body is not None else None
    if data is not None:
        h["Content-Type"] = "application/json"
    if token:
        h["X-Conversation-Id"] = token
    request = urllib.request.Request(stack.config.rasa_url + path, data=data, headers=h, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:  # noqa: S310 (loopback)
            status, hdrs, raw = resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        status, hdrs, raw = err.code, dict(err.headers), err.read()
    return status, hdrs, json.loads(raw) if raw else {}


def say(stack: Stack, text: str, token: str | None = None, address: str | None = None) -> tuple[int, dict]:
    status, _, body = call(stack, "POST", "/webhooks/widget/message", {"message": text}, token, address)
    return status, body


def bot_texts(body: dict) -> str:
    return "\n".join(m["text"] for m in body.get("messages", []))


# --- the only door ---------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path", [
    ("POST", "/webhooks/rest/webhook"), ("GET", "/webhooks/rest/"), ("GET", "/"), ("GET", "/version"),
    ("GET", "/status"), ("POST", "/model/parse"), ("GET", "/conversations/x/tracker"),
    ("POST", "/webhooks/socketio/"), ("GET", "/webhooks/widget/../rest/webhook"),
])
def test_only_the_widget_and_health_answer(public: Stack, method: str, path: str) -> None:
    status, headers, body = call(public, method, path, {"sender": "x", "message": "bonjour"} if method == "POST" else None)
    assert status in (404, 405)
    assert "rasa" not in json.dumps(body).lower() and "rasa" not in json.dumps(headers).lower()


def test_health_and_the_widget_flow_work(public: Stack) -> None:
    status, _, body = call(public, "GET", "/health")
    assert (status, body) == (200, {"status": "ok"})
    status, body = say(public, QUESTION)
    assert status == 200 and PHONE in bot_texts(body)
    status, follow = say(public, "Et son adresse ?", body["conversation_id"])
    assert status == 200 and "Saint-Aubain" in bot_texts(follow)
    status, _, history = call(public, "GET", "/webhooks/widget/history", token=body["conversation_id"])
    assert status == 200 and len(history["messages"]) >= 4


# --- hostile inputs ----------------------------------------------------------------------------------

@pytest.mark.parametrize("case", HOSTILE_CASES, ids=[c.name for c in HOSTILE_CASES])
def test_bad_input_gets_a_french_error_or_an_answer_never_a_5xx(public: Stack, case) -> None:
    response = post_raw(public.config.rasa_port, WIDGET.path, case.body, case.content_type,
                        headers={"X-Real-IP": next(_addresses)})
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
def test_forged_and_foreign_ids_are_refused(public: Stack, token: str) -> None:
    for method, path, body in (("POST", "/webhooks/widget/message", {"message": "bonjour"}),
                               ("GET", "/webhooks/widget/history", None),
                               ("POST", "/webhooks/widget/feedback", {"message_id": "a:0", "rating": "up"})):
        status, _, reply = call(public, method, path, body, token=token)
        assert status in (400, 403, 431), (path, status)
        assert status == 431 or "conversation" in reply["error"]["code"]


def test_an_id_signed_with_another_key_is_refused(public: Stack) -> None:
    from bot.channels.ids import ConversationIds

    foreign, _ = ConversationIds(b"another-deployment-" + b"z" * 32).issue()
    status, _, reply = call(public, "GET", "/webhooks/widget/history", token=foreign)
    assert status == 403 and reply["error"]["code"] == "unknown_conversation"


def test_injected_links_and_commands_never_become_links(public: Stack) -> None:
    status, body = say(public, "bonjour")
    token = body["conversation_id"]
    for text in INJECTED_LINKS:
        status, reply = say(public, text, token)
        assert status == 200
        assert all(not m["trusted_links"] and not m["links"] for m in reply["messages"])
    command = '/ask_contact{"body": "[Cliquez ici](https://evil.example/login)"}'
    status, reply = say(public, command, token)  # typed: the leading « / » is dropped
    assert status == 200 and "evil.example" not in json.dumps(reply["messages"])
    status, _, refused = call(public, "POST", "/webhooks/widget/message", {"payload": command}, token)
    assert status == 400 and refused["error"]["code"] == "unknown_choice"


def test_log_forging_attempts_are_answered(public: Stack) -> None:
    for text in LOG_FORGERIES:
        status, _ = say(public, text)
        assert status in (200, 400)


def test_personal_data_is_answered_and_stored_masked(public: Stack) -> None:
    status, body = say(public, "bonjour")
    token = body["conversation_id"]
    address = next(_addresses)
    for _, secret in PERSONAL_DATA:
        status, reply = say(public, f"Rappelez-moi au sujet du PrECI : {secret}", token, address)
        assert status in (200, 429), reply
        if status == 429:  # 20 messages a minute per conversation: go on in a new one
            status, reply = say(public, f"Rappelez-moi au sujet du PrECI : {secret}", None, address)
            assert status == 200
            token = reply["conversation_id"]


# --- floods -----------------------------------------------------------------------------------------

def test_a_flood_from_one_address_is_limited(public: Stack) -> None:
    address = next(_addresses)
    statuses = [call(public, "GET", "/webhooks/widget/config", address=address)[0] for _ in range(130)]
    assert statuses[:120] == [200] * 120 and set(statuses[120:]) == {429}


def test_many_new_conversations_from_one_address_are_limited(public: Stack) -> None:
    address = next(_addresses)
    statuses = [say(public, "bonjour", address=address)[0] for _ in range(32)]
    assert statuses[:30] == [200] * 30 and statuses[30:] == [429, 429]


def test_a_flood_in_one_conversation_is_limited(public: Stack) -> None:
    status, body = say(public, "bonjour")
    token = body["conversation_id"]
    statuses = [say(public, f"question {i}", token, next(_addresses))[0] for i in range(21)]
    assert statuses[:19] == [200] * 19 and statuses[-1] == 429


# --- what the run left behind (runs last: pytest keeps file order) -----------------------------------------

def test_the_log_holds_no_user_text_no_personal_data_and_no_forged_line(public: Stack) -> None:
    log = (public.config.log_dir / "rasa.log").read_text(encoding="utf-8", errors="replace")
    assert "LOGFORGE" not in log
    assert not re.search(r"^2026-01-01 00:00:00", log, re.MULTILINE)
    for needle in ["evil.example", "Rappelez-moi", "numéro de téléphone du SREI", "DROP TABLE", "<script"]:
        assert needle not in log, needle
    digits = {re.sub(r"\D", "", s) for _, s in PERSONAL_DATA if sum(c.isdigit() for c in s) >= 9}
    flat = re.sub(r"\D", "", log)
    leaked = [d for d in digits if d in flat and d not in re.sub(r"\D", "", PHONE)]
    assert not [s for _, s in PERSONAL_DATA if s in log] and not leaked, leaked
    assert not (Path(public.config.tracker_sqlite).parent / "must-stay-absent").exists()  # the secret was required


def test_stored_conversations_hold_no_personal_data(public: Stack) -> None:
    stored = json.dumps([e.data for events in events_by_sender(f"sqlite:///{public.config.tracker_sqlite}").values()
                         for e in events], ensure_ascii=False)
    assert "Rappelez-moi au sujet du PrECI" in stored  # the messages are there…
    assert [s for _, s in PERSONAL_DATA if s in stored] == []  # …masked
    assert "masqué]" in stored
