"""The staff console in headless Chromium against the real stack in the local profile:
a question typed with the keyboard gets its answer and the inspector's details, in French,
with the content file to edit; axe finds no serious violation. (That the production profile
does not serve it is tested with its other closed doors, tests/reliability.)"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from bot.tools.stack import Stack
from tests.browser.chromium import ARGS, CHROMIUM
from tests.browser.console_stack import started_local_stack

pytestmark = [pytest.mark.browser, pytest.mark.integration]



@pytest.fixture(scope="module")
def local_stack(tmp_path_factory: pytest.TempPathFactory) -> Stack:
    stack = started_local_stack(tmp_path_factory.mktemp("console-stack"))
    yield stack
    stack.stop()


@pytest.fixture
def page(local_stack: Stack) -> Page:
    with sync_playwright() as p:
        browser: Browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(locale="fr-BE", viewport={"width": 1280, "height": 800})
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        page.goto(f"{local_stack.config.rasa_url}/console/")
        yield page
        browser.close()
        assert problems == [], "no console error, failed request or CSP report"


def ask_by_keyboard(page: Page, text: str) -> None:
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id === 'question'"):
            break
    else:
        pytest.fail("the question box cannot be reached with Tab")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def test_a_question_shows_the_answer_and_why_with_the_file_to_edit(page: Page) -> None:
    ask_by_keyboard(page, "Qui dirige le service des relations extérieures et internationales ?")
    expect(page.locator("#etat")).to_contain_text("Réponse reçue", timeout=30_000)
    log = page.get_by_role("log")
    expect(log.locator(".assistant").first).to_contain_text("Source :")
    # The intents are named as staff read them, never by their ids.
    ranking = page.locator("#classement")
    expect(ranking).to_contain_text("Les coordonnées du service")
    expect(ranking).not_to_contain_text("ask_contact")
    expect(page.locator("#actions")).to_contain_text("action_answer_contact")
    expect(page.locator("#candidats")).to_contain_text(".yml:")
    expect(page.locator("#question")).to_be_focused()


def test_what_a_user_typed_stays_text(page: Page) -> None:
    ask_by_keyboard(page, '<img src=x onerror="window.__xss=1"> et le PISI ?')
    expect(page.locator("#etat")).to_contain_text("Réponse reçue", timeout=30_000)
    assert page.evaluate("() => window.__xss === undefined")
    assert page.locator("#journal img").count() == 0


def test_axe_finds_no_serious_or_critical_violation(page: Page) -> None:
    ask_by_keyboard(page, "c'est quoi le PrECI ?")
    expect(page.locator("#etat")).to_contain_text("Réponse reçue", timeout=30_000)
    results = Axe().run(page)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_a_bad_request_gets_a_french_error(local_stack: Stack) -> None:
    request = urllib.request.Request(f"{local_stack.config.rasa_url}/console/api/essayer", method="POST",
                                     data=json.dumps({"conversation": "x", "message": ""}).encode(),
                                     headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    assert error.value.code == 400 and "question" in json.loads(error.value.read())["erreur"]


@pytest.mark.parametrize("path", ["/console/", "/console/verifier.html", "/console/contenu.html"])
@pytest.mark.parametrize("width, height", [(1280, 800), (360, 640)], ids=["1280x800", "360x640"])
def test_each_page_fits_the_window_and_passes_axe(local_stack: Stack, path: str, width: int, height: int) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(locale="fr-BE", viewport={"width": width, "height": height})
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.goto(f"{local_stack.config.rasa_url}{path}")
        expect(page.get_by_role("navigation", name="Pages de la console")).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scroll"
        results = Axe().run(page)
        assert [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")] == []
        browser.close()
    assert problems == []
