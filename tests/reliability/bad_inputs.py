"""The bad-input table: what hostile or broken clients send, and what they must get back.

Data only, so that it can be pointed at any JSON chat endpoint: an `Endpoint` says where
to post and how a normal request body is built (its conversation and message fields);
`bad_inputs(endpoint)` derives every case from it. The REST channel's endpoint is `REST`;
the widget channel can define its own `Endpoint` and reuse the table and the test.

Expectations: "error" = a 4xx status with a French message in JSON; "answer" = 200 with at
least one bot text. Every case also requires: no internal detail in the body, the server
still answers the next normal question, and nothing echoed that a browser could run.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
ANSWER = "answer"


@dataclass(frozen=True)
class Endpoint:
    """A JSON chat endpoint: its path and how a well-formed body looks."""

    path: str
    conversation_field: str
    message_field: str
    extra: dict[str, Any] = field(default_factory=dict)  # other fields a well-formed body needs

    def body(self, conversation: Any = None, message: Any = None, drop: tuple[str, ...] = (),
             **more: Any) -> dict[str, Any]:
        data = {**self.extra, self.conversation_field: conversation or new_conversation(),
                self.message_field: message}
        data.update(more)
        for key in drop:
            data.pop(key, None)
        return data


REST = Endpoint("/webhooks/rest/webhook", "sender", "message")


def new_conversation() -> str:
    return f"bad-{uuid.uuid4().hex[:12]}"


@dataclass(frozen=True)
class BadInput:
    name: str
    body: bytes
    expect: str  # ERROR or ANSWER
    statuses: tuple[int, ...] = (400,)  # accepted statuses for an ERROR
    content_type: str | None = "application/json"


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def bad_inputs(ep: Endpoint) -> list[BadInput]:
    """Every bad input, for endpoint `ep`."""
    c, m = ep.conversation_field, ep.message_field
    ok = "Comment joindre le SREI ?"
    deep_list: Callable[[int], Any] = lambda n: json.loads("[" * n + "]" * n)  # noqa: E731
    cases = [
        # Bodies that are not a JSON object.
        BadInput("empty body", b"", ERROR),
        BadInput("whitespace-only body", b" \n\t \r\n", ERROR),
        BadInput("plain text body", b"bonjour", ERROR),
        BadInput("invalid UTF-8", b'{"' + c.encode() + b'": "x", "' + m.encode() + b'": "bonj\xff\xfeour"}', ERROR),
        BadInput("binary noise", bytes(range(256)) * 4, ERROR, content_type="application/octet-stream"),
        BadInput("JSON array", _json([ep.body(message=ok)]), ERROR),
        BadInput("JSON number", b"42", ERROR),
        BadInput("JSON null", b"null", ERROR),
        BadInput("JSON string", _json(ok), ERROR),
        BadInput("truncated JSON", _json(ep.body(message=ok))[:-3], ERROR),
        # Wrong types and missing fields.
        BadInput("message is a number", _json(ep.body(message=42)), ERROR),
        BadInput("message is a list", _json(ep.body(message=[ok])), ERROR),
        BadInput("message is an object", _json(ep.body(message={"text": ok})), ERROR),
        BadInput("message is null", _json(ep.body(message=None)), ERROR),
        BadInput("message is true", _json(ep.body(message=True)), ERROR),
        BadInput("message missing", _json(ep.body(drop=(m,))), ERROR),
        BadInput("conversation missing", _json(ep.body(message=ok, drop=(c,))), ERROR),
        BadInput("conversation is a number", _json({**ep.body(message=ok), c: 12345}), ERROR),
        BadInput("conversation is an object", _json({**ep.body(message=ok), c: {"id": "x"}}), ERROR),
        BadInput("conversation is empty", _json({**ep.body(message=ok), c: ""}), ERROR),
        BadInput("conversation has a NUL", _json({**ep.body(message=ok), c: "abc\u0000def"}), ERROR),
        BadInput("conversation of 10 000 characters", _json({**ep.body(message=ok), c: "x" * 10_000}), ERROR),
        # Empty, whitespace, control characters.
        BadInput("empty message", _json(ep.body(message="")), ERROR),
        BadInput("whitespace-only message", _json(ep.body(message=" \n\t\u00a0 ")), ERROR),
        BadInput("NUL-only message", _json(ep.body(message="\u0000\u0000\u0000")), ERROR),
        BadInput("NUL bytes inside a question", _json(ep.body(message="Comment joindre\u0000 le SREI\u0000 ?")), ANSWER),
        BadInput("control characters", _json(ep.body(message="\u0007\u001b[31mComment joindre le SREI ?\u001b[0m")),
                 ANSWER),
        # Size.
        BadInput("10 KB message", _json(ep.body(message=(ok + " ") * 400)), ERROR, (413,)),
        BadInput("10 MB body", _json(ep.body(message="x" * 10_000_000)), ERROR, (413,)),
        # Nesting.
        # 40 KB: refused as too deep, or as too large where the body limit (MAX_BODY_BYTES) is lower.
        BadInput("deep nesting (20 000 levels)", ("[" * 20_000 + "]" * 20_000).encode(), ERROR, (400, 413)),
        BadInput("deeply nested message", _json(ep.body(message=deep_list(500))), ERROR),
        BadInput("deeply nested extra field", _json(ep.body(message=ok, extra_field=deep_list(500))), ERROR),
        # Typed /intent{...} shortcuts.
        BadInput("shortcut with SQL in an entity",
                 _json(ep.body(message='/ask_contact{"body":"\'; DROP TABLE events;--"}')), ANSWER),
        BadInput("shortcut to an unknown intent", _json(ep.body(message="/drop_all_tables")), ANSWER),
        BadInput("shortcut with broken JSON", _json(ep.body(message='/ask_contact{"body": ')), ERROR),
        BadInput("shortcut with a list entity", _json(ep.body(message='/ask_contact{"body":["namur",1]}')), ERROR),
        BadInput("shortcut with an object entity",
                 _json(ep.body(message='/ask_contact{"body":{"$ne":null}}')), ERROR),
        BadInput("shortcut with a 900-character entity",
                 _json(ep.body(message='/ask_contact{"body":"' + "a" * 900 + '"}')), ERROR),
        # SQL metacharacters, HTML, scripts.
        BadInput("SQL injection in a question", _json(ep.body(message="Comment joindre le SREI ?' OR '1'='1")), ANSWER),
        BadInput("SQL comment and drop", _json(ep.body(message="namur'; DROP TABLE events; --")), ANSWER),
        BadInput("SQL in an entity name",
                 _json(ep.body(message='Quel est le numéro de "Namur"); DELETE FROM events; --')), ANSWER),
        BadInput("script tag", _json(ep.body(message="<script>alert('x')</script> le numéro du SREI ?")), ANSWER),
        BadInput("img onerror", _json(ep.body(message='<img src=x onerror="alert(1)"> adresse du SREI')), ANSWER),
        BadInput("javascript: link", _json(ep.body(message="javascript:alert(document.cookie)")), ANSWER),
        BadInput("markdown javascript link", _json(ep.body(message="[cliquez](javascript:alert(1))")), ANSWER),
        # Unicode floods.
        BadInput("emoji flood", _json(ep.body(message="😀🎉🇧🇪" * 250)), ANSWER),
        BadInput("emoji flood over the limit", _json(ep.body(message="😀" * 5_000)), ERROR, (413,)),
        BadInput("combining-mark flood", _json(ep.body(message="e" + "\u0301" * 900)), ANSWER),
        BadInput("right-to-left override", _json(ep.body(message="\u202eIRES el erdnioj tnemmoC")), ANSWER),
        # Valid JSON that is not valid Unicode: answered by REST (cleaned), refused by the widget.
        BadInput("lone surrogates", json.dumps(ep.body(message="Comment joindre le SREI ? \ud800\udfff\ud83d")).encode(),
                 ANSWER),
        BadInput("C1 controls", _json(ep.body(message="Comment joindre\u0085 le SREI\u009b ?")), ANSWER),
        # Fields a client should not control.
        BadInput("forged channel and metadata",
                 _json(ep.body(message=ok, input_channel="admin", metadata={"role": "admin", "x": "y" * 5_000})),
                 ANSWER),
    ]
    names = [case.name for case in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    return cases
