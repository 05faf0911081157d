"""The widget in headless Chromium against the real stack (Rasa, action server, knowledge base),
started in the production profile (only the widget's routes are served).

One stack for the module, with a knowledge base built from the project's content plus a
hostile contact entry, so the bot itself sends HTML and a `javascript:` link to the widget.
The failure tests stop the action server or Rasa to see the error states; every test starts
what is stopped again (fixture `stack_up`), so the tests pass in any order.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from bot.tools.stack import Stack, StackConfig
from tests.browser.chromium import ARGS, CHROMIUM
from tests.support.facts import PHONE
from tests.support.servers import free_port

pytestmark = [pytest.mark.browser, pytest.mark.integration]

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Comment contacter le service des relations internationales ?"
XSS_HTML = '<img src=x onerror="window.__xss=1">'
XSS_LINK = "[cliquez ici](javascript:window.__xss=2)"


@pytest.fixture(scope="module")
def widget_stack(tmp_path_factory: pytest.TempPathFactory) -> Stack:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run installs it)")
    tmp = tmp_path_factory.mktemp("widget-stack")
    content = tmp / "content"
    shutil.copytree(ROOT / "knowledge" / "content", content)
    namur = yaml.safe_load((content / "namur.yml").read_text(encoding="utf-8"))
    namur["contacts"].append({"id": "srei-piege", "service": "srei", "kind": "hours",
                              "value": f"{XSS_HTML} {XSS_LINK}",
                              "source": {"ref": "src-namur-srei", "section": "Adresse"}})
    (content / "namur.yml").write_text(yaml.safe_dump(namur, allow_unicode=True, sort_keys=False), encoding="utf-8")
    kb_env = {"KNOWLEDGE_CONTENT_DIR": str(content), "KNOWLEDGE_DB_URL": f"sqlite:///{tmp / 'knowledge.sqlite3'}"}
    subprocess.run([sys.executable, "-m", "knowledge", "build"], cwd=ROOT, env={**os.environ, **kb_env},
                   check=True, capture_output=True)
    # The production profile (make serve): the widget is the only door, as on the province's site.
    config = StackConfig(rasa_port=free_port(), actions_port=free_port(), tracker_sqlite=tmp / "conversations.sqlite3",
                         log_dir=tmp / "log", profile="public",
                         extra_env={**kb_env, "WIDGET_SECRET": "browser-test-secret-" + "b" * 32,
                                    # every test comes from 127.0.0.1; the limits are tested elsewhere
                                    "WIDGET_RATE_PER_ADDRESS": "100000",
                                    "WIDGET_NEW_CONVERSATIONS_PER_ADDRESS": "100000"})
    stack = Stack(config)
    stack.start()
    yield stack
    stack.stop()


@pytest.fixture
def stack_up(widget_stack: Stack) -> Stack:
    """The module's stack with both servers running: a failure test stops one, and the next
    test (in whatever order they run) starts it again; nothing to restart when they run last."""
    for name in ("actions", "rasa"):
        if name not in widget_stack.procs or widget_stack.procs[name].poll() is not None:
            widget_stack.start_one(name)
    return widget_stack


@pytest.fixture(scope="module")
def browser() -> Browser:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def csp_violations() -> list[str]:
    """Console reports of Content-Security-Policy violations on the page."""
    return []


@pytest.fixture
def console_errors() -> list[str]:
    """Console errors and failed (4xx/5xx) requests of the page, for the tests that want none."""
    return []


@pytest.fixture
def page(browser: Browser, stack_up: Stack, csp_violations: list[str], console_errors: list[str]) -> Page:
    context = browser.new_context(locale="fr-BE", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    violations = csp_violations
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: console_errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{stack_up.config.rasa_url}/webhooks/widget/demo")
    expect(launcher(page)).to_be_visible(timeout=15_000)
    yield page
    context.close()
    assert violations == [], "the widget must run under default-src 'self'"


def launcher(page: Page):
    return page.get_by_role("button", name="Poser une question")


def question_box(page: Page):
    return page.get_by_role("textbox", name="Votre question")


def log(page: Page):
    return page.get_by_role("log")


def shadow_query(page: Page, selector: str) -> int:
    return page.evaluate("s => document.getElementById('srei-assistant').shadowRoot.querySelectorAll(s).length",
                         selector)


def open_by_keyboard(page: Page) -> None:
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("() => { const h = document.activeElement; return h && h.id === 'srei-assistant' &&"
                         " h.shadowRoot.activeElement.classList.contains('srei-launcher'); }"):
            break
    else:
        pytest.fail("the launcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    expect(question_box(page)).to_be_focused()


def ask(page: Page, text: str) -> None:
    question_box(page).fill(text)
    page.keyboard.press("Enter")


# --- the conversation ----------------------------------------------------------------------------

def test_keyboard_user_asks_and_hears_the_answer_without_losing_focus(page: Page) -> None:
    assert shadow_query(page, "[role=dialog]:not([hidden])") == 0  # closed until asked
    open_by_keyboard(page)
    expect(launcher(page)).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("dialog")).to_contain_text("N'indiquez aucune donnée personnelle")
    expect(page.get_by_role("dialog")).to_contain_text("conservées 90 jours")
    expect(log(page)).to_have_attribute("aria-live", "polite")
    ask(page, QUESTION)
    expect(log(page).get_by_text(PHONE)).to_be_visible(timeout=15_000)
    expect(log(page).get_by_text(QUESTION)).to_be_visible()
    expect(question_box(page)).to_be_focused()  # announced by the live region, focus untouched
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(launcher(page)).to_be_focused()


def test_a_suggested_question_is_a_real_button_that_gets_an_answer(page: Page) -> None:
    launcher(page).click()
    suggestion = page.get_by_role("group", name="Réponses proposées").get_by_role("button", name="Comment contacter le service ?")
    suggestion.click()
    expect(log(page).get_by_text(PHONE)).to_be_visible(timeout=15_000)
    expect(page.get_by_role("group", name="Réponses proposées")).to_have_count(0)
    expect(question_box(page)).to_be_focused()


def test_a_button_offered_by_the_bot_sends_its_payload(page: Page) -> None:
    """Needs a domain response with buttons (the dialogue's « what can you do »)."""
    trigger = question_with_buttons()
    if trigger is None:
        pytest.skip("no rule in data/rules.yml answers an intent with a response that has buttons")
    question, title = trigger
    launcher(page).click()
    ask(page, question)
    choice = log(page).get_by_role("button", name=title)
    expect(choice).to_be_visible(timeout=15_000)
    answers_before = log(page).locator("li").count()
    choice.click()
    expect(log(page).get_by_text(title)).to_be_visible()
    expect(log(page).locator("li")).not_to_have_count(answers_before, timeout=15_000)
    expect(page.get_by_role("alert")).to_be_empty()


def question_with_buttons() -> tuple[str, str] | None:
    """A training example of an intent whose rule utters a response with buttons, and the first title."""
    responses: dict = {}
    for path in (ROOT / "bot" / "domain").glob("*.yml"):
        responses.update((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {})
    rules = (yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8")) or {}).get("rules") or []
    examples: dict[str, list[str]] = {}
    for path in (ROOT / "data" / "nlu").glob("*.yml"):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if "intent" in item:
                examples.setdefault(item["intent"], []).extend(
                    re.sub(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\{[^}]*\}", r"\1\2", line[2:]).strip()
                    for line in str(item.get("examples", "")).splitlines() if line.startswith("- "))
    for rule in rules:
        steps = rule.get("steps") or []
        for first, second in itertools.pairwise(steps):
            buttons = (responses.get(second.get("action")) or [{}])[0].get("buttons")
            if first.get("intent") in examples and examples[first["intent"]] and buttons:
                return examples[first["intent"]][0], buttons[0]["title"]
    return None


def test_the_conversation_survives_a_reload(page: Page) -> None:
    launcher(page).click()
    ask(page, QUESTION)
    expect(log(page).get_by_text(PHONE)).to_be_visible(timeout=15_000)
    page.reload()
    expect(log(page).get_by_text(QUESTION)).to_be_visible(timeout=15_000)  # reopened as it was
    expect(log(page).get_by_text(PHONE)).to_be_visible()
    page.get_by_role("button", name="Nouvelle conversation").click()
    expect(log(page).get_by_text(QUESTION)).to_have_count(0)
    expect(question_box(page)).to_be_focused()
    page.reload()
    expect(launcher(page)).to_be_visible()
    expect(log(page).get_by_text(QUESTION)).to_have_count(0)


def test_nothing_is_stored_before_the_chat_is_opened(page: Page) -> None:
    assert page.evaluate("() => sessionStorage.length + localStorage.length") == 0
    launcher(page).click()
    assert page.evaluate("() => Object.keys(sessionStorage)") == ["srei-assistant"]


def test_a_message_over_the_limit_is_not_sent(page: Page) -> None:
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/message") else None)
    launcher(page).click()
    question_box(page).fill("a" * 1001)
    counter = page.get_by_text("1001 / 1000 caractères")
    expect(counter).to_be_visible()
    expect(question_box(page)).to_have_attribute("aria-invalid", "true")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("1000 caractères au maximum")
    assert sent == [] and log(page).locator("li.srei-user").count() == 0
    question_box(page).press("Backspace")
    expect(page.get_by_text("1000 / 1000 caractères")).to_be_visible()
    expect(question_box(page)).not_to_have_attribute("aria-invalid", "true")


def test_feedback_is_recorded_in_the_conversation_store(page: Page, widget_stack: Stack) -> None:
    launcher(page).click()
    ask(page, QUESTION)
    answer = log(page).locator("li.srei-bot", has_text=PHONE)
    expect(answer).to_be_visible(timeout=15_000)
    thumb = answer.get_by_role("button", name="Utile", exact=True)
    thumb.click()
    expect(thumb).to_have_attribute("aria-pressed", "true")
    code = page.get_by_text(re.compile("Code de la conversation")).inner_text().rsplit(" ", 1)[-1]
    rows = wait_for_rows(widget_stack, code, lambda data: data.get("text") == "/feedback_positive")
    assert rows[0]["metadata"]["widget"]["feedback"]["rating"] == "up"
    page.reload()
    expect(log(page).locator("li.srei-bot", has_text=PHONE).get_by_role("button", name="Utile", exact=True)
           ).to_have_attribute("aria-pressed", "true", timeout=15_000)


def wait_for_rows(stack: Stack, sender_id: str, keep, timeout: float = 10.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    while True:
        with sqlite3.connect(stack.config.tracker_sqlite) as db:
            rows = [json.loads(d) for (d,) in db.execute(
                "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (sender_id,))]
        found = [r for r in rows if keep(r)]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


# --- safety ----------------------------------------------------------------------------------------

def test_html_and_javascript_links_stay_inert_in_user_input_and_bot_output(page: Page) -> None:
    launcher(page).click()
    hostile = f"{XSS_HTML} {XSS_LINK} javascript:window.__xss=3"
    ask(page, hostile)
    expect(log(page).get_by_text(hostile)).to_be_visible()
    ask_when_ready(page, QUESTION)
    bot_line = log(page).locator("li.srei-bot", has_text=PHONE).last  # the hostile text may be read as a contact question too
    expect(bot_line).to_be_visible(timeout=15_000)
    expect(bot_line).to_contain_text(XSS_HTML)  # the knowledge base's payload, shown as text
    expect(bot_line).to_contain_text(XSS_LINK)
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__xss") is None
    assert shadow_query(page, "img") == 0
    assert shadow_query(page, "a:not([href^='https:']):not([href^='mailto:']):not([href^='tel:'])") == 0


def ask_when_ready(page: Page, text: str) -> None:
    expect(page.locator(".srei-typing")).to_be_hidden(timeout=15_000)
    ask(page, text)


# --- accessibility and layout --------------------------------------------------------------------------

def test_axe_finds_no_serious_or_critical_violation(page: Page, csp_violations: list[str]) -> None:
    results = {}
    for state in ("closed", "open"):
        if state == "open":
            launcher(page).click()
            ask(page, QUESTION)
            expect(log(page).get_by_text(PHONE)).to_be_visible(timeout=15_000)
        assert csp_violations == []
        results[state] = Axe().run(page)
        csp_violations.clear()  # axe itself tries inline styles while measuring; the page forbids them
    for state, result in results.items():
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]])
               for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], f"{state}: {bad}"


@pytest.mark.parametrize("width, height", [(320, 640), (640, 360)], ids=["320px", "zoom-200pc"])
def test_usable_at_320_px_and_200_percent_zoom(page: Page, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    launcher(page).click()
    for name in ("Votre question",):
        expect(page.get_by_role("textbox", name=name)).to_be_in_viewport()
    ask(page, QUESTION)
    expect(log(page).get_by_text(PHONE)).to_be_in_viewport(timeout=15_000)
    for control in (page.get_by_role("button", name="Envoyer"), page.get_by_role("button", name="Fermer l'assistant")):
        control.scroll_into_view_if_needed()
        expect(control).to_be_in_viewport()
    overflow = page.evaluate("() => { const p = document.getElementById('srei-assistant').shadowRoot"
                             ".querySelector('.srei-panel'); return [p.scrollWidth - p.clientWidth,"
                             " document.documentElement.scrollWidth - innerWidth]; }")
    assert overflow == [0, 0], "no horizontal scrolling"


PANEL_GEOMETRY = """() => {
    const r = document.getElementById('srei-assistant').shadowRoot;
    const box = s => r.querySelector(s).getBoundingClientRect();
    const panel = r.querySelector('.srei-panel'), log = r.querySelector('.srei-log');
    return {panelScroll: panel.scrollTop, headerOffset: box('.srei-header').top - box('.srei-panel').top,
            formTop: box('.srei-form').top, formBottom: box('.srei-form').bottom,
            panelBottom: box('.srei-panel').bottom, viewport: innerHeight,
            logScrolls: log.scrollHeight > log.clientHeight,
            logAtEnd: log.scrollHeight - log.scrollTop - log.clientHeight < 2};
}"""


@pytest.mark.parametrize("width, height", [(1280, 800), (360, 640)], ids=["1280x800", "360x640"])
def test_after_five_answers_only_the_message_list_scrolls(page: Page, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    launcher(page).click()
    answers = log(page).locator("li.srei-bot", has_text=PHONE)
    for count in range(1, 6):
        ask_when_ready(page, QUESTION)
        expect(answers).to_have_count(count, timeout=15_000)
    geometry = page.evaluate(PANEL_GEOMETRY)
    assert geometry["panelScroll"] == 0 and abs(geometry["headerOffset"]) <= 1, geometry  # header in place (border)
    assert geometry["logScrolls"] and geometry["logAtEnd"], geometry  # the list scrolls, to the newest answer
    assert geometry["formBottom"] <= geometry["viewport"], geometry  # the input box is on screen…
    assert geometry["panelBottom"] - geometry["formBottom"] < 48, geometry  # …with no empty band under it
    for control in (page.get_by_role("button", name="Fermer l'assistant"), question_box(page)):
        expect(control).to_be_in_viewport()


def test_a_conversation_logs_no_console_error_no_failed_request_no_csp_report(
        page: Page, console_errors: list[str], csp_violations: list[str]) -> None:
    launcher(page).click()
    ask(page, QUESTION)
    expect(log(page).get_by_text(PHONE)).to_be_visible(timeout=15_000)
    page.get_by_role("button", name="Utile").first.click()
    page.reload()
    expect(launcher(page)).to_be_visible(timeout=15_000)
    page.wait_for_timeout(500)
    assert console_errors == [] and csp_violations == []


def test_focus_is_visible_and_the_typing_dots_respect_reduced_motion(page: Page) -> None:
    launcher(page).click()
    outline = page.evaluate("() => { const i = document.getElementById('srei-assistant').shadowRoot"
                            ".querySelector('.srei-input'); return getComputedStyle(i).outlineStyle; }")
    assert outline == "solid"
    animation = "() => { const r = document.getElementById('srei-assistant').shadowRoot;" \
                " r.querySelector('.srei-typing').hidden = false;" \
                " return getComputedStyle(r.querySelector('.srei-dots span')).animationName; }"
    assert page.evaluate(animation) == "srei-bounce"
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(animation) == "none"


# --- failures (they stop a server; `stack_up` starts it again for the next test) ---------------------------

def test_action_server_down_gives_a_french_message_with_the_contact_within_5_s(page: Page,
                                                                               widget_stack: Stack) -> None:
    launcher(page).click()
    widget_stack.stop_one("actions")
    started = time.monotonic()
    ask(page, QUESTION)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(PHONE, timeout=5_000)
    assert time.monotonic() - started < 5
    expect(alert.get_by_role("button", name="Réessayer")).to_be_visible()


def test_rasa_down_shows_the_lost_connection_with_a_retry_button(page: Page, widget_stack: Stack) -> None:
    launcher(page).click()
    widget_stack.stop_one("rasa")
    ask(page, "Bonjour")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("connexion avec l'assistant est perdue", timeout=15_000)
    expect(alert).to_contain_text(PHONE)  # the contact learnt when the page loaded
    alert.get_by_role("button", name="Réessayer").click()
    expect(page.get_by_role("alert")).to_contain_text("connexion", timeout=15_000)
    with pytest.raises(OSError):
        urllib.request.urlopen(widget_stack.config.rasa_url, timeout=2)
