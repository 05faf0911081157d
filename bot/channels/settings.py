"""Settings of the widget channel: environment variables with safe defaults, checked once.

A Rasa credentials file may set the same keys (lower case, without the WIDGET_ prefix) when
the channel is mounted by `rasa run`; the environment wins, so an operator never has to
edit a file to change a limit.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.channels.texts import messages

ROOT = Path(__file__).resolve().parent.parent.parent
MIN_SECRET_LENGTH = 32


class SettingsError(ValueError):
    """A setting is invalid; the message names the variable and what it expects."""


@dataclass(frozen=True)
class WidgetSettings:
    secret: bytes
    allowed_origins: frozenset[str]
    max_message_length: int = 1000
    max_body_bytes: int = 16_384
    rate_per_conversation: int = 20  # requests per minute
    rate_per_address: int = 120  # requests per minute
    new_conversations_per_address: int = 30  # per minute: a class of pupils behind one school address
    max_turns: int = 200  # user messages in one conversation
    reply_timeout: float = 4.0  # seconds; the user hears back within 5 s even when a service hangs
    retention_days: int = 90


def _value(name: str, credentials: dict[str, Any], default: Any) -> Any:
    env = os.environ.get(f"WIDGET_{name.upper()}")
    if env is not None and env.strip() != "":
        return env
    return credentials.get(name, default)


def _positive(variable: str, raw: Any, kind: type) -> Any:
    try:
        value = kind(raw)
    except (TypeError, ValueError):
        value = 0
    if value <= 0:
        raise SettingsError(f"{variable} doit être un nombre positif (reçu : {raw!r}).")
    return value


def _number(name: str, credentials: dict[str, Any], default: Any, kind: type) -> Any:
    return _positive(f"WIDGET_{name.upper()}", _value(name, credentials, default), kind)


def parse_origins(raw: str | list[str] | None) -> frozenset[str]:
    """Exact origins (scheme://host[:port]) from a comma- or space-separated list."""
    items = raw if isinstance(raw, list) else (raw or "").replace(",", " ").split()
    origins = set()
    for item in items:
        origin = item.strip().rstrip("/")
        if not origin.startswith(("https://", "http://")) or origin.count("/") != 2:
            raise SettingsError(f"WIDGET_ALLOWED_ORIGINS : « {item} » n'est pas une origine "
                                f"(forme attendue : https://www.exemple.be, sans chemin).")
        origins.add(origin)
    return frozenset(origins)


def load_secret(explicit: str | None, secret_file: Path) -> bytes:
    """The signing key: WIDGET_SECRET, else one generated once and kept in `secret_file`.

    Keeping the generated key on disk lets conversation ids survive a restart; several
    replicas must share WIDGET_SECRET instead (each would otherwise make its own).
    """
    if explicit:
        if len(explicit) < MIN_SECRET_LENGTH:
            raise SettingsError(f"WIDGET_SECRET doit compter au moins {MIN_SECRET_LENGTH} caractères.")
        return explicit.encode()
    if not secret_file.exists():
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = secret_file.with_name(f".{secret_file.name}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
        try:
            os.link(tmp, secret_file)  # atomic: a concurrent starter keeps the first key written
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    value = secret_file.read_text().strip()
    if len(value) < MIN_SECRET_LENGTH:
        raise SettingsError(f"Clé du widget illisible ou trop courte dans {secret_file} ; supprimez ce fichier "
                            f"ou définissez WIDGET_SECRET.")
    return value.encode()


def load_settings(credentials: dict[str, Any] | None = None) -> WidgetSettings:
    """Read and check every setting; raises SettingsError naming the faulty variable."""
    creds = credentials or {}
    secret_file = Path(os.environ.get("WIDGET_SECRET_FILE") or creds.get("secret_file") or ROOT / "var" / "widget_secret")
    retention = os.environ.get("RETENTION_DAYS") or messages()["retention_days"]
    return WidgetSettings(
        secret=load_secret(_value("secret", creds, None), secret_file),
        allowed_origins=parse_origins(_value("allowed_origins", creds, "")),
        max_message_length=_number("max_message_length", creds, 1000, int),
        max_body_bytes=_number("max_body_bytes", creds, 16_384, int),
        rate_per_conversation=_number("rate_per_conversation", creds, 20, int),
        rate_per_address=_number("rate_per_address", creds, 120, int),
        new_conversations_per_address=_number("new_conversations_per_address", creds, 30, int),
        max_turns=_number("max_turns", creds, 200, int),
        reply_timeout=_number("reply_timeout", creds, 4.0, float),
        retention_days=_positive("RETENTION_DAYS", retention, int),
    )
