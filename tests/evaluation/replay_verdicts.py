"""Replay the « Oui » / « Non » of closed questions without servers, on the current code.

    python -m tests.evaluation.evaluate --skip-nlu --out var/eval/run tests/conversations/blind/a …
    python -m tests.evaluation.replay_verdicts var/eval/run [other runs…] [--show 20]

A change to how a claim is checked (`answer_shape.confirms`) is measured in seconds, not in a
new evaluation: for every single-turn in-scope closed question of the blind sets whose reply
holds the expected fact, the verdict is read again on the reply's own words (the answer and
the documents it cites, as `precise_answer.with_verdict` reads them, and the partner records
(`partner_claims`); a claim about today
against the day the run played). It prints how many
verdicts were right as played and how many are right now, and the questions that change. The
replay does not see the passage an answer may have been checked against besides its words, so
a few verdicts differ from the played ones on unchanged code: those are counted apart.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from datetime import date
from pathlib import Path

from rasa.shared.core.domain import Domain

from actions.answer_shape import confirms, gives_requested_reach
from actions.partner_claims import contradicted
from actions.phrasing import render
from actions.precise_answer import reply_evidence, source_prefix, without_sources
from actions.still_open import verdict_against_today
from bot.scenarios.format import check_reply, load_paths
from knowledge.access import shared_kb
from tests.evaluation.evaluate import DEFAULT_TODAY

ROOT = Path(__file__).resolve().parents[2]
BLIND = ROOT / "tests" / "conversations" / "blind"
DOMAIN = ROOT / "bot" / "domain"


def replayed(runs: list[Path], sets: list[Path] | None = None) -> list[tuple[str, str, str, str, str]]:
    """(name, question, expected, verdict played, verdict now) for each closed question replayed."""
    kb = shared_kb()
    with warnings.catch_warnings():  # Rasa 3.6 announces on every load that slot auto-fill was removed
        warnings.filterwarnings("ignore", message="Slot auto-fill has been removed", category=UserWarning)
        domain = Domain.load(str(DOMAIN)).as_dict()
    prefix, more = source_prefix(domain), render(domain, "utter_more_intro")
    yes, no = render(domain, "utter_shape_yes"), render(domain, "utter_shape_no")
    expected = {s.name: s for s in load_paths(sets or sorted(BLIND.glob("*/*.yml")))}
    out = []
    for run in runs:
        for played in json.loads((run / "scenarios.json").read_text(encoding="utf-8"))["conversations"]:
            scenario = expected.get(played["name"])
            if scenario is None or played["category"] != "in_scope" or len(played["turns"]) != 1:
                continue
            expect, turn = scenario.turns[0].expect, played["turns"][0]
            reply = turn["reply"]
            given = next((v for v in (yes, no) if reply.startswith(f"{v} ")), None)
            if expect is None or not expect.starts_with or given is None:
                continue
            if check_reply(expect.copy(update={"starts_with": None}), reply, ()):
                continue  # the fact is missing: the verdict is not what fails
            body = reply[len(given) + 1:]
            # « encore ouvert ? » is read against the day the run played (`verdict_against_today`)
            answer_part = without_sources(body, prefix).split(more)[0]
            against = verdict_against_today(turn["user"], answer_part, date.fromisoformat(played["today"] or DEFAULT_TODAY))
            if against is None:
                against = gives_requested_reach(turn["user"], answer_part) or (not contradicted(kb, turn["user"]) and confirms(
                    turn["user"], reply_evidence(kb, domain, turn["user"], body, prefix), kb.term_weight))
            now = yes if against else no
            out.append((played["name"], turn["user"], expect.starts_with, given, now))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", type=Path, help="folders written by an evaluation (scenarios.json)")
    parser.add_argument("--show", type=int, default=20, help="how many changed questions to print")
    parser.add_argument("--sets", nargs="*", type=Path, help="the sets whose expectations to read (all blind sets)")
    args = parser.parse_args(argv)
    rows = replayed(args.runs, args.sets)

    def right(verdict: str, want: str) -> bool:
        return verdict.rstrip(".") == want

    won = [r for r in rows if right(r[4], r[2]) and not right(r[3], r[2])]
    lost = [r for r in rows if right(r[3], r[2]) and not right(r[4], r[2])]
    print(f"questions fermées rejouées (fait juste) : {len(rows)}")
    print(f"verdicts justes tels que joués : {sum(right(r[3], r[2]) for r in rows)} ; "
          f"relus par le code actuel : {sum(right(r[4], r[2]) for r in rows)} "
          f"(gagnés {len(won)}, perdus {len(lost)})")
    for tag, group in (("gagné", won), ("perdu", lost)):
        for name, question, want, _given, _now in group[:args.show]:
            print(f"  {tag} [{want}] {name} : {question}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
