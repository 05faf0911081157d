"""Every setting of the Rasa process's HTTP side, from the environment, validated once.

One pydantic model per concern, read by one loader: the server's HTTP settings
(`HttpSettings`), the limits every channel applies to a request and a turn (`Limits`),
the widget's (`WidgetSettings`). Each field names its environment variable; a bad value
stops the start with a French message naming that variable, instead of surfacing later
under load. Kept free of Rasa imports so that `bot.tools.stack` checks them before
starting anything.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, Field, ValidationError, root_validator, validator

from bot.server.messages import catalogue

ROOT = Path(__file__).resolve().parents[2]
PROFILES = ("local", "public")
MIN_SECRET_LENGTH = 32
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsError(ValueError):
    """A setting is missing or invalid; the message names the variable and what it expects."""


class _Settings(BaseModel):
    class Config:
        allow_mutation = False
        extra = "forbid"


class Limits(_Settings):
    """What one request may contain and how long one turn may take, on every channel."""

    max_message_chars: int = Field(1000, ge=1, le=100_000, variable="MAX_MESSAGE_CHARS")  # longer: 413
    max_body_bytes: int = Field(16_384, ge=1024, le=10_000_000, variable="MAX_BODY_BYTES")  # refused before read
    action_timeout: float = Field(3.0, ge=0.1, le=120.0, variable="ACTION_TIMEOUT_SECONDS")  # Rasa's own: 300
    turn_timeout: float = Field(20.0, ge=1.0, le=600.0, variable="TURN_TIMEOUT_SECONDS")  # the turn still completes
    # Turns processed at once; the others wait their turn. Rasa's NLU runs on its event loop,
    # so more turns at once only slow each other down and make action calls time out.
    max_concurrent_turns: int = Field(4, ge=1, le=1000, variable="MAX_CONCURRENT_TURNS")  # measured best (README)

    @root_validator(skip_on_failure=True)
    def _action_within_turn(cls, values: dict[str, Any]) -> dict[str, Any]:  # noqa: N805 (pydantic)
        if values["action_timeout"] >= values["turn_timeout"]:
            raise ValueError("ACTION_TIMEOUT_SECONDS doit être inférieur à TURN_TIMEOUT_SECONDS")
        return values


class HttpSettings(_Settings):
    """The server's connections (see the README's production section)."""

    # Locally, staff tools and tests keep connections open between turns; in public, an idle
    # connection is a cost an attacker can multiply: the public defaults are short.
    keep_alive: float = Field(5.0, ge=1.0, le=120.0, variable="KEEP_ALIVE_SECONDS", local=75.0)
    request_timeout: float = Field(5.0, ge=1.0, le=300.0, variable="REQUEST_TIMEOUT_SECONDS", local=60.0)
    proxies_count: int = Field(0, ge=0, le=5, variable="TRUSTED_PROXIES")  # 0: the socket's peer is the client
    real_ip_header: str | None = Field(None, variable="REAL_IP_HEADER")  # used only if proxies_count > 0
    log_level: str = Field("INFO", variable="LOG_LEVEL")
    # Rasa processes sharing the port (Sanic workers): each uses one core for its NLU.
    workers: int = Field(1, ge=1, le=8, variable="RASA_WORKERS")

    @validator("log_level", pre=True)
    def _known_level(cls, value: str) -> str:  # noqa: N805 (pydantic)
        level = str(value).strip().upper() or "INFO"
        if level not in LOG_LEVELS:
            raise ValueError(f"LOG_LEVEL={level!r} : DEBUG, INFO, WARNING ou ERROR attendu")
        return level


class WidgetSettings(_Settings):
    """The widget channel's: signing key, allowed sites, rates, budgets."""

    secret: bytes
    allowed_origins: frozenset = Field(frozenset(), variable="WIDGET_ALLOWED_ORIGINS")
    rate_per_conversation: int = Field(20, gt=0, variable="WIDGET_RATE_PER_CONVERSATION")  # per minute
    rate_per_address: int = Field(120, gt=0, variable="WIDGET_RATE_PER_ADDRESS")  # per minute
    # Per minute: a class of pupils behind one school address.
    new_conversations_per_address: int = Field(30, gt=0, variable="WIDGET_NEW_CONVERSATIONS_PER_ADDRESS")
    max_turns: int = Field(200, gt=0, variable="WIDGET_MAX_TURNS")  # user messages in one conversation
    # Seconds; the user hears back within 5 s even when a service hangs (the turn is not cut).
    reply_timeout: float = Field(4.0, gt=0, variable="WIDGET_REPLY_TIMEOUT")
    retention_days: int = Field(default_factory=lambda: catalogue()["retention_days"], gt=0,
                                variable="RETENTION_DAYS")

    @validator("allowed_origins", pre=True)
    def _origins(cls, value: Any) -> frozenset:  # noqa: N805 (pydantic)
        return parse_origins(value)


