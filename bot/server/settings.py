"""HTTP settings of the assistant's server (bot/server/app.py), from the environment, checked once.

Kept apart from the server so that `bot.tools.stack` can check them before starting anything,
without importing Rasa.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from bot.server.limits import env_number

PROFILES = ("local", "public")


class ServerSettingsError(ValueError):
    """A setting of the server is missing or invalid; the message names the variable."""


@dataclass(frozen=True)
class ServerSettings:
    """HTTP settings of one server, from the environment (see the README's production section)."""

    keep_alive: float = 5.0  # seconds an idle kept-alive connection is held (public; local: 75; Sanic/Rasa: 120)
    request_timeout: float = 5.0  # seconds to receive a whole request (public; local: 60): cuts slow clients
    proxies_count: int = 0  # reverse proxies in front; 0 = the socket's peer is the client
    real_ip_header: str | None = None  # e.g. X-Real-IP, set by the proxy; used only if proxies_count > 0
    log_level: str = "INFO"


def _number(env: Mapping[str, str], name: str, default: float, kind: type, low: float, high: float) -> float:
    try:
        return env_number(env, name, default, kind, low, high)
    except ValueError as exc:
        raise ServerSettingsError(str(exc)) from None


def load_server_settings(profile: str, env: Mapping[str, str] = os.environ) -> ServerSettings:
    """The settings of `profile`, checked; the public profile refuses to start without a widget secret."""
    if profile == "public" and not env.get("WIDGET_SECRET", "").strip():
        raise ServerSettingsError("WIDGET_SECRET est obligatoire en production (profil public) : donnez la même "
                                  "clé d'au moins 32 caractères à toutes les instances.")
    level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ServerSettingsError(f"LOG_LEVEL={level!r} : DEBUG, INFO, WARNING ou ERROR attendu")
    if profile == "public" and level == "DEBUG":
        raise ServerSettingsError("LOG_LEVEL=DEBUG est refusé en production : Rasa y écrit les messages des usagers.")
    header = env.get("REAL_IP_HEADER", "").strip() or None
    return ServerSettings(
        # Locally, staff tools and tests keep connections open between turns; in public, an idle
        # connection is a cost an attacker can multiply.
        keep_alive=_number(env, "KEEP_ALIVE_SECONDS", 5.0 if profile == "public" else 75.0, float, 1.0, 120.0),
        request_timeout=_number(env, "REQUEST_TIMEOUT_SECONDS", 5.0 if profile == "public" else 60.0, float, 1.0, 300.0),
        proxies_count=int(_number(env, "TRUSTED_PROXIES", 0, int, 0, 5)),
        real_ip_header=header,
        log_level=level,
    )
