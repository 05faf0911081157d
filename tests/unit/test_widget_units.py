"""The widget channel's small parts: ids, rate limiting, settings, transcript, validation."""

from __future__ import annotations

import base64
import os

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from bot.channels.ids import ConversationIds, ForgedId, MalformedId
from bot.channels.ratelimit import RateLimiter, make_limiters, retry_after
from bot.channels.transcript import bot_message, find_bot_message, history, offered_button
from bot.channels.validation import parse_feedback, parse_message
from bot.server.errors import ApiError
from bot.server.requests import parse_json_object
from bot.server.settings import SettingsError, load_http_settings, load_widget_settings, parse_origins
from tests.support.facts import PHONE

SECRET = b"k" * 40


# --- conversation ids -------------------------------------------------------------------

def test_issued_ids_carry_128_random_bits_and_verify() -> None:
    ids = ConversationIds(SECRET)
    token, sender = ids.issue()
    random_part = token.split(".")[0]
    assert len(base64.urlsafe_b64decode(random_part + "==")) == 16
    assert sender == "w-" + random_part
    assert ids.sender_id(token) == sender
    assert len({ids.issue()[0] for _ in range(200)}) == 200


def test_an_edited_or_foreign_id_is_refused() -> None:
    ids = ConversationIds(SECRET)
    token, _ = ids.issue()
    random_part, tag = token.split(".")
    edited = random_part[:-1] + ("A" if random_part[-1] != "A" else "B") + "." + tag
    with pytest.raises(ForgedId):
        ids.sender_id(edited)
    with pytest.raises(ForgedId):
        ConversationIds(b"another secret of enough length!!").sender_id(token)
    with pytest.raises(ForgedId):
        ids.sender_id(f"{random_part}.{'A' * 22}")


@pytest.mark.parametrize("token", ["", "abc", "x" * 45, None, 42, "a" * 22 + "." + "b" * 21, "a" * 22 + ".b" * 11,
                                   "w-" + "a" * 22])
def test_a_malformed_id_is_refused(token: object) -> None:
    with pytest.raises(MalformedId):
        ConversationIds(SECRET).sender_id(token)


# --- rate limiting ------------------------------------------------------------------------

class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limiter_allows_a_burst_then_refills_over_time() -> None:
    clock = Clock()
    limiter = RateLimiter(6, clock=clock)  # 6 per minute: one token every 10 s
    assert [limiter.take("a") for _ in range(6)] == [0.0] * 6
    wait = limiter.take("a")
    assert 9.9 < wait <= 10.0
    assert retry_after(wait) == 10
    assert limiter.take("b") == 0.0  # keys are independent
    clock.now += 10
    assert limiter.take("a") == 0.0
    assert limiter.take("a") > 0


def test_rate_limiter_memory_is_bounded() -> None:
    limiter = RateLimiter(1, max_keys=100, clock=Clock())
    for i in range(1000):
        limiter.take(f"k{i}")
    assert len(limiter) == 100


# --- settings -------------------------------------------------------------------------------

@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path):
    for name in list(os.environ):
        if name.startswith("WIDGET_") or name == "RETENTION_DAYS":
            monkeypatch.delenv(name)
    monkeypatch.setenv("WIDGET_SECRET_FILE", str(tmp_path / "var" / "widget_secret"))
    return tmp_path


def test_without_a_secret_one_is_generated_once_and_kept(clean_env) -> None:
    first = load_widget_settings()
    key_file = clean_env / "var" / "widget_secret"
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert load_widget_settings().secret == first.secret  # ids survive a restart
    assert len(first.secret) >= 32


def test_defaults_match_the_issue(clean_env) -> None:
    s = load_widget_settings()
    assert (s.retention_days, s.allowed_origins) == (90, frozenset())
    assert s.reply_timeout < 5


def test_environment_wins_over_credentials(clean_env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIDGET_MAX_TURNS", "50")
    monkeypatch.setenv("RETENTION_DAYS", "30")
    s = load_widget_settings({"max_turns": 80, "rate_per_address": 7})
    assert (s.max_turns, s.rate_per_address, s.retention_days) == (50, 7, 30)


@pytest.mark.parametrize("variable, value, named", [
    ("WIDGET_SECRET", "short", "WIDGET_SECRET"),
    ("WIDGET_RATE_PER_ADDRESS", "0", "WIDGET_RATE_PER_ADDRESS"),
    ("WIDGET_REPLY_TIMEOUT", "vite", "WIDGET_REPLY_TIMEOUT"),
    ("RETENTION_DAYS", "-1", "RETENTION_DAYS"),
    ("WIDGET_ALLOWED_ORIGINS", "www.province.namur.be", "WIDGET_ALLOWED_ORIGINS"),
])
def test_a_bad_setting_is_named_in_the_error(clean_env, monkeypatch, variable: str, value: str, named: str) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=named):
        load_widget_settings()


def test_origins_are_exact_and_normalised() -> None:
    assert parse_origins("https://a.be, https://b.be/ http://localhost:8000") == {
        "https://a.be", "https://b.be", "http://localhost:8000"}
    with pytest.raises(SettingsError):
        parse_origins("https://a.be/page")


# --- request validation ------------------------------------------------------------------------

