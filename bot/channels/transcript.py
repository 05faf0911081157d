"""Turns Rasa's bot messages and tracker events into what the widget shows.

Message ids: a bot message is `<turn>:<n>`, the n-th bot message (from 0) after the user
message whose Rasa `message_id` is `<turn>` ("start" before any). The channel knows both
when it answers, and they can be recomputed from the tracker, so live replies and the
restored history carry the same ids without storing anything extra.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa.shared.core.events import BotUttered, Event, UserUttered

from bot.channels.links import normalised, trusted_in

START_TURN = "start"
METADATA_KEY = "widget"  # UserUttered.metadata["widget"]: {"display": …} or {"feedback": {…}}
_LINK_SCHEMES = ("https:", "mailto:", "tel:")


def _is_link(value: object) -> bool:
    return isinstance(value, str) and value.lower().startswith(_LINK_SCHEMES) and len(value) <= 2000


def bot_message(message_id: str, data: dict[str, Any], rateable: bool = True,
                trusted: frozenset[str] = frozenset()) -> dict[str, Any]:
    """One bot message as the widget's JSON: text, buttons (title + payload) and links.

    Only strings pass; link targets must be https:, mailto: or tel: (the widget checks again)
    and be in `trusted` (the knowledge base's, see links.py); `trusted_links` lists the
    targets in the text the widget may render as links, all others stay text.
    `rateable` is false for the bot's answers to a rating (no thumbs on a "thank you").
    """
    text = data.get("text") if isinstance(data.get("text"), str) else ""
    buttons, links = [], []
    for button in (data.get("buttons") or []) + (data.get("quick_replies") or []):
        if not isinstance(button, dict) or not isinstance(button.get("title"), str):
            continue
        if _is_link(button.get("url")) and normalised(button["url"]) in trusted:
            links.append({"title": button["title"], "url": button["url"]})
        elif isinstance(button.get("payload"), str):
            buttons.append({"title": button["title"], "payload": button["payload"]})
    for key in ("attachment", "image"):
        if _is_link(data.get(key)) and normalised(data[key]) in trusted:
            links.append({"title": data[key], "url": data[key]})
    return {"id": message_id, "sender": "bot", "text": text, "buttons": buttons, "links": links,
            "trusted_links": trusted_in([text], trusted), "rateable": rateable}


def widget_metadata(event: UserUttered) -> dict[str, Any]:
    meta = event.metadata if isinstance(event.metadata, dict) else {}
    value = meta.get(METADATA_KEY)
    return value if isinstance(value, dict) else {}


def _turns(events: Iterable[Event]) -> Iterable[tuple[str, Event, int]]:
    """Each user or bot event with its turn id and, for bot events, its index in the turn."""
    turn, index, user_count = START_TURN, 0, 0
    for event in events:
        if isinstance(event, UserUttered):
            user_count += 1
            turn, index = event.message_id or f"u{user_count}", 0
            yield turn, event, -1
        elif isinstance(event, BotUttered):
            yield turn, event, index
            index += 1


def history(events: Iterable[Event], trusted: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """The conversation as shown to its user: their messages, the bot's, and their ratings."""
    shown: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    rating_turn = False
    for turn, event, index in _turns(events):
        if isinstance(event, BotUttered):
            message = bot_message(f"{turn}:{index}", dict(event.data or {}, text=event.text), not rating_turn, trusted)
            by_id[message["id"]] = message
            shown.append(message)
            continue
        meta = widget_metadata(event)
        feedback = meta.get("feedback")
        rating_turn = isinstance(feedback, dict)
        if rating_turn:
            rated = by_id.get(feedback.get("message_id"))
            if rated is not None:
                rated["feedback"] = feedback.get("rating")
            continue
        display = meta.get("display") if isinstance(meta.get("display"), str) else event.text
        if display and not display.startswith("/"):  # bare commands are not something the user typed
            shown.append({"id": turn, "sender": "user", "text": display})
    return shown


def offered_button(events: Iterable[Event], payload: str) -> dict[str, Any] | None:
    """The button with this payload if the bot offered it in this conversation, else None."""
    for event in events:
        if isinstance(event, BotUttered):
            data = event.data or {}
            for button in (data.get("buttons") or []) + (data.get("quick_replies") or []):
                if isinstance(button, dict) and button.get("payload") == payload:
                    return button
    return None


def find_bot_message(events: Iterable[Event], message_id: str) -> tuple[bool, str | None]:
    """Whether bot message `message_id` exists, and the rating it already has (or None)."""
    found, rating = False, None
    for turn, event, index in _turns(events):
        if isinstance(event, BotUttered) and f"{turn}:{index}" == message_id:
            found = True
        elif isinstance(event, UserUttered):
            feedback = widget_metadata(event).get("feedback")
            if isinstance(feedback, dict) and feedback.get("message_id") == message_id:
                rating = feedback.get("rating")
    return found, rating
