"""`make shell`: chat with the local assistant in the terminal.

Talks to the running assistant's REST channel (same model, actions and knowledge as
`make run`); if none answers, starts one for the session and stops it on exit.
Typing the number of a quick reply sends its payload.
"""

from __future__ import annotations

import asyncio
import sys
import uuid

import aiohttp

from bot.tools.stack import Stack, StackConfig, StackError, http_ok


async def chat(url: str) -> None:
    sender = f"shell-{uuid.uuid4().hex[:12]}"
    buttons: list[dict] = []
    async with aiohttp.ClientSession() as session:
        print("Tapez votre message (Ctrl-D ou /quitter pour sortir).")
        while True:
            try:
                line = await asyncio.to_thread(input, "Vous : ")
            except EOFError:
                break
            line = line.strip()
            if line in ("/quitter", "/quit"):
                break
            if not line:
                continue
            if line.isdigit() and 0 < int(line) <= len(buttons):
                line = buttons[int(line) - 1]["payload"]
            async with session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": line}) as r:
                replies = await r.json() if r.status == 200 else []
                if r.status != 200:
                    print(f"(erreur HTTP {r.status})")
            buttons = []
            for reply in replies:
                if reply.get("text"):
                    print(f"Assistant : {reply['text']}")
                for b in reply.get("buttons") or []:
                    buttons.append(b)
                    print(f"  [{len(buttons)}] {b.get('title')}")


def main() -> int:
    config = StackConfig()
    stack = None
    if not http_ok(f"{config.rasa_url}/health"):
        print("Aucun assistant ne tourne : démarrage (environ 30 s)…")
        stack = Stack(config)
        try:
            stack.start()
        except StackError as exc:
            print(f"Erreur : {exc}", file=sys.stderr)
            return 1
    try:
        asyncio.run(chat(config.rasa_url))
    except KeyboardInterrupt:
        pass
    finally:
        if stack:
            stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
