"""Command line: python -m knowledge {check,build}."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from knowledge import settings
from knowledge.builder import timed_build
from knowledge.content_loader import ContentInvalid, load_content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description="Base de connaissances de l'assistant.")
    parser.add_argument("--content", type=Path, default=None, help="dossier du contenu YAML")
    parser.add_argument("--url", default=None, help="URL SQLAlchemy de la base (défaut : KNOWLEDGE_DB_URL)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="valider le contenu sans rien construire")
    sub.add_parser("build", help="valider, construire et remplacer la base atomiquement")
    args = parser.parse_args(argv)
    content = args.content or settings.content_dir()
    url = args.url or settings.database_url()
    try:
        if args.command == "check":
            c = load_content(content)
            print(f"Contenu valide : {sum(len(v) for v in c.entries.values())} entrées dans {content}")
        elif args.command == "build":
            counts, seconds = timed_build(content, url)
            summary = ", ".join(f"{k} {v}" for k, v in counts.items() if k != "meta")
            print(f"Base construite en {seconds:.1f} s ({summary})")
    except ContentInvalid as exc:
        print(f"Contenu invalide ({len(exc.errors)} erreur(s)) — rien n'a été remplacé :", file=sys.stderr)
        for err in exc.errors:
            print(f"  {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
