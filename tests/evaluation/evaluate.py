"""`make eval`: NLU cross-validation, then the held-out conversations against the real servers.

Writes everything to var/eval/ and prints one table. Exit status 1 when a quality target
of the brief is missed (in scope ≥ 95 %, out of scope declined ≥ 90 %, every multi-turn
and eligibility conversation passes), 2 when the evaluation itself could not run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.scenarios.format import ScenarioError, load_paths
from bot.scenarios.play import (
    Report,
    ServerUnreachable,
    attach_intents,
    category_stats,
    format_report,
    pct,
    play_all,
    report_json,
)
from bot.tools.stack import ROOT, Stack, StackConfig, StackError
from tests.evaluation.tables import DOC_NAMES, QTYPE_NAMES, breakdown, coverage, load_coverage, results_under

DEFAULT_TODAY = "2026-11-21"
CONVERSATIONS = ROOT / "tests" / "conversations"
HELDOUT = CONVERSATIONS / "heldout"
# Blind sets: written from the five source documents alone, by writers who never saw the
# training data, the knowledge content or another set. A: the first "before"; B: the result of
# the first round; C, D, E, F: the results of the next rounds, each read afterwards to find
# classes of failure. G to K: the results of the fifth to ninth rounds, read afterwards likewise.
# L to S: the results of the tenth to sixteenth rounds, read afterwards likewise (S, written
# after the sixteenth round, is the eighteenth's « before »). T: the eighteenth's result,
# read afterwards likewise. U: the nineteenth's result, its tables only read. V: the twentieth's
# result, read afterwards to find classes of failure. W: the twenty-first's result, read
# afterwards likewise. X: the twenty-second's result, read afterwards to find classes of
# failure. Y: the twenty-third's result, read afterwards likewise. Z: the twenty-fourth's result,
# tables only read. AA (after the alphabet, the sets take two letters): the twenty-fifth's
# result, tables only read. AB: the twenty-sixth's result, tables only read. AC: the
# twenty-seventh's result, tables only read. AD: the twenty-eighth's result, tables only read.
# AE: the twenty-ninth's result, tables only read. AF: the thirtieth's result, tables only read.
# (Z, AA and AB: read to find classes of failure from the thirty-second round on.) AG: the
# thirty-first's result, tables only read. AH: the thirty-second's result, tables only read.
# (AC and AD: read to find classes of failure from the thirty-third round on.) AI: the
# thirty-third's result, tables only read. AJ: the thirty-fourth's result, tables only read.
# AK: the thirty-fifth's result, tables only read.
# AL: the thirty-sixth's result, tables only read.
# AM: the thirty-seventh's result, tables only read.
# AN: the thirty-eighth's result, tables only read.
# AO: the thirty-ninth's result, tables only read.
# AP: the fresh one, written before the fortieth round, never read (tables only).
BLIND_SETS = {name: CONVERSATIONS / "blind" / name.split()[-1].lower()
              for name in ("aveugle A", "aveugle B", "aveugle C", "aveugle D", "aveugle E", "aveugle F",
                           "aveugle G", "aveugle H", "aveugle I", "aveugle J", "aveugle K",
                           "aveugle L", "aveugle M", "aveugle N", "aveugle O", "aveugle P",
                           "aveugle Q", "aveugle R", "aveugle S", "aveugle T", "aveugle U", "aveugle V",
                           "aveugle W", "aveugle X", "aveugle Y", "aveugle Z", "aveugle AA",
                           "aveugle AB", "aveugle AC", "aveugle AD", "aveugle AE",
                           "aveugle AF", "aveugle AG", "aveugle AH", "aveugle AI",
                           "aveugle AJ", "aveugle AK", "aveugle AL",
                           "aveugle AM", "aveugle AN", "aveugle AO", "aveugle AP")}
OUT = ROOT / "var" / "eval"

# (category, what is measured, unit counted, target %)
TARGETS = [
    ("in_scope", "questions dans le périmètre : bon fait + source", "turns", 95.0),
    ("out_of_scope", "hors périmètre / silences des documents : refus honnête", "turns", 90.0),
    ("multi_turn", "conversations à plusieurs tours réussies", "conv", 100.0),
    ("eligibility", "dialogues d'éligibilité réussis", "conv", 100.0),
    ("chitchat", "politesse et questions sur l'assistant", "turns", None),
]


@dataclass
class NluSummary:
    macro_f1: float
    accuracy: float
    fallback_predictions: int
    confusions: list[tuple[str, str, int]] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config_without_fallback(config: Path, out: Path) -> Path:
    """bot/config.yml without the FallbackClassifier, for cross-validation.

    Rasa's evaluation undoes every fallback prediction with a deep copy of the whole parsed
    message (spaCy document and vocabulary included: about half a second each), and the
    undone prediction is exactly the classifier's top intent. Leaving the FallbackClassifier
    out therefore gives the same figures, many times faster.
    """
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["pipeline"] = [c for c in data["pipeline"] if c.get("name") != "FallbackClassifier"]
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def nlu_cross_validation(out_dir: Path, folds: int = 3) -> NluSummary:
    """`rasa test nlu --cross-validation` on data/nlu; intent macro-F1 and top confusions."""
    out_dir.mkdir(parents=True, exist_ok=True)
    config = config_without_fallback(ROOT / "bot" / "config.yml", out_dir / "config-cv.yml")
    cmd = [str(Path(sys.executable).parent / "rasa"), "test", "nlu", "--config", str(config),
           "--nlu", "data/nlu", "--domain", "bot/domain", "--cross-validation", "--folds", str(folds),
           "--out", str(out_dir), "--no-plot", "--quiet"]
    with open(out_dir / "rasa-test-nlu.log", "wb") as log:
        done = subprocess.run(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ})
    if done.returncode != 0:
        raise RuntimeError(f"rasa test nlu a échoué (code {done.returncode}) ; voir {out_dir / 'rasa-test-nlu.log'}")
    return summarise_intent_report(json.loads((out_dir / "intent_report.json").read_text(encoding="utf-8")))


def summarise_intent_report(report: dict) -> NluSummary:
    """Macro-F1 over the real intents (labels with test examples), not over nlu_fallback."""
    labels = {k: v for k, v in report.items() if isinstance(v, dict) and "f1-score" in v
              and k not in {"macro avg", "weighted avg", "micro avg"}}
    real = {k: v for k, v in labels.items() if v.get("support", 0) > 0}
    macro = sum(v["f1-score"] for v in real.values()) / len(real) if real else 0.0
    confusions = Counter()
    fallback = 0
    for label, v in real.items():
        for other, n in (v.get("confused_with") or {}).items():
            confusions[(label, other)] += n
            fallback += n if other == "nlu_fallback" else 0
    return NluSummary(macro_f1=macro, accuracy=float(report.get("accuracy", 0.0)), fallback_predictions=fallback,
                      confusions=[(a, b, n) for (a, b), n in confusions.most_common(12)])


def play_with_stack(paths: list[str | Path], out_dir: Path, default_today: str = DEFAULT_TODAY) -> Report:
    """Start a stack per distinct `today` (ASSISTANT_TODAY), play its conversations, stop it."""
    scenarios = load_paths(paths)
    groups: dict[str, list] = {}
    for s in scenarios:
        groups.setdefault(s.today or default_today, []).append(s)
    merged = Report()
    for today, group in sorted(groups.items()):
        tracker = out_dir / f"conversations-{today}.sqlite3"
        tracker.unlink(missing_ok=True)
        config = StackConfig(rasa_port=free_port(), actions_port=free_port(), tracker_sqlite=tracker,
                             log_dir=out_dir / "log", extra_env={"ASSISTANT_TODAY": today})
        started = time.monotonic()
        with Stack(config) as stack:
            print(f"  serveurs prêts en {time.monotonic() - started:.0f} s (ASSISTANT_TODAY={today}), "
                  f"{len(group)} conversation(s)…", flush=True)
            report = asyncio.run(play_all(stack.config.rasa_url, group, server_today=today))
        attach_intents(report, tracker)
        merged.results += report.results
        merged.skipped += report.skipped
    return merged


def summary_table(report: Report, nlu: NluSummary | None) -> tuple[str, bool]:
    """The `make eval` table (Markdown) and whether every target is met."""
    stats = category_stats(report)
    if not stats:
        return "(aucune conversation jouée)", True
    lines = ["| Mesure | Réussis | Taux | Objectif |", "|---|---|---|---|"]
    all_met = True
    for cat, label, unit, target in TARGETS:
        s = stats.get(cat)
        if not s:
            continue
        ok, total = (s["turns_ok"], s["turns"]) if unit == "turns" else (s["conv_ok"], s["conv"])
        rate = 100 * ok / total if total else 0.0
        met = target is None or rate >= target
        all_met &= met
        goal = "—" if target is None else f"≥ {target:.0f} % {'✔' if met else '✘'}"
        lines.append(f"| {label} ({cat}) | {ok}/{total} | {pct(ok, total)} | {goal} |")
    if nlu:
        lines.append(f"| NLU, validation croisée : macro-F1 des intentions | — | {100 * nlu.macro_f1:.1f} % | — |")
        lines.append(f"| NLU, validation croisée : exactitude | — | {100 * nlu.accuracy:.1f} % | — |")
    return "\n".join(lines), all_met


def set_tables(report: Report, sets: dict[str, Path], nlu: NluSummary | None) -> tuple[str, bool]:
    """Per set: the targets table, then (for a blind set) per document, per type, coverage."""
    parts, all_met = [], True
    for name, folder in sets.items():
        sub = Report(results=results_under(report, folder) if folder.is_dir() else report.results)
        table, met = summary_table(sub, nlu if name == "held-out" else None)
        all_met &= met
        parts.append(f"### {name} ({folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder})\n\n{table}")
        if any(r.scenario.doc for r in sub.results):
            parts.append(breakdown(sub.results, "doc", DOC_NAMES, "Document source"))
            parts.append(breakdown(sub.results, "qtype", QTYPE_NAMES, "Type de question"))
        facts = load_coverage(folder) if folder.is_dir() else {}
        if facts:
            reached, missing = coverage(sub.results, facts)
            parts.append(f"Couverture : {reached}/{len(facts)} faits de la liste atteints par au moins une question"
                         + (f" (non atteints : {', '.join(missing)})" if missing else ""))
    return "\n\n".join(parts), all_met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.evaluation.evaluate", description="Évaluation de l'assistant (make eval).")
    parser.add_argument("paths", nargs="*", help="conversations à jouer (défaut : held-out et jeux aveugles)")
    parser.add_argument("--folds", type=int, default=3, help="plis de la validation croisée NLU")
    parser.add_argument("--skip-nlu", action="store_true", help="ne pas refaire la validation croisée NLU")
    parser.add_argument("--out", type=Path, default=OUT, help="dossier des résultats")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    nlu = None
    try:
        if not args.skip_nlu:
            print(f"(a) Validation croisée NLU ({args.folds} plis)…", flush=True)
            started = time.monotonic()
            nlu = nlu_cross_validation(args.out / "nlu", args.folds)
            print(f"    terminée en {time.monotonic() - started:.0f} s : macro-F1 {100 * nlu.macro_f1:.1f} %, "
                  f"exactitude {100 * nlu.accuracy:.1f} %, {nlu.fallback_predictions} prédiction(s) nlu_fallback")
            print("    Confusions les plus fréquentes (intention attendue → prédite : nombre) :")
            for a, b, n in nlu.confusions:
                print(f"      {a} → {b} : {n}")
        print("(b) Conversations held-out contre les serveurs réels…", flush=True)
        sets = {str(p): Path(p) for p in args.paths} or {"held-out": HELDOUT, **{
            name: folder for name, folder in BLIND_SETS.items() if folder.is_dir()}}
        report = play_with_stack(list(sets.values()), args.out)
    except (ScenarioError, StackError, ServerUnreachable, RuntimeError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    detail = format_report(report, only_failures=True)
    table, met = set_tables(report, sets, nlu)
    (args.out / "scenarios.txt").write_text(detail + "\n", encoding="utf-8")
    (args.out / "scenarios.json").write_text(json.dumps(report_json(report), ensure_ascii=False, indent=2),
                                             encoding="utf-8")
    extra = ""
    if nlu:
        extra = "\n\nConfusions NLU les plus fréquentes :\n" + "\n".join(f"- {a} → {b} : {n}" for a, b, n in nlu.confusions)
    (args.out / "summary.md").write_text(table + extra + "\n", encoding="utf-8")
    print(detail)
    print()
    print(table)
    print(f"\nRésultats détaillés : {args.out}/ (summary.md, scenarios.txt, scenarios.json, nlu/)")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
