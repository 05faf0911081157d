"""Command line for data retention: purge old conversations, erase one on request.

    python -m bot.tools.retention purge [--days 90]   # meant to run daily (cron)
    python -m bot.tools.retention erase CODE          # right to erasure, by the conversation code
"""

from __future__ import annotations

import argparse
import os
import sys

from sqlalchemy.exc import SQLAlchemyError

from bot.tools.conversation_store import ConversationStore

DEFAULT_DAYS = int(os.environ.get("RETENTION_DAYS", "90"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.retention", description="Conservation des conversations.")
    sub = parser.add_subparsers(dest="command", required=True)
    purge = sub.add_parser("purge", help="supprimer les conversations plus anciennes que N jours")
    purge.add_argument("--days", type=int, default=DEFAULT_DAYS)
    erase = sub.add_parser("erase", help="effacer une conversation par son code")
    erase.add_argument("code")
    args = parser.parse_args(argv)
    try:
        store = ConversationStore()
        if args.command == "purge":
            if args.days < 1:
                print("Erreur : --days doit être au moins 1.", file=sys.stderr)
                return 2
            n = store.purge_older_than(args.days)
            print(f"{n} conversation(s) de plus de {args.days} jours supprimée(s).")
        else:
            n = store.erase(args.code)
            if n == 0:
                print(f"Aucune conversation avec le code « {args.code} ».", file=sys.stderr)
                return 1
            print(f"Conversation « {args.code} » effacée ({n} événements).")
    except SQLAlchemyError as exc:
        print(f"Erreur : base des conversations inaccessible ({exc.__class__.__name__}).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
