"""A follow-up asking for the other members of the family just discussed (« et l'autre ville ? »,
« un autre programme ? », « à part Madagascar ? ») gets them, the one discussed left out; one
asking which of a listed family is in a country (« laquelle est en Serbie ? ») or fits what it asks
(« lequel est destiné aux écoles ? ») gets that one."""

from __future__ import annotations

from actions.definitions import ActionAnswerDefinition
from actions.other_members import others_asked
from actions.partnerships import ActionAnswerPartnerships
from actions.programmes import ActionAnswerAudience, ActionAnswerProgrammeInfo


def exchange(asked: str, said: str) -> list[dict]:
    return [{"event": "user", "text": asked}, {"event": "bot", "text": said}]


CAP_HAITIEN = exchange("Depuis quand Suresnes coopère-t-elle avec le Cap-Haïtien ?",
                       "Ville de Suresnes et Cap-Haïtien (Haïti) — coopération décentralisée.\nDepuis quand : depuis 1998.")
PISI = exchange("C'est quoi le PISI ?", "Programme provincial d'Intervention en faveur de la Solidarité Internationale "
                "(PISI) : la Province de Namur soutient des porteurs de projets.")


def test_the_other_partner_of_the_kind_named_is_given(make_tracker, run):
    said = run(ActionAnswerDefinition(), make_tracker(
        "Et l'autre ville avec laquelle elle fait de la coopération décentralisée ?", "ask_definition",
        events=CAP_HAITIEN, partner="suresnes-cap-haitien", body="suresnes")).text
    assert "Kragujevac" in said and "Cap-Haïtien" not in said.split("\n")[0]
    assert "Source" in said


def test_the_others_of_a_family_leave_out_the_one_discussed_and_those_named_now(make_tracker, run):
    said = run(ActionAnswerPartnerships(), make_tracker(
        "et à part la Serbie, quels autres partenaires ?", "ask_partnerships", entities=[("country", "Serbie")],
        events=CAP_HAITIEN, partner="suresnes-cap-haitien", body="suresnes")).text
    assert "Hackney" in said and "Villach" in said
    assert "Kragujevac" not in said and "Cap-Haïtien" not in said


def test_the_other_programme_is_given_as_the_action_asked_renders_it(make_tracker, run):
    said = run(ActionAnswerProgrammeInfo(), make_tracker("Le SREI gère un autre programme, non ? Lequel ?",
                                                         "ask_programme_info", events=PISI, programme="pisi")).text
    assert "PrECI" in said.split("\n")[0]
    said = run(ActionAnswerAudience(), make_tracker("Et l'autre programme provincial, il vise quel public ?",
                                                    "ask_programme_audience", events=PISI, programme="pisi")).text
    assert "PrECI" in said and "secondaire" in said


def test_without_the_family_discussed_just_before_nothing_is_left_out(make_tracker, run):
    # the partner kept in the slot was not what the previous answer was about
    said = run(ActionAnswerPartnerships(), make_tracker(
        "Et l'autre ville avec laquelle elle fait de la coopération décentralisée ?", "ask_partnerships",
        events=PISI, partner="suresnes-cap-haitien", body="suresnes")).text
    assert "Kragujevac" not in said.split("\n")[0] or "Cap-Haïtien" in said
    # « à part » something that is no member names nothing to leave out
    said = run(ActionAnswerPartnerships(), make_tracker(
        "À part les collectivités partenaires, il est au service de qui ?", "ask_partnerships",
        events=CAP_HAITIEN, partner="suresnes-cap-haitien", body="suresnes")).text
    assert "autres partenaires" not in said


def test_the_other_member_named_now_is_answered_as_named(make_tracker, run):
    jiangsu = exchange("Quel accord lie la Province au Jiangsu ?",
                       "Province de Namur et Province du Jiangsu (Chine) — accord d'amitié et de collaboration.")
    said = run(ActionAnswerPartnerships(), make_tracker(
        "Et avec l'autre partenaire, celui de Tunisie, c'est quoi ?", "ask_partnerships",
        entities=[("country", "Tunisie")], events=jiangsu, partner="namur-jiangsu", body="namur")).text
    assert "Tunis" in said


