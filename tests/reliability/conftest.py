"""Targets of the reliability tests: the embedded stack (SQLite) and a scaled-out one.

`scaled` is the set-up of the README's "plusieurs instances" section, configuration only:
real PostgreSQL (conversations and knowledge base) and Redis (locks), one action server,
two Rasa instances started from bot/endpoints.scale.yml and environment variables.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.tools.stack import Stack, StackConfig
from tests.conftest import ROOT, free_port
from tests.support.servers import PostgresServer, RedisServer, fresh_database


@dataclass
class Target:
    """One assistant to send messages to, and where it stores conversations."""

    name: str
    stack: Stack
    tracker_url: str

    @property
    def url(self) -> str:
        return self.stack.config.rasa_url

    @property
    def port(self) -> int:
        return self.stack.config.rasa_port


@dataclass
class Scaled:
    """Two Rasa instances sharing PostgreSQL, Redis and one action server."""

    pg: PostgresServer
    redis: RedisServer
    a: Stack  # runs the action server too
    b: Stack
    tracker_url: str
    kb_url: str


def build_knowledge(url: str) -> None:
    """`python -m knowledge build` into `url`, as staff would."""
    result = subprocess.run([sys.executable, "-m", "knowledge", "build"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "KNOWLEDGE_DB_URL": url}, timeout=300)
    assert result.returncode == 0, result.stderr


def scale_env(pg: PostgresServer, redis: RedisServer, tracker_db: str, kb_url: str) -> dict[str, str]:
    """The environment variables of the scaled-out set-up (README, « Plusieurs instances »)."""
    return {
        "TRACKER_DB_HOST": "127.0.0.1", "TRACKER_DB_PORT": str(pg.port), "TRACKER_DB_NAME": tracker_db,
        "TRACKER_DB_USER": pg.user, "TRACKER_DB_PASSWORD": "",
        "REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(redis.port), "REDIS_DB": "0",
        "KNOWLEDGE_DB_URL": kb_url,
        # Behind the README's reverse proxy: it sets X-Real-IP, the rate limiter reads it.
        "TRUSTED_PROXIES": "1", "REAL_IP_HEADER": "X-Real-IP", "WIDGET_SECRET": "scale-test-secret-" + "s" * 32,
    }


@pytest.fixture(scope="session")
def scaled(postgres_cluster: PostgresServer, redis_server: RedisServer,
           tmp_path_factory: pytest.TempPathFactory) -> Scaled:
    tmp = tmp_path_factory.mktemp("scaled")
    kb_url = fresh_database(postgres_cluster, "knowledge")
    build_knowledge(kb_url)
    tracker_url = fresh_database(postgres_cluster, "conversations")
    env = scale_env(postgres_cluster, redis_server, tracker_url.rsplit("/", 1)[1], kb_url)
    endpoints = ROOT / "bot" / "endpoints.scale.yml"
    unused_sqlite = tmp / "must-stay-absent.sqlite3"  # proves conversations do not go to SQLite
    a = Stack(StackConfig(rasa_port=free_port(), actions_port=free_port(), endpoints=endpoints,
                          tracker_sqlite=unused_sqlite, log_dir=tmp / "log-a", extra_env=env))
    b = Stack(StackConfig(rasa_port=free_port(), actions_port=a.config.actions_port, start_actions=False,
                          endpoints=endpoints, tracker_sqlite=unused_sqlite, log_dir=tmp / "log-b", extra_env=env))
    try:
        with ThreadPoolExecutor(2) as pool:  # both Rasa instances load their model at the same time
            for started in [pool.submit(a.start, 240), pool.submit(b.start, 240)]:
                started.result()
        yield Scaled(postgres_cluster, redis_server, a, b, tracker_url, kb_url)
    finally:
        b.stop()
        a.stop()


def sqlite_target(stack: Stack) -> Target:
    return Target("sqlite", stack, f"sqlite:///{stack.config.tracker_sqlite}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def target(request: pytest.FixtureRequest) -> Target:
    """The embedded stack (SQLite tracker store), then a scaled-out instance (PostgreSQL)."""
    if request.param == "sqlite":
        return sqlite_target(request.getfixturevalue("stack"))
    scaled_stack: Scaled = request.getfixturevalue("scaled")
    return Target("postgresql", scaled_stack.a, scaled_stack.tracker_url)


def log_text(stack: Stack) -> str:
    """Everything the stack's servers have logged so far."""
    return " ".join(p.read_text(errors="replace") for p in Path(stack.config.log_dir).glob("*.log"))
