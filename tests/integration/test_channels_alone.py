"""Each channel carries the server's shared guards by itself: removing one changes nothing for the other.

The harness server (widget_harness.py: Rasa's channel mounting, a scripted agent) runs with
the REST channel alone, the widget alone and both; the same requests get the same answers.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request

import pytest

from tests.integration.test_widget_api import free_port, start_harness

pytestmark = pytest.mark.integration  # three harness servers
SECRET = "channels-alone-secret-" + "x" * 32
REST_REQUESTS = [  # (path, body): answered, refused by the shared parser, by Sanic, by the router
    ("/webhooks/rest/webhook", b'{"sender": "a", "message": "bonjour"}'),
    ("/webhooks/rest/webhook", b'{"sender": "a", "message": "bon\\u0000jour\\ud800"}'),
    ("/webhooks/rest/webhook", b'{"sender": "a"}'),
    ("/webhooks/rest/webhook", b"[]"),
    ("/webhooks/rest/webhook", b'{"sender": "a", "message": "' + b"x" * 20_000 + b'"}'),
    ("/webhooks/rest/webhook", b'{"sender": "a", "message": "/ask{\\"b\\": [1]}"}'),
    ("/nulle/part", b"{}"),
]
WIDGET_REQUESTS = [("/webhooks/widget/message", b'{"message": "bonjour"}'),
                   ("/webhooks/widget/message", b"[]"),
                   ("/nulle/part", b"{}")]


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    tmp = tmp_path_factory.mktemp("channels-alone")
    env = dict(os.environ, WIDGET_SECRET=SECRET, WIDGET_SECRET_FILE=str(tmp / "unused"))
    ports, procs = {}, []
    for channels in ("rest", "widget", "widget,rest"):
        ports[channels] = free_port()
        procs.append(start_harness(tmp, ports[channels], env, channels))
    yield ports
    for proc in procs:
        proc.terminate()
        proc.wait(10)


def post(port: int, path: str, body: bytes) -> tuple[int, object]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def without_ids(body: object) -> object:
    """A widget answer without its per-conversation identifiers."""
    if isinstance(body, dict):
        return {k: without_ids(v) for k, v in body.items() if k not in ("conversation_id", "code", "id")}
    return [without_ids(item) for item in body] if isinstance(body, list) else body


@pytest.mark.parametrize(("path", "body"), REST_REQUESTS, ids=["answer", "cleaned", "no message", "array",
                                                              "too large", "bad command", "unknown path"])
def test_the_rest_channel_answers_the_same_alone_or_beside_the_widget(servers, path: str, body: bytes) -> None:
    alone, beside = post(servers["rest"], path, body), post(servers["widget,rest"], path, body)
    assert alone == beside
    status, answer = alone
    if status != 200:
        assert set(answer) == {"error"} and answer["error"]["message"] and answer["error"]["code"]


@pytest.mark.parametrize(("path", "body"), WIDGET_REQUESTS, ids=["answer", "array", "unknown path"])
def test_the_widget_answers_the_same_alone_or_beside_the_rest_channel(servers, path: str, body: bytes) -> None:
    (status, answer), (status_beside, answer_beside) = post(servers["widget"], path, body), \
        post(servers["widget,rest"], path, body)
    assert (status, without_ids(answer)) == (status_beside, without_ids(answer_beside))
    if status != 200:
        assert set(answer) == {"error"} and answer["error"]["message"]


def test_both_channels_refuse_in_one_shape_and_clean_text_alike(servers) -> None:
    port = servers["widget,rest"]
    rest = post(port, "/webhooks/rest/webhook", b'{"sender": "s", "message": "a\\u0000b"}')
    widget = post(port, "/webhooks/widget/message", b'{"message": "a\\u0000b"}')
    assert rest[1][0]["text"] == widget[1]["messages"][0]["text"] == "Écho : a b"
    assert post(port, "/webhooks/rest/webhook", b"[]") == post(port, "/webhooks/widget/message", b"[]")