SIX_TWINNINGS = exchange("Suresnes a combien de jumelages ?",
                         "Les six jumelages de Suresnes : Hackney (Angleterre), Hann. Münden (Allemagne), Holon (Israël), "
                         "Kragujevac (Serbie), Villach (Autriche) et Colmenar Viejo (Espagne).\nSource : Ville de Suresnes")


def test_the_one_of_a_listed_family_in_the_country_named_is_given(make_tracker, run, kb):
    for asked in ("laquelle est en Serbie ?", "et en espagne cest laquelle"):
        country = "Serbie" if "Serbie" in asked else "Espagne"
        said = run(ActionAnswerPartnerships(), make_tracker(asked, "ask_service_info", entities=[("country", country)],
                                                            events=SIX_TWINNINGS, body="suresnes")).text
        assert ("Kragujevac" if country == "Serbie" else "Colmenar Viejo") in said.split("\n")[0]
        assert "Hackney" not in said and "Source" in said
    # listed by other names (« la Province de Jiangsu »), asked by continent
    three = exchange("Avec quelles collectivités étrangères la Province est-elle jumelée ?",
                     "la région de Louga (Sénégal), la Province de Jiangsu (Chine) et le Gouvernorat de Tunis.\nSource : SREI")
    for asked, entities, partner in (("Laquelle se trouve en Chine ?", [("country", "Chine")], "Jiangsu"),
                                     ("Et celle d'Asie, c'est laquelle ?", [], "Jiangsu"),
                                     # a part of a continent, which the NLU reads « Afrique de »
                                     ("Et celle d'Afrique de l'Ouest, c'est laquelle ?", [("country", "Afrique de")],
                                      "Louga")):
        said = run(ActionAnswerPartnerships(), make_tracker(asked, "ask_partnerships", entities=entities,
                                                            events=three, body="namur")).text
        assert partner in said.split("\n")[0] and "Tunis" not in said and ("Jiangsu" not in said or partner == "Jiangsu")
    # a claim about the one in that country is weighed, not answered by it alone
    tracker = make_tracker("celle en Serbie, c'est une ville allemande elle aussi ?", "ask_partnerships",
                           entities=[("country", "Serbie")], events=SIX_TWINNINGS, body="suresnes")
    assert others_asked(kb, tracker, {}) is None
    # with no list of that body's partners just said, the question is not this follow-up
    namur = exchange("Avec qui la Province est-elle jumelée ?", "Louga (Sénégal), Jiangsu (Chine) et Tunis (Tunisie).")
    for events in (PISI, namur):
        tracker = make_tracker("laquelle est en Serbie ?", "ask_service_info", entities=[("country", "Serbie")],
                               events=events, body="suresnes")
        assert others_asked(kb, tracker, {}) is None


TWO_PROGRAMMES = exchange("Quels programmes provinciaux le SREI gère-t-il ?",
                          "Les deux programmes provinciaux gérés par le SREI : le PISI (Programme provincial "
                          "d'Intervention en faveur de la Solidarité Internationale) et le PrECI (Programme provincial "
                          "d'Education Citoyenne à dimension Internationale).")


def test_which_of_the_programmes_listed_is_the_one_whose_description_fits(make_tracker, run, kb, domain):
    result = run(ActionAnswerProgrammeInfo(), make_tracker("Lequel des deux est destiné aux écoles ?",
                                                           "ask_programme_info", events=TWO_PROGRAMMES, body="namur"))
    assert "PrECI" in result.text.split("\n")[0] and "PISI" not in result.text.split("\n")[0]
    assert result.slot("programme") == "preci" and "Source" in result.text
    # what neither description says picks none (« le plus ancien ? »)
    tracker = make_tracker("Lequel est le plus ancien ?", "ask_programme_info", events=TWO_PROGRAMMES, body="namur")
    assert others_asked(kb, tracker, domain) is None


def test_a_part_of_a_continent_asked_of_a_body_s_partners(make_tracker, run):
    said = run(ActionAnswerPartnerships(), make_tracker(
        "La Province de Namur a-t-elle un partenaire en Afrique de l'Ouest ?", "ask_partnerships",
        entities=[("body", "namur"), ("country", "Afrique de")])).text
    assert said.startswith("Oui") and "Louga" in said and "Tunis" not in said
