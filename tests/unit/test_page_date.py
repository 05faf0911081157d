"""« Cette page date de quand ? » right after an answer asks the date of the page that answer
cites (actions/page_date.py), whatever intent the NLU reads."""

from __future__ import annotations

from actions.deadlines import ActionAnswerDeadline
from actions.page_date import asks_page_date
from actions.partnerships import ActionAnswerPartnerships
from actions.phrasing import source_line


def _after(kb, domain, make_tracker, body_id: str, question: str, intent: str):
    """A tracker where the previous answer cited the page of `body_id`."""
    cited = next(p.source for p in kb.search("relations internationales", limit=20) if p.body_id == body_id)
    said = f"Une réponse.\n{source_line(domain, cited)}"
    events = [{"event": "user", "text": "Une question ?"}, {"event": "bot", "text": said}]
    return make_tracker(question, intent, events=events)


def test_the_date_of_the_page_just_cited_is_given(kb, domain, make_tracker, run):
    dated = run(ActionAnswerDeadline(), _after(kb, domain, make_tracker, "basse-normandie",
                                               "Et cette page, elle date de quelle année ?", "ask_deadline"))
    assert "2012" in dated.text and "Source :" in dated.text
    # a page with no date says so, and the period of its information
    undated = run(ActionAnswerPartnerships(), _after(kb, domain, make_tracker, "suresnes",
                                                     "la page a été publiée quand ?", "ask_partnerships"))
    assert "pas datée" in undated.text and "2014" in undated.text


def test_a_date_asked_of_something_else_is_not_the_page_s():
    assert asks_page_date("Cette fiche a été mise en ligne quand ?")
    assert not asks_page_date("Le jumelage date de quand ?")
    assert not asks_page_date("Quelles pages parlent du jumelage ?")
    assert not asks_page_date("Dans la page du club, la charte est datée de quel jour ?")  # the charter's date
    assert asks_page_date("Et ce texte, il date de quand ?")

