"""Collects the bot's messages of one turn, one entry per Rasa response."""

from __future__ import annotations

from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel


class WholeMessageCollector(CollectingOutputChannel):
    """Keeps each response whole (text, buttons, links together).

    The base class splits a text on blank lines and sends buttons separately; keeping one
    entry per BotUttered event is what lets live replies and the history share message ids.
    """

    @classmethod
    def name(cls) -> str:
        return "widget"

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.messages.append(dict(message))
