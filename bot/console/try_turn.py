"""The console's « Essayer » page: a chat beside an inspector that shows, for each turn,
why the assistant answered as it did.

    POST /console/api/essayer      {"conversation": id, "message": text} -> the turn, inspected

The turn goes through the same agent as the widget's; the inspector reads what Rasa recorded
in the conversation (the intent ranking, entities, actions run, slots set) and asks the
knowledge base which entries fit the question best, with the content file and line where
each one is written, so that a wrong answer leads to the entry to change.
"""

from __future__ import annotations

import re
import time
from functools import lru_cache
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.console.labels import topic_label
from bot.console.requests import json_body
from bot.console.scenario_save import suggested_facts
from bot.server.safe_text import has_bad_characters, without_bidi_controls

# Candidate entries shown beside the answer: the one chosen and its runners-up.
CANDIDATES = 4
MAX_MESSAGE = 1000
SOURCE_PREFIX = "Source :"
_CONVERSATION_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")


def checked_request(body: Any) -> tuple[str, str] | str:
    """(conversation, message) from a request's JSON body, or the French error to answer."""
    if not isinstance(body, dict):
        return "Le corps de la requête doit être un objet JSON."
    message, conversation = body.get("message"), body.get("conversation")
    if not isinstance(message, str) or not message.strip():
        return "Écrivez une question."
    if len(message) > MAX_MESSAGE or has_bad_characters(message):
        return f"La question doit faire au plus {MAX_MESSAGE} caractères imprimables."
    if not isinstance(conversation, str) or not _CONVERSATION_ID.match(conversation):
        return "Identifiant de conversation invalide."
    return conversation, without_bidi_controls(message.strip())


def inspect_turn(events: list[dict[str, Any]], responses: dict[str, Any]) -> dict[str, Any]:
    """What Rasa read and did for the last user message of `events` (a tracker's events, as
    dicts): intents ranked with confidences, entities, actions run, slots set, answer texts."""
    start = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    if start < 0:
        return {"classement": [], "entites": [], "actions": [], "emplacements": {}, "reponses": [], "sources": []}
    parse = events[start].get("parse_data") or {}
    after = events[start + 1:]
    texts = [e.get("text") or "" for e in after if e.get("event") == "bot"]
    return {
        "classement": [{"intention": topic_label(r.get("name"), responses), "confiance": round(r.get("confidence", 0), 3)}
                       for r in (parse.get("intent_ranking") or [])[:5]],
        # Several extractors may find the same entity: shown once.
        "entites": [dict(t) for t in dict.fromkeys(
            (("entite", e.get("entity")), ("valeur", e.get("value"))) for e in parse.get("entities") or [])],
        "actions": [e.get("name") for e in after if e.get("event") == "action" and e.get("name") != "action_listen"],
        "emplacements": {e["name"]: e.get("value") for e in after if e.get("event") == "slot" and e.get("name")},
        "reponses": texts,
        "sources": [line for t in texts for line in t.split("\n") if line.startswith(SOURCE_PREFIX)],
    }


@lru_cache(maxsize=1)
def _knowledge() -> Any:
    """The knowledge base, opened on first use (its language model loads then, once)."""
    from knowledge import KnowledgeBase  # noqa: PLC0415 (only the console needs it in this process)
    from knowledge.settings import database_url  # noqa: PLC0415

    return KnowledgeBase(database_url())


def candidates(question: str) -> list[dict[str, Any]]:
    """The entries that fit the question best, with where each is written."""
    from knowledge.provenance import where_written  # noqa: PLC0415

    return [{"titre": p.title, "type": p.entry_type, "score": round(p.score, 2),
             "fichier": where_written(p.entry_type, p.entry_id)}
            for p in _knowledge().search(question, limit=CANDIDATES)]


def answer_pieces(answers: list[str], sentences: int = 3) -> list[str]:
    """The pieces of an answer worth tracing back to the content: its figures and names, then
    its first sentences (a passage's text is written as is in a content file)."""
    body = [line for text in answers for line in text.split("\n") if line and not line.startswith(SOURCE_PREFIX)]
    said = [s.strip() for line in body for s in re.split(r"(?<=[.!?])\s+", line)
            if len(s.strip()) >= 25 and not s.strip().endswith(":")]  # « Le SREI de … : » only introduces a list
    return [s.rstrip(".!?") for s in said[:sentences]] + suggested_facts("\n".join(answers))


def origin(answers: list[str]) -> list[dict[str, Any]]:
    """Where each piece of the answer is written: what to edit when the answer is wrong."""
    from knowledge.provenance import where_said  # noqa: PLC0415

    return [{"extrait": piece, "fichiers": places} for piece, places in where_said(answer_pieces(answers)).items()]


def register(console: Blueprint) -> None:
    """The « Essayer » route."""

    @console.post("/api/essayer")
    async def try_message(request: Request) -> HTTPResponse:
        body = json_body(request)
        checked = checked_request(body) if not isinstance(body, HTTPResponse) else body
        if isinstance(checked, HTTPResponse):
            return checked
        if isinstance(checked, str):
            return response.json({"erreur": checked}, status=400)
        conversation, message = checked
        agent = request.app.ctx.agent
        if agent is None or not agent.is_ready():
            return response.json({"erreur": "L'assistant démarre encore, réessayez dans un instant."}, status=503)
        started = time.perf_counter()
        out = CollectingOutputChannel()
        await agent.handle_message(UserMessage(message, out, f"console-{conversation}", input_channel="console"))
        elapsed = round((time.perf_counter() - started) * 1000)
        tracker = await agent.tracker_store.retrieve(f"console-{conversation}")
        events = [e.as_dict() for e in tracker.events] if tracker else []
        turn = inspect_turn(events, agent.domain.responses)
        turn["reponses"] = [m.get("text") or "" for m in out.messages] or turn["reponses"]
        turn["duree_ms"] = elapsed
        turn["candidats"] = candidates(message)
        turn["faits_suggeres"] = suggested_facts("\n".join(turn["reponses"]))
        turn["origine"] = origin(turn["reponses"])
        return response.json(turn)
