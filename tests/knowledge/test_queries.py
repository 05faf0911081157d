"""Every query of `KnowledgeBase`, on SQLite and on a real PostgreSQL server.

Expected values come from the content files themselves (never copied into the tests), so
the tests check that the base returns what the content says, whatever the content says.
"""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge import KnowledgeBase, KnowledgeUnavailable
from knowledge.builder import content_fingerprint
from knowledge.content_loader import Content
from knowledge.models import Body, Contact, Definition, Fact, Partnership, Passage, Programme, Service, SourceRef
from knowledge.settings import content_dir
from knowledge.textnorm import fold


def test_check_returns_the_fingerprint_of_the_content(kb: KnowledgeBase) -> None:
    assert kb.check() == content_fingerprint(content_dir())


def test_bodies_match_the_content(kb: KnowledgeBase, content: Content) -> None:
    bodies = kb.bodies()
    assert all(isinstance(b, Body) for b in bodies)
    assert [b.id for b in bodies] == sorted(content.by_id("bodies"))
    for b in bodies:
        entry = content.by_id("bodies")[b.id]
        assert (b.name, b.kind, b.country, b.summary) == (entry["name"], entry["kind"], entry["country"], entry["summary"])
        assert b.source.id == entry["source"]["ref"]


def test_body_and_default_body(kb: KnowledgeBase, content: Content) -> None:
    default_id = next(e["id"] for e in content.entries["bodies"] if e.get("default"))
    assert kb.default_body().id == default_id
    assert kb.default_body().is_default is True
    assert kb.body("suresnes").name == content.by_id("bodies")["suresnes"]["name"]
    assert kb.body("no-such-body") is None


def test_services_by_body_and_by_id(kb: KnowledgeBase, content: Content) -> None:
    for body_id in content.by_id("bodies"):
        expected = sorted(e["id"] for e in content.entries["services"] if e["body"] == body_id)
        assert [s.id for s in kb.services(body_id)] == expected
    srei = kb.service("srei")
    assert isinstance(srei, Service)
    assert srei.acronym == "SREI"
    assert srei.missions == content.by_id("services")["srei"]["missions"]
    assert kb.service("nope") is None
    assert len(kb.services()) == len(content.entries["services"])


def test_contacts_by_body_service_and_kind(kb: KnowledgeBase, content: Content) -> None:
    services = content.by_id("services")
    for body_id in content.by_id("bodies"):
        expected = {e["id"] for e in content.entries["contacts"] if services[e["service"]]["body"] == body_id}
        got = kb.contacts(body_id=body_id)
        assert {c.id for c in got} == expected
        assert all(isinstance(c, Contact) and c.body_id == body_id for c in got)
    phones = kb.contacts(body_id="namur", kind="phone")
    assert [c.value for c in phones] == [e["value"] for e in content.entries["contacts"]
                                         if e["service"] == "srei" and e["kind"] == "phone"]
    assert phones[0].service_name == services["srei"]["name"]
    assert {c.service_id for c in kb.contacts(service_id="srei")} == {"srei"}
    assert kb.contacts(body_id="namur", kind="website") == []


def test_programme_details_criteria_and_calls(kb: KnowledgeBase, content: Content) -> None:
    entry = content.by_id("programmes")["preci"]
    preci = kb.programme("preci")
    assert isinstance(preci, Programme)
    assert (preci.name, preci.acronym, preci.purpose, preci.audience, preci.how_to_apply) == (
        entry["name"], entry["acronym"], entry["purpose"], entry["audience"], entry.get("how_to_apply"))
    assert [c.id for c in preci.criteria] == [c["id"] for c in entry["criteria"]]
    for criterion, raw in zip(preci.criteria, entry["criteria"], strict=True):
        assert criterion.question == raw["question"]
        assert [(a.value, a.qualifies, a.why) for a in criterion.answers] == [
            (a["value"], a["qualifies"], a["why"]) for a in raw["answers"]]
        assert any(a.qualifies for a in criterion.answers) and not all(a.qualifies for a in criterion.answers)
    assert [(c.id, c.deadline, c.opens) for c in preci.calls] == [
        (c["id"], c["deadline"], c.get("opens")) for c in entry["calls"]]
    assert all(isinstance(c.deadline, dt.date) for c in preci.calls)
    assert kb.programme("nope") is None
    assert [p.id for p in kb.programmes("namur")] == sorted(
        e["id"] for e in content.entries["programmes"] if e["body"] == "namur")
    assert len(kb.programmes("suresnes")) == sum(e["body"] == "suresnes" for e in content.entries["programmes"])


