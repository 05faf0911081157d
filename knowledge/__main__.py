"""Command line: python -m knowledge {check,build,export-nlu,ingest}.

Exit codes: 0 success, 1 the content or a file is invalid (the message says where) or a
figure misses its target, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from knowledge import settings
from knowledge.builder import timed_build
from knowledge.content_loader import ContentInvalid, load_content
from knowledge.deadlines import today

NLU_DIR = settings.PROJECT_ROOT / "data" / "nlu"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description="Base de connaissances de l'assistant.")
    parser.add_argument("--content", type=Path, default=None, help="dossier du contenu YAML")
    parser.add_argument("--url", default=None, help="URL SQLAlchemy de la base (défaut : KNOWLEDGE_DB_URL)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="valider le contenu sans rien construire")
    sub.add_parser("build", help="valider, construire et remplacer la base atomiquement")
    nlu = sub.add_parser("export-nlu", help="générer les tables de recherche et synonymes des entités (NLU)")
    nlu.add_argument("--out", type=Path, default=None, help="fichier produit (défaut : data/nlu/lookups_generated.yml)")
    nlu.add_argument("--check", action="store_true", help="ne rien écrire ; code 1 si le fichier n'est pas à jour")
    ingest = sub.add_parser("ingest", help="ajouter des pages de texte brut au contenu, puis reconstruire la base")
    ingest.add_argument("files", nargs="+", type=Path, metavar="FICHIER")
    ingest.add_argument("--body", default=None, help="id de l'organisme qui publie la page (défaut : l'organisme par défaut)")
    ingest.add_argument("--title", default=None, help="titre de la page (défaut : son premier bloc)")
    ingest.add_argument("--published", type=dt.date.fromisoformat, default=None,
                        help="date de publication AAAA-MM-JJ (défaut : date trouvée en tête de page)")
    ingest.add_argument("--no-build", action="store_true", help="enregistrer les pages sans reconstruire la base")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    content = args.content or settings.content_dir()
    url = args.url or settings.database_url()
    try:
        if args.command == "check":
            c = load_content(content)
            print(f"Contenu valide : {sum(len(v) for v in c.entries.values())} entrées dans {content}")
        elif args.command == "build":
            _build(content, url)
        elif args.command == "export-nlu":
            return _export_nlu(content, args.out, args.check)
        elif args.command == "ingest":
            return _ingest(content, url, args)
    except ContentInvalid as exc:
        print(f"Contenu invalide ({len(exc.errors)} erreur(s)) — rien n'a été remplacé :", file=sys.stderr)
        for err in exc.errors:
            print(f"  {err}", file=sys.stderr)
        return 1
    return 0


def _build(content: Path, url: str) -> None:
    counts, seconds = timed_build(content, url)
    summary = ", ".join(f"{k} {v}" for k, v in counts.items() if k not in ("meta", "search_terms"))
    print(f"Base construite en {seconds:.1f} s ({summary})")


def _export_nlu(content: Path, out: Path | None, check: bool) -> int:
    from knowledge.nlu_export import GENERATED_NAME, export_nlu, is_current  # noqa: PLC0415

    target = out or NLU_DIR / GENERATED_NAME
    c = load_content(content)
    if check:
        if not is_current(c, target):
            print(f"{target} n'est pas à jour : lancez « python -m knowledge export-nlu ».", file=sys.stderr)
            return 1
        print(f"{target} est à jour.")
        return 0
    path, changed, export = export_nlu(c, target.parent, target)
    counts = ", ".join(f"{e} {len(t)}" for e, t in export.lookups.items())
    print(f"{path} {'écrit' if changed else 'déjà à jour'} : noms par entité {counts} ; "
          f"{sum(len(t) for t in export.synonyms.values())} synonymes.")
    for text, ids in sorted(export.ambiguous.items()):
        print(f"  « {text} » désigne plusieurs entrées ({', '.join(ids)}) : pas de synonyme, l'action tranche.")
    for text in export.reserved:
        print(f"  « {text} » est déjà un synonyme des fichiers NLU écrits à la main : laissé de côté.")
    return 0


def _ingest(content: Path, url: str, args: argparse.Namespace) -> int:
    from knowledge.ingest import IngestError, prepare_page, restore, write_pages  # noqa: PLC0415

    current = load_content(content)  # invalid content: stop before writing anything
    bodies = current.by_id("bodies")
    body = args.body or next((b["id"] for b in bodies.values() if b.get("default")), None)
    if body not in bodies:
        print(f"Organisme inconnu « {body} » (attendu : {', '.join(sorted(bodies))}).", file=sys.stderr)
        return 1
    try:
        prepared = [prepare_page(f, body, today(), args.title, args.published) for f in args.files]
    except IngestError as exc:
        print(f"Import impossible — rien n'a été modifié : {exc}", file=sys.stderr)
        return 1
    previous = write_pages(content, prepared)
    try:
        load_content(content)
        if not args.no_build:
            _build(content, url)
    except ContentInvalid:
        restore(previous)
        raise
    for _, _, page in prepared:
        date = f", publiée le {page.published.isoformat()}" if page.published else ""
        print(f"Page importée : {content / page.path} ({page.passages} passages, source « {page.source} », "
              f"titre « {page.title} »{date})")
    return 0



if __name__ == "__main__":
    sys.exit(main())
