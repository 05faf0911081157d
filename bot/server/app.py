"""The assistant's Rasa server: one HTTP front, in one of two profiles.

    python -m bot.server --profile local|public --model M --endpoints E --port P

- `local` (`make run`, the tests, staff tools): the widget, the guarded REST channel and
  the staff console (/console/, bot/console/), on 127.0.0.1.
- `public` (`make serve`): only the widget (/webhooks/widget/…) and GET /health. No REST
  channel, no Rasa banner or version, no access log, short keep-alive and request timeouts,
  client addresses taken from a proxy header only when told how many proxies to trust, and
  a widget secret that must be given (never generated, so that several instances agree).

Both profiles replace `rasa run`'s Sanic app (whose root answers « Hello from Rasa: 3.6.21 »)
by this one; the agent is loaded the way `rasa run` loads it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from functools import partial

from rasa.core.channels.channel import InputChannel, register
from rasa.core.run import close_resources, load_agent_on_start
from rasa.core.utils import AvailableEndpoints
from rasa.utils.common import configure_logging_and_warnings
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import rasa_patches
from bot.server import log_safety
from bot.server.settings import PROFILES, HttpSettings, SettingsError, load_http_settings


def input_channels(profile: str) -> list[InputChannel]:
    """The channels of `profile`: the widget always, the REST channel only locally."""
    from bot.channels.rest import GuardedRestInput
    from bot.channels.widget import WidgetInput

    channels: list[InputChannel] = [WidgetInput.from_credentials(None)]
    if profile == "local":
        channels.insert(0, GuardedRestInput())
    return channels


def build_app(profile: str, model: str, endpoints_file: str | None, settings: HttpSettings) -> Sanic:
    """The Sanic app of `profile`, loading the agent from `model` when it starts."""
    app = Sanic(f"srei_{profile}", configure_logging=False)
    app.config.KEEP_ALIVE_TIMEOUT = settings.keep_alive
    app.config.REQUEST_TIMEOUT = settings.request_timeout
    app.config.PROXIES_COUNT = settings.proxies_count
    if settings.proxies_count and settings.real_ip_header:
        app.config.REAL_IP_HEADER = settings.real_ip_header.lower()
    register(input_channels(profile), app, route="/webhooks/")
    app.ctx.model_path = model  # the console's retrain button reloads it
    if profile == "local":
        from bot.console import MAX_BODY_BYTES, console_blueprint  # staff tools: never in the production profile

        app.blueprint(console_blueprint())
        app.ctx.srei_body_ceiling = MAX_BODY_BYTES

    @app.get("/health")
    async def health(request: Request) -> HTTPResponse:
        agent = getattr(request.app.ctx, "agent", None)
        ready = agent is not None and agent.is_ready()
        return response.json({"status": "ok" if ready else "starting"}, status=200 if ready else 503)

    endpoints = AvailableEndpoints.read_endpoints(endpoints_file)
    app.register_listener(partial(load_agent_on_start, model, endpoints, None), "before_server_start")
    app.register_listener(close_resources, "after_server_stop")
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serveur Rasa de l'assistant (profil local ou public).")
    parser.add_argument("--profile", choices=PROFILES, default="local")
    parser.add_argument("--model", required=True)
    parser.add_argument("--endpoints", default=None)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5005)
    args = parser.parse_args(argv)
    try:
        settings = load_http_settings(args.profile)
    except SettingsError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    configure_logging_and_warnings(logging.getLevelName(settings.log_level))  # Rasa's and its libraries' levels
    log_safety.install(settings.log_level)
    try:
        rasa_patches.install()  # before the agent loads: some patches change how a model is loaded
    except rasa_patches.UntestedRasa as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    app = build_app(args.profile, args.model, args.endpoints, settings)
    app.run(host=args.host, port=args.port, access_log=False, motd=False, workers=settings.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
