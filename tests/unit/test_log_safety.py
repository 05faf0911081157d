"""The server's log: one line per record, personal data masked, structlog's content fields dropped."""

from __future__ import annotations

import logging

import pytest
import structlog

from bot.server import log_safety


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch):
    """Records as the installed handler would write them."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(self.format(record))

    root = logging.getLogger()
    handler = Collect()
    handler.setFormatter(logging.Formatter(log_safety.FORMAT))
    monkeypatch.setattr(root, "handlers", [handler])
    level = root.level
    log_safety.install("INFO")
    yield lines
    root.setLevel(level)
    structlog.reset_defaults()


def test_a_forged_line_stays_on_its_line_and_personal_data_is_masked(captured: list[str]) -> None:
    logging.getLogger("bot.test").warning("message reçu : %s", "Bonjour\n2026-01-01 00:00:00,000 ERROR faux\u2028"
                                                               "rappel au 0470 12 34 56")
    (line,) = captured
    assert "\n" not in line and "\\x0a2026-01-01" in line and "\\u2028" in line
    assert "0470 12 34 56" not in line and "[téléphone masqué]" in line


def test_a_traceback_is_kept_on_one_line(captured: list[str]) -> None:
    try:
        raise ValueError("texte\nforgé")
    except ValueError:
        logging.getLogger("bot.test").exception("échec")
    (line,) = captured
    assert "Traceback" in line and "\n" not in line


def test_structlog_goes_through_the_same_filter_without_conversation_content(captured: list[str]) -> None:
    logger = structlog.get_logger("rasa.core.processor")
    logger.debug("processor.debug", text="secret de débogage")  # below the level: dropped
    logger.warning("processor.warning", text="question de l'usager", rasa_events=["réponse"], action="x")
    logger.error("interpolator.interpolate.text", placeholder_key='"body":"namur"')  # known noise: dropped
    (line,) = captured
    assert "processor.warning" in line and "action='x'" in line
    assert "question de l'usager" not in line and "réponse" not in line and "débogage" not in line
