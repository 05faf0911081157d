"""Every response of the domain is used: by a rule or story, or by an action that fills it.

`rasa data validate` only sees rules and stories, so it calls the templates the actions
fill « not used »; this test is the check that really catches a dead response.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r"""["'](utter_[a-z0-9_]+)["']""")
# f"utter_contact_line_{c.kind}": every response starting with the fixed part may be used.
PREFIX = re.compile(r"""f["'](utter_[a-z0-9_]+)\{""")


def test_no_response_is_dead(domain):
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "actions").glob("*.py"))
    used = set(LITERAL.findall(code))
    prefixes = tuple(PREFIX.findall(code))
    for name in ("rules.yml", "stories.yml"):
        data = yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))
        for block in data.get("rules", []) + data.get("stories", []):
            used |= {step["action"] for step in block["steps"] if "action" in step}
    dead = [r for r in domain["responses"] if r not in used and not r.startswith(prefixes)]
    assert dead == []


def test_dynamic_response_families_are_complete(domain, kb):
    """The kinds the content may use all have their template (contact lines, partnership kinds)."""
    responses = domain["responses"]
    for c in kb.contacts():
        assert f"utter_contact_line_{c.kind}" in responses
    for p in kb.partnerships():
        assert f"utter_partnership_kind_{p.kind.replace('-', '_')}" in responses
