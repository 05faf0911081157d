"""deadline_status against injected days, and the injectable today()."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge import deadline_status, today
from knowledge.models import Call, SourceRef

SOURCE = SourceRef("src", "Page", "Éditeur", "doc.txt", None, "2018")


def call(deadline: dt.date, opens: dt.date | None = None) -> Call:
    return Call("appel", "prog", "Appel", opens, deadline, SOURCE)


def test_open_with_days_left() -> None:
    status = deadline_status(call(dt.date(2018, 2, 8)), dt.date(2018, 1, 29))
    assert status.is_open and status.days_left == 10 and status.closed_since_days is None
    assert status.today == dt.date(2018, 1, 29)


def test_deadline_day_is_still_open_with_zero_days_left() -> None:
    status = deadline_status(call(dt.date(2018, 2, 8)), dt.date(2018, 2, 8))
    assert status.is_open and status.days_left == 0


def test_closed_since_how_many_days() -> None:
    status = deadline_status(call(dt.date(2018, 2, 8)), dt.date(2018, 2, 9))
    assert not status.is_open and status.closed_since_days == 1 and status.days_left is None
    long_after = deadline_status(call(dt.date(2018, 2, 8)), dt.date(2026, 11, 21))
    assert long_after.closed_since_days == (dt.date(2026, 11, 21) - dt.date(2018, 2, 8)).days


def test_not_yet_open() -> None:
    status = deadline_status(call(dt.date(2018, 2, 8), opens=dt.date(2018, 1, 1)), dt.date(2017, 12, 31))
    assert not status.is_open and status.days_left is None and status.closed_since_days is None


def test_opening_day_is_open() -> None:
    status = deadline_status(call(dt.date(2018, 2, 8), opens=dt.date(2018, 1, 1)), dt.date(2018, 1, 1))
    assert status.is_open and status.days_left == 38


def test_today_honours_assistant_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_TODAY", "2018-02-01")
    assert today() == dt.date(2018, 2, 1)
    monkeypatch.delenv("ASSISTANT_TODAY")
    assert today() == dt.date.today()


def test_bad_assistant_today_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_TODAY", "01/02/2018")
    with pytest.raises(ValueError, match="ASSISTANT_TODAY invalide « 01/02/2018 »"):
        today()
