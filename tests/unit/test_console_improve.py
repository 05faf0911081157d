"""The « Améliorer » page's figures from small event lists: topics in plain French (never an
intent id), unanswered questions grouped by the closest content entry, ratings with the
question and the answer rated, and the console's own trials left out."""

from __future__ import annotations

import datetime as dt

from bot.console.improve import group_unanswered, summary, topics
from bot.console.labels import topic_label
from bot.tools.conversation_store import StoredEvent
from bot.tools.report import compute
from tests.support.facts import PHONE

RESPONSES = {"utter_intent_ask_contact": [{"text": "Les coordonnées du service"}],
             "utter_intent_ask_deadline": [{"text": "La date limite d'un appel"}]}
DAY1 = dt.datetime(2026, 2, 10, 9, tzinfo=dt.timezone.utc).timestamp()
DAY2 = DAY1 + 86400


def user(sender: str, text: str, intent: str, ts: float = DAY1) -> StoredEvent:
    return StoredEvent(sender, "user", ts, intent, None, {"text": text})


def bot(sender: str, text: str, ts: float = DAY1) -> StoredEvent:
    return StoredEvent(sender, "bot", ts, None, None, {"text": text})


def action(sender: str, name: str, ts: float = DAY1) -> StoredEvent:
    return StoredEvent(sender, "action", ts, None, name, {})


def lookup(question: str) -> list[dict]:
    """The knowledge base's closest entries, faked: budgets and calls have one, the weather none."""
    if "budget" in question:
        return [{"titre": "Indicateurs du PST", "type": "fact", "score": 0.59, "fichier": "pst.yml:540"},
                {"titre": "Budget participatif", "type": "fact", "score": 0.41, "fichier": "pst.yml:508"}]
    if "appel" in question:
        return [{"titre": "Appel PISI", "type": "programme", "score": 0.7, "fichier": "namur.yml:61"}]
    if "cantine" in question:  # shares a word or two with an entry: not its topic
        return [{"titre": "Jumelage", "type": "definition", "score": 0.14, "fichier": "glossaire.yml:22"}]
    return []


def test_topics_are_titles_or_french_labels_never_intent_ids():
    assert topic_label("ask_contact", RESPONSES) == "Les coordonnées du service"
    assert topic_label("nlu_fallback", RESPONSES) == "Question non comprise"
    assert topic_label("out_of_scope", RESPONSES) == "Hors sujet"
    assert topic_label("greet", RESPONSES) == "Autre sujet"
    assert topic_label(None, RESPONSES) == "Autre sujet"
    counted = topics({"ask_contact": 3, "greet": 1, "thank": 2, "nlu_fallback": 1}, RESPONSES)
    # Intents without a title share one line instead of showing their ids.
    assert counted == [{"sujet": "Autre sujet", "nombre": 3}, {"sujet": "Les coordonnées du service", "nombre": 3},
                       {"sujet": "Question non comprise", "nombre": 1}]


def test_unanswered_questions_are_grouped_by_their_closest_entry():
    questions = [
        {"text": "Quel est le budget annuel ?", "count": 2, "dates": {"2026-02-10", "2026-02-11"}},
        {"text": "Et le budget du service ?", "count": 1, "dates": {"2026-02-11"}},
        {"text": "Quel temps fera-t-il ?", "count": 5, "dates": {"2026-02-10"}},
        {"text": "Quand ferme l'appel ?", "count": 1, "dates": {"2026-02-09"}},
        {"text": "Le menu de la cantine ?", "count": 1, "dates": {"2026-02-09"}},
    ]
    result = group_unanswered(questions, lookup)
    assert result["total"] == 5 and result["analysees"] == 5
    groups = result["groupes"]
    # Most asked first; questions no entry is close to come last.
    assert [(g["sujet"], g["nombre"]) for g in groups] == [
        ("Indicateurs du PST", 3), ("Appel PISI", 1), ("Aucun sujet proche", 6)]
    budget = groups[0]
    assert budget["fichier"] == "pst.yml:540" and budget["proche"]
    assert [q["texte"] for q in budget["questions"]] == ["Quel est le budget annuel ?", "Et le budget du service ?"]
    assert budget["questions"][0]["dates"] == ["2026-02-10", "2026-02-11"]
    assert budget["questions"][0]["candidats"][1] == {"titre": "Budget participatif", "type": "Information",
                                                       "score": 0.41, "fichier": "pst.yml:508"}
    assert groups[1]["questions"][0]["candidats"][0]["type"] == "Programme"
    assert groups[2]["fichier"] is None and not groups[2]["proche"] and groups[2]["questions"][0]["candidats"] == []
    # A weak match is still shown beside its question, but does not name the group.
    assert groups[2]["questions"][1]["candidats"][0]["fichier"] == "glossaire.yml:22"


def test_the_lookups_are_bounded_most_frequent_then_latest_first():
    questions = [{"text": f"question {i}", "count": 1, "dates": {f"2026-02-{10 + i:02d}"}} for i in range(5)]
    questions.append({"text": "souvent", "count": 4, "dates": {"2026-01-01"}})
    asked: list[str] = []
    result = group_unanswered(questions, lambda q: asked.append(q) or [], limit=3)
    assert asked == ["souvent", "question 4", "question 3"]
    assert result["total"] == 6 and result["analysees"] == 3


def test_summary_gives_activity_topics_unanswered_and_ratings_in_french():
    events = [
        user("a", "Comment contacter le service ?", "ask_contact"),
        action("a", "action_answer_contact"),
        bot("a", f"Téléphone : {PHONE}"),
        user("a", "/feedback_negative", "feedback_negative"),
        user("b", "Quel est le budget annuel du service ?", "nlu_fallback", DAY2),
        action("b", "action_kb_fallback", DAY2),
        user("b", "Quel est le budget annuel du service ?", "nlu_fallback", DAY2),
        # Staff trying the console are not users.
        user("console-1", "Quel temps fera-t-il ?", "out_of_scope", DAY2),
    ]
    data = summary(events, RESPONSES, lookup)
    assert data["conversations"] == 2 and data["messages"] == 3
    assert data["activite"] == [{"jour": "2026-02-10", "conversations": 1, "messages": 1},
                                {"jour": "2026-02-11", "conversations": 1, "messages": 2}]
    assert data["sujets"] == [{"sujet": "Question non comprise", "nombre": 2},
                              {"sujet": "Les coordonnées du service", "nombre": 1}]
    [group] = data["sans_reponse"]["groupes"]
    assert group["sujet"] == "Indicateurs du PST" and group["nombre"] == 2
    assert data["avis"]["par_sujet"] == [{"sujet": "Les coordonnées du service", "positifs": 0, "negatifs": 1}]
    assert data["avis"]["negatifs"] == [{"date": "2026-02-10", "question": "Comment contacter le service ?",
                                         "reponse": f"Téléphone : {PHONE}", "sujet": "Les coordonnées du service"}]
    assert "ask_" not in repr(data) and "nlu_fallback" not in repr(data)


def test_the_report_and_the_page_count_the_same():
    events = [user("a", "Quand ferme l'appel ?", "ask_deadline"), action("a", "action_answer_deadline")]
    stats = compute(events)
    data = summary(events, RESPONSES, lookup)
    assert data["messages"] == stats.total_messages == 1
    assert data["sujets"] == [{"sujet": "La date limite d'un appel", "nombre": 1}]
    assert data["sans_reponse"]["groupes"] == []