M = TypeVar("M", bound=_Settings)


def _read(model: type[M], env: Mapping[str, str], profile: str = "public",
          fallback: Mapping[str, Any] | None = None, **given: Any) -> M:
    """`model` from the variables its fields name (`fallback`: values by field name, e.g. Rasa credentials)."""
    values: dict[str, Any] = dict(given)
    for name, field in model.__fields__.items():
        extra = field.field_info.extra
        raw = env.get(extra.get("variable", ""), "").strip()
        if raw:
            values[name] = raw
        elif fallback and fallback.get(name) is not None:
            values[name] = fallback[name]
        elif profile == "local" and "local" in extra:
            values[name] = extra["local"]
    try:
        return model.parse_obj(values)
    except ValidationError as exc:
        raise SettingsError(_in_french(model, exc, values)) from None


def _in_french(model: type[_Settings], exc: ValidationError, values: Mapping[str, Any]) -> str:
    """The first error, naming the variable and what it expects."""
    error = exc.errors()[0]
    field = model.__fields__.get(str(error["loc"][0])) if error["loc"] else None
    if field is None or not error["type"].startswith(("type_error", "value_error.number")):
        return error["msg"]  # our own validators already write French naming the variable
    variable = field.field_info.extra.get("variable", field.name)
    raw, info = values.get(field.name), field.field_info
    low, high = info.ge if info.ge is not None else info.gt, info.le
    if high is not None:
        return f"{variable}={raw!r} : valeur attendue entre {low} et {high}"
    return f"{variable} doit être un nombre positif (reçu : {raw!r})."


def parse_origins(raw: Any) -> frozenset[str]:
    """Exact origins (scheme://host[:port]) from a comma- or space-separated list."""
    if isinstance(raw, (set, frozenset)):
        return frozenset(raw)
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


def load_limits(env: Mapping[str, str] = os.environ) -> Limits:
    return _read(Limits, env)


def load_http_settings(profile: str, env: Mapping[str, str] = os.environ) -> HttpSettings:
    """The server's settings for `profile`; the public profile refuses to start without a widget
    secret (several instances must share it) or with DEBUG logs (Rasa writes users' messages there)."""
    if profile == "public" and not env.get("WIDGET_SECRET", "").strip():
        raise SettingsError("WIDGET_SECRET est obligatoire en production (profil public) : donnez la même "
                            "clé d'au moins 32 caractères à toutes les instances.")
    settings = _read(HttpSettings, env, profile)
    if profile == "public" and settings.log_level == "DEBUG":
        raise SettingsError("LOG_LEVEL=DEBUG est refusé en production : Rasa y écrit les messages des usagers.")
    if profile == "local" and settings.workers > 1:
        raise SettingsError("RASA_WORKERS > 1 : profil public (make serve) seulement ; la console du personnel "
                            "recharge un nouveau modèle dans un seul processus.")
    return settings


def load_widget_settings(credentials: Mapping[str, Any] | None = None,
                         env: Mapping[str, str] = os.environ) -> WidgetSettings:
    """The widget's settings; a Rasa credentials file may set the same keys (the environment wins)."""
    creds = credentials or {}
    secret_file = Path(env.get("WIDGET_SECRET_FILE") or creds.get("secret_file") or ROOT / "var" / "widget_secret")
    secret = load_secret(env.get("WIDGET_SECRET", "").strip() or creds.get("secret"), secret_file)
    return _read(WidgetSettings, env, fallback=creds, secret=secret)


def check_all(profile: str, env: Mapping[str, str]) -> None:
    """Every setting of `profile`, checked before anything starts (raises SettingsError)."""
    load_limits(env)
    load_http_settings(profile, env)
