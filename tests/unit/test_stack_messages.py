"""What `make run` prints at the end: the total time since make started, when it did."""

from __future__ import annotations

from bot.tools.stack import since_make


def test_the_total_time_counts_from_the_start_of_make() -> None:
    assert since_make({"MAKE_STARTED": "1000"}, now=1583.2) == " (9 min 43 s en tout depuis le début de make)"
    assert since_make({"MAKE_STARTED": "1000"}, now=1042) == " (42 s en tout depuis le début de make)"


def test_without_make_nothing_is_added() -> None:
    assert since_make({}, now=5.0) == ""
    assert since_make({"MAKE_STARTED": "pas un nombre"}, now=5.0) == ""
