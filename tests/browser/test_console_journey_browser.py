"""The staff journey of the console, in headless Chromium against the real stack: a wrong
answer is traced to its content entry, the entry is fixed in the browser (a bad edit first,
refused with its line and field, nothing written), the base is rebuilt without a restart,
the fixed answer is saved as a scenario, and « Vérifier » replays it successfully.

The stack runs on a copy of the content where the service's phone number is wrong, so the
project's own content and scenarios are never touched."""

from __future__ import annotations

import shutil

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

from knowledge.builder import timed_build
from knowledge.settings import content_dir
from tests.browser.chromium import ARGS, CHROMIUM
from tests.browser.console_stack import started_local_stack
from tests.support.facts import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.integration]

RIGHT, WRONG = PHONE, "081 999 999"
ENTRY = f'value: "{PHONE}"'


@pytest.fixture(scope="module")
def journey(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("console-journey")
    content = tmp / "content"
    shutil.copytree(content_dir(), content)
    namur = content / "namur.yml"
    assert namur.read_text(encoding="utf-8").count(ENTRY) == 1
    namur.write_text(namur.read_text(encoding="utf-8").replace(ENTRY, f'value: "{WRONG}"'), encoding="utf-8")
    url = f"sqlite:///{tmp / 'knowledge.sqlite3'}"
    timed_build(content, url, tmp / "search-terms.json")
    env = {"KNOWLEDGE_CONTENT_DIR": str(content), "KNOWLEDGE_DB_URL": url,
           "KNOWLEDGE_CACHE_DIR": str(tmp / "cache"), "CONSOLE_SCENARIOS_DIR": str(tmp / "personnel"),
           # Training itself is `make train` (minutes): replaced here, the reload of the model is real.
           "CONSOLE_TRAIN_COMMAND": "true", "CONSOLE_LOG_DIR": str(tmp / "log")}
    stack = started_local_stack(tmp, env)
    yield stack, content, tmp / "personnel"
    stack.stop()


def no_serious_violation(page: Page) -> None:
    results = Axe().run(page)
    assert [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")] == []


def ask(page: Page, text: str) -> None:
    page.get_by_label("Votre question").fill(text)
    page.keyboard.press("Enter")
    expect(page.locator("#etat")).to_contain_text("Réponse reçue", timeout=30_000)


def tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus: the page works by keyboard."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return
    pytest.fail(f"{selector} cannot be reached with Tab")


def test_find_fix_rebuild_save_and_check(journey) -> None:
    stack, content, personnel = journey
    base = stack.config.rasa_url
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(locale="fr-BE", viewport={"width": 1280, "height": 800})
        problems: list[str] = []
        # The bad edit's 422 is expected (Chromium also logs it); anything else is a fault.
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" and "422" not in m.text else None)
        page.on("response", lambda r: problems.append(f"{r.status} {r.url}")
                if r.status >= 400 and not (r.status == 422 and "/api/contenu/fichier" in r.url) else None)

        # 1. Find why: the answer gives the wrong number; the inspector names the entry to edit.
        page.goto(f"{base}/console/")
        ask(page, "Quel est le numéro de téléphone du service ?")
        expect(page.locator("#journal .assistant").last).to_contain_text(WRONG)
        origin = page.locator("#origine tr", has_text=WRONG)
        expect(origin).to_contain_text("Modifier namur.yml:")
        line = int(origin.locator("a").first.inner_text().rsplit(":", 1)[1])
        tab_to(page, "#origine a")
        page.keyboard.press("Enter")

        # 2. Fix it: the Contenu page opens on that file, at that line.
        expect(page).to_have_url(f"{base}/console/contenu.html#fichier=namur.yml&ligne={line}")
        expect(page.locator("#position")).to_contain_text(f"Ligne {line}")
        no_serious_violation(page)
        editor = page.get_by_label("Texte du fichier")
        text = editor.input_value()
        assert WRONG in text
        # A bad edit is refused with file, line and field; the file on disk is unchanged.
        editor.fill(text.replace(f'value: "{WRONG}"', "value:"))
        tab_to(page, "#enregistrer")
        page.keyboard.press("Enter")
        expect(page.locator("#erreurs")).to_contain_text(f"namur.yml:{line}: champ « contacts[1].value »")
        expect(page.get_by_role("button", name=f"Aller à la ligne {line}")).to_be_visible()
        assert WRONG in (content / "namur.yml").read_text(encoding="utf-8")
        editor.fill(text.replace(WRONG, RIGHT))
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.locator("#etat")).to_contain_text("namur.yml enregistré")
        assert RIGHT in (content / "namur.yml").read_text(encoding="utf-8")
        page.get_by_role("button", name="Reconstruire la base").click()
        expect(page.locator("#etat")).to_contain_text("Base reconstruite", timeout=120_000)
        expect(page.locator("#etat")).not_to_contain_text("réentraînez")

        # 3. Check the fix and save it as a scenario, with the fact approved.
        page.get_by_role("link", name="Essayer").click()
        ask(page, "Quel est le numéro de téléphone du service ?")
        expect(page.locator("#journal .assistant").last).to_contain_text(RIGHT)
        expect(page.locator("#faits-1")).to_have_value(RIGHT)
        page.get_by_label("Réponse juste").check()
        page.get_by_label("Nom du scénario").fill("Téléphone du service corrigé")
        page.get_by_role("button", name="Enregistrer comme scénario").click()
        expect(page.locator("#scenario-etat")).to_contain_text("Scénario enregistré")
        saved = yaml.safe_load((personnel / "telephone-du-service-corrige.yml").read_text(encoding="utf-8"))
        assert saved[0]["turns"][0]["expect"] == {"contains": [RIGHT], "source": True}
        no_serious_violation(page)

        # 4. Prove it: « Vérifier » replays the staff's scenarios against the running assistant.
        page.get_by_role("link", name="Vérifier").click()
        expect(page.locator("#dossier")).to_contain_text("Scénarios du personnel — 1 conversation(s)")
        page.get_by_role("button", name="Lancer la vérification").click()
        expect(page.locator("#bilan")).to_contain_text("1 question(s) réussie(s) sur 1", timeout=60_000)
        expect(page.locator("#tours")).to_contain_text("Réussi")
        no_serious_violation(page)

        # 5. A retrain loads the new model into the running assistant, which goes on answering.
        page.get_by_role("link", name="Contenu").click()
        page.get_by_role("button", name="Réentraîner le modèle").click()
        expect(page.locator("#entrainement-etat")).to_contain_text("chargé", timeout=120_000)
        expect(page.locator("#progression")).to_have_attribute("value", "1")
        page.get_by_role("link", name="Essayer").click()
        ask(page, "Quel est le numéro de téléphone du service ?")
        expect(page.locator("#journal .assistant").last).to_contain_text(RIGHT)
        browser.close()
    assert problems == [], "no console error, failed request or CSP report"
