"""Plays scripted conversations against a running assistant and reports each turn.

    python -m bot.scenarios knowledge/scenarios/smoke --url http://127.0.0.1:5005

Every conversation gets a fresh sender id on the standard REST channel, so conversations
never share context. Exit status: 0 all passed, 1 a check failed, 2 the files or the
server could not be used.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import sys
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import aiohttp

from bot.scenarios.format import (
    Scenario,
    ScenarioError,
    TurnResult,
    check_reply,
    load_decline_markers,
    load_paths,
)

REST_PATH = "/webhooks/rest/webhook"


class ServerUnreachable(RuntimeError):
    """The assistant did not answer over HTTP."""


@dataclass
class ScenarioResult:
    scenario: Scenario
    sender: str
    turns: list[TurnResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return len(self.turns) == len(self.scenario.turns) and all(t.passed for t in self.turns)


@dataclass
class Report:
    results: list[ScenarioResult] = field(default_factory=list)
    skipped: list[tuple[Scenario, str]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)


def reply_text(messages: list[dict]) -> str:
    """The text of the reply; quick-reply titles are not facts and are left out."""
    return "\n".join(m["text"] for m in messages if m.get("text"))


def button_titles(messages: list[dict]) -> list[str]:
    return [b.get("title", "") for m in messages for b in (m.get("buttons") or [])]


async def _post_json(session: aiohttp.ClientSession, url: str, payload: dict, timeout: float) -> object:
    try:
        async with session.post(url, json=payload, timeout=aiohttp.ClientTimeout(total=timeout)) as resp:
            if resp.status != 200:
                raise ServerUnreachable(f"{url} a répondu HTTP {resp.status}")
            return await resp.json(content_type=None)
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        raise ServerUnreachable(f"impossible de joindre {url} ({exc.__class__.__name__}: {exc})") from None


async def _parse_intent(session: aiohttp.ClientSession, base_url: str, text: str, timeout: float) -> str | None:
    """The NLU's intent for `text` (needs Rasa's HTTP API, `rasa run --enable-api`)."""
    try:
        data = await _post_json(session, f"{base_url}/model/parse", {"text": text}, timeout)
    except ServerUnreachable:
        return None
    return ((data or {}).get("intent") or {}).get("name") if isinstance(data, dict) else None


async def play_scenario(session: aiohttp.ClientSession, base_url: str, scenario: Scenario,
                        markers: tuple[str, ...], timeout: float = 30.0) -> ScenarioResult:
    """Send each user turn in order under a new sender id and check every reply."""
    result = ScenarioResult(scenario, sender=f"scenario-{uuid.uuid4().hex[:12]}")
    for turn in scenario.turns:
        messages = await _post_json(session, base_url + REST_PATH,
                                    {"sender": result.sender, "message": turn.user}, timeout)
        messages = messages if isinstance(messages, list) else []
        text = reply_text(messages)
        intent = await _parse_intent(session, base_url, turn.user, timeout) if turn.expect.intent else None
        failures = check_reply(turn.expect, text, markers, intent)
        if turn.expect.intent and intent is None:
            failures = [f for f in failures if not f.startswith("intention attendue")]
            failures.append("intention non vérifiable : lancez Rasa avec --enable-api")
        result.turns.append(TurnResult(turn.user, text, failures, intent, button_titles(messages)))
    return result


async def play_all(base_url: str, scenarios: list[Scenario], server_today: str | None = None,
                   concurrency: int = 4, timeout: float = 30.0,
                   markers: tuple[str, ...] | None = None) -> Report:
    """Play the conversations (a few at a time); skip those needing another `today`.

    A conversation with `today` needs the server started with ASSISTANT_TODAY set to that
    date: it is skipped, with the reason, when `server_today` differs.
    """
    markers = markers if markers is not None else load_decline_markers()
    base_url = base_url.rstrip("/")
    report = Report()
    playable = []
    for s in scenarios:
        if s.today and s.today != server_today:
            report.skipped.append((s, f"nécessite un serveur lancé avec ASSISTANT_TODAY={s.today}"))
        else:
            playable.append(s)
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(session: aiohttp.ClientSession, s: Scenario) -> ScenarioResult:
        async with gate:
            return await play_scenario(session, base_url, s, markers, timeout)

    async with aiohttp.ClientSession() as session:
        report.results = list(await asyncio.gather(*(one(session, s) for s in playable)))
    return report


def attach_intents(report: Report, tracker_sqlite: Path) -> None:
    """Fill each turn's intent from Rasa's SQL tracker store (diagnostics for `make eval`)."""
    if not tracker_sqlite.exists():
        return
    by_sender: dict[str, list[str | None]] = defaultdict(list)
    with sqlite3.connect(f"file:{tracker_sqlite}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT sender_id, intent_name FROM events WHERE type_name = 'user' ORDER BY id")
        for sender, intent in rows:
            by_sender[sender].append(intent)
    for r in report.results:
        for turn, intent in zip(r.turns, by_sender.get(r.sender, []), strict=False):
            turn.intent = turn.intent or intent


def category_stats(report: Report) -> dict[str, dict[str, int]]:
    """Per category: conversations and turns played and passed."""
    stats: dict[str, dict[str, int]] = defaultdict(lambda: {"conv": 0, "conv_ok": 0, "turns": 0, "turns_ok": 0})
    for r in report.results:
        s = stats[r.scenario.category]
        s["conv"] += 1
        s["conv_ok"] += r.passed
        s["turns"] += len(r.turns)
        s["turns_ok"] += sum(t.passed for t in r.turns)
    return dict(sorted(stats.items()))


def pct(ok: int, total: int) -> str:
    return f"{100 * ok / total:.1f} %" if total else "—"


def format_report(report: Report, only_failures: bool = False) -> str:
    """Per-turn lines, then skipped conversations, then the pass rate per category."""
    lines = []
    for r in report.results:
        for i, t in enumerate(r.turns, 1):
            if only_failures and t.passed:
                continue
            mark = "OK  " if t.passed else "ÉCHEC"
            intent = f" [intention : {t.intent}]" if t.intent and not t.passed else ""
            lines.append(f"{mark} {r.scenario.category}/{r.scenario.name} tour {i} : {t.user}{intent}")
            if not t.passed:
                lines += [f"        - {f}" for f in t.failures]
                lines.append("        réponse : " + (t.reply.replace("\n", " ⏎ ") or "(aucune)"))
                if t.buttons:
                    lines.append("        boutons : " + " | ".join(t.buttons))
    for s, why in report.skipped:
        lines.append(f"IGNORÉ {s.category}/{s.name} : {why}")
    lines.append("")
    lines.append(f"{'catégorie':<14} {'conversations':>16} {'tours':>16}")
    for cat, s in category_stats(report).items():
        lines.append(f"{cat:<14} {s['conv_ok']:>4}/{s['conv']:<4} {pct(s['conv_ok'], s['conv']):>7} "
                     f"{s['turns_ok']:>4}/{s['turns']:<4} {pct(s['turns_ok'], s['turns']):>7}")
    total_ok = sum(r.passed for r in report.results)
    lines.append(f"Total : {total_ok}/{len(report.results)} conversations réussies"
                 + (f", {len(report.skipped)} ignorée(s)" if report.skipped else ""))
    return "\n".join(lines)


def report_json(report: Report) -> dict:
    """The whole report as plain data (written to var/eval/ by `make eval`)."""
    return {
        "categories": category_stats(report),
        "conversations": [{
            "name": r.scenario.name, "category": r.scenario.category, "file": r.scenario.file,
            "today": r.scenario.today, "doc": r.scenario.doc, "qtype": r.scenario.qtype, "passed": r.passed,
            "turns": [asdict(t) for t in r.turns],
        } for r in report.results],
        "skipped": [{"name": s.name, "file": s.file, "reason": why} for s, why in report.skipped],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.scenarios",
                                     description="Joue des conversations scénarisées (YAML) contre l'assistant.")
    parser.add_argument("paths", nargs="+", help="fichiers .yml ou dossiers de conversations")
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="adresse du serveur Rasa")
    parser.add_argument("--today", help="date ASSISTANT_TODAY du serveur (AAAA-MM-JJ), pour les conversations datées")
    parser.add_argument("--concurrency", type=int, default=4, help="conversations jouées en parallèle")
    parser.add_argument("--timeout", type=float, default=30.0, help="délai maximal d'une réponse (secondes)")
    parser.add_argument("--failures-only", action="store_true", help="n'afficher que les tours en échec")
    parser.add_argument("--json", type=Path, help="écrire aussi le rapport complet dans ce fichier JSON")
    args = parser.parse_args(argv)
    try:
        scenarios = load_paths(args.paths)
        report = asyncio.run(play_all(args.url, scenarios, args.today, args.concurrency, args.timeout))
    except ScenarioError as exc:
        print(f"Erreur dans les scénarios : {exc}", file=sys.stderr)
        return 2
    except ServerUnreachable as exc:
        print(f"Assistant injoignable : {exc}. Est-il démarré (make run) ?", file=sys.stderr)
        return 2
    print(format_report(report, args.failures_only))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report_json(report), ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
