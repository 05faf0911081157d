"""Starts and stops the action server and the Rasa server together, on 127.0.0.1.

Used by `make run` (foreground, Ctrl-C stops both) and by the integration tests, so
both start the stack exactly the same way.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bot.server.settings import SettingsError, check_all, load_limits

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


class StackError(RuntimeError):
    """A clear, French reason why the stack cannot start."""


@dataclass
class StackConfig:
    """Ports, files and settings of one stack; defaults are the embedded set-up."""

    rasa_port: int = int(os.environ.get("RASA_PORT", "5005"))
    actions_port: int = int(os.environ.get("ACTIONS_PORT", "5055"))
    model: Path = Path(os.environ.get("RASA_MODEL", ROOT / "models" / "srei.tar.gz"))
    endpoints: Path = Path(os.environ.get("RASA_ENDPOINTS", ROOT / "bot" / "endpoints.yml"))
    credentials: Path | None = None  # channels of the "stock" profile only
    tracker_sqlite: Path = Path(os.environ.get("TRACKER_SQLITE_PATH", ROOT / "var" / "conversations.sqlite3"))
    log_dir: Path = ROOT / "var" / "log"
    extra_env: dict[str, str] = field(default_factory=dict)
    start_actions: bool = True
    # "local": widget + REST on 127.0.0.1; "public": the production profile (widget only,
    # bot/server/app.py); "stock": plain `rasa run` with `credentials` (the benchmark's baseline).
    profile: str = "local"
    host: str = "127.0.0.1"

    @property
    def action_url(self) -> str:
        return os.environ.get("ACTION_ENDPOINT_URL", f"http://127.0.0.1:{self.actions_port}/webhook")

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def http_ok(url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:  # noqa: S310 (loopback only)
            return resp.status == 200
    except OSError:
        return False


class Stack:
    """The two server processes of one assistant."""

    def __init__(self, config: StackConfig | None = None):
        self.config = config or StackConfig()
        self.procs: dict[str, subprocess.Popen] = {}

    def environment(self) -> dict[str, str]:
        c = self.config
        env = dict(os.environ)
        env.setdefault("RASA_TELEMETRY_ENABLED", "false")
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        env.update({
            "ACTION_ENDPOINT_URL": c.action_url,
            "TRACKER_SQLITE_PATH": str(c.tracker_sqlite),
            "SANIC_HOST": "127.0.0.1",  # rasa_sdk binds here instead of 0.0.0.0
            "PYTHONPATH": str(ROOT),
        })
        env.update(c.extra_env)
        return env

    def preflight(self) -> None:
        """Refuse to start, with a clear message, when something is missing or taken."""
        c = self.config
        if not c.model.exists():
            raise StackError(f"Modèle introuvable : {c.model}. Lancez « make train » (ou « make run », qui l'entraîne).")
        ports = [("Rasa", c.rasa_port)] + ([("serveur d'actions", c.actions_port)] if c.start_actions else [])
        for label, port in ports:
            if not port_is_free(port):
                raise StackError(f"Le port {port} ({label}) est déjà utilisé sur 127.0.0.1. Arrêtez le programme "
                                 f"qui l'occupe ou choisissez un autre port (variables RASA_PORT / ACTIONS_PORT).")
        env = self.environment()
        try:
            if c.profile == "stock":
                load_limits(env)
            else:
                check_all(c.profile, env)
        except SettingsError as exc:
            raise StackError(f"Configuration invalide : {exc}") from None
        check = subprocess.run([str(VENV_BIN / "python"), "-c", "from knowledge.access import shared_kb;"
                                "print(shared_kb().check())"], env=env, capture_output=True, text=True)
        if check.returncode != 0:
            reason = (check.stderr.strip().splitlines() or ["erreur inconnue"])[-1]
            raise StackError(f"Base de connaissances inutilisable : {reason}")

    def start(self, timeout: float = 120.0) -> None:
        """Start both servers and wait until both answer."""
        self.preflight()
        c = self.config
        c.log_dir.mkdir(parents=True, exist_ok=True)
        c.tracker_sqlite.parent.mkdir(parents=True, exist_ok=True)
        names = (["actions"] if c.start_actions else []) + ["rasa"]
        for name in names:
            self._spawn(name, self._command(name), self.environment())
        self._wait_until_up(names, timeout)

    def start_one(self, name: str, timeout: float = 120.0) -> None:
        """(Re)start one server ("actions" or "rasa") of a started stack, e.g. after `stop_one`."""
        self.stop_one(name)
        self._spawn(name, self._command(name), self.environment())
        self._wait_until_up([name], timeout)

    def _command(self, name: str) -> list[str]:
        c = self.config
        if name == "actions":
            return [str(VENV_BIN / "python"), "-m", "actions.serve", "--actions", "actions", "--port", str(c.actions_port)]
        if c.profile == "stock":
            return [str(VENV_BIN / "rasa"), "run", "--model", str(c.model), "--endpoints", str(c.endpoints),
                    "--credentials", str(c.credentials), "--interface", c.host, "--port", str(c.rasa_port)]
        return [str(VENV_BIN / "python"), "-m", "bot.server", "--profile", c.profile, "--model", str(c.model),
                "--endpoints", str(c.endpoints), "--host", c.host, "--port", str(c.rasa_port)]

    def _wait_until_up(self, names: list[str], timeout: float) -> None:
        c = self.config
        rasa_health = f"{c.rasa_url}/" if c.profile == "stock" else f"{c.rasa_url}/health"
        urls = {"rasa": rasa_health, "actions": f"http://127.0.0.1:{c.actions_port}/health"}
        checks = {name: urls[name] for name in names}
        deadline = time.monotonic() + timeout
        while checks:
            for name, url in list(checks.items()):
                if self.procs[name].poll() is not None:
                    self.stop()
                    raise StackError(f"Le serveur « {name} » s'est arrêté au démarrage ; voir {c.log_dir / (name + '.log')}")
                if http_ok(url):
                    del checks[name]
            if time.monotonic() > deadline:
                self.stop()
                raise StackError(f"Démarrage trop long (> {timeout:.0f} s) ; voir les journaux dans {c.log_dir}")
            time.sleep(0.3)

    def _spawn(self, name: str, cmd: list[str], env: dict[str, str]) -> None:
        with open(self.config.log_dir / f"{name}.log", "ab") as log:  # the child keeps its own copy
            self.procs[name] = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                                start_new_session=True)

    def stop_one(self, name: str, timeout: float = 15.0) -> None:
        """Stop one server (SIGTERM, then SIGKILL), by the PID we started."""
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def stop(self) -> None:
        for name in list(self.procs):
            self.stop_one(name)

    def __enter__(self) -> Stack:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def since_make(env: dict[str, str] = os.environ, now: float | None = None) -> str:
    """« (9 min 43 s en tout depuis le début de make) » when started by make (MAKE_STARTED), else nothing."""
    try:
        total = round((now or time.time()) - int(env["MAKE_STARTED"]))
    except (KeyError, ValueError):
        return ""
    minutes, seconds = divmod(max(0, total), 60)
    return f" ({f'{minutes} min ' if minutes else ''}{seconds} s en tout depuis le début de make)"


def main(argv: list[str] | None = None) -> int:
    """`make run` / `make serve`: start, print the URLs, wait for Ctrl-C or SIGTERM, stop both."""
    parser = argparse.ArgumentParser(description="Démarre le serveur d'actions et le serveur Rasa.")
    parser.add_argument("--profile", choices=("local", "public"), default="local",
                        help="local : widget + API REST (make run) ; public : widget seul (make serve)")
    args = parser.parse_args(argv)
    # The public server listens where SERVER_HOST says (127.0.0.1 behind a proxy on this machine).
    host = os.environ.get("SERVER_HOST", "127.0.0.1") if args.profile == "public" else "127.0.0.1"
    stack = Stack(StackConfig(profile=args.profile, host=host))
    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    print("Démarrage du serveur d'actions et de Rasa…", flush=True)
    started = time.monotonic()
    try:
        stack.start()
    except StackError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    c = stack.config
    print(f"Assistant prêt en {time.monotonic() - started:.0f} s{since_make()}.", flush=True)
    print(f"  Page de démonstration : {c.rasa_url}/webhooks/widget/demo", flush=True)
    if c.profile == "local":
        print(f"  Console du personnel  : {c.rasa_url}/console/", flush=True)
        print(f"  API REST (tests)      : {c.rasa_url}/webhooks/rest/webhook", flush=True)
    else:
        print(f"  Profil public : seuls /webhooks/widget/ et /health répondent (écoute sur {c.host}).", flush=True)
    print("Ctrl-C pour arrêter.", flush=True)
    try:
        while not stopping:
            for name, proc in stack.procs.items():
                if proc.poll() is not None:
                    print(f"Erreur : le serveur « {name} » s'est arrêté ; voir {c.log_dir / (name + '.log')}",
                          file=sys.stderr)
                    stopping = True
            time.sleep(0.5)
    finally:
        print("Arrêt…", flush=True)
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
