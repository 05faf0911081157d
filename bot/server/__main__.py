"""`python -m bot.server`: start the assistant's Rasa server (see bot/server/app.py)."""

import sys

from bot.server.app import main

sys.exit(main())
