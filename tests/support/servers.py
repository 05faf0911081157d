"""Real PostgreSQL, Redis and nginx servers for tests: throw-away, on 127.0.0.1, on free ports.

One shared module so every test that needs a real server starts it the same way:
- `PostgresServer`: a private cluster (initdb) in a temporary folder; `stop()` and `start()`
  again keep its data, so tests can take the database down and bring it back.
- `RedisServer`: a `redis-server` process without persistence.
- `NginxServer`: Debian's nginx with a given http-level configuration (the README's recipe),
  its files in a temporary folder.
- pytest fixtures (imported by tests/conftest.py):
  `postgres_server` (session): URL of the cluster's `postgres` database, or of the server
  named by TEST_POSTGRES_URL; `postgres_db`: URL of a fresh, empty database for one test;
  `postgres_cluster` (session): the `PostgresServer` itself, for tests that stop and
  restart it; `redis_server` (session): the `RedisServer`.
- `create_database(server_url, name)` and `fresh_database(cluster, prefix)`.

Tests are skipped, with the reason, only when the server programs are not installed
(.ci/run installs them). initdb and postgres refuse to run as root: as root, the cluster
runs as the `postgres` user (created by the Debian package; else `nobody`) through
`runuser`. Only processes started here are stopped, by their PID or through pg_ctl on
their own data folder.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
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
_counter = itertools.count(1)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _postgres_bin(name: str) -> str | None:
    """Path of a PostgreSQL server program, newest version first (Debian keeps them out of PATH)."""
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                      key=lambda p: [int(x) for x in Path(p).parent.parent.name.split(".") if x.isdigit()])
    return versions[-1] if versions else shutil.which(name)


def _run_as() -> str | None:
    """The system user to run PostgreSQL as when we are root, else None (ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("root, et ni l'utilisateur « postgres » ni « nobody » n'existent")


def postgres_installed() -> bool:
    return bool(_postgres_bin("initdb") and _postgres_bin("pg_ctl"))


class PostgresServer:
    """A private PostgreSQL cluster listening on 127.0.0.1:`port`, trust authentication."""

    user = "postgres"

    def __init__(self, port: int | None = None):
        if not postgres_installed():
            raise RuntimeError(f"PostgreSQL introuvable (initdb, pg_ctl) : {INSTALL_HINT}")
        self.port = port or free_port()
        self.root = Path(tempfile.mkdtemp(prefix="srei-pg-"))  # under /tmp: reachable by the server's user
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self._system_user = _run_as()
        if self._system_user:
            entry = pwd.getpwnam(self._system_user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        self._run([_postgres_bin("initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust",
                   "--encoding=UTF8", "--no-locale", "--no-sync"])

    def _run(self, cmd: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
        if self._system_user:
            cmd = ["runuser", "-u", self._system_user, "--", *cmd]
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
        return create_database(self.url(), name)

    def close(self) -> None:
        """Stop the server and delete its folder."""
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def stop_process(proc: subprocess.Popen | None) -> None:
    """Stop a server process this module started: SIGTERM, then SIGKILL after 10 s."""
    if proc and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


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
        stop_process(self.proc)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


class NginxServer:
    """`nginx` in the foreground with `site` (http-level directives) included, on 127.0.0.1."""

    def __init__(self, site: str):
        self.root = Path(tempfile.mkdtemp(prefix="srei-nginx-"))
        (self.root / "site.conf").write_text(site, encoding="utf-8")
        temp = " ".join(f"{kind}_temp_path {self.root / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                            "uwsgi", "scgi"))
        (self.root / "nginx.conf").write_text(
            f"worker_processes 1;\nerror_log {self.root / 'error.log'} warn;\npid {self.root / 'nginx.pid'};\n"
            f"events {{ worker_connections 512; }}\n"
            f"http {{ access_log off; {temp} include {self.root / 'site.conf'}; }}\n", encoding="utf-8")
        self.proc: subprocess.Popen | None = None

    def start(self, port: int, timeout: float = 20) -> None:
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(binary).exists():
            raise RuntimeError("nginx introuvable : apt-get install nginx (.ci/run le fait)")
        with open(self.root / "stdout.log", "ab") as log:
            self.proc = subprocess.Popen([binary, "-p", str(self.root), "-c", str(self.root / "nginx.conf"),
                                          "-g", "daemon off;"], stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"nginx n'a pas démarré ; voir {self.root}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        stop_process(self.proc)
        self.proc = None


def create_database(server_url: str, name: str) -> str:
    """(Re)create the empty database `name` on the server of `server_url`; returns its URL."""
    from sqlalchemy import create_engine, text  # only tests that use PostgreSQL need them
    from sqlalchemy.engine import make_url

    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def fresh_database(server: PostgresServer, prefix: str = "test") -> str:
    """URL of a new, empty database on `server` (unique name)."""
    return server.create_database(f"{prefix}_{uuid.uuid4().hex[:8]}")


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresServer]:
    """A PostgreSQL server of our own for the whole session (tests may stop and restart it)."""
    if not postgres_installed():
        pytest.skip(f"PostgreSQL introuvable (initdb, pg_ctl) : {INSTALL_HINT}")
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def postgres_server(request: pytest.FixtureRequest) -> str:
    """URL of the `postgres` database of a PostgreSQL server (TEST_POSTGRES_URL if set)."""
    return os.environ.get("TEST_POSTGRES_URL") or request.getfixturevalue("postgres_cluster").url()


@pytest.fixture
def postgres_db(postgres_server: str) -> str:
    """URL of a fresh, empty database of its own for one test."""
    return create_database(postgres_server, f"test_{os.getpid()}_{next(_counter)}")


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A running Redis server for the whole session."""
    if not shutil.which("redis-server"):
        pytest.skip(f"redis-server introuvable : {INSTALL_HINT}")
    server = RedisServer()
    try:
        server.start()
        yield server
    finally:
        server.close()
