"""The server's two profiles: which channels and staff pages each mounts, and how large a request may be."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.server.app import build_app
from bot.server.settings import HttpSettings

CONTENT = Path(__file__).resolve().parents[2] / "knowledge" / "content"


@pytest.fixture(scope="module")
def apps() -> dict:
    """One app per profile (Sanic refuses two apps of one name in a process); never started."""
    return {profile: build_app(profile, "no-model.tar.gz", None, HttpSettings()) for profile in ("local", "public")}


@pytest.mark.parametrize("profile", ["local", "public"])
def test_each_profile_mounts_its_channels(apps: dict, profile: str) -> None:
    app = apps[profile]
    paths = {route.path for route in app.router.routes}
    assert any(p.startswith("webhooks/widget") for p in paths)
    assert any(p.startswith("webhooks/rest") for p in paths) == (profile == "local")
    assert any(p.startswith("console") for p in paths) == (profile == "local")


def test_the_console_can_receive_the_largest_content_file_only_in_the_local_profile(apps: dict) -> None:
    largest = max(path.stat().st_size for path in CONTENT.glob("*.yml"))
    assert apps["local"].ctx.srei_body_ceiling > 2 * largest
    assert not hasattr(apps["public"].ctx, "srei_body_ceiling")
