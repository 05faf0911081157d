"""A throwaway PostgreSQL server for the tests: its own cluster in a temporary folder.

`postgres_server` (session fixture) runs initdb and pg_ctl from /usr/lib/postgresql/*/bin,
listening only on a Unix socket inside that folder, and removes everything afterwards.
initdb refuses to run as root, so as root the server runs as the `postgres` system user
(created by the Debian package), else as `nobody`. Tests that need a database ask for
`postgres_db`, a fresh empty database of their own.

Set TEST_POSTGRES_URL to use an existing server instead (its databases are not dropped).
The tests are skipped, with the reason, only when no PostgreSQL binaries are installed.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SUPERUSER = "srei"
START_TIMEOUT_S = 60
_counter = itertools.count(1)


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: [int(x) for x in Path(p).parent.parent.name.split(".") if x.isdigit()])
    for initdb in reversed(candidates):
        bin_dir = Path(initdb).parent
        if (bin_dir / "pg_ctl").exists():
            return bin_dir
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _run_as() -> str | None:
    """The system user to run the server as, or None for the current user."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and neither the 'postgres' nor the 'nobody' user exists")


@dataclass
class PostgresServer:
    """A running throwaway cluster; `url(db)` gives a SQLAlchemy URL to one of its databases."""

    bin_dir: Path
    root: Path
    user: str | None
    port: int = 5432

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def _cmd(self, *args: str) -> list[str]:
        return ["runuser", "-u", self.user, "--", *args] if self.user else list(args)

    def _call(self, *args: str, timeout: float = START_TIMEOUT_S) -> None:
        result = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=timeout, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed ({result.returncode}): {result.stderr or result.stdout}")

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        if self.user:
            entry = pwd.getpwnam(self.user)
            for path in (self.root, self.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        os.chmod(self.root, 0o700)
        self._call(str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER, "-A", "trust",
                   "-E", "UTF8", "--locale=C", "--no-sync")
        options = (f"-c listen_addresses='' -k {self.socket_dir} -p {self.port} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
        self._call(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.root / "server.log"),
                   "-o", options, "-w", "-t", str(START_TIMEOUT_S), "start")

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._call(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg2://{SUPERUSER}@/{database}?host={self.socket_dir}&port={self.port}"


def create_database(server_url: str, name: str) -> str:
    """Create database `name` on the server of `server_url`; returns the new database's URL."""
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """URL of the `postgres` database of a PostgreSQL server for this test session."""
    external = os.environ.get("TEST_POSTGRES_URL")
    if external:
        yield external
        return
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin "
                    "or PATH: install the 'postgresql' package (.ci/run does)")
    root = Path(tempfile.mkdtemp(prefix="srei-pg-"))
    server = PostgresServer(bin_dir, root, _run_as())
    try:
        server.start()
        yield server.url()
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_db(postgres_server: str) -> str:
    """URL of a fresh, empty database of its own for one test."""
    return create_database(postgres_server, f"test_{os.getpid()}_{next(_counter)}")
