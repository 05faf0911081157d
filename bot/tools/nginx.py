"""Writes the reverse-proxy configuration (nginx.conf.template) for the public instances.

    python -m bot.tools.nginx --listen 80 --instance 127.0.0.1:5005 --instance 127.0.0.1:5006 \
        --origin https://www.province.namur.be > /etc/nginx/conf.d/srei.conf

Every value is checked, so that nothing but an address, a port or an origin reaches the file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from bot.server.messages import text

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
_INSTANCE = re.compile(r"^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|[a-z0-9.-]+):\d{1,5}$")
_ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(?::\d{1,5})?$")
_LISTEN = re.compile(r"^(?:[0-9.]+:|\[[0-9a-f:]+\]:)?\d{1,5}$")


def render(listen: str, instances: list[str], origins: list[str]) -> str:
    """The configuration text; raises ValueError naming a value of the wrong form."""
    if not _LISTEN.match(listen):
        raise ValueError(f"--listen « {listen} » : port ou adresse:port attendu")
    if not instances:
        raise ValueError("au moins une --instance est nécessaire")
    for value, pattern, option in [*((i, _INSTANCE, "--instance") for i in instances),
                                   *((o, _ORIGIN, "--origin") for o in origins)]:
        if not pattern.match(value):
            raise ValueError(f"{option} « {value} » n'a pas la forme attendue")
    template = TEMPLATE.read_text(encoding="utf-8")
    # Origins are exact: regex metacharacters in a hostname (dots) are escaped for the map.
    origin_lines = "\n".join(f'    "~^{re.escape(o)}\\|" 1;' for o in origins)
    conf = (template.replace("{{listen}}", listen)
            .replace("{{upstreams}}", "\n".join(f"    server {i};" for i in instances))
            .replace("{{origins}}", origin_lines))
    return re.sub(r"\{\{error:(\w+)\}\}", lambda m: _error_body(m.group(1)), conf)


def _error_body(code: str) -> str:
    """nginx's own refusals in the server's one error shape and words (bot/server/messages.yml)."""
    body = {"error": {"code": code, "message": text("errors", code, contact=text("contact", "none"))}}
    return "'" + json.dumps(body, ensure_ascii=False).replace("'", "\\'") + "'"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Écrit la configuration nginx devant les instances publiques.")
    parser.add_argument("--listen", default="80")
    parser.add_argument("--instance", action="append", default=[], help="adresse:port d'une instance (répétable)")
    parser.add_argument("--origin", action="append", default=[], help="site autorisé à intégrer le widget (répétable)")
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(render(args.listen, args.instance, args.origin))
    except ValueError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
