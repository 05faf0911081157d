"""The scenario format: loading with clear errors, and the check of one reply."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.scenarios.format import Expect, ScenarioError, check_reply, fold, load_decline_markers, load_file, load_paths
from tests.support.facts import PHONE

MARKERS = ("ne donnent pas", "ne peux pas vous aider")
CONVERSATIONS = Path(__file__).resolve().parents[1] / "conversations"


def write(tmp_path: Path, text: str, name: str = "s.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_fold_ignores_case_accents_apostrophes_and_spacing():
    assert fold("Février  L’Été\u00a0081") == fold("fevrier l'ete 081")


def test_contains_is_case_and_accent_insensitive():
    assert check_reply(Expect(contains=("8 fevrier 2018",)), "Clôturé depuis le 8 Février 2018.", MARKERS) == []


def test_every_missing_fact_is_reported():
    failures = check_reply(Expect(contains=("Louga", "Tunis")), "Jumelée avec Louga.", MARKERS)
    assert failures == ["devrait contenir « Tunis »"]


def test_any_of_needs_one_and_not_contains_forbids():
    assert check_reply(Expect(any_of=("a", "zzz")), "abc", MARKERS) == []
    assert check_reply(Expect(any_of=("yyy", "zzz")), "abc", MARKERS)
    assert check_reply(Expect(not_contains=("@",)), "écrivez à x@y.be", MARKERS) == ["ne devrait pas contenir « @ »"]


def test_source_true_and_false():
    with_source = f"Téléphone : {PHONE}\nSource : Province de Namur, « SREI »."
    assert check_reply(Expect(source=True), with_source, MARKERS) == []
    assert check_reply(Expect(source=True), f"Téléphone : {PHONE}", MARKERS)
    assert check_reply(Expect(source=False), with_source, MARKERS)


def test_declined_uses_the_markers():
    assert check_reply(Expect(declined=True), "Je ne peux pas vous aider sur ce sujet.", MARKERS) == []
    assert check_reply(Expect(declined=True), "Il fera beau demain.", MARKERS)


def test_intent_is_compared_when_expected():
    assert check_reply(Expect(intent="ask_contact"), "x", MARKERS, intent="ask_contact") == []
    assert check_reply(Expect(intent="ask_contact"), "x", MARKERS, intent="greet")


def test_a_valid_file_loads_with_dates_as_text(tmp_path):
    path = write(tmp_path, """
- name: deadline
  category: eligibility
  today: 2018-01-29
  turns:
    - user: "jusqu'à quand ?"
      expect: {contains: ["8 février 2018"], source: true}
""")
    [s] = load_file(path)
    assert (s.name, s.category, s.today) == ("deadline", "eligibility", "2018-01-29")
    assert s.turns[0].expect.contains == ("8 février 2018",)


@pytest.mark.parametrize("body, message", [
    ("- name: x\n  turns: []\n", "turns"),
    ("- name: x\n  turns: [{expect: {}}]\n", "« user »"),
    ("- name: x\n  turns: [{user: a, expect: {contain: [b]}}]\n", "contain"),
    ("- name: x\n  today: demain\n  turns: [{user: a}]\n", "today"),
    ("- turns: [{user: a}]\n", "« name »"),
    ("- name: x\n  turns: [{user: a, expect: {source: oui}}]\n", "source"),
])
def test_mistakes_are_reported_with_their_place(tmp_path, body, message):
    with pytest.raises(ScenarioError, match=message):
        load_file(write(tmp_path, body))


def test_duplicate_names_across_files_are_refused(tmp_path):
    write(tmp_path, "- name: x\n  turns: [{user: a}]\n", "a.yml")
    write(tmp_path, "- name: x\n  turns: [{user: b}]\n", "b.yml")
    with pytest.raises(ScenarioError, match="déjà utilisé"):
        load_paths([tmp_path])


def test_the_project_conversations_are_valid():
    heldout = load_paths([CONVERSATIONS / "heldout"])
    smoke = load_paths([CONVERSATIONS.parent.parent / "knowledge" / "scenarios" / "smoke"])
    assert len([s for s in heldout if s.category == "in_scope"]) >= 80
    assert len([s for s in heldout if s.category == "out_of_scope"]) >= 30
    assert len([s for s in heldout if s.category in {"multi_turn", "eligibility"}]) >= 10
    assert 10 <= sum(len(s.turns) for s in smoke) <= 20
    assert load_decline_markers()


@pytest.mark.parametrize("body, message", [
    ("- name: x\n  turns: [{user: a, expect: {contain: [b], source: oui}}]\n",
     "conversation « x », tour 1.expect : clé(s) inconnue(s) ['contain'] (permises : "
     "['any_of', 'contains', 'declined', 'intent', 'not_contains', 'source', 'starts_with'])"),
    ("- name: x\n  turns: [{user: a}, {user: b, expected: {}}]\n",
     "conversation « x », tour 2 : clé(s) inconnue(s) ['expected'] (permises : user, expect)"),
    ("- name: x\n  colour: bleu\n  category: 12\n  turns: [{user: a}]\n",
     "conversation « x » : clé(s) inconnue(s) ['colour'] (permises : ['category', 'description', 'doc', "
     "'facts', 'name', 'qtype', 'today', 'turns'])"),
    ("- name: x\n  category: 12\n  turns: [{user: a}]\n", "conversation « x ».category : un texte est attendu"),
    ("- name: x\n  today: 2018-02-30x\n  turns: [{user: a}]\n",
     "conversation « x ».today : date AAAA-MM-JJ attendue, pas « 2018-02-30x »"),
    ("- name: x\n  turns: [{user: a, expect: {intent: 3, contains: [\"\"]}}]\n",
     "conversation « x », tour 1.expect.intent : un nom d'intention est attendu"),
    ("- name: x\n  turns: [{user: a, expect: [[contains, b]]}]\n",
     "conversation « x », tour 1.expect : un dictionnaire est attendu"),
    ("- name: x\n  turns: [[user, a]]\n", "conversation « x », tour 1 : « user » (le message envoyé) manquant"),
    ("- [name, x]\n", "conversation n° 1 : un dictionnaire est attendu"),
])
def test_the_first_mistake_is_reported_in_full(tmp_path, body, message):
    path = write(tmp_path, body)
    with pytest.raises(ScenarioError) as info:
        load_file(path)
    assert str(info.value) == f"{path} : {message}"


def test_texts_and_labels_are_read_as_written(tmp_path):
    [s] = load_file(write(tmp_path, "- name: x\n  doc: 7\n  turns: [{user: a, expect: {any_of: seul}}, {user: b}]\n"))
    assert (s.doc, s.category, s.turns[0].expect.any_of, s.turns[1].expect) == ("7", "general", ("seul",), Expect())