@pytest.mark.parametrize("content_type, body, status", [
    ("text/plain", b'{"message": "x"}', 415),
    (None, b'{"message": "x"}', 415),
    ("application/json", b"\xff\xfe\x00binary", 400),
    ("application/json", b"{not json", 400),
    ("application/json", b"[1, 2]", 400),
    ("application/json", b'"text"', 400),
    ("application/json", b"x" * 20_000, 413),
])
def test_bodies_that_are_not_a_json_object_are_refused(content_type, body: bytes, status: int) -> None:
    with pytest.raises(ApiError) as err:
        parse_json_object(body, 16_384, content_type, require_json_type=True)
    assert err.value.status == status
    assert err.value.body()["error"]["message"]


def test_typed_text_can_never_be_an_intent() -> None:
    assert parse_message({"message": "  /restart  "}, 1000).text == "restart"
    assert parse_message({"message": "//feedback_positive"}, 1000).text == "feedback_positive"
    with pytest.raises(ApiError) as err:
        parse_message({"message": " / "}, 1000)
    assert err.value.status == 400


def test_feedback_needs_a_message_id_and_a_known_rating() -> None:
    assert parse_feedback({"message_id": "abc:0", "rating": "down"}).intent == "feedback_negative"
    for bad in ({"message_id": "abc:0", "rating": "bof"}, {"message_id": "abc:0", "rating": ["up"]},
                {"message_id": "<img>:0", "rating": "up"}, {"rating": "up"}):
        with pytest.raises(ApiError) as err:
            parse_feedback(bad)
        assert err.value.status == 400


# --- transcript --------------------------------------------------------------------------------

def events_of_a_conversation() -> list:
    return [
        ActionExecuted("action_listen"),
        UserUttered("bonjour", {"name": "greet"}, message_id="m1"),
        BotUttered("Bonjour !", {"buttons": [{"title": "Contacter le service", "payload": "/ask_contact"}]}),
        UserUttered("/ask_contact", {"name": "ask_contact"}, message_id="m2",
                    metadata={"widget": {"display": "Contacter le service"}}),
        BotUttered(f"Téléphone : {PHONE}"),
        BotUttered("Source : Province de Namur"),
        UserUttered("/feedback_positive", {"name": "feedback_positive"}, message_id="m3",
                    metadata={"widget": {"feedback": {"message_id": "m2:0", "rating": "up"}}}),
        BotUttered("Merci pour votre retour."),
    ]


def test_history_shows_what_the_user_saw_with_stable_ids_and_ratings() -> None:
    shown = history(events_of_a_conversation())
    assert [(m["sender"], m["id"], m["text"]) for m in shown] == [
        ("user", "m1", "bonjour"),
        ("bot", "m1:0", "Bonjour !"),
        ("user", "m2", "Contacter le service"),
        ("bot", "m2:0", f"Téléphone : {PHONE}"),
        ("bot", "m2:1", "Source : Province de Namur"),
        ("bot", "m3:0", "Merci pour votre retour."),
    ]
    assert shown[3]["feedback"] == "up" and "feedback" not in shown[4]
    assert shown[1]["buttons"] == [{"title": "Contacter le service", "payload": "/ask_contact"}]
    assert shown[5]["rateable"] is False and shown[3]["rateable"] is True


def test_buttons_and_ratings_are_found_in_the_conversation() -> None:
    events = events_of_a_conversation()
    assert offered_button(events, "/ask_contact")["title"] == "Contacter le service"
    assert offered_button(events, "/restart") is None
    assert find_bot_message(events, "m2:0") == (True, "up")
    assert find_bot_message(events, "m2:1") == (True, None)
    assert find_bot_message(events, "m9:0") == (False, None)


TRUSTED = frozenset({"https://www.province.namur.be", "srei@province.namur.be"})


def test_only_safe_links_of_the_knowledge_base_leave_the_server() -> None:
    message = bot_message("m:0", {"text": "Voir", "buttons": [
        {"title": "Site", "url": "https://www.province.namur.be/", "type": "web_url"},
        {"title": "Autre", "url": "https://evil.example", "type": "web_url"},
        {"title": "Piège", "url": "javascript:alert(1)", "type": "web_url"},
        {"title": 3, "payload": "/x"},
    ], "image": "data:text/html,<script>alert(1)</script>"}, trusted=TRUSTED)
    assert message["links"] == [{"title": "Site", "url": "https://www.province.namur.be/"}]
    assert message["buttons"] == []


def test_only_link_targets_of_the_knowledge_base_are_listed_as_links_in_a_text() -> None:
    text = ("Écrivez à SREI@province.namur.be ou voyez [le site](https://www.province.namur.be), "
            "pas [cliquez ici](https://evil.example/login) ni https://evil.example ni pirate@evil.example")
    message = bot_message("m:0", {"text": text}, trusted=TRUSTED)
    assert message["trusted_links"] == ["SREI@province.namur.be", "https://www.province.namur.be"]
    assert bot_message("m:0", {"text": text})["trusted_links"] == []  # no knowledge base: no link at all


def test_rasa_workers_share_the_rate_limits_and_stay_out_of_the_local_profile() -> None:
    alone = make_limiters({"conversation": 20}, env={})["conversation"]
    shared = make_limiters({"conversation": 20}, env={"RASA_WORKERS": "3"})["conversation"]
    assert (alone.capacity, shared.capacity) == (20, 7)  # three workers allow at most 21 in all
    secret = {"WIDGET_SECRET": "x" * 40}
    assert load_http_settings("public", {**secret, "RASA_WORKERS": "2"}).workers == 2
    with pytest.raises(SettingsError, match="RASA_WORKERS"):
        load_http_settings("local", {"RASA_WORKERS": "2"})
