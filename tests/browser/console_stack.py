"""The assistant's real stack in the local profile (the one that serves the console), for a
browser test module: started on free ports with its own conversation store and logs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.tools.stack import Stack, StackConfig
from tests.browser.chromium import CHROMIUM
from tests.support.servers import free_port


def started_local_stack(tmp: Path, extra_env: dict[str, str] | None = None) -> Stack:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    stack = Stack(StackConfig(rasa_port=free_port(), actions_port=free_port(), extra_env=extra_env or {},
                              tracker_sqlite=tmp / "conversations.sqlite3", log_dir=tmp / "log", profile="local"))
    stack.start()
    return stack
