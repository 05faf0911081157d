"""The bench's larger knowledge base (tests/perf/large_kb.py) is valid content that copies
the real entries' shape without repeating their names."""

from __future__ import annotations

from knowledge.content_loader import load_content
from knowledge.settings import content_dir
from tests.perf.large_kb import write_large_content


def test_three_times_the_content_is_valid_and_names_nothing_real(tmp_path) -> None:
    real = load_content(content_dir()).entries
    large = load_content(write_large_content(content_dir(), tmp_path / "x3", 3)).entries
    assert len(large["facts"]) == 3 * len(real["facts"])
    assert len(large["partnerships"]) == 3 * len(real["partnerships"])
    copies = [p for p in large["partnerships"] if p["id"].endswith(("-x1", "-x2"))]
    assert copies and not {p["partner"] for p in real["partnerships"]} & {p["partner"] for p in copies}
    assert sum(bool(b.get("default")) for b in large["bodies"]) == 1
