"""What every HTTP channel checks in client text before Rasa sees it: pure functions.

- JSON nesting is bounded before `json.loads` runs: Python's parser recurses, and a body of
  16,000 « [ » ends in a RecursionError (a 500 and a traceback) instead of a clear refusal.
- Lone UTF-16 surrogates (`"\\ud800"` is valid JSON) cannot be encoded back to UTF-8: the
  tracker store and the log fail on them, so they are refused in identifiers and dropped
  from free text.
- C0/C1 control characters (other than tab and newlines) are never typed by a person:
  refused in identifiers, turned into spaces in free text. Bidirectional overrides can make a message read differently from what it holds
  (in a staff report as in the widget): they are removed.
"""

from __future__ import annotations

import re

MAX_JSON_DEPTH = 20  # the channels' bodies are flat objects; 20 leaves room, not recursion
# C0 except tab/newline/carriage return, DEL, C1.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Bidi embeddings/overrides/isolates and the implicit marks (LRM, RLM, ALM).
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def json_depth(text: str) -> int:
    """The deepest nesting of arrays/objects in JSON `text` (strings skipped), scanning once."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    return json_depth(text) > limit


def has_bad_characters(value: str) -> bool:
    """True if `value` holds a lone surrogate or a control character a person never types."""
    return bool(_SURROGATE.search(value) or _CONTROL.search(value))


def without_bidi_controls(value: str) -> str:
    return _BIDI.sub("", value)


def cleaned(value: str) -> str:
    """Free text as Rasa may receive it: control characters become spaces, lone surrogates
    and bidirectional controls are dropped (a pasted question with a stray byte is still answered)."""
    return without_bidi_controls(_SURROGATE.sub("", _CONTROL.sub(" ", value)))


def printable_for_log(value: object, limit: int = 300) -> str:
    """`value` on one line, control characters escaped: a log line nobody can forge."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return _UNLOGGABLE.sub(_escape, text)


_UNLOGGABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
