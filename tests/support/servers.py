"""Real PostgreSQL and Redis servers for tests: throw-away, on 127.0.0.1, on free ports.

One shared module so every test that needs a real server starts it the same way:
- `PostgresServer`: a private cluster (initdb) in a temporary folder; `stop()` and `start()`
  again keep its data, so tests can take the database down and bring it back.
- `RedisServer`: a `redis-server` process without persistence.
- pytest fixtures `postgres_server` and `redis_server` (session-scoped, imported by
  tests/conftest.py), and `fresh_database(postgres_server, prefix)` for an empty database
  per test module.

initdb and postgres refuse to run as root: as root, the cluster runs as the `postgres`
user (created by the Debian package) through `runuser`. Only processes started here are
stopped, by their PID or through pg_ctl on their own data folder.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

INSTALL_HINT = "installez-le (Debian : apt-get install postgresql redis-server ; .ci/run le fait)"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_bin(name: str) -> str:
    """Path of a PostgreSQL server program (Debian keeps them out of PATH)."""
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise RuntimeError(f"PostgreSQL introuvable ({name}) : {INSTALL_HINT}")
    return found


class PostgresServer:
    """A private PostgreSQL cluster listening on 127.0.0.1:`port`, trust authentication."""

    user = "postgres"

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.root = Path(tempfile.mkdtemp(prefix="srei-pg-"))  # under /tmp: reachable by the postgres user
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self._as_root = os.geteuid() == 0
        if self._as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run([_postgres_bin("initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust",
                   "--encoding=UTF8", "--no-locale", "--no-sync"])

    def _run(self, cmd: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
        if self._as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"« {' '.join(cmd)} » a échoué : {result.stderr.strip() or result.stdout.strip()}")
        return result

    def start(self, timeout: float = 60) -> None:
        """Start (or restart) the server and wait until it accepts connections."""
        # Test settings: no fsync (throw-away data), sockets only in our folder and on loopback.
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run([_postgres_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                   "-w", "-t", str(int(timeout)), "start"], timeout=timeout + 10)

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (its data stays); `mode` is pg_ctl's: smart, fast or immediate."""
        if (self.data / "postmaster.pid").exists():
            self._run([_postgres_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"])

    def is_running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL of `database` on this server."""
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        import psycopg2  # imported here: only tests that use PostgreSQL need it

        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user=self.user, dbname="postgres")
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute(f'CREATE DATABASE "{name}"')
        finally:
            conn.close()
        return self.url(name)

    def close(self) -> None:
        """Stop the server and delete its folder."""
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class RedisServer:
    """A `redis-server` on 127.0.0.1:`port`, without persistence."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.root = Path(tempfile.mkdtemp(prefix="srei-redis-"))
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 20) -> None:
        binary = shutil.which("redis-server")
        if not binary:
            raise RuntimeError(f"redis-server introuvable : {INSTALL_HINT}")
        with open(self.root / "redis.log", "ab") as log:
            self.proc = subprocess.Popen(
                [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--dir", str(self.root), "--protected-mode", "yes"],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while not self.ping():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"redis-server n'a pas démarré ; voir {self.root / 'redis.log'}")
            time.sleep(0.1)

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def fresh_database(server: PostgresServer, prefix: str = "test") -> str:
    """URL of a new, empty database on `server` (unique name)."""
    return server.create_database(f"{prefix}_{uuid.uuid4().hex[:8]}")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A running PostgreSQL server for the whole session."""
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A running Redis server for the whole session."""
    server = RedisServer()
    try:
        server.start()
        yield server
    finally:
        server.close()
