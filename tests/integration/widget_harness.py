"""A real Sanic server with the widget channel mounted exactly as `rasa run` mounts it.

Only Rasa's agent is replaced (the edge of these tests): a scripted agent with Rasa's
real in-memory tracker and lock stores answers by keyword, so the tests can make the
"assistant" slow, silent or broken on demand. Started by tests/integration/test_widget_api.py:

    python tests/integration/widget_harness.py PORT [widget|rest|widget,rest]

The channels to mount (the widget alone by default) show that each carries the server's
guards by itself: removing one changes nothing for the other.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from rasa import server  # noqa: E402
from rasa.core.channels.channel import UserMessage, register  # noqa: E402
from rasa.core.lock_store import InMemoryLockStore  # noqa: E402
from rasa.core.tracker_store import InMemoryTrackerStore  # noqa: E402
from rasa.shared.core.domain import Domain  # noqa: E402
from rasa.shared.core.events import BotUttered, UserUttered  # noqa: E402
from sanic import Sanic  # noqa: E402

from bot.channels.rest import GuardedRestInput  # noqa: E402
from bot.channels.widget import WidgetInput  # noqa: E402
from tests.support.facts import PHONE  # noqa: E402

BUTTONS = [{"title": "Contacter le service", "payload": "/ask_contact"},
           {"title": "Les jumelages", "payload": "/ask_partnerships"}]


def script(text: str) -> list[dict[str, Any]] | None:
    """The scripted replies to `text`; None means "stay silent"."""
    if text == "boutons":
        return [{"text": "Que souhaitez-vous savoir ?", "buttons": BUTTONS}]
    if text == "/ask_contact":
        return [{"text": f"Téléphone : {PHONE}"}]
    if text == "deux réponses":
        return [{"text": "Première partie.\n\nAvec un paragraphe."}, {"text": "Seconde réponse."}]
    if text.startswith("/feedback_"):
        return [{"text": "Merci pour votre retour."}]
    if text == "silence":
        return None
    return [{"text": f"Écho : {text}"}]


class ScriptedAgent:
    """Stands in for rasa.core.agent.Agent: same stores, scripted dialogue."""

    def __init__(self) -> None:
        self.tracker_store = InMemoryTrackerStore(Domain.empty())
        self.lock_store = InMemoryLockStore()

    def is_ready(self) -> bool:
        return True

    async def handle_message(self, message: UserMessage) -> None:
        if message.text == "lent":
            await asyncio.sleep(30)
        if message.text == "panne":
            raise ConnectionError("action server unreachable")
        async with self.lock_store.lock(message.sender_id):
            tracker = await self.tracker_store.get_or_create_tracker(message.sender_id)
            intent = {"name": message.text[1:], "confidence": 1.0} if message.text.startswith("/") else {}
            tracker.update(UserUttered(message.text, intent, message_id=message.message_id,
                                       input_channel=message.input_channel, metadata=message.metadata))
            if message.text == "longue conversation":  # as if this conversation already held 50 messages
                for i in range(50):
                    tracker.update(UserUttered(f"message {i}", {}))
            for reply in script(message.text) or []:
                event = BotUttered(reply["text"], data={k: v for k, v in reply.items() if k != "text"})
                tracker.update(event)
                await message.output_channel.send_response(message.sender_id, event.message())
            await self.tracker_store.save(tracker)


def make_app(channels: str = "widget") -> Sanic:
    app = Sanic("widget_harness", configure_logging=False)
    app.config.REAL_IP_HEADER = "x-real-ip"  # as behind a reverse proxy; lets tests vary the address
    server.add_root_route(app)
    server.configure_cors(app, None)  # what `rasa run` does without --cors
    mounted = {"widget": lambda: WidgetInput.from_credentials(None), "rest": GuardedRestInput}
    register([mounted[name]() for name in channels.split(",")], app, "/webhooks/")
    app.ctx.agent = ScriptedAgent()
    return app


if __name__ == "__main__":
    make_app(*sys.argv[2:3]).run(host="127.0.0.1", port=int(sys.argv[1]), access_log=False, motd=False)
