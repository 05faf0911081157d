"""`python -m bot.scenarios`: play scenario files against a running assistant (see play.py)."""

import sys

from bot.scenarios.play import main

sys.exit(main())
