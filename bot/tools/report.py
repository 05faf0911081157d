"""`make report`: an offline HTML report of what users asked and what went unanswered.

Reads the conversation store (SQLite or PostgreSQL, see bot.tools.conversation_store) and writes
one self-contained HTML file: plots are embedded PNGs, no external script or font.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import io
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.tools.conversation_store import ROOT, ConversationStore, StoredEvent
from knowledge.textnorm import fold

TEMPLATE = "report_template.html"
FEEDBACK = {"feedback_positive": "up", "feedback_negative": "down"}
UNANSWERED_INTENTS = {"nlu_fallback", "out_of_scope"}
# Actions whose running means "the assistant did not answer": fallbacks and declines.
UNANSWERED_ACTION_MARKERS = ("fallback", "decline", "out_of_scope")
# Kinds of answer (the `last_answer` slot) that say the sources do not answer.
DECLINED_ANSWERS = ("declined", "fallback_miss", "fallback_declined")


@dataclass
class Stats:
    """Everything the report shows, computed in one pass over the events."""

    conversations_per_day: Counter = field(default_factory=Counter)
    messages_per_day: Counter = field(default_factory=Counter)
    intents: Counter = field(default_factory=Counter)
    unanswered: dict[str, dict] = field(default_factory=dict)
    ratings: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    bad_answers: list[dict] = field(default_factory=list)
    total_conversations: int = 0
    total_messages: int = 0


def _day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).date().isoformat()


def compute(events: list[StoredEvent]) -> Stats:
    """Aggregate the stored events into the report's figures."""
    s = Stats()
    by_sender: dict[str, list[StoredEvent]] = defaultdict(list)
    for ev in events:
        by_sender[ev.sender_id].append(ev)
    for sender_events in by_sender.values():
        users = [e for e in sender_events if e.type_name == "user"]
        if not users:
            continue
        s.total_conversations += 1
        s.conversations_per_day[_day(users[0].timestamp)] += 1
        last_question: StoredEvent | None = None
        last_bot_text = ""
        for i, ev in enumerate(sender_events):
            if ev.type_name == "bot":
                last_bot_text = ev.data.get("text") or last_bot_text
                continue
            if ev.type_name != "user":
                continue
            intent = ev.intent or "inconnu"
            text = ev.data.get("text") or ""
            if intent in FEEDBACK:
                rated = last_question.intent if last_question and last_question.intent else "inconnu"
                s.ratings[rated][FEEDBACK[intent]] += 1
                if FEEDBACK[intent] == "down":
                    s.bad_answers.append({"date": _day(ev.timestamp), "question": last_question.data.get("text")
                                          if last_question else "", "answer": last_bot_text, "intent": rated})
                continue
            if text.startswith("/"):
                continue  # button payloads are not questions people typed
            s.total_messages += 1
            s.messages_per_day[_day(ev.timestamp)] += 1
            s.intents[intent] += 1
            last_question = ev
            if _unanswered(ev, sender_events, i + 1):
                key = fold(text)
                group = s.unanswered.setdefault(key, {"text": text, "count": 0, "dates": set()})
                group["count"] += 1
                group["dates"].add(_day(ev.timestamp))
    return s


def _unanswered(question: StoredEvent, events: list[StoredEvent], start: int) -> bool:
    """Whether `question` went unanswered, judging by its turn: `events` from `start` to the
    next user message (an index, not a copy: a long conversation stays linear)."""
    if question.intent in UNANSWERED_INTENTS:
        return True
    for j in range(start, len(events)):
        ev = events[j]
        if ev.type_name == "user":
            return False
        if ev.type_name == "action" and ev.action and any(m in ev.action for m in UNANSWERED_ACTION_MARKERS):
            return True
        if ev.type_name == "slot" and ev.data.get("name") == "last_answer" and ev.data.get("value") in DECLINED_ANSWERS:
            return True  # an answer replaced by « mes sources ne donnent pas… » (actions/precise_answer.py)
    return False


def _plot(kind: str, labels: list[str], values: list[int], title: str) -> str:
    """A small PNG chart as a data URI (embedded: the report works offline)."""
    import matplotlib  # noqa: PLC0415 (heavy, only when plotting)

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    fig, ax = plt.subplots(figsize=(7, 3 if kind == "line" else max(2.5, 0.35 * len(labels))), dpi=100)
    if kind == "line":
        ax.plot(labels, values, marker="o", color="#005a9c")
        ax.tick_params(axis="x", labelrotation=45)
    else:
        ax.barh(labels[::-1], values[::-1], color="#005a9c")
    ax.set_title(title)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def render(stats: Stats, generated: dt.datetime) -> str:
    """The report as one HTML page."""
    days = sorted(set(stats.messages_per_day) | set(stats.conversations_per_day))
    top_intents = stats.intents.most_common(15)
    env = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=select_autoescape(["html"]))
    charts = {}
    if days:
        charts["messages"] = _plot("line", days, [stats.messages_per_day[d] for d in days], "Messages par jour")
        charts["conversations"] = _plot("line", days, [stats.conversations_per_day[d] for d in days],
                                        "Conversations par jour")
    if top_intents:
        charts["intents"] = _plot("bar", [i for i, _ in top_intents], [n for _, n in top_intents],
                                  "Intentions les plus fréquentes")
    unanswered = sorted(stats.unanswered.values(), key=lambda g: (-g["count"], g["text"]))
    for g in unanswered:
        g["dates"] = ", ".join(sorted(g["dates"]))
    ratings = [{"intent": k, "up": v["up"], "down": v["down"]} for k, v in sorted(stats.ratings.items())]
    return env.get_template(TEMPLATE).render(
        stats=stats, charts=charts, top_intents=top_intents, unanswered=unanswered, ratings=ratings,
        generated=generated.strftime("%Y-%m-%d %H:%M UTC"),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.tools.report", description="Rapport des conversations.")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "report.html")
    parser.add_argument("--days", type=int, default=None, help="seulement les N derniers jours")
    args = parser.parse_args(argv)
    since = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=args.days)).timestamp() if args.days else None
    try:
        events = list(ConversationStore().iter_events(since))
    except Exception as exc:  # noqa: BLE001 (any store failure becomes one clear line)
        print(f"Erreur : base des conversations illisible ({exc.__class__.__name__}).", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(compute(events), dt.datetime.now(dt.timezone.utc)), encoding="utf-8")
    print(f"Rapport écrit : {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