def test_partnerships_by_body_country_and_id(kb: KnowledgeBase, content: Content) -> None:
    for body_id in content.by_id("bodies"):
        expected = sorted(e["id"] for e in content.entries["partnerships"] if e["body"] == body_id)
        assert [p.id for p in kb.partnerships(body_id=body_id)] == expected
    china = kb.partnerships(country="chine")  # case and accents do not matter
    assert china and all(fold(p.country) == "chine" for p in china)
    assert {p.id for p in china} == {e["id"] for e in content.entries["partnerships"] if fold(e["country"]) == "chine"}
    louga = kb.partnerships(partnership_id="namur-louga")
    assert len(louga) == 1 and isinstance(louga[0], Partnership)
    raw = content.by_id("partnerships")["namur-louga"]
    assert (louga[0].partner, louga[0].kind, louga[0].fields, louga[0].since_year) == (
        raw["partner"], raw["kind"], raw.get("fields", []), raw.get("since_year"))
    assert louga[0].body_name == content.by_id("bodies")["namur"]["name"]
    assert kb.partnerships(body_id="namur", country="Chine")[0].id == "namur-jiangsu"


def test_definitions(kb: KnowledgeBase, content: Content) -> None:
    for entry in content.entries["definitions"]:
        d = kb.definition(entry["id"])
        assert isinstance(d, Definition)
        assert (d.term, d.category, d.text) == (entry["term"], entry["category"], entry["text"])
    assert kb.definition("def-nope") is None


def test_facts_by_body_and_topic(kb: KnowledgeBase, content: Content) -> None:
    facts = kb.facts(body_id="namur", topic="strategie")
    assert facts and all(isinstance(f, Fact) and f.body_id == "namur" and f.topic == "strategie" for f in facts)
    assert {f.id for f in facts} == {e["id"] for e in content.entries["facts"]
                                     if e["body"] == "namur" and e["topic"] == "strategie"}
    assert len(kb.facts()) == len(content.entries["facts"])


def test_sources_carry_publisher_and_dates(kb: KnowledgeBase, content: Content) -> None:
    raw = content.by_id("sources")
    for body in kb.bodies():
        src = body.source
        assert isinstance(src, SourceRef)
        assert (src.publisher, src.document, src.period) == (
            raw[src.id]["publisher"], raw[src.id]["document"], raw[src.id]["period"])
        assert src.published == raw[src.id]["published"]  # a date or None, on both engines
        assert src.ingested is None


def test_resolve_names_variants_and_ids(kb: KnowledgeBase) -> None:
    assert kb.resolve("programme", "PrECI") == "preci"
    assert kb.resolve("programme", "programme d'education citoyenne") == "preci"  # accents ignored
    assert kb.resolve("programme", "preci") == "preci"  # an id, as the NLU synonyms give
    assert kb.resolve("body", "SREI") == "namur"  # a service's acronym names its body
    assert kb.resolve("body", "LA PROVINCE") == "namur"
    assert kb.resolve("partner", "namur-louga") == "namur-louga"
    assert kb.resolve("country", "Sénégal") == kb.resolve("country", "senegal") is not None
    assert kb.resolve("programme", "Erasmus") is None
    assert kb.resolve("programme", None) is None


def test_resolve_all_lists_every_entity_sharing_a_name(kb: KnowledgeBase, content: Content) -> None:
    sharing = [e["id"] for e in content.entries["partnerships"] if e["partner"] == "Kragujevac"]
    assert len(sharing) == 2
    assert kb.resolve_all("partner", "kragujevac") == sorted(sharing)
    assert kb.resolve("partner", "Kragujevac") == sorted(sharing)[0]


def test_known_id_and_aliases(kb: KnowledgeBase) -> None:
    assert kb.known_id("body", "suresnes")
    assert not kb.known_id("body", "preci")
    assert ("programme", "preci", "PrECI") in kb.aliases()


def test_find_mentions_in_free_text(kb: KnowledgeBase) -> None:
    assert kb.find_mentions("body", "et pour Suresnes, quel est le numéro ?") == ["suresnes"]
    assert kb.find_mentions("body", "que fait le SREI ?") == ["namur"]
    assert sorted(kb.find_mentions("programme", "les dates du preci et du PISI")) == ["pisi", "preci"]
    assert kb.find_mentions("body", "bonjour") == []


