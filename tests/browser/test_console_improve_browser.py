"""The console's « Améliorer » page in headless Chromium against the real stack in the local
profile: questions asked through the assistant (one it cannot answer, one rated badly) show up
live, grouped by the closest content entry with the file to edit, topics in plain French
(never an intent id), with no sideways scrolling on a wide or a phone screen, by keyboard,
and with no serious axe violation."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from bot.tools.stack import Stack
from tests.browser.chromium import ARGS, CHROMIUM
from tests.browser.console_stack import started_local_stack
from tests.support.facts import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.integration]

UNANSWERED = "Quel est le budget annuel du service ?"
RATED = "Comment contacter le service des relations internationales ?"
# A question no source answers, whatever intent the NLU reads in the markup around it.
MARKUP = '<img src=x onerror="window.__xss=1"> combien coûte un jumelage ?'
EDIT_LINK = re.compile(r"^Modifier [\w./-]+\.(yml|txt):\d+$")


def ask(stack: Stack, sender: str, message: str) -> str:
    """One message over the REST channel, as the widget's users do; the replies' text."""
    request = urllib.request.Request(f"{stack.config.rasa_url}/webhooks/rest/webhook",
                                     data=json.dumps({"sender": sender, "message": message}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as reply:  # noqa: S310 (loopback only)
        return "\n".join(r.get("text", "") for r in json.loads(reply.read()))


@pytest.fixture(scope="module")
def local_stack(tmp_path_factory: pytest.TempPathFactory) -> Stack:
    stack = started_local_stack(tmp_path_factory.mktemp("improve-stack"))
    # Activity for the page: a question the documents do not answer, an answer rated badly.
    ask(stack, "usager-1", UNANSWERED)
    ask(stack, "usager-2", RATED)
    assert "Merci de me le signaler" in ask(stack, "usager-2", "/feedback_negative")
    ask(stack, "usager-3", MARKUP)
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
        page.goto(f"{local_stack.config.rasa_url}/console/ameliorer.html")
        # The first load opens the knowledge base and its language model: allow for it.
        expect(page.locator("#etat")).to_contain_text("Données à jour", timeout=60_000)
        yield page
        browser.close()
        assert problems == [], "no console error, failed request or CSP report"


def test_the_unanswered_question_is_grouped_with_the_entry_to_edit(page: Page) -> None:
    group = page.locator(".groupe").filter(has_text=UNANSWERED)
    expect(group).to_have_count(1)
    expect(group.locator("h3")).to_contain_text("question")
    expect(group.get_by_role("link", name=r"Modifier").first).to_have_text(EDIT_LINK)
    expect(page.locator("#sans-reponse-bilan")).to_contain_text("sans réponse")
    # Topics and ratings in plain French, with the question and the answer rated.
    expect(page.locator("#sujets")).to_contain_text("Les coordonnées du service")
    expect(page.locator("#avis-negatifs")).to_contain_text(RATED)
    expect(page.locator("#avis-negatifs")).to_contain_text(PHONE)
    text = page.locator("main").inner_text()
    for intent_id in ("ask_", "nlu_fallback", "out_of_scope", "feedback_"):
        assert intent_id not in text


def test_what_users_typed_stays_text(page: Page) -> None:
    expect(page.locator("main")).to_contain_text("<img src=x")
    assert page.evaluate("() => window.__xss === undefined")
    assert page.locator("main img").count() == 0


@pytest.mark.parametrize("width, height", [(1280, 800), (360, 640)], ids=["1280px", "360px"])
def test_no_sideways_scrolling(page: Page, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_actualiser_works_from_the_keyboard(page: Page) -> None:
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id === 'actualiser'"):
            break
    else:
        pytest.fail("the « Actualiser » button cannot be reached with Tab")
    page.evaluate("() => { document.getElementById('etat').textContent = ''; }")
    page.keyboard.press("Enter")
    expect(page.locator("#etat")).to_contain_text("Données à jour", timeout=30_000)
    expect(page.locator("#actualiser")).to_be_focused()


def test_axe_finds_no_serious_or_critical_violation(page: Page) -> None:
    results = Axe().run(page)
    serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_a_bad_period_or_a_foreign_page_gets_a_french_error(local_stack: Stack) -> None:
    base = f"{local_stack.config.rasa_url}/console/api/ameliorer"
    for url, headers, status in ((f"{base}?jours=12", {}, 400), (base, {"Origin": "https://ailleurs.example"}, 403)):
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30)  # noqa: S310
        assert error.value.code == status and json.loads(error.value.read())["erreur"]
