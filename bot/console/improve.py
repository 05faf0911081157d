"""The console's « Améliorer » page: what users asked, what went unanswered and which
answers they rated badly, computed live from the conversation store.

    GET /console/api/ameliorer?jours=30   -> activity, topics, unanswered questions, ratings

The figures are those of `make report` (bot.tools.report.compute); this module only turns them
into what staff read: topics by their French titles, never intent ids, and each unanswered
question next to the content entries closest to it, with the file and line to edit.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.labels import topic_label
from bot.console.requests import foreign_origin
from bot.tools.conversation_store import ConversationStore, StoredEvent
from bot.tools.report import Stats, compute

# Searching the base takes ~15 ms a question: bound the work of one request.
MAX_LOOKUPS = 200
PERIODS = (7, 30, 90, 365)
DEFAULT_PERIOD = 30
# The console's own trials (try_turn.py) are staff testing, not users asking.
CONSOLE_SENDER_PREFIX = "console-"
NO_TOPIC = "Aucun sujet proche"
# An entry sharing less than this share of a question's words is not its topic (the
# assistant's own floor for a passage that could answer, actions/answer_selection.MIN_UNPLACED).
MIN_CLOSE = 0.3
ENTRY_TYPES = {"body": "Collectivité", "contact": "Coordonnées", "definition": "Définition", "fact": "Information",
               "partnership": "Partenariat", "programme": "Programme", "service": "Service", "page": "Page"}

Lookup = Callable[[str], list[dict[str, Any]]]


def _merged(counts: Iterable[tuple[str, int]]) -> Counter:
    merged: Counter = Counter()
    for label, n in counts:
        merged[label] += n
    return merged


def topics(intents: Counter, responses: dict[str, Any]) -> list[dict[str, Any]]:
    """Questions per topic, most asked first; intents without a title share one line."""
    merged = _merged((topic_label(i, responses), n) for i, n in intents.items())
    return [{"sujet": s, "nombre": n} for s, n in sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))]


def activity(stats: Stats) -> list[dict[str, Any]]:
    """Conversations and messages per day, oldest first."""
    days = sorted(set(stats.conversations_per_day) | set(stats.messages_per_day))
    return [{"jour": d, "conversations": stats.conversations_per_day[d], "messages": stats.messages_per_day[d]}
            for d in days]


def _french_candidate(c: dict[str, Any]) -> dict[str, Any]:
    return {**c, "type": ENTRY_TYPES.get(c.get("type"), "Entrée")}


def group_unanswered(unanswered: Iterable[dict[str, Any]], lookup: Lookup,
                     limit: int = MAX_LOOKUPS) -> dict[str, Any]:
    """Unanswered questions grouped by the title of the entry closest to each.

    Args:
        unanswered: `Stats.unanswered` values: {"text", "count", "dates"}.
        lookup: the closest entries to a question ({"titre", "type", "score", "fichier"}), best first;
            a question whose best entry scores under MIN_CLOSE goes to « Aucun sujet proche ».
        limit: how many questions are looked up at most: the most frequent, then the latest.
    """
    # Stable sorts, last one first in importance: most frequent, then latest, then by text.
    ordered = sorted(unanswered, key=lambda q: q["text"])
    ordered.sort(key=lambda q: max(q["dates"], default=""), reverse=True)
    ordered.sort(key=lambda q: -q["count"])
    groups: dict[str, dict[str, Any]] = {}
    for q in ordered[:limit]:
        found = [_french_candidate(c) for c in lookup(q["text"])]
        close = found[0] if found and found[0]["score"] >= MIN_CLOSE else None
        title = close["titre"] if close else NO_TOPIC
        group = groups.setdefault(title, {"sujet": title, "proche": close is not None,
                                          "fichier": close["fichier"] if close else None, "nombre": 0, "questions": []})
        group["nombre"] += q["count"]
        group["questions"].append({"texte": q["text"], "nombre": q["count"], "dates": sorted(q["dates"]),
                                   "candidats": found})
    ranked = sorted(groups.values(), key=lambda g: (not g["proche"], -g["nombre"], g["sujet"]))
    return {"total": len(ordered), "analysees": min(len(ordered), limit), "groupes": ranked}


def ratings(stats: Stats, responses: dict[str, Any]) -> dict[str, Any]:
    """Ratings per topic, and each negative one with the question and the answer rated."""
    up = _merged((topic_label(i, responses), c["up"]) for i, c in stats.ratings.items())
    down = _merged((topic_label(i, responses), c["down"]) for i, c in stats.ratings.items())
    per_topic = [{"sujet": s, "positifs": up[s], "negatifs": down[s]}
                 for s in sorted(set(up) | set(down), key=lambda s: (-down[s], s))]
    negative = [{"date": b["date"], "question": b["question"] or "", "reponse": b["answer"] or "",
                 "sujet": topic_label(b["intent"], responses)}
                for b in sorted(stats.bad_answers, key=lambda b: b["date"], reverse=True)]
    return {"par_sujet": per_topic, "negatifs": negative}


def summary(events: list[StoredEvent], responses: dict[str, Any], lookup: Lookup) -> dict[str, Any]:
    """Everything the page shows, from the stored events (the console's own trials left out)."""
    stats = compute([e for e in events if not e.sender_id.startswith(CONSOLE_SENDER_PREFIX)])
    return {
        "conversations": stats.total_conversations,
        "messages": stats.total_messages,
        "activite": activity(stats),
        "sujets": topics(stats.intents, responses),
        "sans_reponse": group_unanswered(stats.unanswered.values(), lookup),
        "avis": ratings(stats, responses),
    }


@lru_cache(maxsize=1)
def _store() -> ConversationStore:
    """The store the running assistant writes (same settings), opened once."""
    return ConversationStore()


def _period(raw: str | None) -> int | None:
    if raw is None:
        return DEFAULT_PERIOD
    return int(raw) if raw.isdigit() and int(raw) in PERIODS else None


def _live_summary(days: int, responses: dict[str, Any]) -> dict[str, Any]:
    from bot.console.try_turn import candidates  # noqa: PLC0415 (opens the base on first use)

    since = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)).timestamp()
    data = summary(list(_store().iter_events(since)), responses, candidates)
    data["jours"] = days
    return data


def register(console: Blueprint) -> None:
    """The « Améliorer » route."""

    @console.get("/api/ameliorer")
    async def improve(request: Request) -> HTTPResponse:
        if foreign_origin(request):
            return response.json({"erreur": "Requête refusée : elle ne vient pas de la console."}, status=403)
        days = _period(request.args.get("jours"))
        if days is None:
            return response.json({"erreur": f"Période invalide : choisissez {', '.join(map(str, PERIODS))} jours."},
                                 status=400)
        agent = request.app.ctx.agent
        if agent is None or not agent.is_ready():
            return response.json({"erreur": "L'assistant démarre encore, réessayez dans un instant."}, status=503)
        try:
            # Reading the store and searching the base block: off the loop that serves conversations.
            data = await asyncio.to_thread(_live_summary, days, agent.domain.responses)
        except Exception as exc:  # noqa: BLE001 (any store or base failure becomes one French sentence)
            return response.json({"erreur": f"Conversations ou base de connaissances illisibles "
                                            f"({exc.__class__.__name__})."}, status=503)
        return response.json(data)