def test_a_body_is_found_by_its_agreed_adjective_and_by_its_unique_kind(kb: KnowledgeBase) -> None:
    # « bas-normand » is a name of the Région: its feminine and plural are too
    assert kb.find_mentions("body", "que dit la page bas-normande ?") == ["basse-normandie"]
    assert kb.find_mentions("body", "les collectivités bas-normandes") == ["basse-normandie"]
    # the kind with a capital stands for the one body of that kind
    assert kb.find_mentions("body", "Quel est le partenaire de la Région au Royaume-Uni ?") == ["basse-normandie"]
    assert kb.find_mentions("body", "Que soutient le Département ?") == ["ille-et-vilaine"]
    # ...its article opening the sentence too
    assert kb.find_mentions("body", "La Région a-t-elle un partenaire en Allemagne ?") == ["basse-normandie"]
    # not a kind followed by a name, nor a lowercase common noun, nor a short name's inflection
    assert kb.find_mentions("body", "la Région Toscane") == []
    assert kb.find_mentions("body", "la région de Louga") == []
    assert kb.find_mentions("body", "une série de questions") == []


def test_search_returns_sourced_ranked_passages(kb: KnowledgeBase) -> None:
    found = kb.search("c'est quoi un jumelage ?", limit=5)
    assert 1 <= len(found) <= 5
    assert all(isinstance(p, Passage) and isinstance(p.source, SourceRef) for p in found)
    assert found[0].entry_id == "def-jumelage"
    assert found[0].score == max(p.score for p in found)
    assert 0 < found[0].score <= 1


def test_search_tolerates_typos_and_missing_accents(kb: KnowledgeBase) -> None:
    assert kb.search("cooperration decentralisee")[0].entry_id == "def-cooperation-decentralisee"
    assert "preci" in [p.entry_id for p in kb.search("education citoyenne")]


def test_search_prefers_the_conversation_body_on_ties(kb: KnowledgeBase) -> None:
    assert kb.search("coordonnées du service", body_id="suresnes")[0].body_id == "suresnes"
    assert kb.search("coordonnées du service", body_id="namur")[0].body_id == "namur"


def test_search_without_content_words_returns_nothing(kb: KnowledgeBase) -> None:
    assert kb.search("") == []
    assert kb.search("le la les de du ?") == []
    assert kb.search("xyzzyq plugh") == []


def test_unknown_words_lower_the_score(kb: KnowledgeBase) -> None:
    on_topic = kb.search("wilway")[0]
    diluted = kb.search("wilway recette tarte sucre")[0]
    assert on_topic.entry_id == diluted.entry_id
    assert diluted.score < on_topic.score


def test_missing_sqlite_base_is_reported(tmp_path) -> None:
    kb = KnowledgeBase(f"sqlite:///{tmp_path / 'absent.sqlite3'}")
    with pytest.raises(KnowledgeUnavailable, match="introuvable"):
        kb.contacts()


def test_unreachable_postgresql_is_reported(tmp_path) -> None:
    kb = KnowledgeBase(f"postgresql+psycopg2://nobody@/kb?host={tmp_path}&port=1")
    with pytest.raises(KnowledgeUnavailable, match="illisible"):
        kb.bodies()
    kb.close()


def test_warm_up_loads_the_language_model_before_the_first_question(kb: KnowledgeBase) -> None:
    from knowledge import textnorm

    kb.warm_up()
    assert textnorm.load_pipeline.cache_info().currsize == 1
    assert kb.search("wilway")  # and the base answers


def test_a_clipped_word_finds_the_words_it_stands_for(kb: KnowledgeBase) -> None:
    # « assos » and « coop » are in no passage and too short for typo matching, and the vectors
    # know nothing close: they stand for the words they begin
    for typed, meant in (("les assos ?", "association"), ("la coop ?", "coopération")):
        found = kb.search(typed, limit=3)
        assert found and all(fold(meant) in fold(f"{p.title} {p.text}") for p in found), typed
    assert kb.search("la zorg", limit=3) == []  # a word nothing begins with finds nothing


def test_a_word_the_base_never_uses_finds_a_word_of_the_same_meaning(kb: KnowledgeBase) -> None:
    # « profs » is in no passage: the language model's vectors put it next to « enseignants »
    found = kb.search("combien de profs à la province ?", limit=3)
    assert any("enseignants" in p.text for p in found)
    assert "enseignants" in kb.same_meaning(["profs"])
    assert kb.same_meaning(["faut", "falloir"]) == {}  # a generic verb means nothing to look for
    # « confessionnel » borrows « institutionnel »'s vector in the model: no meaning to go on
    assert kb.same_meaning(["confessionnel"]) == {}
