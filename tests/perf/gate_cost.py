"""What a learned part adds to a knowledge turn, on the action server's side: the selection
gate, or (`--part rerank`) the search's reordering.

    python -m tests.perf.gate_cost [--rounds 3] [--part gate|rerank]

Every single-turn question of the held-out set is understood once by the trained model, then
its action runs in process (as the action server runs it), with the part and without it,
alternately, so that both series share the machine's load. Prints the median and the 95th
percentile of each, their ratio, and how many answers the part changed. For the reordering,
the search's per-question memory is emptied before each turn: every turn pays it, as a new
question does.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import time
from pathlib import Path

from rasa.core.agent import Agent
from rasa.shared.core.domain import Domain
from rasa.utils.log_utils import configure_structlog
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.selection_gate as selection_gate
from actions.fallback import ActionKbFallback
from actions.knowledge_access import get_kb
from actions.registry import BY_INTENT
from bot.scenarios.format import load_paths
from tests.perf.measure import percentile

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "conversations" / "heldout"


def questions() -> list[str]:
    return [s.turns[0].user for s in load_paths(sorted(HELDOUT.glob("*.yml")))
            if s.category == "in_scope" and len(s.turns) == 1]


def tracker_for(domain: dict, text: str, parsed: dict) -> Tracker:
    slots = {name: None for name in domain["slots"]}
    latest = {"text": text, "intent": parsed["intent"], "entities": parsed.get("entities", []),
              "intent_ranking": parsed.get("intent_ranking", [])}
    return Tracker("bench", slots, latest, [{"event": "user", "text": text, "parse_data": latest}],
                   False, None, {}, "action_listen")


def answer(loop: asyncio.AbstractEventLoop, domain: dict, tracker: Tracker) -> tuple[float, str]:
    action = BY_INTENT.get(tracker.latest_message["intent"]["name"]) or ActionKbFallback()
    dispatcher = CollectingDispatcher()
    start = time.perf_counter()
    loop.run_until_complete(action.run(dispatcher, tracker, domain))
    return (time.perf_counter() - start) * 1000, "\n".join(m.get("text") or "" for m in dispatcher.messages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--part", choices=("gate", "rerank"), default="gate")
    args = parser.parse_args(argv)
    configure_structlog(logging.WARNING)  # not every parse logged
    domain = Domain.load(str(ROOT / "bot" / "domain")).as_dict()
    loop = asyncio.new_event_loop()
    agent = Agent.load(str(ROOT / "models" / "srei.tar.gz"))
    asked = [(q, loop.run_until_complete(agent.parse_message(q))) for q in questions()]
    trained = selection_gate.gate()
    with_gate: list[float] = []
    without: list[float] = []
    changed = 0
    for n in range(args.rounds + 1):  # the first round warms the caches and is not counted
        for i, (text, parsed) in enumerate(asked):
            times = {}
            for on in ((True, False) if (n + i) % 2 else (False, True)):
                if args.part == "gate":
                    selection_gate.gate = (lambda: trained) if on else (lambda: None)
                else:
                    os.environ["SEARCH_RERANK"] = "on" if on else "off"
                    get_kb().forget_questions()
                times[on] = answer(loop, domain, tracker_for(domain, text, parsed))
            if n:
                with_gate.append(times[True][0])
                without.append(times[False][0])
            elif times[True][1] != times[False][1]:
                changed += 1
    loop.close()
    print(f"{len(asked)} questions du jeu tenu à l'écart × {args.rounds} tours, serveur d'actions en processus")
    part = "la barrière" if args.part == "gate" else "le réordonnancement"
    for label, series in ((f"sans {part}", without), (f"avec {part}", with_gate)):
        print(f"  {label} : p50 {statistics.median(series):.1f} ms · p95 {percentile(series, 95):.1f} ms")
    print(f"  rapport p50 {statistics.median(with_gate) / statistics.median(without):.2f} · "
          f"p95 {percentile(with_gate, 95) / percentile(without, 95):.2f} ; réponses changées : {changed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
