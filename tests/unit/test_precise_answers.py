"""Fact-level answers: the passage that answers the question beats the topic's overview, and
the answer takes the question's shape (« Oui »/« Non » first, the number for « combien »)."""

from __future__ import annotations

import pytest

from actions.answer_selection import CLEARLY, CLEARLY_CARD, about_something_else, margin_over
from actions.answer_shape import confirms, defines, lacks_detail, lead_with_fact
from actions.asked_time import asked_time
from actions.contact import ActionAnswerContact
from actions.definitions import ActionAnswerDefinition
from actions.evidence import Evidence, misexpanded, scene_apart, spelled_out
from actions.fallback import ActionKbFallback
from actions.partnerships import ActionAnswerPartnershipDetails, ActionAnswerPartnerships
from actions.programmes import ActionAnswerAudience, ActionAnswerHowToApply, ActionAnswerProgrammeInfo
from actions.pst import ActionAnswerPst
from actions.question_shape import (
    DATE,
    DEFINITION,
    HOW_MANY,
    OPEN_HOURS,
    OTHER,
    WHERE,
    WHO,
    YES_NO,
    question_shape,
)
from actions.service import ActionAnswerServiceInfo, ActionAnswerStrategy
from tests.support.facts import HEAD, PHONE, STREET


@pytest.mark.parametrize(("text", "shape"), [
    ("combien y a-t-il de programmes ?", HOW_MANY),
    # a meaning put forward is to confirm; « que signifie… ? » asks for it
    ("EMISM veut dire « Équipe Médicale Internationale » ?", YES_NO),
    ("Que signifie EMISM ?", DEFINITION),
    # a polite request asks what follows its verb, or what the sentence before named
    ("Pourriez-vous me donner le numéro du service ?", OTHER),
    ("Vous pouvez m'indiquer qui préside le comité ?", WHO),
    ("Je voudrais connaître le budget du programme. Pouvez-vous me l'indiquer ?", OTHER),
    ("Pouvez-vous me dire si Holon est en Israël ?", YES_NO),
    ("cb de villes jumelles pr suresnes", HOW_MANY),
    ("depuis quand existe ce partenariat ?", DATE),
    ("qui est à la tête du service ?", WHO),
    ("ou se trouvent vos bureaux", WHERE),
    ("que signifie coopération décentralisée", DEFINITION),
    ("est-ce que le PISI aide les écoles ?", YES_NO),
    ("Le service dépend du gouverneur ?", YES_NO),
    # SMS « ya » for « il y a » inside the question, with something indefinite after it
    ("et pr les collegiens ya qqch ?", YES_NO),
    ("pour les jeunes ya des aides ?", YES_NO),
    ("le bureau est ouvert le mercredi vers 17h30 ?", OPEN_HOURS),
    ("Puis-je me présenter au service un lundi à 12h45 ?", OPEN_HOURS),
    ("On peut les appeler le mercredi à 9h15 ?", OPEN_HOURS),
    ("À quelle heure ferme le service le vendredi ?", OPEN_HOURS),
    ("à quelles heures le service est-il ouvert au public ?", OPEN_HOURS),
    ("Le service est-il fermé entre midi et deux ?", OPEN_HOURS),
    ("La page date du vendredi 22 juin 2012 ?", YES_NO),  # states the date: to confirm
    ("La page date de quand ?", DATE),
    ("L'accord avec le Jiangsu date de 2010, c'est bien ça ?", YES_NO),
    ("C'est Valéry Zuinen qui dirige le SREI ?", YES_NO),
    ("Le SREI a ses bureaux au Palais provincial, oui ?", YES_NO),
    ("ya til une date limite pr l appel preci ?", YES_NO),
    ("Quel est le montant exact ?", OTHER),
    ("PrECI ?", OTHER),
    ("parlez-moi du PST", OTHER),
    # An inverted subject closes the question, whatever word follows it.
    ("Le PST veut-il augmenter le nombre de collaborations ?", YES_NO),
    ("Le SREI développe-t-il des partenariats quand ils ont des retombées ?", YES_NO),
    ("Combien d'enjeux le PST compte-t-il ?", HOW_MANY),
    ("En quelle année la Région a-t-elle signé l'accord ?", DATE),
    ("Où se trouve-t-il ?", WHERE),
    # « c vrai que », a relative « qui » inside a statement, a statement continued after a comma
    ("c vrai que le PISI aide les ONG ?", YES_NO),
    ("Le logiciel qui suit les objectifs s'appelle Trello ?", YES_NO),
    ("Le PISI est un programme récent, qui date de 2020 ?", YES_NO),
    ("J'écris un article, qui préside le comité ?", WHO),
    ("Hormis les maires, qui d'autre siège au comité ?", WHO),
    ("c qui le président du comité ??", WHO),
    # a short follow-up putting one quality forward
    ("c'est payant ?", YES_NO),
    ("est-ce obligatoire ?", YES_NO),
    ("c anonyme ?", YES_NO),
    ("c'est pour qui ?", OTHER),
    ("c'est combien ?", HOW_MANY),
    ("et il est installe ou ?", WHERE),
    ("c'est gratuit ou ?", OTHER),  # « or what? », not where
    ("Les agents qui s'impliquent le font-ils par volontariat ?", YES_NO),
    ("Et son adjoint chargé des relations internationales ?", OTHER),
    ("Suresnes jumelée avec Holon ?", YES_NO),
    # Typed on a phone: no hyphens, SMS tags, no question mark, a preamble before « est-ce que ».
    ("le service peut il aider mon club de foot", YES_NO),
    ("le bureau c bien rue de fer", YES_NO),
    ("la brochure a 40 pages c ca", YES_NO),
    ("ya un musee du chocolat dans la province", YES_NO),
    ("les pompiers ils ont une ecole provinciale", YES_NO),
    ("les clubs sportifs peuvent demander une aide au service", YES_NO),
    ("Maman de deux ados, est-ce que la Province organise des stages ?", YES_NO),
    ("En tant que bénévole, est-ce que je peux aider ?", YES_NO),
    ("la province va fermer le musee ou c une rumeur", YES_NO),
    ("le musee il ouvre quand", DATE),
    ("les locaux du service sont où", WHERE),
    ("Et ces relations, elles en sont où ?", OTHER),  # how things stand, not a place
    ("je voudrais des infos sur le PISI", OTHER),
    # a statement put to the test, whatever keyword of place, person or list it holds
    ("Le programme s'adresse aux maternelles ?", YES_NO),
    ("Le siège du comité est situé à Bruges ?", YES_NO),
    ("Est-ce Jeanne Martin qui préside le comité ?", YES_NO),
    ("Au musée, c'est la vente de tableaux qui est au centre du projet ?", YES_NO),
    ("Le service des sports est listé parmi les partenaires du plan ?", YES_NO),
    ("Pour le comité, l'équité veut dire payer chacun la même somme ?", YES_NO),
    ("Quand elles signent une charte, les communes doivent-elles la publier ?", YES_NO),
    # ...but not when it still asks for it
    ("Le comité est situé où ?", WHERE),
    ("Le plan s'adresse à qui, à part les écoles ?", WHO),
    ("Le comité a son siège dans quelle ville ?", WHERE),
    ("adresse du comité des fêtes ?", WHERE),
    ("Pourriez-vous m'indiquer ce que signifie le sigle du comité ?", DEFINITION),
    ("Le nom du président du comité est ?", WHO),
    ("Vous avez l'adresse postale du comité ?", WHERE),  # a request, not a claim
    # a figure alone, or one more item, put forward to confirm
    ("Depuis 2008 ?", YES_NO),
    ("en 1995 ?", YES_NO),
    ("la musique aussi ?", YES_NO),
    ("et pour les lycées aussi ?", YES_NO),
    ("Et en 2024 ?", OTHER),  # asks the same of another year
    ("qui d'autre aussi ?", WHO),
    ("c'est où aussi ?", WHERE),
    # an initial or a dotted acronym ends no sentence; a tag after the question mark tests it
    ("La photo du comité est-elle signée J. Dupont ?", YES_NO),
    ("Le comité adhère au label A.B.C.D. ?", YES_NO),
    ("Que signifie l'abréviation A.B.C. du comité ?", DEFINITION),
    ("comite jumele avec lille ?? oui ou non", YES_NO),
    # « et » + a thing named by what qualifies it asks about that thing
    ("Et l'autre club avec lequel le comité organise des fêtes ?", OTHER),
    ("et celle qui est en Italie ?", OTHER),
    ("Et le club qui organise la fête, il dépend du comité ?", YES_NO),
    ("Et la charte qui le prévoit a été signée quand ?", DATE),
    # « quand », « quel » that link clauses ask nothing
    ("Que doit publier le comité quand il organise une fête ?", OTHER),
    ("Le comité aide n'importe quel club, même s'il ne paie pas ?", YES_NO),
    ("Le comité publie ses comptes, même quand personne ne les demande ?", YES_NO),
    ("Pourriez-vous me dire quand elle a été publiée ?", DATE),
    # a number named, not asked
    ("Le comité veut réduire le nombre de réunions ?", YES_NO),
    ("Le comité compte combien de membres ?", HOW_MANY),
    # typed without a question mark, a statement is put to the test; a request or a topic is not
    ("le comite c une asso de quartier", YES_NO),
    ("le comite organise une fete en 2024", YES_NO),
    ("je voudrais des infos sur ce que fait le comite", OTHER),
    ("nom du president du comite a lille", WHO),
    ("le comite c pour les jeunes ou les vieux", OTHER),
])
def test_question_shapes(text, shape):
    assert question_shape(text) == shape


def test_day_and_time_are_read_from_the_question():
    assert asked_time("je peux venir jeudi à 12h45 ?").span == (12 * 60 + 45, 12 * 60 + 46)
    assert asked_time("je peux venir jeudi à 12h45 ?").day == "jeudi"
    assert asked_time("ouvert à midi ?").clock == 12 * 60
    assert asked_time("et le Samedi ?").day == "samedi"
    assert not asked_time("le PST 2022-2024").names_time
    assert not asked_time("la page du vendredi 22 juin 2012").names_time


def test_parts_of_the_day_and_the_direction_of_the_question():
    afternoon = asked_time("ouvert le jeudi après-midi ?")
    assert afternoon.span == (12 * 60, 19 * 60) and afternoon.clock is None and not afternoon.whole
    lunch = asked_time("c'est ouvert entre midi et deux ?")
    assert lunch.whole and lunch.span == (12 * 60, 14 * 60)
    assert asked_time("fermé le samedi ?").closed
    until = asked_time("ouvert jusqu'à 18h le vendredi ?")
    assert until.span == (17 * 60 + 59, 18 * 60) and until.clock == 18 * 60
    assert asked_time("je travaille jusqu'à 17h, je peux passer le vendredi ?").span == (17 * 60, 17 * 60 + 1)
    assert asked_time("à quelle heure ferme-t-il le vendredi ?").asks_when
    assert not asked_time("à quelle heure ferme-t-il le vendredi ?").closed


def test_hours_compare_points_parts_and_the_lunch_break():
    from actions.opening_hours import is_open, parse_hours
    week = parse_hours("Du lundi au vendredi de 9h à 12h30 et de 13h30 à 18h (17h le vendredi)")
    assert is_open(week, "vendredi", (16 * 60 + 59, 17 * 60))
    assert not is_open(week, "vendredi", (17 * 60, 17 * 60 + 1))
    assert is_open(week, "jeudi", (12 * 60, 19 * 60))  # some of the afternoon
    assert not is_open(week, "jeudi", (12 * 60, 14 * 60), whole=True)  # closed 12h30-13h30
    assert not is_open(week, "samedi", None)
    assert is_open(week, None, (0, 12 * 60))


def test_a_number_or_a_name_the_answer_lacks_means_no():
    weight = lambda _g: 1.0  # noqa: E731
    answer = "Depuis mai 2000, la Province de Namur est liée à la Province du Jiangsu."
    assert confirms("La Province est liée au Jiangsu depuis 2000 ?", answer, weight)
    assert not confirms("La Province est liée au Jiangsu depuis 2012 ?", answer, weight)
    assert not confirms("La Province est liée au Sichuan ?", answer, weight)


def test_what_the_user_says_of_themselves_claims_nothing(kb):
    weight = kb.term_weight
    answer = "Le Département soutient la filière laitière de ses partenaires."
    assert confirms("Éleveur retraité à Fougères, je voudrais savoir si le Département soutient la filière "
                    "laitière de ses partenaires ?", answer, weight)
    assert confirms("jsuis au rsa g 22 ans, le departement soutient la filiere laitiere de ses partenaires ?",
                    answer, weight)
    assert not confirms("Je crois que le Département soutient la filière porcine de ses partenaires, "
                        "c'est bien ça ?", answer, weight)


_COMMUNE = "La commune accompagne ses voisins sans remplacer leurs services techniques, par des échanges d'agents."
_NOTE = "Le bas de page contient une note sur le logo, mais la page n'explique ni le contenu de la note."
_POLITIQUES = "Le service inscrit ses interventions dans les politiques régionales et européennes."
_ANALYSES = "La Province réalise environ 15.000 analyses de sol par an."
_SANTE = "Le volet santé vise les enfants, les adultes et les aînés du territoire."
_CONSEIL = "La présidente siège aussi au conseil départemental de la Haute-Loire."
_VADA = "La Province veut soutenir et accompagner les communes dans leur processus d'adhésion au label V.A.D.A."


@pytest.mark.parametrize(("question", "answer", "confirmed"), [
    # an action the answer only denies, next to what it acts on
    ("La commune remplace-t-elle les services techniques de ses voisins ?", _COMMUNE, False),
    ("La commune accompagne-t-elle ses voisins par des échanges d'agents ?", _COMMUNE, True),
    # a noun of the same stem after a determiner is not the verb denied
    ("Le bas de page contient-il une note sur le logo ?", _NOTE, True),
    # greetings claim nothing; « 15.000 » is one number
    ("Madame, Monsieur, le service inscrit-il ses interventions dans les politiques européennes ?", _POLITIQUES, True),
    ("La Province fait-elle environ 15.000 analyses de sol par an ?", _ANALYSES, True),
    ("La Province fait-elle environ 12.000 analyses de sol par an ?", _ANALYSES, False),
    # a question that limits what the sources say
    ("Le volet santé se limite-t-il aux enfants ?", _SANTE, False),
    ("le volet sante c juste pr les enfants ?", _SANTE, False),
    ("Le volet santé vise-t-il aussi les aînés ?", _SANTE, True),
    # each part of a compound name counts, not its « de »
    ("La présidente siège-t-elle au conseil départemental de la Loire-Atlantique ?", _CONSEIL, False),
    ("La présidente siège-t-elle au conseil départemental de la Haute-Loire ?", _CONSEIL, True),
    # the answer's action is for someone else than the question says
    ("La Province accompagne les écoles qui veulent adhérer au label VADA ?", _VADA, False),
    ("La Province accompagne les communes dans leur adhésion au label VADA ?", _VADA, True),
    # « d'autres fonctions » asks for them by their kind: the answer names them
    ("Elle a d'autres fonctions ?", _CONSEIL, True),
    ("A-t-elle d'autres mandats au Sénat ?", _CONSEIL, False),
])
def test_closed_question_verdicts(question, answer, confirmed):
    assert confirms(question, answer, lambda _g: 1.0) is confirmed


def test_a_person_asked_in_a_role_needs_a_name_in_that_role():
    partners = "Ville d'Exemple — partenaires : Colmenar Viejo (Espagne), Villach (Autriche)."
    assert lacks_detail("Qui est le maire de Villach ?", partners)
    assert lacks_detail("Comment s'appelle le gouverneur de la région partenaire ?", "Le Gouvernorat de Tunis est jumelé.")
    assert not lacks_detail("Qui est le maire de la ville ?", "Jean Dupont, maire de la ville, préside le réseau.")
    assert not lacks_detail("c ki le chef du service ?", "Responsable : Bernard Ruyssen, directeur")
    assert not lacks_detail("Qui préside le groupe pays ?", "Le Maire, Jean Dupont, préside le groupe pays.")


def test_a_way_to_reach_asked_as_a_closed_question_is_a_request():
    from actions.answer_shape import gives_requested_reach
    network = "Le Réseau Exemple est cité parmi les sources d'information de la page."
    card = "Pour joindre le service du canton :\nTéléphone : 081 00 00 00"
    # « vous avez le numéro de… ? » asks for the number, which the network's passage lacks
    assert lacks_detail("Vous avez le numéro de téléphone du Réseau Exemple ?", network)
    assert not lacks_detail("Vous avez le numéro de téléphone du service ?", card)
    assert not lacks_detail("Le Réseau Exemple est-il cité parmi les sources ?", network)
    # when the answer gives it, that is the « Oui »; a number put forward is a claim to check
    assert gives_requested_reach("vous avez le numéro du service ?", card)
    assert not gives_requested_reach("vous avez le numéro du Réseau Exemple ?", network)
    assert not gives_requested_reach("vous avez bien le 081 11 11 11 comme numéro ?", card)


def test_the_candidate_decides_whether_it_belongs_to_a_list():
    weight = lambda _g: 1.0  # noqa: E731
    answer = "Le PST affirme quatre valeurs : la proximité, l'expertise, la transparence et l'efficacité."
    assert confirms("L'expertise fait-elle partie des principes du PST ?", answer, weight)
    assert not confirms("La solidarité fait-elle partie des quatre valeurs du PST ?", answer, weight)
    assert not confirms("La rentabilité est-elle une des valeurs du PST ?", answer, weight)


def test_a_country_answers_for_its_continent_and_a_place_asked_is_no_echo(make_tracker, run):
    result = run(ActionAnswerPartnerships(), make_tracker("la Province de Namur a-t-elle un partenaire en Asie ?",
                                                          "ask_partnerships"))
    assert result.text.startswith("Oui.")
    result = run(ActionAnswerPartnerships(), make_tracker("namur a un partenariat avec la chine ?",
                                                          "ask_partnerships"))
    assert result.text.startswith("Oui.")


def test_a_body_the_sources_do_not_describe_is_declined(make_tracker, run, kb):
    contact = next(c.value for c in kb.contacts(service_id=kb.services(body_id=kb.default_body().id)[0].id)
                   if c.kind == "phone")
    for question in ("La Province de Liège a-t-elle un programme de solidarité internationale ?",
                     "avec quels pays la province de luxembourg est jumelée ?"):
        result = run(ActionAnswerPartnerships(), make_tracker(question, "ask_partnerships"))
        assert contact in result.text and "Source :" not in result.text
    result = run(ActionAnswerPartnerships(), make_tracker("la province du Jiangsu est partenaire de qui ?",
                                                          "ask_partnerships"))
    assert "Source :" in result.text


def test_the_contact_card_answers_only_questions_about_reaching_the_service(make_tracker, run, kb):
    result = run(ActionAnswerContact(), make_tracker("Le SREI de la Province de Namur dépend de quelle direction ?",
                                                     "ask_contact", [("service", "srei")]))
    card = kb.contacts(body_id="namur")
    assert not all(c.value in result.text for c in card)  # not the card...
    assert "Direction générale" in result.text and "Source :" in result.text  # ...the fact asked
    result = run(ActionAnswerContact(), make_tracker("quel est le numéro de téléphone du SREI ?", "ask_contact",
                                                     [("service", "srei"), ("contact_kind", "phone")]))
    assert next(c.value for c in card if c.kind == "phone") in result.text


def test_twinnings_are_counted_among_the_partners_when_asked(make_tracker, run, kb):
    suresnes = kb.partnerships(body_id="suresnes")
    twinnings = sum(p.kind == "jumelage" for p in suresnes)
    result = run(ActionAnswerPartnerships(), make_tracker("Avec combien de villes Suresnes est-elle jumelée ?",
                                                          "ask_partnerships", [("body", "suresnes")]))
    assert f"{len(suresnes)} partenaires" in result.text and f"dont {twinnings} jumelages" in result.text


def test_a_partner_placed_in_the_wrong_country_gets_its_own(make_tracker, run, kb):
    hackney = next(p for p in kb.partnerships(body_id="suresnes") if p.partner.startswith("Hackney"))
    result = run(ActionAnswerPartnerships(), make_tracker("Hackney, jumelée avec Suresnes, c'est en Irlande ?",
                                                          "ask_partnerships", [("country", "Irlande")], body="suresnes"))
    assert result.text.startswith("Non") and hackney.country in result.text
    assert "pas de partenaire dans ce pays" not in result.text
    # a partner and a country set aside ask for the others
    tunis = next(p for p in kb.partnerships(body_id="namur") if p.country == "Tunisie")
    others = run(ActionAnswerPartnerships(), make_tracker("3e jumelage de namur a part louga et la chine ?",
                                                         "ask_partnerships", [("country", "Chine")], body="namur"))
    assert tunis.partner in others.text


def test_the_one_partner_in_the_country_named_answers_a_follow_up(make_tracker, run, kb):
    jiangsu = next(p for p in kb.partnerships(body_id="namur") if p.country == "Chine")
    tracker = make_tracker("celle en Chine, depuis quand ?", "ask_partnership_details",
                           [("country", "Chine")], body="namur")
    result = run(ActionAnswerPartnershipDetails(), tracker)
    assert jiangsu.partner in result.text and "Fujian" not in result.text
    # the country said by its adjective, with no entity found
    tracker = make_tracker("le partenariat avec la province chinoise vise quels domaines ?", "ask_partnership_details",
                           body="namur")
    result = run(ActionAnswerPartnershipDetails(), tracker)
    assert jiangsu.partner in result.text and "Source :" in result.text
    # another country named after one partner's details moves on to the partner there
    louga = next(p for p in kb.partnerships(body_id="namur") if p.country == "Sénégal")
    tracker = make_tracker("Et pour la Chine, depuis quand ?", "ask_partnership_details", [("country", "Chine")],
                           body="namur", partner=louga.id)
    result = run(ActionAnswerPartnershipDetails(), tracker)
    assert jiangsu.partner in result.text and louga.partner not in result.text


def test_a_card_for_a_question_about_something_else_gives_way_to_the_passage(make_tracker, run, kb):
    # the NLU took a word for a contact detail; nothing else the question names is on the card
    phone = next(c.value for c in kb.contacts(body_id="namur") if c.kind == "phone")
    question = "Quelle condition un projet d'ouverture à l'international doit-il remplir pour être soutenu par le SREI ?"
    result = run(ActionAnswerContact(), make_tracker(question, "ask_contact", [("contact_kind", "address")]))
    assert "stratégie provinciale" in result.text and phone not in result.text
    assert ActionAnswerContact().structured_for(kb, make_tracker(question, "ask_contact",
                                                                 [("contact_kind", "address")])) == ()
    # asking how to reach them, whatever for, is a contact question: the card is its answer
    reach = make_tracker("Comment contacter le SREI pour un projet d'échange scolaire ?", "ask_contact")
    assert ActionAnswerContact().structured_for(kb, reach) == ("contact",)


def test_a_plural_asked_keeps_the_answer_that_counts_them_all(make_tracker, run, kb):
    values = run(ActionAnswerPst(), make_tracker("valeurs de la province ?", "ask_pst"))
    assert all(v in values.text for v in ("proximité", "expertise", "transparence", "efficacité"))


def test_where_the_service_is_gets_its_address(make_tracker, run, kb):
    address = next(c.value for c in kb.contacts(body_id="namur") if c.kind == "address")
    place = address.split(", ", 1)[1]  # without the service's name
    for question in ("le srei c est ou", "dans quel bâtiment se trouve le SREI ?", "les locaux du service sont où"):
        result = run(ActionAnswerContact(), make_tracker(question, "ask_contact", [("service", "srei")]))
        assert place in result.text and "Source :" in result.text and "e-mail" not in result.text


@pytest.mark.parametrize(("structured", "question", "margin"), [
    (("definition",), "que veut dire jumelage ?", CLEARLY),  # the definition is what is asked
    (("definition",), "c'est quoi un jumelage ?", CLEARLY),
    (("definition",), "que doit préciser une convention de jumelage ?", 0.0),
    (("definition",), "le jumelage a-t-il été signé en 1990 ?", 0.0),  # the notion is only the topic
    (("definition",), "depuis quand ce jumelage existe ?", 0.0),
    (("contact",), "le jumelage a-t-il été signé en 1990 ?", CLEARLY_CARD),
    (("programme",), "le programme a-t-il été lancé en 1990 ?", CLEARLY),
])
def test_a_definition_gives_way_to_a_passage_as_good_when_the_notion_is_not_asked(kb, structured, question, margin):
    assert margin_over(kb, structured, question) == margin


def test_a_question_in_words_the_sources_never_use_is_not_asked_back(make_tracker, run):
    result = run(ActionAnswerHowToApply(), make_tracker("Comment postuler à un stage aux Nations unies à Genève ?",
                                                        "ask_how_to_apply"))
    assert "De quel programme" not in result.text and "Source :" not in result.text


def test_a_question_about_something_no_programme_speaks_of_is_not_asked_back(make_tracker, run, kb):
    # read as a programme's deadline, but the museums are in the strategy's passages, not the
    # programmes': the passage found answers
    result = run(ActionAnswerHowToApply(), make_tracker("La rénovation du musée Rops, c'est prévu pour quand ?",
                                                        "ask_deadline"))
    assert "De quel programme" not in result.text and "Source :" in result.text
    # nothing in the base says it: whom to ask, not which programme
    result = run(ActionAnswerHowToApply(), make_tracker("Comment réserver un court de tennis au hall omnisports ?",
                                                        "ask_how_to_apply"))
    assert "De quel programme" not in result.text and "Source :" not in result.text
    # a question in a few words (« comment postuler ? ») is the action's own, asked briefly
    assert not about_something_else(kb, "Comment postuler ?", ("programme",))
    assert about_something_else(kb, "Comment réserver un court de tennis au hall omnisports ?", ("programme",))


def test_an_acronym_spelled_out_wrongly_is_not_confirmed():
    answer = "Le CRIC (Comité de Rénovation des Immeubles Communaux) a été créé en 2019."
    assert misexpanded("Le CRIC de la ville, c'est bien le Centre Régional d'Information Citoyenne ?", answer)
    # a longer complement before the link (« le SERI d'Ille-et-Vilaine, c'est… »)
    assert misexpanded("Le CRIC de la ville de Saint-Malo, c'est bien le Centre Régional d'Information Citoyenne ?",
                       answer)
    assert not misexpanded("Le CRIC, c'est le Comité de Rénovation des Immeubles Communaux ?", answer)
    # words that only happen to start with its letters are no expansion of it
    assert spelled_out("Le CRIC contribue-t-il réellement, il croit ?") == []
    assert spelled_out("le Comité de Rénovation des Immeubles Communaux (CRIC) date de quand ?") == [
        ["comite", "renovation", "immeubles", "communaux"]]


def test_the_sentence_with_the_number_comes_first():
    text = "La Province a des partenaires. Elle en compte 3 en tout. Ils sont sur trois continents."
    assert lead_with_fact(text, "combien de partenaires ?", HOW_MANY).startswith("Elle en compte 3")
    assert lead_with_fact(text, "qui sont les partenaires ?", OTHER) == text


def test_a_sentence_defining_the_words_asked_about_answers_what_they_mean():
    text = ("La commune a signé un accord en 2015. Dans ce cadre, le terme parrainage désigne un appui "
            "d'une école à une autre. Les deux villes se rencontrent chaque année.")
    question = "parrainage ça veut dire quoi ?"
    assert lead_with_fact(text, question, DEFINITION).startswith("Dans ce cadre, le terme parrainage désigne")
    assert defines("Un jumelage signifie un lien durable.", "c koi un jumelage")
    assert defines("La coopération décentralisée signifie agir ensemble.", "la coop decentralisee c quoi")
    # the verb defines other words than those asked about, or a whole story comes before it
    assert not defines("Le parrainage scolaire désigne un appui.", "le jumelage ça veut dire quoi ?")
    assert not defines("Chaque année depuis 2015 les deux écoles voisines du parrainage désignent un délégué.",
                       "parrainage ça veut dire quoi ?")
    assert lead_with_fact(text, "le jumelage ça veut dire quoi ?", DEFINITION) == text
    # a sentence defining part of the term asked about does not define the term
    assert not defines("Le parrainage désigne un appui.", "que veut dire parrainage scolaire ?")
    assert defines("Le parrainage scolaire désigne un appui.", "que veut dire parrainage scolaire ?")


def test_one_keyword_of_the_strategy_gets_its_own_meaning_not_the_list(make_tracker, run):
    result = run(ActionAnswerStrategy(), make_tracker("l'efficience, pour la province, ça consiste en quoi ?",
                                                      "ask_strategy"))
    assert "valeur ajoutée durable" in result.text
    assert "Source : Province de Namur" in result.text


def test_closed_question_with_a_wrong_place_starts_with_no_and_gives_the_right_one(make_tracker, run):
    result = run(ActionAnswerServiceInfo(), make_tracker("Le SREI a ses bureaux à Liège ?", "ask_service_info"))
    assert result.text.startswith("Non.")
    assert STREET in result.text


def test_closed_question_confirmed_starts_with_yes(make_tracker, run):
    result = run(ActionAnswerServiceInfo(), make_tracker("Le SREI dépend bien de la Direction générale ?",
                                                         "ask_service_info"))
    assert result.text.startswith("Oui.")


def test_another_bodys_partner_does_not_confirm_a_claim_about_the_body_named(make_tracker, run):
    # The Fujian is a partner of the Basse-Normandie, never of the Province de Namur.
    result = run(ActionAnswerPartnershipDetails(), make_tracker("La Province de Namur coopère avec le Fujian ?",
                                                                "ask_partnership_details", [("partner", "fujian")]))
    assert result.text.startswith("Non.")
    assert "Basse-Normandie" in result.text


def test_how_many_partners_gives_the_count(make_tracker, run):
    result = run(ActionAnswerPartnerships(), make_tracker("avec combien de partenaires étrangers Namur travaille ?",
                                                          "ask_partnerships"))
    assert "trois partenaires" in result.text or "3 partenaires" in result.text


def test_unknown_question_is_declined_with_the_service_contact_at_once(make_tracker, run):
    result = run(ActionKbFallback(), make_tracker("combien coûte une carte de stationnement ?", "nlu_fallback"))
    assert PHONE in result.text and "Source :" not in result.text


def test_opening_hours_are_read_from_their_french_text():
    from actions.opening_hours import is_open, parse_hours

    week = parse_hours("Du lundi au vendredi de 9 h à 12 h 30 et de 13 h 30 à 18 h (17 h le vendredi)")
    assert set(week) == {"lundi", "mardi", "mercredi", "jeudi", "vendredi"}
    assert week["mardi"] == [(540, 750), (810, 1080)] and week["vendredi"][-1] == (810, 1020)
    def at(minute):
        return minute, minute + 1

    assert is_open(week, "mardi", at(11 * 60)) and not is_open(week, "mardi", at(13 * 60))
    assert is_open(week, "jeudi", at(17 * 60 + 30)) and not is_open(week, "vendredi", at(17 * 60 + 30))
    assert not is_open(week, "samedi", None) and is_open(week, None, at(10 * 60))
    assert parse_hours("sur rendez-vous") == {}


def test_an_hour_asked_is_compared_with_the_opening_hours(make_tracker, run):
    from actions.contact import ActionAnswerContact

    closed = run(ActionAnswerContact(), make_tracker("le service de Suresnes est ouvert le samedi matin vers 10h ?",
                                                     "ask_contact", [("body", "suresnes")]))
    assert closed.text.startswith("Non") and "lundi au vendredi" in closed.text and "Source :" in closed.text
    opened = run(ActionAnswerContact(), make_tracker("je peux passer au service de Suresnes mardi à 15 h 15 ?",
                                                     "ask_contact", [("body", "suresnes")]))
    assert opened.text.startswith("Oui")


def test_several_days_asked_must_all_be_open(make_tracker, run):
    from actions.asked_time import several_days
    from actions.contact import ActionAnswerContact

    assert several_days("ouvert du mercredi au vendredi") == ("mercredi", "jeudi", "vendredi")
    assert several_days("le samedi et le dimanche") == ("samedi", "dimanche")
    assert several_days("le week end") == ("samedi", "dimanche") and several_days("le lundi ou le mardi") == ()
    assert several_days("je travaille en semaine ouvert le samedi") == ()
    from actions.asked_time import asks_opening_times
    assert asks_opening_times("Quels jours le comité est-il ouvert ?")
    assert not asks_opening_times("Jusqu'à quand l'appel du comité était-il ouvert ?")  # a deadline
    assert not asks_opening_times("Quel jour la page « un club ouvert à tous » a-t-elle été publiée ?")

    def asked(question):
        return run(ActionAnswerContact(), make_tracker(question, "ask_contact", [("body", "suresnes")])).text

    # the first day of the range is open, its last is not: the range is not
    range_answer = asked("le service de Suresnes est bien ouvert du jeudi au samedi ?")
    assert range_answer.startswith("Non") and "samedi" in range_answer and "Source :" in range_answer
    assert asked("le service de Suresnes est ouvert du lundi au jeudi ?").startswith("Oui")
    assert asked("le service de Suresnes est-il ouvert le week-end ?").startswith("Non")
    assert asked("le service de Suresnes est fermé le week-end ?").startswith("Oui")
    # no time named: the hours themselves, whatever the NLU read
    days_open = run(ActionAnswerServiceInfo(), make_tracker("Quels jours de la semaine le service de Suresnes "
                                                            "est-il ouvert ?", "ask_service_info",
                                                            [("body", "suresnes")])).text
    assert days_open.startswith("Heures d'ouverture") and "vendredi" in days_open and "Source :" in days_open
    # the time is compared on each day: Friday closes an hour earlier
    assert asked("je peux passer au service de Suresnes le jeudi et le vendredi à 17h30 ?").startswith("Non")


def test_a_day_typed_right_before_the_time_is_read(make_tracker, run):
    from actions.contact import ActionAnswerContact

    # Friday closes an hour earlier than the other days
    late = run(ActionAnswerContact(), make_tracker("jeudi 17h45 on peut encore passer au service de Suresnes ?",
                                                   "ask_contact", [("body", "suresnes")]))
    assert late.text.startswith("Oui")
    late = run(ActionAnswerContact(), make_tracker("vendredi 17h45 on peut encore passer au service de Suresnes ?",
                                                   "ask_contact", [("body", "suresnes")]))
    assert late.text.startswith("Non") and "Source :" in late.text


def test_a_closing_time_claimed_is_compared_with_the_day_s(make_tracker, run):
    from actions.contact import ActionAnswerContact

    assert asked_time("le service ferme à 18h le vendredi ?").bound == "closes"
    assert asked_time("ça ouvre à 9h le lundi ?").bound == "opens"
    assert asked_time("c'est fermé à 18h le vendredi ?").bound is None  # closed at that time?

    def said(question: str) -> str:
        return run(ActionAnswerContact(), make_tracker(question, "ask_contact", [("body", "suresnes")])).text

    assert said("Le service de Suresnes ferme à 18h le vendredi, pareil que le mardi ?").startswith("Non : le vendredi")
    assert "17 h" in said("Le service de Suresnes ferme à 18h le vendredi, pareil que le mardi ?")
    assert said("le mardi le service de Suresnes ferme à 18h ?").startswith("Oui")
    assert said("il ouvre à 10h le lundi, le service de Suresnes ?").startswith("Non")
    # whether it is closed at that time is another question
    assert said("le service de Suresnes est fermé à 18h le vendredi ?").startswith("Oui")
    # the time claimed may come a few words after the verb
    assert said("Le vendredi, le service de Suresnes ferme comme les autres jours à 18h, n'est-ce pas ?").startswith(
        "Non : le vendredi")
    # earlier or later than the other days: that day's time against theirs
    assert asked_time("ferme-t-il plus tard le jeudi ?").than_other_days == "later"
    assert said("Le vendredi, le service de Suresnes ferme plus tôt que les autres jours, c'est ça ?").startswith(
        "Oui : le vendredi")
    assert "17 h" in said("vendredi le service de suresnes ferme plus tot c ca ?")
    assert said("le jeudi, le service de Suresnes ferme plus tôt ?").startswith("Non : le jeudi")
    assert said("le vendredi, le service de Suresnes ferme plus tard ?").startswith("Non")


def test_open_without_a_break_is_compared_with_the_lunch_break(make_tracker, run):
    from actions.contact import ActionAnswerContact

    asked = asked_time("ouvert sans interruption de 9h à 18h ?")
    assert asked.continuous and asked.span == (9 * 60, 18 * 60)
    assert asked_time("c'est ouvert en continu le lundi ?").continuous
    assert not asked_time("ouvert de 9h à 18h ?").continuous

    def said(question: str) -> str:
        return run(ActionAnswerContact(), make_tracker(question, "ask_contact", [("body", "suresnes")])).text

    # Suresnes closes from 12 h 30 to 13 h 30
    closed = said("Le service Actions internationales de Suresnes est-il ouvert sans interruption de 9h à 18h ?")
    assert closed.startswith("Non") and "12 h 30" in closed and "13 h 30" in closed and "Source :" in closed
    assert said("le service de Suresnes est ouvert non-stop le mardi ?").startswith("Non")
    # a span within one opening is open without a break
    assert said("le service de Suresnes est ouvert sans interruption de 14h à 17h ?").startswith("Oui")


def test_hours_the_documents_do_not_give_are_said_unknown_with_the_contact(make_tracker, run):
    from actions.contact import ActionAnswerContact

    result = run(ActionAnswerContact(), make_tracker("le SREI est ouvert le lundi à 9h ?", "ask_contact"))
    assert "ne précisent pas les heures" in result.text and PHONE in result.text


@pytest.mark.parametrize(("asked", "said", "follow_up", "expected"), [
    # a follow-up leaning on the previous turn is answered in its context
    ("avec qui la Province de Namur est-elle jumelée ?",
     "Province de Namur — 3 partenaires à l'étranger :\n• Région de Louga (Sénégal)", "et celle en Chine ?", "Jiangsu"),
    # a pronoun points back to what was just answered
    ("avec quelle région du Sénégal la province coopère ?",
     "Province de Namur – Région de Louga (Sénégal) : La Province de Namur est jumelée",
     "et elle concerne quels domaines ?", "médico-social"),
    # one word of its own, and the fallback's search alone would find it anywhere
    ("qui signe comme éditeur responsable la brochure du PST ?",
     "L'éditeur responsable de la brochure du PST est Valéry Zuinen.", "et il fait quoi comme fonction ?",
     "Directeur général"),
    # the kind asked (« quel pays ») is not a word the answer holds: it names the country
    ("la coopération avec Louga dure depuis combien de temps ?",
     "Province de Namur et Région de Louga — jumelage, depuis plus de 20 ans.", "elle est dans quel pays ?",
     "Sénégal"),
    # « ce chiffre », « cette loi »: a demonstrative points back like a pronoun
    ("la loi Thiollière attribue quelle compétence ?",
     "Loi Thiollière (2007) : loi française qui attribue aux collectivités locales les relations internationales.",
     "cette loi date de quand ?", "2007"),
    # « suivre » says what is asked, though spaCy lists it among its stop words
    ("Que veut dire PST pour la Province de Namur ?",
     "Qu'est-ce que le PST de la Province de Namur ? : Le PST signifie Programme Stratégique Transversal. Il fait "
     "office d'outil de gouvernance.", "Et avec quel outil on le suit ?", "Wilway"),
])
def test_a_follow_up_is_answered_in_the_context_of_the_previous_turn(make_tracker, run, asked, said, follow_up,
                                                                     expected):
    before = [{"event": "user", "text": asked}, {"event": "bot", "text": said}]
    result = run(ActionKbFallback(), make_tracker(follow_up, "nlu_fallback", events=before))
    assert expected in result.text and "Source :" in result.text


def test_a_follow_up_asking_for_a_named_thing_gets_the_passage_that_names_one(make_tracker, run):
    # « quelle association ? » wants the one named, not the associations in general
    before = [{"event": "user", "text": "c'est quoi la dernière ?"},
              {"event": "bot", "text": "Priorité 4 de l'Ille-et-Vilaine : la mobilité internationale des jeunes : "
                                      "soutenir la mobilité internationale des jeunes, comme les demandeurs d'emploi."}]
    result = run(ActionAnswerProgrammeInfo(), make_tracker("Il soutient quelle association pour ça ?", "ask_programme_info",
                                                           events=before, last_answer="passage", body="ille-et-vilaine"))
    assert "Jeunes à Travers le Monde" in result.text


def test_a_word_said_first_is_what_ca_stands_for(make_tracker, run):
    # « coopération ça veut dire quoi ? » names its subject: it does not lean on the previous answer
    before = [{"event": "user", "text": "Et quels en sont les objectifs globaux ?"},
              {"event": "bot", "text": "Objectifs de la coopération décentralisée selon Suresnes : La Ville de Suresnes "
                                      "fixe trois objectifs globaux à la coopération décentralisée."}]
    result = run(ActionAnswerDefinition(), make_tracker("coopération ça veut dire quoi au sens propre", "ask_definition",
                                                        entities=[("topic", "coopération")], events=before,
                                                        last_answer="passage", body="suresnes"))
    assert "opérer ensemble" in result.text


def test_in_particular_is_no_word_a_follow_up_must_find(make_tracker, run):
    # « en particulier » met « participant » in another priority, which then answered
    before = [{"event": "user", "text": "Et la dernière ?"},
              {"event": "bot", "text": "Priorité 4 de l'Ille-et-Vilaine : la mobilité internationale des jeunes : "
                                      "Quatrième et dernière priorité du Département d'Ille-et-Vilaine : soutenir la "
                                      "mobilité internationale des jeunes, notamment ceux qui sont les plus en "
                                      "difficultés, comme les demandeurs d'emploi et les bénéficiaires du RSA."}]
    result = run(ActionAnswerAudience(), make_tracker("Elle vise quels jeunes en particulier ?", "ask_programme_audience",
                                                      events=before, last_answer="passage", body="ille-et-vilaine"))
    assert "demandeurs d'emploi" in result.text and "Priorité 3" not in result.text


# The previous exchange of the follow-up tests: the PST brochure's publisher was just named.
PUBLISHER_NAMED = [{"event": "user", "text": "qui a publié la brochure du PST ?"},
                   {"event": "bot", "text": "L'éditeur responsable de la brochure du PST est Valéry Zuinen."}]


def test_a_pronoun_after_a_passage_points_to_it_not_to_the_topic_the_intent_answers(make_tracker, run):
    # the publisher was just named; « il » is that person, not the service the intent reads
    before = PUBLISHER_NAMED
    result = run(ActionAnswerServiceInfo(), make_tracker("il occupe quelle fonction ?", "ask_service_info",
                                                         events=before, last_answer="pst"))
    assert "Directeur général" in result.text and "Ses missions" not in result.text
    # a question naming what it is about is not a pointer back
    result = run(ActionAnswerServiceInfo(), make_tracker("que fait le SREI ?", "ask_service_info",
                                                         events=before, last_answer="pst"))
    assert "Ses missions" in result.text


def test_french_dates_ranges_and_deadlines_are_read():
    from knowledge.french_dates import dates_in, deadline_in

    text = ("La rencontre aura lieu du 30 avril au 2 mai 2027. Inscriptions jusqu'au 1er mars 2027 ; "
            "réunion préparatoire le 03/02/2027.")
    spans = dates_in(text)
    assert [(s.first.isoformat(), s.last.isoformat()) for s in spans] == [
        ("2027-04-30", "2027-05-02"), ("2027-03-01", "2027-03-01"), ("2027-02-03", "2027-02-03")]
    assert deadline_in(text).isoformat() == "2027-03-01"
    assert deadline_in("La rencontre aura lieu le 4 juin 2027.") is None


def test_each_paragraph_of_a_page_is_a_passage_of_its_own():
    from knowledge.pages import split_passages

    paragraphs = ["Premier paragraphe qui présente l'événement organisé par la Province de Namur. " * 3,
                  "Deuxième paragraphe qui donne les dates de l'événement et son lieu précis. " * 3,
                  "Troisième paragraphe : les inscriptions sont ouvertes jusqu'au 15 mars 2027."]
    assert len(split_passages("\n\n".join(paragraphs))) == 3
    assert len(split_passages("Court.\n\nAussi court.")) == 1  # short ones stay together


def test_a_narrowed_or_denied_claim_or_a_round_figure_means_no():
    weight = lambda _g: 1.0  # noqa: E731
    wilway = "Toutes les actions, qu'il s'agisse de projets ponctuels ou d'activités récurrentes, y sont suivies."
    assert not confirms("Wilway sert uniquement à suivre les projets ponctuels ?", wilway, weight)
    assert confirms("Wilway suit les projets ponctuels ?", wilway, weight)
    # narrowing said with an inverted verb, « purement », « se limiter », « cantonné » or « se contenter »
    assert not confirms("Wilway ne suit-il que des projets ponctuels ?", wilway, weight)
    assert not confirms("Wilway est-il purement un outil de suivi des projets ponctuels ?", wilway, weight)
    assert not confirms("Les actions suivies se limitent-elles aux projets ponctuels ?", wilway, weight)
    assert not confirms("Le suivi reste cantonné aux projets ponctuels ?", wilway, weight)
    assert not confirms("Wilway se contente-t-il des projets ponctuels ?", wilway, weight)
    aid = "Il ne s'agit pas d'assistance, mais d'aider ses partenaires à se développer."
    assert not confirms("La coopération, c'est de l'assistance ?", aid, weight)
    publics = "Elle cite les jeunes déscolarisés sans qualifications, chômeurs de longue durée."
    assert confirms("Les chômeurs de longue durée sont-ils cités ?", publics, weight)
    delta = "Le Delta a proposé 232 activités différentes en 2021."
    assert not confirms("Le Delta a fait une centaine d'activités en 2021 ?", delta, weight)
    assert confirms("Suresnes a-t-elle un demi-siècle d'engagement ?", "Un engagement de plus de 50 ans.", weight)
    # A rule the sources do not state: « automatiquement », « obligés de ».
    grants = "Le service aide les projets qui cadrent avec la stratégie provinciale."
    assert not confirms("Le service aide-t-il automatiquement tous les projets ?", grants, weight)
    assert not confirms("Les agents sont-ils obligés de participer ?", "Les agents volontaires participent.", weight)
    assert confirms("Les communes sont-elles obligées d'adopter un plan ?", "Ce plan est obligatoire pour les communes.",
                    weight)


def test_a_quoted_name_is_confirmed_only_in_its_own_words_and_order():
    weight = lambda _g: 1.0  # noqa: E731
    page = "Le Bureau des jumelages (BDJ) publie « Un canton ouvert aux voisins » et gère les échanges scolaires."
    assert confirms("Le BDJ, c'est bien le « Bureau des jumelages » ?", page, weight)
    assert confirms("Sa brochure s'appelle « un canton ouvert aux voisins » ?", page, weight)
    assert not confirms("Le BDJ, c'est bien le « Bureau des échanges scolaires » ?", page, weight)
    assert not confirms("Sa brochure s'appelle « un canton tourné vers les voisins » ?", page, weight)


def test_a_qualifier_the_answer_gives_otherwise_is_not_confirmed():
    weight = lambda _g: 1.0  # noqa: E731
    page = ("Le canton défend la sécurité alimentaire et la pêche durable. Son plan repose sur la Charte de "
            "coopération transfrontalière ; le bourgmestre préside le comité pays Pérou.")
    assert confirms("Le canton défend la sécurité alimentaire ?", page, weight)
    assert confirms("Son plan repose-t-il sur la Charte de coopération transfrontalière ?", page, weight)
    assert not confirms("Le canton défend la sécurité routière ?", page, weight)
    assert not confirms("Son plan repose-t-il sur la Charte de coopération économique ?", page, weight)
    assert not confirms("Le bourgmestre préside-t-il le comité pays Bolivie ?", page, weight)


def test_an_end_or_a_cut_is_confirmed_only_when_the_answer_says_it():
    weight = lambda _g: 1.0  # noqa: E731
    page = "Le canton poursuit son soutien aux jardins partagés et veut réduire ses déchets de moitié."
    assert not confirms("Le canton a-t-il cessé de soutenir les jardins partagés ?", page, weight)
    assert not confirms("Le canton prévoit-il de supprimer les jardins partagés ?", page, weight)
    assert confirms("Le canton veut-il une réduction de ses déchets ?", page, weight)
    assert confirms("Le canton poursuit-il son soutien aux jardins partagés ?", page, weight)
    # a suspension, a break, an exclusion or a ban is a cut too (« international » does not say
    # « interdire »)
    assert not confirms("Le soutien aux jardins partagés est-il suspendu ?", page, weight)
    assert not confirms("Les liens avec les jardins partagés ont-ils été rompus ?", page, weight)
    assert not confirms("Les jardins partagés sont-ils exclus du soutien du canton ?", page, weight)
    assert not confirms("Le canton s'interdit-il tout soutien international aux jardins partagés ?",
                        "Le canton poursuit son soutien international aux jardins partagés.", weight)
    assert not confirms("Les bénévoles des jardins partagés y sont-ils obligés ?",
                        "Les bénévoles des jardins partagés sont volontaires.", weight)


def test_a_preposition_after_a_year_is_not_what_the_year_counts():
    weight = lambda _g: 1.0  # noqa: E731
    page = "En 2023, le canton a aidé 12 clubs pour un total de 8.000 €."
    assert confirms("12 clubs aidés en 2023 pour 8.000 € ?", page, weight)
    assert not confirms("15 clubs aidés en 2023 pour 8.000 € ?", page, weight)


def test_an_article_glued_to_its_word_on_a_phone_is_still_the_word():
    weight = lambda _g: 1.0  # noqa: E731
    page = "Le plan du canton vise l'égalité entre habitants et l'accès à l'école."
    assert confirms("ya un plan pour legalite entre habitants", page, weight)
    assert not confirms("ya un plan pour lemploi entre habitants", page, weight)


def test_a_verdict_needs_words_of_one_stem_to_share_most_of_their_letters():
    text = "Le service Europe et relations internationales suit les partenariats européens de la loi Thiollière."
    said = Evidence.of(text, strict=True)
    assert said.has(["partenaires"]) and said.has(["europeennes"]) and said.has(["international"])
    assert said.has(["thioliere"])  # one letter missed while typing
    assert not said.has(["interieur"]) and not said.has(["interregionales"])
    assert Evidence.of(text).has(["interieur"])  # ranking keeps the loose stem


def test_an_ordinal_points_into_the_previous_list():
    from actions.list_reference import listed_items, resolve_ordinal

    keywords = "La stratégie repose sur quatre mots-clefs : pertinence, convergence, cohérence et efficience."
    assert listed_items(keywords) == ["pertinence", "convergence", "cohérence", "efficience"]
    assert "efficience" in resolve_ordinal("Et le dernier, ça veut dire quoi ?", keywords)
    assert "convergence" in resolve_ordinal("et la deuxième de la liste ?", keywords)
    assert resolve_ordinal("le premier objectif stratégique ?", keywords) == "le premier objectif stratégique ?"
    partners = "Suresnes — 2 partenaires :\n• Cap-Haïtien (Haïti) — coopération\n• Holon (Israël) — jumelage"
    assert "Holon" in resolve_ordinal("et le dernier ?", partners)


def test_an_amount_or_a_person_in_a_role_the_answer_lacks_is_a_detail_unknown():
    from actions.answer_shape import lacks_detail

    accord = "Depuis mai 2000, la Province de Namur et la Province du Jiangsu sont liées par un accord d'amitié."
    assert lacks_detail("Qui a signé l'accord d'amitié avec le Jiangsu ?", accord)
    assert lacks_detail("Quel est le budget annuel du PISI ?", "Le PISI soutient des porteurs namurois.")
    assert not lacks_detail("Qui est le responsable du SREI ?", f"Responsable : {HEAD}")
    assert not lacks_detail("Combien d'euros reçoit un projet ?", "Au plus 5.000 € par projet.")
    assert not lacks_detail("Le PISI a-t-il un budget ?", "Le PISI soutient des porteurs namurois.")


def test_a_silence_on_the_date_or_number_asked_is_a_detail_unknown():
    from actions.answer_shape import says_fact_missing

    card = ("Ville de Suresnes et Villach (Autriche) — jumelage.\nDepuis quand : les documents ne le précisent pas.\n"
            "Suresnes est engagée à l'international depuis plus de 50 ans.")
    assert says_fact_missing("En quelle année Suresnes s'est-elle jumelée avec Villach ?", DATE, card)
    dated = card + " Le jumelage remonte à 1962."
    assert not says_fact_missing("En quelle année Suresnes s'est-elle jumelée avec Villach ?", DATE, dated)
    # a silence on something else (the fields) says nothing of the date asked
    fields = "Depuis mai 2000.\nDomaines : les documents ne les précisent pas."
    assert not says_fact_missing("Depuis quand ce partenariat existe-t-il ?", DATE, fields)
    assert says_fact_missing("Combien d'étudiants compte la haute école ?", HOW_MANY,
                             "La page ne donne pas le nombre d'étudiants de la haute école.")
    assert not says_fact_missing("Combien d'écoles secondaires ?", HOW_MANY,
                                 "La page ne donne pas le nombre d'élèves. La Province compte 3 écoles secondaires.")
    assert not says_fact_missing("Qui dirige le service ?", WHO, "La page ne nomme pas le service.")
    # the year of the page is not the date asked
    tunis = "Depuis quand : les documents ne le précisent pas.\nSelon la page du SREI (2017-2018), les relations…"
    assert says_fact_missing("En quelle année l'accord avec Tunis a-t-il été signé ?", DATE, tunis)
    # the place asked for is the one the sources leave unnamed
    mali = "Collectivité partenaire au Mali (non nommée par la page) (Mali) — coopération décentralisée."
    assert says_fact_missing("Avec quelle ville du Mali l'Ille-et-Vilaine coopère-t-elle ?", OTHER, mali)
    listed = "Partenaires :\n• Région d'Alaotra Mangoro (Madagascar)\n• Collectivité au Mali (non nommée par la page)"
    assert not says_fact_missing("Avec quelle région malgache coopère-t-elle ?", OTHER, listed)


@pytest.mark.parametrize(("text", "shape"), [
    # « quand » opening a clause of time, or in « quand même », asks no date
    ("Quand la Province parle de pertinence à l'international, ça veut dire quoi ?", DEFINITION),
    ("Les collectivités peuvent quand même passer des conventions avec l'étranger ?", YES_NO),
    ("Quand, exactement, le jumelage a-t-il commencé ?", DATE),
    # a visit in the future tense, with a day and an hour, asks about opening hours
    ("Si je passe un mardi à 10h, je trouverai quelqu'un au service ?", OPEN_HOURS),
    # « où » up front asks where, whatever verb follows
    ("Où demander un permis de conduire international ?", WHERE),
    ("Louga ou Dakar ?", OTHER),
    ("et le maire il s'appelle comment ?", WHO),
    ("Comment s'appelle l'outil de gestion du PST ?", OTHER),
    ("Et cet article a été publié quand ?", DATE),
])
def test_when_as_a_conjunction_is_not_a_date_question(text, shape):
    assert question_shape(text) == shape


def test_who_is_asking_is_not_searched_for():
    from actions.evidence import without_label

    assert without_label("Trésorière d'une association : quel est le montant du budget participatif ?") == \
        "quel est le montant du budget participatif ?"
    assert without_label("Je suis journaliste pour un hebdo local : quelles raisons avance-t-elle ?") == \
        "quelles raisons avance-t-elle ?"
    # a name, or a verb besides « être », says something of the subject: kept
    kept = ["Je suis principal du collège Jean Macé : notre établissement est-il cité ?",
            "Mon fils part au Sénégal : quels partenaires là-bas ?",
            "quelle est l'adresse : rue ou place ?"]
    assert [without_label(q) for q in kept] == kept


def test_sms_forms_that_only_wrap_a_question_are_not_searched_for():
    from actions.evidence import content_groups

    assert content_groups("sipfp cest quoi") == [("sipfp",)]
    assert content_groups("kesako le falc") == [("falc",)]


def test_a_number_beside_a_street_asks_for_the_address():
    from rasa_sdk import Tracker

    from actions.contact import kinds_asked

    text = "le srei c sur la place st aubain mais a kel numero ?"
    start = text.index("numero")
    message = {"text": text, "entities": [{"entity": "contact_kind", "value": "phone", "start": start,
                                           "end": start + len("numero")}]}
    assert kinds_asked(Tracker("t", {}, message, [], False, None, {}, "")) == ["address"]
    phone = {"text": "le numero du srei ?", "entities": [{"entity": "contact_kind", "value": "phone", "start": 3,
                                                           "end": 9}]}
    assert kinds_asked(Tracker("t", {}, phone, [], False, None, {}, "")) == ["phone"]


def test_the_list_answered_comes_before_the_titles_offered_after_it():
    from actions.list_reference import resolve_ordinal

    answer = ("La stratégie repose sur quatre mots-clefs : pertinence, convergence, cohérence et efficience.\n"
              "Les documents détaillent aussi :\n• L'ouverture internationale\n• Stratégie : cohérence")
    assert "efficience" in resolve_ordinal("Et le dernier, ça veut dire quoi ?", answer)


def test_items_separated_by_semicolons_are_a_list():
    from actions.list_reference import listed_items

    answer = ("Le Département a quatre priorités : aider les pays pauvres ; développer les échanges ; "
              "une dynamique européenne ; soutenir la mobilité internationale des jeunes.")
    assert listed_items(answer)[-1] == "soutenir la mobilité internationale des jeunes"


def test_an_ordinal_meets_the_rank_digit_and_its_other_words():
    from actions.evidence import Evidence
    from knowledge.textnorm import search_groups

    assert ["deuxieme", "rang2"] in search_groups("la deuxième priorité")
    assert Evidence.of("Priorité 2 : échanges").has(("deuxieme",))
    assert Evidence.of("Seconde priorité du Département").has(("deuxieme",))
    assert not Evidence.of("Priorité 4 : les jeunes").has(("deuxieme",))


def test_short_forms_adjectives_of_places_and_several_against_one():
    weight = lambda _g: 1.0  # noqa: E731
    assert confirms("ille et vilaine ya til une coop avec le mali ?",
                    "Département d'Ille-et-Vilaine : coopération décentralisée au Mali.", weight)
    assert confirms("La Basse-Normandie a-t-elle un partenaire italien ?",
                    "Région Basse-Normandie : partenaire Région Toscane (Italie).", weight)
    assert not confirms("La Province a plusieurs services PSE ?", "La Province dispose de 6 PMS et 1 PSE.", weight)


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("Combien de centres PMS la Province a-t-elle ?", "La Province dispose de 6 PMS et 1 PSE.", True),
    ("Combien d'écoles secondaires organise-t-elle ?", "Elle compte 3 écoles secondaires et 1 haute école.", True),
    ("Combien d'écoles secondaires organise-t-elle ?", "Le PrECI s'adresse aux écoles secondaires.", False),
    ("Combien de jumelages ?", "Suresnes a 6 jumelages.", True),
    # years are counted in « ans »
    ("Depuis combien d'années Suresnes est-elle engagée à l'international ?",
     "engagée à l'international depuis plus de 50 ans", True),
])
def test_gives_count_reads_the_word_counted_and_the_next(question, text, expected):
    from actions.answer_shape import gives_count
    assert gives_count(question, text) is expected


@pytest.mark.parametrize(("question", "text", "expected"), [
    ("Sur combien d'années portent les programmes des musées ?", "des programmes d'actions quinquennaux", True),
    ("Combien de villes sont jumelées avec Suresnes ?", "Depuis 1998, la Ville de Suresnes mène…", False),
    ("Combien d'années de crise ?", "2021 années de crise", False),
    # a rhythm counts years only when it is yearly or more
    ("Depuis combien d'années la ville est-elle engagée ?", "elle conjugue développement et solidarité au quotidien",
     False),
])
def test_counts_are_not_years_nor_verbs(question, text, expected):
    from actions.answer_shape import gives_count
    assert gives_count(question, text) is expected


def test_a_passage_titled_by_all_the_question_asks_answers_it():
    from actions.answer_selection import titled_by
    from knowledge.models import Passage
    passage = Passage(id="fact:x", entry_type="fact", entry_id="x", title="Stratégie : efficience",
                      text="L'efficience désigne des interventions à forte valeur ajoutée.", body_id=None,
                      score=0.25, source=None)
    assert titled_by("Et efficience, ça veut dire quoi concrètement ?", passage)
    assert not titled_by("Et la pertinence, ça veut dire quoi ?", passage)


def test_which_named_things_asked_are_given_by_their_names_not_their_kind():
    from actions.answer_selection import kind_passage
    from knowledge.models import Passage

    def passage(text: str) -> Passage:
        return Passage(id="fact:x", entry_type="fact", entry_id="x", title="Culture", text=text, body_id=None,
                       score=0.5, source=None)
    named = passage("Garder la reconnaissance du Musée Rops et du TreMA.")
    asked = "Quels musées provinciaux sont cités dans le PST ?"
    assert kind_passage(lambda: [named], asked, "Mettre l'expertise de ses musées au service du territoire.") is named
    assert kind_passage(lambda: [named], asked, "Le Delta et le Musée Rops.") is None
    # a law is known by its date: naming the kind with it is enough
    law = passage("La loi du 25 janvier 2007.")
    assert kind_passage(lambda: [law], "Quelle loi ?", "la loi du 6 février 1992") is None


def test_a_date_the_sources_lack_is_declined_with_whom_to_ask(make_tracker, run, kb):
    villach = next(p for p in kb.partnerships(body_id="suresnes") if p.partner == "Villach")
    assert not villach.since  # the case this test is about: the sources give no year
    result = run(ActionAnswerPartnershipDetails(),
                 make_tracker("En quelle année Suresnes s'est-elle jumelée avec Villach ?", "ask_partnership_details",
                              [("partner", villach.id)]))
    assert PHONE in result.text and "Source :" not in result.text


def test_who_is_asking_does_not_hide_the_passage_that_answers(make_tracker, run):
    from actions.out_of_scope import ActionAnswerOutOfScope

    result = run(ActionAnswerOutOfScope(), make_tracker(
        "Trésorière d'une association : quel est le montant annuel du budget participatif provincial ?",
        "out_of_scope"))
    assert "200.000" in result.text and "Source :" in result.text


def test_a_passage_found_well_answers_instead_of_asking_back(make_tracker, run):
    result = run(ActionAnswerPartnershipDetails(), make_tracker(
        "Quels secteurs sont cités en exemple quand l'Ille-et-Vilaine parle d'aider ses partenaires ?",
        "ask_partnership_details"))
    assert "?" not in result.text.split("\n")[0] and "Source :" in result.text


def test_an_answer_that_only_states_a_silence_cites_no_source():
    from actions.silence import only_silence
    contact = "Téléphone : 081 000 000"
    assert only_silence("Les documents ne précisent pas comment postuler. Le mieux est de contacter le service : "
                        f"{contact}.", contact)
    assert not only_silence("Les documents ne précisent pas de chiffre pour cela. Voici ce qu'ils en disent :\n"
                            "Le service compte trois programmes.", contact)


def test_the_kind_of_detail_asked_is_not_a_word_the_answer_must_hold():
    from actions.evidence import claims_of

    # « quel numéro » asks for one: the answer gives « 2 », it need not say « numéro »
    assert all("numero" not in g for g in claims_of("C'est à quel numéro, rue des Tanneurs ?"))
    assert any("numero" in g for g in claims_of("Le numéro 12 de la rue est-il le bon ?"))


@pytest.mark.parametrize(("question", "said"), [
    ("à quelle date la Région a-t-elle signé ses accords de coopération ?", "ne précisent pas cette date"),
    ("la Région a combien de collectivités partenaires dans le monde ?", None),
])
def test_a_date_asked_outright_that_no_passage_gives_is_a_silence_with_whom_to_ask(make_tracker, run, question, said):
    result = run(ActionAnswerPartnerships(), make_tracker(question, "ask_partnerships", [("body", "basse-normandie")]))
    if said:
        assert said in result.text
        assert PHONE in result.text
        assert "Source :" not in result.text  # the topic around the date is not the date
    else:
        assert "Source :" in result.text  # the partners are counted: a number is given


def test_how_often_is_a_number_for_a_how_many_question():
    from actions.answer_shape import gives_shape

    assert gives_shape("elle propose une fois par an une activité commune", HOW_MANY)
    assert gives_shape("des programmes d'actions quinquennaux", HOW_MANY)
    assert not gives_shape("elle propose une activité commune", HOW_MANY)


def test_what_is_an_acronym_gets_its_definition_whatever_the_intent(make_tracker, run):
    result = run(ActionAnswerServiceInfo(), make_tracker("l'INSHEA, c'est quoi au juste ?", "ask_service_info"))
    assert result.text.startswith("INSHEA")
    assert "Institut national supérieur" in result.text
    # the acronym is only where the thing asked about is used: not its definition
    other = run(ActionAnswerPst(), make_tracker("c'est quoi la capsule de sensibilisation prévue par le PST ?", "ask_pst"))
    assert not other.text.startswith("Programme Stratégique Transversal")


def test_a_question_word_that_ends_the_question_opens_it():
    assert question_shape("ce volet de la culture veille au bien-être de qui ?") != YES_NO
    assert question_shape("la brochure a été éditée par qui ?") != YES_NO
    assert question_shape("les agents qui s'impliquent le font-ils bénévolement ?") == YES_NO


def test_a_rank_points_into_the_list_of_the_topic_named_not_to_a_title_that_counts(make_tracker, run):
    # « quatrième » is not told by another enjeu's title « 2 objectifs stratégiques »
    result = run(ActionAnswerPst(), make_tracker("le quatrième objectif stratégique du Vivre mieux, il vise quoi ?",
                                                 "ask_pst"))
    assert "Vivre mieux" in result.text.split("\n")[0]


def test_hours_asked_of_no_named_service_are_the_only_hours_the_sources_give_with_whose(make_tracker, run):
    result = run(ActionAnswerContact(), make_tracker("ce mardi vers 11h vous êtes ouverts ?", "ask_contact"))
    assert result.text.startswith("Oui")
    assert "Actions internationales" in result.text  # whose hours they are
    assert "n'y figurent pas" in result.text  # and that the Province's service's are not given
    assert PHONE in result.text


def test_hours_of_a_place_the_question_names_are_not_another_service_s(make_tracker, run):
    result = run(ActionAnswerContact(), make_tracker("la bibliothèque de Bouge est ouverte le mardi ?", "ask_contact"))
    assert "Actions internationales" not in result.text


def test_the_date_of_the_page_itself_is_not_a_date_the_sources_lack():
    from actions.answer_shape import asks_outright

    assert asks_outright("en quelle année l'accord a-t-il été signé ?", DATE)
    assert not asks_outright("et ce texte, il date de quand ?", DATE)  # its source line dates it
    assert asks_outright("combien d'habitants ?", HOW_MANY)


def test_why_a_body_works_abroad_gets_the_passage_giving_its_reason_not_its_service(make_tracker, run):
    result = run(ActionAnswerServiceInfo(), make_tracker(
        "Pour quelle raison le Département d'Ille-et-Vilaine travaille-t-il avec l'étranger ?", "ask_service_info",
        [("body", "ille-et-vilaine")]))
    assert "crise" in result.text and "Source :" in result.text
    # « dans quel but ? » is answered by a purpose the answer already states
    purpose = run(ActionAnswerServiceInfo(), make_tracker(
        "Dans quel but le SREI coordonne-t-il les relations extérieures ?", "ask_service_info"))
    assert "valeur ajoutée" in purpose.text


def test_a_role_given_to_the_wrong_person_gets_no_and_who_holds_it(make_tracker, run):
    result = run(ActionAnswerServiceInfo(), make_tracker("Jean-Louis Testud est le maire de Suresnes ?", "ask_service_info"))
    assert result.text.startswith("Non") and "Christian Dupuy" in result.text and "Source :" in result.text
    # the right person gets « Oui » and no one else
    right = run(ActionAnswerServiceInfo(), make_tracker("Christian Dupuy est le maire de Suresnes ?", "ask_service_info"))
    assert right.text.startswith("Oui") and "Testud" not in right.text


@pytest.mark.parametrize("question", ["pk la province fait de l international ??",
                                      "Pourquoi une province s'occupe-t-elle de relations internationales ?"])
def test_why_a_body_works_abroad_gets_its_cause_not_the_purpose_of_its_service(make_tracker, run, question):
    # the SREI's missions say what it is for (« afin de générer… »), not why the Province works abroad
    result = run(ActionAnswerServiceInfo(), make_tracker(question, "ask_service_info"))
    assert "globalisation" in result.text and "Source :" in result.text


@pytest.mark.parametrize(("question", "said"), [
    ("Pourquoi la Province gère-t-elle les rivières de manière intégrée ?", "biodiversité"),
    ("Pourquoi la Province veut-elle optimaliser l'efficacité énergétique de ses bâtiments ?", "carbone"),
])
def test_why_an_action_of_the_province_gets_its_own_passage_not_why_it_works_abroad(make_tracker, run, question,
                                                                                    said):
    # « face à la globalisation » gives a cause, but of the Province's international work: the
    # passage on the action asked says its rare words (« rivières »)
    result = run(ActionAnswerServiceInfo(), make_tracker(question, "ask_service_info"))
    assert said in result.text and "globalisation" not in result.text and "Source :" in result.text


def test_why_an_action_is_done_gets_the_passage_giving_its_purpose_when_none_gives_a_cause(make_tracker, run):
    result = run(ActionAnswerServiceInfo(), make_tracker(
        "Pourquoi le Département d'Ille-et-Vilaine forme-t-il ses partenaires ?", "ask_service_info",
        [("body", "ille-et-vilaine")]))
    assert "autonomes" in result.text and "Source :" in result.text


def test_why_asks_for_a_reason_and_a_purpose_answers_it():
    from actions.reasons import answers_why, asks_why, gives_reason

    assert asks_why("Pour quelle raison Suresnes a-t-elle des villes jumelles ?") and asks_why("pk ca existe")
    assert not asks_why("À quoi sert le PISI ?")  # what it does, which its description says
    assert gives_reason("Pourquoi X s'ouvre au monde", "") and gives_reason("", "Face à la crise, X agit.")
    assert not gives_reason("", "X coordonne les actions de la Province.")
    assert answers_why("X coordonne les actions afin de générer de la valeur.")
    from actions.reasons import asks_cause

    assert asks_cause("Pourquoi la Province fait-elle de l'international ?")
    assert not asks_cause("Pourquoi faire de la coopération bilatérale ? Quel en est le but ?")
    assert not asks_cause("Dans quel but le SREI coordonne-t-il les relations extérieures ?")


@pytest.mark.parametrize(("question", "declined"), [
    ("combien d'employés compte le SREI ?", True),  # its missions count programmes, not staff
    ("le SREI, c'est combien de personnes ?", True),
    ("combien de programmes gère le SREI ?", False),
])
def test_a_count_of_something_the_answer_never_names_is_a_silence(make_tracker, run, question, declined):
    result = run(ActionAnswerServiceInfo(), make_tracker(question, "ask_service_info"))
    assert (PHONE in result.text and "Source :" not in result.text) == declined


def test_a_count_of_people_or_of_a_measure_is_read_in_its_own_words():
    from actions.answer_shape import never_counts

    assert not never_counts("combien de personnes travaillent à la Province ?", "1200 agents et 650 enseignants")
    assert never_counts("combien de personnes travaillent au service ?", "deux programmes et quatre mots-clefs")
    assert not never_counts("depuis combien de temps ?", "depuis plus de 20 ans")
    assert not never_counts("combien de kilomètres ?", "un réseau de 800 km")


def test_how_to_reach_something_the_sources_give_no_contact_for_is_a_silence(make_tracker, run):
    result = run(ActionAnswerContact(), make_tracker("c'est quoi le numéro de téléphone du réseau Horizons Solidaires",
                                                     "ask_contact"))
    assert PHONE in result.text and "Source :" not in result.text
    card = run(ActionAnswerContact(), make_tracker("l'adresse postale du service de Suresnes ?", "ask_contact",
                                                   [("body", "suresnes")]))
    assert "92150" in card.text


def test_the_verb_s_adresser_asks_for_no_address():
    from actions.answer_shape import lacks_reach

    assert lacks_reach("Quelle est l'adresse du Delta ?", "Le Delta a proposé 232 activités en 2021.")
    assert not lacks_reach("À qui s'adresse le PrECI ?", "Le PrECI vise les écoles secondaires.")
    assert not lacks_reach("Qui signe l'avant-propos adressé aux citoyens ?", "Le Collège provincial.")
    assert not lacks_reach("adresse du SREI ?", "Palais provincial, place Saint-Aubain 2, 5000 Namur")
    assert not lacks_reach("Un domaine tel que la culture est-il cité ?", "La culture est un domaine du jumelage.")


def test_a_contact_detail_pointed_back_is_the_one_of_what_was_just_said(make_tracker, run):
    # the publisher's passage gives his address; « son adresse » is his, not the service's card
    result = run(ActionAnswerContact(), make_tracker("son adresse ?", "ask_contact",
                                                     events=PUBLISHER_NAMED, last_answer="passage"))
    assert "Henri Blès" in result.text and "Saint-Aubain" not in result.text


@pytest.mark.parametrize("intent", ["nlu_fallback", "out_of_scope"])
def test_a_detail_of_the_card_just_given_is_read_on_it_whatever_the_intent(make_tracker, run, intent):
    from actions.out_of_scope import ActionAnswerOutOfScope

    action = ActionKbFallback() if intent == "nlu_fallback" else ActionAnswerOutOfScope()
    before = [{"event": "user", "text": "où se trouve le SREI ?"},
              {"event": "bot", "text": "Adresse : Palais provincial, place Saint-Aubain 2, 5000 Namur"}]
    result = run(action, make_tracker("et c'est quel batiment exactement", intent, events=before,
                                      last_answer="contact", body="namur"))
    assert "Palais provincial" in result.text and "Source :" in result.text


def test_this_programme_is_the_one_just_answered_about_however_long_the_question(make_tracker, run):
    from actions.programmes import ActionAnswerAudience

    before = [{"event": "user", "text": "l'appel du PrECI fermait quand ?"},
              {"event": "bot", "text": "L'appel du PrECI est clôturé depuis le 8 février 2018."}]
    result = run(ActionAnswerAudience(), make_tracker(
        "Et ce programme-là, il est ouvert à quel niveau d'enseignement au juste ?", "ask_programme_audience",
        events=before, programme="preci", last_answer="deadline"))
    assert "secondaire" in result.text and "Enseignement provincial" not in result.text


def test_a_meaning_asked_in_this_context_is_the_meaning_of_the_item_pointed_to(make_tracker, run):
    from actions.definitions import ActionAnswerDefinition

    before = [{"event": "user", "text": "les mots-clefs de la stratégie ?"},
              {"event": "bot", "text": "Action internationale — Province de Namur :\nLa stratégie provinciale "
                                      "repose sur quatre mots-clefs : pertinence, convergence, cohérence et efficience."
                                      "\nLes documents détaillent aussi :\n• Les quatre mots-clefs de la stratégie"}]
    result = run(ActionAnswerDefinition(), make_tracker("Le dernier, ça veut dire quoi dans ce contexte ?",
                                                        "ask_definition", events=before, last_answer="strategy"))
    assert "valeur ajoutée" in result.text and "Source :" in result.text


def test_a_kind_with_named_things_asked_gets_a_passage_that_names_one(make_tracker, run):
    # the priority on young people's mobility names no association; the passage on the one supported does
    result = run(ActionAnswerStrategy(), make_tracker(
        "En matière de mobilité internationale des jeunes, quelle association le Département d'Ille-et-Vilaine "
        "aide-t-il ?", "ask_strategy", [("body", "ille-et-vilaine")]))
    assert "Jeunes à Travers le Monde" in result.text
    law = run(ActionAnswerStrategy(), make_tracker(
        "Quel article du code encadre la coopération décentralisée des collectivités françaises ?", "ask_strategy"))
    assert "L1115-1" in law.text.replace(" ", "")


def test_a_body_the_question_sets_aside_does_not_make_the_other_one_known(make_tracker, run, kb):
    from actions.other_bodies import unknown_body

    question = "Et la commune de Namur, pas la Province, elle est jumelée avec qui ?"
    assert unknown_body(kb, question)
    assert not unknown_body(kb, "La Province de Namur, pas la commune, est jumelée avec qui ?")
    result = run(ActionAnswerPartnerships(), make_tracker(question, "ask_partnerships"))
    assert PHONE in result.text and "Jiangsu" not in result.text


def test_a_closed_question_the_answer_leaves_unsaid_gets_the_passage_that_says_it(make_tracker, run):
    # read as a question on the service: its missions never speak of libraries; the PST's culture passage does
    result = run(ActionAnswerServiceInfo(), make_tracker("La Province travaille-t-elle avec les bibliothèques locales "
                                                         "en réseau ?", "ask_service_info"))
    assert result.text.startswith("Oui") and "lecture publique" in result.text


def test_the_point_of_a_closed_question_must_be_said_not_only_the_rest(kb):
    said = "Le PST annonce l'ouverture d'un nouveau bachelier en agronomie à la Haute École provinciale."
    asked = "L'ouverture du nouveau bachelier à la Haute École provinciale annoncée par le PST, c'est en {} ?"
    assert not confirms(asked.format("informatique"), said, kb.term_weight)
    assert confirms(asked.format("agronomie"), said, kb.term_weight)
    # two ways offered: no one point to miss
    assert confirms("Le PST annonce-t-il un nouveau bachelier, ou c'est une formation continue ?", said,
                    kb.term_weight)


def test_dotted_acronyms_euros_and_millions_are_read_as_written_elsewhere():
    from actions.evidence import numbers, wrong_counts

    assert Evidence.of("le label V.A.D.A. des communes").has(("vada",))
    assert Evidence.of("pour un total de 20.000 €").has(("euro",))
    assert numbers("un budget d'un million d'euros") == {"1000000"}
    # « 30/06/2021 »: « 06 » does not count « 2021 »
    assert not wrong_counts("120 ETP au 30/06/2021, c'est exact ?", "Au 30/06/2021 (30 juin 2021), 120 ETP.")


@pytest.mark.parametrize(("text", "shape"), [
    ("En matière de climat, que prévoit la Province ?", OTHER),
    ("Nombre d'écoles à la Province ?", HOW_MANY),
    ("Le Fujian, avec qui la Région coopère, c'est au Japon ?", YES_NO),
    ("Auprès de qui la Ville cherche-t-elle des partenaires ?", OTHER),
    ("Au Sénégal, à qui revient la gestion du jumelage ?", OTHER),
])
def test_a_question_word_after_a_lead_in_or_a_preposition_opens_the_question(text, shape):
    assert question_shape(text) == shape


def test_a_period_no_source_speaks_of_is_declined_with_whom_to_ask(make_tracker, run, kb):
    result = run(ActionAnswerPst(), make_tracker("Quelles seront les priorités du PST 2031-2036 ?", "ask_pst"))
    assert PHONE in result.text and "Source :" not in result.text
    # the year the user lives in is context, not a period asked about
    from actions.unknown_years import years_unknown
    from knowledge import today

    assert years_unknown(kb, f"Nous sommes en {today().year}, quels sont les enjeux du PST ?") == []


def test_a_percentage_or_a_person_in_a_role_the_answer_lacks_is_a_silence():
    assert lacks_detail("Quelle est la proportion d'enseignants dans le personnel ?", "1200 agents et 650 enseignants")
    assert not lacks_detail("Quel taux de réussite ?", "Un taux de réussite de 80 % est visé.")
    assert lacks_detail("Qui présidait le comité consultatif en 2015 ?", "Le comité consultatif accompagne la politique.")


def test_a_follow_up_asking_a_detail_the_previous_answer_gives_gets_that_answer_again(make_tracker, run):
    card = [{"event": "user", "text": "qui s'occupe du service international de la Province ?"},
            {"event": "bot", "text": "Pour joindre le Service des relations extérieures et internationales (Province "
                                     f"de Namur) :\nResponsable : {HEAD}, directeur\nSource : Province de Namur, « SREI »"}]
    # read as a partnership question, « sa fonction » is the one of the person just named
    result = run(ActionAnswerPartnerships(), make_tracker("et sa fonction précise ?", "ask_partnerships",
                                                          events=card, last_answer="contact", body="namur"))
    assert "directeur" in result.text and "Jiangsu" not in result.text
    figure = [{"event": "user", "text": "combien d'activités différentes au Delta ?"},
              {"event": "bot", "text": "Le Delta en chiffres : le Delta a proposé 232 activités différentes en 2021.\n"
                                       "Source : Province de Namur, « PST »"}]
    dated = run(ActionAnswerPst(), make_tracker("ce chiffre est de quelle année ?", "ask_pst", events=figure,
                                                last_answer="passage"))
    assert "2021" in dated.text and "Source :" in dated.text


def test_a_closed_question_that_claims_nothing_is_not_confirmed_by_a_passage(make_tracker, run):
    from actions.out_of_scope import ActionAnswerOutOfScope

    # « demain » is in a PST passage, but a question made only of a verb and an adverb states
    # nothing that passage could confirm: it stays declined, with the contact
    result = run(ActionAnswerOutOfScope(), make_tracker("Il va pleuvoir demain ?", "out_of_scope"))
    assert PHONE in result.text and not result.text.startswith("Oui")


def test_each_thing_a_closed_question_lists_must_be_said(kb):
    said = "Le plan retient quatre priorités : la santé, l'école, la culture et le sport."
    asked = "Les priorités du plan sont la santé, {}, la culture et le sport ?"
    assert confirms(asked.format("l'école"), said, kb.term_weight)
    # one common noun of four unsaid: too light a share for the claims, not the last one
    assert not confirms(asked.format("le logement"), said, kb.term_weight)
    # a chain of clauses is no list
    assert confirms("Bonjour, pour mon lycée, le plan retient-il la santé et le sport ?", said, kb.term_weight)


def test_a_phone_number_stated_is_the_claim_not_the_word_numero(kb):
    card = f"Pour joindre le Service des relations extérieures et internationales : Téléphone : {PHONE}"
    assert confirms(f"Le numéro du service, c'est bien le {PHONE} ?", card, kb.term_weight)
    assert not confirms(f"Le numéro du service, c'est bien le {PHONE[:-1]}9 ?", card, kb.term_weight)


def test_a_postal_code_or_year_stated_is_the_claim_not_the_words_naming_it(kb):
    card = "Adresse : Service des relations, place du Marché 3, 6000 Charleroi"
    assert confirms("Le code postal du service, c'est bien 6000 ?", card, kb.term_weight)
    assert not confirms("Le code postal du service, c'est bien 6001 ?", card, kb.term_weight)
    said = "Le jumelage unit les deux villes depuis mai 1998."
    assert confirms("Le jumelage date de l'année 1998 ?", said, kb.term_weight)
    assert not confirms("Le jumelage date de l'année 1999 ?", said, kb.term_weight)


def test_the_other_end_of_a_span_or_side_of_the_world_says_no(kb):
    said = "Le conseil prépare le prochain plan dès le début du prochain mandat, pour les régions du sud."
    assert not confirms("Le prochain plan sera préparé à la fin du prochain mandat ?", said, kb.term_weight)
    assert confirms("Le prochain plan sera préparé au début du prochain mandat ?", said, kb.term_weight)
    assert not confirms("Le plan vise-t-il les régions du nord ?", said, kb.term_weight)


def test_a_quote_in_the_feminine_is_still_the_quote(kb):
    said = "La Ville se dit très fier de ses comités de quartier."
    assert confirms("La Ville se dit-elle « très fière » de ses comités de quartier ?", said, kb.term_weight)
    assert not confirms("La Ville se dit-elle « très déçue » de ses comités de quartier ?", said, kb.term_weight)


def test_a_thing_said_to_be_another_item_of_the_list_gets_no(kb):
    said = ("Le réseau compte le Centre des langues, le Pôle jeunesse et loisirs, le Pôle sport de haut niveau "
            "(PSHN) et la Maison des associations.")
    assert not confirms("Le PSHN, c'est le pôle jeunesse et loisirs ?", said, kb.term_weight)
    assert confirms("Le PSHN, c'est le pôle sport de haut niveau ?", said, kb.term_weight)
    # what is said of the thing in the next items of its own list names nothing else
    said = "Le Centre veut être un lieu d'accueil, ouvert à tous les publics, un tremplin pour les artistes."
    assert confirms("Le Centre, c'est un lieu ouvert à tous les publics ?", said, kb.term_weight)


def exchange(asked: str, said: str) -> list[dict]:
    """The previous turn of a follow-up test: what the user asked and what the bot answered."""
    return [{"event": "user", "text": asked}, {"event": "bot", "text": said}]


def test_a_follow_up_naming_an_offered_title_gets_that_passage(make_tracker, run):
    # the titles offered after « Les documents détaillent aussi : » are picked as a click would
    keywords = exchange("la stratégie de la province tient en quels mots ?",
                        "Action internationale — Province de Namur :\nLa stratégie repose sur quatre mots-clefs : "
                        "pertinence, convergence, cohérence et efficience.\nLes documents détaillent aussi :\n• "
                        "Stratégie de la Province de Namur : cohérence\n• Stratégie de la Province de Namur : "
                        "convergence\nSource : Province de Namur, « SREI »")
    result = run(ActionAnswerStrategy(), make_tracker("et la convergence alors ?", "ask_strategy", events=keywords,
                                                      last_answer="strategy", body="namur"))
    assert "ressources et objectifs" in result.text and "Source :" in result.text


def test_a_thing_of_the_kind_the_previous_answer_names_is_the_one_it_names(make_tracker, run):
    option = exchange("quoi de neuf dans les options de l'enseignement provincial ?",
                      "Actions citées : une option Arts du Cirque, en collaboration avec un partenaire pro (Latitude "
                      "50).\nSource : Province de Namur, « PST »")
    result = run(ActionAnswerPartnerships(), make_tracker("c'est avec quel partenaire ?", "ask_partnerships",
                                                          events=option, last_answer="passage", body="namur"))
    assert "Latitude 50" in result.text and "Jiangsu" not in result.text


def test_a_bare_request_for_an_address_or_where_to_write_is_about_what_was_just_said(make_tracker, run):
    publisher = exchange("qui est l'éditeur responsable de la brochure ?",
                         "L'éditeur responsable est Valéry Zuinen, Rue Henri Blès 190 c à 5000 Namur.\nSource : "
                         "Province de Namur, « PST »")
    for follow_up in ("l'adresse ?", "je lui écris où ?"):
        result = run(ActionAnswerContact(), make_tracker(follow_up, "ask_contact", events=publisher,
                                                         last_answer="passage"))
        assert "Henri Blès" in result.text and "Saint-Aubain" not in result.text, follow_up


def test_what_the_thing_just_named_does_is_what_was_said_of_it(make_tracker, run):
    tool = exchange("le PST est suivi avec quel logiciel ?",
                    "Pour suivre et évaluer l'atteinte des objectifs, la Province se dote de Wilway, un outil de "
                    "gestion du PST.\nSource : Province de Namur, « PST »")
    result = run(ActionAnswerServiceInfo(), make_tracker("et ça fonctionne comment ?", "ask_service_info",
                                                         events=tool, last_answer="passage"))
    assert "Wilway" in result.text and "Ses missions" not in result.text


def test_a_new_question_after_a_passage_is_not_answered_by_saying_it_again(make_tracker, run):
    from actions.programmes import ActionAnswerProgrammeInfo

    priority = exchange("et leur dernière priorité ?",
                        "Priorité 4 de l'Ille-et-Vilaine : la mobilité internationale des jeunes : Quatrième et "
                        "dernière priorité du Département d'Ille-et-Vilaine : soutenir la mobilité internationale "
                        "des jeunes, notamment ceux qui sont les plus en difficultés, comme les demandeurs d'emploi "
                        "et les bénéficiaires du RSA.\nSource : Département d'Ille-et-Vilaine, « Relations "
                        "internationales »")
    result = run(ActionAnswerProgrammeInfo(), make_tracker("et quelle association est épaulée pour ça ?",
                                                           "ask_programme_info", events=priority,
                                                           last_answer="passage", body="ille-et-vilaine"))
    assert "Jeunes à Travers le Monde" in result.text


@pytest.mark.parametrize(("question", "term"), [
    ("le mot parrainage, il veut dire quoi selon eux ?", "parrainage"),
    ("jumelage, ils disent que ça signifie quoi ?", "jumelage"),
    ("que signifie le terme solidarité au sens strict ?", "solidarite"),
])
def test_the_term_asked_is_found_past_who_says_it_and_in_an_earlier_clause(question, term):
    from actions.answer_shape import term_asked

    assert term_asked(question) == ((term,),) or term_asked(question)[0][0] == term


def test_the_sentence_defining_a_common_word_is_found_past_the_passages_using_it(make_tracker, run):
    from actions.definitions import ActionAnswerDefinition

    result = run(ActionAnswerDefinition(), make_tracker("le mot coopération, en soi, ça veut dire quoi ?",
                                                        "ask_definition"))
    assert "opérer ensemble" in result.text and "Source :" in result.text


def test_a_closed_follow_up_on_when_is_checked_against_what_was_just_said(make_tracker, run):
    card = exchange("la province a un jumelage en afrique ?",
                    "Oui. Province de Namur et Région de Louga (Sénégal) — jumelage.\nDepuis quand : depuis plus de "
                    "20 ans (à la date de la page, 2017-2018).\nSource : Province de Namur, « SREI »")
    result = run(ActionKbFallback(), make_tracker("ça remonte à 2015 seulement, c'est bien ça ?", "nlu_fallback",
                                                  events=card, last_answer="partnership_details", body="namur"))
    assert result.text.startswith("Non.") and "20 ans" in result.text and "Oui. Province" not in result.text


def test_a_programme_acronym_asked_for_is_spelled_out_by_the_programme_s_name(make_tracker, run):
    from actions.definitions import ActionAnswerDefinition

    result = run(ActionAnswerDefinition(), make_tracker("le PrECI, ça signifie quoi au juste ?", "ask_definition"))
    assert "Education Citoyenne" in result.text and "Source :" in result.text


def test_one_nation_of_the_united_kingdom_is_not_another(make_tracker, run):
    # the sources place Hackney in England: Scotland is in the United Kingdom too, yet not there
    for question, verdict in (("Hackney se trouve-t-elle en Écosse ?", "Non."),
                              ("Hackney se trouve bien au Royaume-Uni ?", "Oui.")):
        result = run(ActionAnswerPartnershipDetails(), make_tracker(question, "ask_partnership_details",
                                                                    entities=[("partner", "suresnes-hackney")]))
        assert result.text.startswith(verdict), question



def test_who_does_a_thing_is_not_the_doing_of_it(kb):
    from actions.evidence import same_root

    assert not same_root("gouvernance", "gouverneur")
    assert same_root("animateur", "animateurs") and same_root("européennes", "européen")
    assert not confirms("C'est le gouverneur qui dirige le comité ?",
                        "Le comité est dirigé par le Collège provincial, garant de sa bonne gouvernance.", kb.term_weight)


@pytest.mark.parametrize(("question", "asked", "scene"), [
    # the user's words about themselves are the scene, the last sentence is what is asked
    ("Je suis maraîchère à Andenne et je cherche des idées. Quel pôle s'occupe de l'agriculture ?",
     "Quel pôle s'occupe de l'agriculture ?", "Je suis maraîchère à Andenne et je cherche des idées."),
    # a sentence that tells of the subject stays with the question
    ("Mon cousin vit à Louga. La coopération avec cette région porte sur quoi ?",
     "Mon cousin vit à Louga. La coopération avec cette région porte sur quoi ?", ""),
    ("Je suis prof de gym. J'ai lu que la Province ouvre une option sportive : avec quel club ?",
     "J'ai lu que la Province ouvre une option sportive : avec quel club ?", "Je suis prof de gym."),
    # a question that leans on the sentence before keeps it whole
    ("Nous animons un atelier sur le label VADA. Quel rôle la Province joue-t-elle dans ce processus ?", None, ""),
    ("Je lis un article sur le Fujian. Depuis quand dure-t-elle ?", None, ""),
    ("Ma classe étudie le PST. Tu peux me le résumer ?", None, ""),
    ("Ma classe étudie le PST. De quoi s'agit-il ?", None, ""),
    # a question with nothing of its own but its wrapping is about the sentence before
    ("Nous aimerions visiter les régions avec lesquelles notre Province est jumelée. Pouvez-vous me dire lesquelles ?",
     None, ""),
    # an inverted pronoun after its subject points back to nothing
    ("Je suis retraité. La Province prévoit-elle un guichet en ligne ?",
     "La Province prévoit-elle un guichet en ligne ?", "Je suis retraité."),
])
def test_the_scene_a_user_sets_is_told_apart_from_the_question(question, asked, scene):
    assert scene_apart(question) == (asked or question, scene)


def test_a_long_scene_does_not_outweigh_the_question_asked(make_tracker, run):
    # what the user says of themselves is searched too, but weighs less than what they ask
    question = ("Je suis bibliothécaire à Gedinne et je prépare une animation sur la solidarité avec l'Afrique de "
                "l'Ouest pour des adolescents. En France, à qui revient en principe la compétence des relations "
                "internationales ?")
    result = run(ActionAnswerServiceInfo(), make_tracker(question, "ask_service_info"))
    assert "l'État" in result.text and "Source :" in result.text
    question = ("Je suis guide nature et j'emmène des groupes en forêt chaque week-end pour observer les oiseaux. "
                "Quel objectif d'émissions de carbone la Province s'est-elle donné, et pour quand ?")
    result = run(ActionKbFallback(), make_tracker(question, "nlu_fallback"))
    assert "carbone" in result.text and "Source :" in result.text


def test_a_year_is_not_confirmed_by_the_date_its_source_was_published(make_tracker, run):
    from actions.definitions import ActionAnswerDefinition

    # the page citing the law was published in 2012; the law dates from 2007
    wrong = run(ActionAnswerDefinition(), make_tracker("La loi Thiollière a été votée en 2012, exact ?", "ask_definition"))
    assert wrong.text.startswith("Non") and "2007" in wrong.text
    right = run(ActionAnswerDefinition(), make_tracker("La loi Thiollière a été votée en 2007, exact ?", "ask_definition"))
    assert right.text.startswith("Oui")


_PLAN = "Le plan a été préparé après les années d'incertitude entre 2015 et 2018 ; c'est le plan 2021-2023."
_SITE = "La version numérique est disponible sur le site de la Ville (www.ville-exemple.fr)."


@pytest.mark.parametrize(("question", "said", "confirmed"), [
    # a span of years is confirmed only as that span
    ("Le plan porte sur 2018-2023 ?", _PLAN, False),
    ("Le plan va de 2015 à 2023 ?", _PLAN, False),
    ("Le plan porte sur 2021-2023 ?", _PLAN, True),
    ("Le plan porte sur la période de 2021 à 2023 ?", _PLAN, True),
    # a web address only as written
    ("Le site de la Ville, c'est www.exemple.fr ?", _SITE, False),
    ("Le site de la Ville, c'est bien www.ville-exemple.fr ?", _SITE, True),
])
def test_a_span_of_years_or_a_web_address_is_confirmed_only_as_written(question, said, confirmed):
    assert confirms(question, said, lambda _g: 1.0) is confirmed


def test_where_a_named_partner_is_comes_from_its_own_entry(make_tracker, run, kb):
    villach = next(p for p in kb.partnerships(body_id="suresnes") if p.country == "Autriche")
    for question in ("villach c ou", "Ma nièce fait un stage à Villach. C'est dans quel pays au juste ?"):
        result = run(ActionKbFallback(), make_tracker(question, "nlu_fallback"))
        assert villach.country in result.text and "Source :" in result.text
    # a partner whose full name is longer (« Région de Louga ») is named by its short one
    result = run(ActionKbFallback(), make_tracker("et Louga, ça se situe où exactement ?", "nlu_fallback"))
    assert "Sénégal" in result.text and "Source :" in result.text
    # a country is not a place to locate (« la plateforme pour Haïti » names the partner there)
    from actions.answer_selection import place_passage
    assert place_passage(kb, "le réseau pour Haïti couvre quelle région ?", "") is None


def test_a_closed_question_on_a_term_it_names_is_checked_on_the_term_s_own_entry(make_tracker, run, kb):
    wrong = run(ActionKbFallback(), make_tracker("Le sigle SAILFE veut dire « Service d'Accueil des Immigrés », "
                                                 "je me trompe ?", "nlu_fallback"))
    assert wrong.text.startswith("Non") and "familles" in wrong.text and "Source :" in wrong.text
    right = run(ActionKbFallback(), make_tracker("Le SAILFE intervient auprès des familles, je me trompe ?",
                                                 "nlu_fallback"))
    assert right.text.startswith("Oui")
    # a figure the entry lacks is no claim it decides
    from actions.answer_selection import claim_about_named
    question = "Le SAILFE a été créé en 1995, je me trompe ?"
    assert claim_about_named(kb, lambda: kb.search(question, limit=12), question) is None


def test_a_rank_asked_gets_what_holds_that_rank(make_tracker, run):
    def said(question: str) -> str:
        return run(ActionAnswerStrategy(), make_tracker(question, "ask_strategy")).text

    # what holds the rank asked answers, not where the thing put forward ranks
    wrong = said("La seconde priorité de l'Ille-et-Vilaine, c'est bien la mobilité internationale des jeunes ?")
    assert wrong.startswith("Non") and "entreprises" in wrong
    # ...but a rank said of something named first is about that thing: where it really ranks
    wrong = said("Est-ce que la dynamique européenne est la quatrième priorité du Département d'Ille-et-Vilaine ?")
    assert wrong.startswith("Non") and "Troisième" in wrong
    assert said("La priorité 2 de l'Ille-et-Vilaine porte sur les échanges et les entreprises ?").startswith("Oui")
    # « la première des priorités » names the rank first too; a rank claimed of a thing the
    # overview lists is weighed on that thing's own ranked passage
    wrong = said("La première des priorités internationales de l'Ille-et-Vilaine, c'est la mobilité des jeunes ?")
    assert wrong.startswith("Non") and "pays les plus pauvres" in wrong
    wrong = said("La mobilité internationale des jeunes est la première priorité de l'Ille-et-Vilaine ?")
    assert wrong.startswith("Non") and "Quatrième" in wrong


def test_an_ordinal_alone_after_a_ranked_answer_gets_that_rank_of_the_same_thing(make_tracker, run):
    from actions.follow_up import ActionFollowUp

    # the answer holds a list in passing (« … la formation des élus et des techniciens »): the
    # ordinal is about the ranked priorities, not that list
    first = exchange("la première, c'est quoi ?",
                     "Priorité 1 de l'Ille-et-Vilaine : le développement des pays les plus pauvres : Première "
                     "priorité du Département : aider ses partenaires, par exemple par un soutien à la filière "
                     "laitière ou au tourisme ; la formation des élus et des techniciens est un axe majeur.\n"
                     "Source : Département d'Ille-et-Vilaine")
    last = run(ActionFollowUp(), make_tracker("et la toute dernière ?", "inform", events=first, body="ille-et-vilaine",
                                              last_answer="passage"))
    assert "Priorité 4" in last.text and "Source :" in last.text
    second = run(ActionFollowUp(), make_tracker("et la deuxième ?", "inform", events=first, body="ille-et-vilaine",
                                                last_answer="passage"))
    assert "Priorité 2" in second.text


def test_a_pronoun_points_to_what_was_just_said_not_to_a_passage_holding_the_other_words(make_tracker, run):
    citim = exchange("c'est quoi la CITIM ?",
                     "CITIM (Coordination Information Tiers-Monde) : CITIM signifie Coordination Information "
                     "Tiers-Monde. C'est l'association qui publie le « Répertoire des acteurs de la solidarité "
                     "internationale et de la coopération décentralisée en Basse-Normandie », cité par la page de "
                     "la Région Basse-Normandie (2012).")
    for question in ("Qu'est-ce qu'elle offre d'utile ?", "Et elle propose quoi d'utile ?"):
        result = run(ActionKbFallback(), make_tracker(question, "nlu_fallback", events=citim, topic="def-citim",
                                                      last_answer="definition"))
        assert "CITIM" in result.text and "Source :" in result.text
    # a follow-up that names its own subject besides its pronoun is about that subject
    from actions.out_of_scope import ActionAnswerOutOfScope
    rivers = exchange("combien de km de cours d'eau la Province entretient-elle ?",
                      "Kilomètres de cours d'eau entretenus : 1350 km de catégorie 2 et 800 km de catégorie 3.\n"
                      "Source : Province de Namur, « PST »")
    result = run(ActionAnswerOutOfScope(), make_tracker("Et le réseau points-nœuds, lui, il fait combien ?",
                                                        "out_of_scope", events=rivers, last_answer="passage"))
    assert "2.094" in result.text


def test_a_pronoun_keeps_to_the_one_just_named_when_the_draft_names_another_with_the_same_words(make_tracker, run):
    from actions.out_of_scope import ActionAnswerOutOfScope
    deputy = exchange("Qui est l'adjoint au maire de Suresnes chargé des relations internationales ?",
                      "Jean-Louis Testud, adjoint aux relations internationales de Suresnes : Jean-Louis Testud est "
                      "Adjoint au Maire délégué aux Relations Internationales de Suresnes. Il est Secrétaire Général "
                      "de Cités Unies France depuis juillet 2014.\n"
                      "Source : Ville de Suresnes, « Relations internationales – Ville de Suresnes »")
    # the mayor's passage also gives a role at Cités Unies France, which the previous answer named too
    result = run(ActionAnswerOutOfScope(), make_tracker("Il a quel rôle à Cités Unies France ?", "out_of_scope",
                                                        events=deputy, last_answer="passage"))
    assert "Secrétaire Général" in result.text and "Source :" in result.text
    # a subject the exchange did not name is a new one
    result = run(ActionAnswerOutOfScope(), make_tracker("Et le maire, il a quel rôle à Cités Unies France ?",
                                                        "out_of_scope", events=deputy, last_answer="passage"))
    assert "Groupe pays Haïti" in result.text


def test_how_long_asked_of_them_is_the_time_just_given(make_tracker, run):
    from actions.answer_shape import gives_count
    louga = exchange("Avec quelle région du Sénégal Namur est-elle jumelée ?",
                     "Province de Namur et Région de Louga (Sénégal) — jumelage.\n"
                     "Depuis quand : depuis plus de 20 ans (à la date de la page, 2017-2018).\n"
                     "Source : Province de Namur, « Service des relations extérieures et internationales (SREI) »")
    # a number of years answers « combien de temps », a date of counting staff does not
    assert gives_count("depuis combien de temps ?", "jumelage depuis plus de 20 ans")
    assert not gives_count("depuis combien de temps ?", "957 ETP au 31/03/2022")
    # « avec eux » points back however long the question (the passage found for its words counts staff)
    for question in ("ça fait combien de temps qu'on coopère avec eux", "et namur bosse avec eux depuis cb de temps"):
        result = run(ActionKbFallback(), make_tracker(question, "nlu_fallback", events=louga, last_answer="partnership"))
        assert "20 ans" in result.text and "Source :" in result.text


def test_still_possible_asked_of_it_is_checked_against_the_deadline_just_given(make_tracker, run):
    from actions.deadlines import ActionAnswerDeadline
    closed = exchange("Jusqu'à quelle date l'appel du PrECI était-il ouvert ?",
                      "Le dernier appel du PrECI mentionné dans les documents est clôturé depuis le 8 février 2018.\n"
                      "Source : Province de Namur, « Service des relations extérieures et internationales (SREI) »")
    # « y » is the call just given: a passage on pupils that holds the other words does not answer
    for question in ("Donc je peux encore y inscrire mes élèves aujourd'hui ?",
                     "Donc je peux encore y inscrire mon école cette année ?"):
        result = run(ActionAnswerDeadline(), make_tracker(question, "ask_deadline", events=closed, programme="preci",
                                                          last_answer="deadline"))
        assert result.text.startswith("Non.") and "8 février 2018" in result.text



# Pages of an invented canton, and what a closed question claims of them.
METHOD = "Le canton applique la même méthode à ses jumelages et à ses aides aux clubs."
LOYALTY = ("La loyauté, valeur du canton, recouvre l'égalité de traitement des habitants. "
           "Actions phares du canton : rénover les écoles et planter des haies.")
KEYWORDS = "Le plan repose sur trois mots-clefs : ouverture, écoute et e-guichet."
BENEFITS = "Les bienfaits des jumelages : l'entraide en cas d'inondation, les échanges scolaires."
EDITOR = ("L'éditeur responsable de la brochure du canton est Jeanne Martin, secrétaire communale. "
          "Le canton accompagne les communes dans leur adhésion au label Ville Amie.")


@pytest.mark.parametrize(("page", "question", "confirmed"), [
    # « différente » against « la même » says no
    (METHOD, "Les aides aux clubs suivent-elles une méthode différente de celle des jumelages ?", False),
    (METHOD, "La méthode des aides aux clubs est sans rapport avec celle des jumelages ?", False),
    (METHOD, "Les aides aux clubs suivent-elles la même méthode que les jumelages ?", True),
    # a verb before its inverted subject, or « concret », qualifies nothing
    (LOYALTY, "L'égalité de traitement des habitants relève-t-elle de la loyauté ?", True),
    (LOYALTY, "Planter des haies fait-il partie des actions concrètes du canton ?", True),
    (LOYALTY, "Planter des vignes fait-il partie des actions concrètes du canton ?", False),
    # a word spelled another way, or typed without its hyphen, is the same word
    (KEYWORDS, "ecoute c un des mots cles du plan ?", True),
    (KEYWORDS, "le plan prevoit un eguichet ?", True),
    (KEYWORDS, "le plan prevoit un guichet mobile ?", False),
    # the setting before the comma is not the candidate of a list
    (BENEFITS, "En cas de catastrophe naturelle, l'entraide figure-t-elle parmi les bienfaits des jumelages ?", True),
    (BENEFITS, "En cas de catastrophe naturelle, le tourisme figure-t-il parmi les bienfaits des jumelages ?", False),
    # what « c'est » singles out must be said...
    (EDITOR, "L'éditeur responsable de la brochure, c'est le bourgmestre du canton ?", False),
    (EDITOR, "C'est bien les écoles que le canton accompagne pour l'adhésion au label Ville Amie ?", False),
    (EDITOR, "L'éditeur responsable de la brochure, c'est Jeanne Martin ?", True),
    (EDITOR, "C'est bien les communes que le canton accompagne pour l'adhésion au label Ville Amie ?", True),
    # ...but a kind, or an action, singles nothing out: the rest of the claim decides
    (EDITOR, "Accompagner les communes vers le label Ville Amie, c'est un objectif du canton ?", True),
    (EDITOR, "Et les communes, c'est un axe important de leur label Ville Amie ?", True),
    (EDITOR, "Un des engagements, c'est d'accompagner les communes vers le label Ville Amie ?", True),
])
def test_a_closed_question_is_confirmed_by_what_it_claims(page, question, confirmed):
    assert confirms(question, page, lambda _g: 1.0) is confirmed


COOPERATION = ("Pour le canton, il ne s'agit pas d'assister, mais d'aider ses partenaires à se développer. "
               "La formation des élus est un axe majeur de sa coopération. Le canton a quatre priorités. "
               "Il est jumelé avec Holon, en Israël, et soutient la mobilité des jeunes demandeurs d'emploi.")


@pytest.mark.parametrize(("question", "confirmed"), [
    # what « plutôt que » sets aside is not claimed; the claim before it is
    ("Le canton cherche-t-il à aider ses partenaires à se développer plutôt qu'à les assister ?", True),
    ("Le canton cherche-t-il à assister ses partenaires plutôt qu'à les aider à se développer ?", False),
    # how much the asker weighs it (« important », « grandes », « particulier ») is not a claim
    ("La formation des élus est-elle un point important de la coopération du canton ?", True),
    ("Le canton a-t-il bien quatre grandes priorités ?", True),
    ("Le canton a-t-il bien cinq grandes priorités ?", False),
    ("Le canton a-t-il un lien particulier avec Israël ?", True),
    # what someone said, or what the asker says of themselves, comes before the claim
    ("ma voisine dit que le canton est jumelé avec une ville d israel c vrai ?", True),
    ("ma voisine dit que le canton est jumelé avec une ville du japon c vrai ?", False),
    ("jai 30 ans je suis au chomage, le canton soutient la mobilité des jeunes comme moi ?", True),
    # nor whether the sources take it up (« mentionnée », « visés », « prend en compte »)
    ("La formation des élus est-elle mentionnée dans la coopération du canton ?", True),
    ("Les jeunes demandeurs d'emploi sont-ils visés par le canton ?", True),
    ("Le canton prend-il en compte la mobilité des jeunes ?", True),
    ("Les retraités sont-ils visés par le canton ?", False),
])
def test_the_asker_s_framing_of_a_claim_is_not_claimed(question, confirmed):
    # the asker's own words weigh as much as the sources' rarest ones
    asker = {"important", "grandes", "particulier", "voisine", "30", "chomage", "mentionnee", "vises", "compte"}
    assert confirms(question, COOPERATION, lambda g: 3.0 if asker.intersection(g) else 1.0) is confirmed


@pytest.mark.parametrize(("question", "confirmed"), [
    # the letters of another body's acronym in another order are not its name
    ("Le service du canton s'appelle-t-il le SREI ?", False),
    ("Le service du canton s'appelle-t-il le SERS ?", False),
    ("Le service du canton s'appelle-t-il le SERI ?", True),
    # an acronym the answer spells out is not contradicted
    ("Le service Europe du canton gère-t-il le PST ?", True),
    # three letters one apart are two things (« PST », « IST »)
    ("Le PST du canton parle-t-il des IST ?", True),
])
def test_an_acronym_one_letter_or_one_swap_apart_is_another_name(question, confirmed):
    page = ("Le service Europe et relations internationales (SERI) du canton gère le Programme Stratégique "
            "Transversal, qui parle des IST.")
    assert confirms(question, page, lambda _g: 1.0) is confirmed


def test_the_holder_of_another_role_of_the_same_body_is_named_in_a_follow_up(make_tracker, run):
    # « et le maire ? » after his deputy: the body's passage naming the mayor, not « ce détail » unknown
    deputy = exchange("Qui est l'adjoint chargé des relations internationales à Suresnes ?",
                      "Jean-Louis Testud, adjoint aux relations internationales de Suresnes : "
                      "Jean-Louis Testud est Adjoint au Maire délégué aux Relations Internationales.")
    result = run(ActionAnswerServiceInfo(), make_tracker("Et le maire, il s'appelle comment ?", "ask_service_info",
                                                         events=deputy, body="suresnes", last_answer="passage"))
    assert "Dupuy" in result.text and "Source :" in result.text
    # no passage of the body answered about names one: the sources' silence, not another body's mayor
    result = run(ActionAnswerServiceInfo(), make_tracker("Et le maire de Namur, il s'appelle comment ?",
                                                         "ask_service_info", body="namur"))
    assert "Dupuy" not in result.text


def test_what_the_question_sets_aside_is_not_the_answer(make_tracker, run):
    # « outre ses coopérations » sets the cooperation aside: the passage that adds to it answers
    for question in ("Outre ses propres coopérations, comment l'Ille-et-Vilaine promeut-elle le développement des "
                     "pays pauvres ?",
                     "Pour promouvoir le développement, qui l'Ille-et-Vilaine soutient-elle en plus de ses propres "
                     "coopérations ?"):
        said = run(ActionAnswerProgrammeInfo(), make_tracker(question, "ask_programme_info",
                                                             entities=[("body", "ille-et-vilaine")])).text
        assert "associations de solidarité internationale" in said and "Source :" in said
    # set aside in a list with others, the answer that lists them stands (« des élus et des techniciens »)
    said = run(ActionAnswerProgrammeInfo(), make_tracker(
        "À part les élus, qui d'autre est formé dans le cadre des coopérations de l'Ille-et-Vilaine ?",
        "ask_programme_info", entities=[("body", "ille-et-vilaine")])).text
    assert "techniciens" in said
    # a name set aside is left to the follow-ups on the other members (« à part le PISI » : the PrECI)
    said = run(ActionAnswerProgrammeInfo(), make_tracker("Outre le PISI, quel programme gère le SREI ?",
                                                         "ask_programme_info")).text
    assert "PrECI" in said


def test_a_false_name_put_forward_gets_the_true_one(make_tracker, run):
    def said(question: str, intent: str = "ask_contact") -> str:
        return run(ActionAnswerServiceInfo(), make_tracker(question, intent, entities=[("body", "suresnes")])).text

    # the role put first is the subject: who really holds it, with the « Non »
    wrong = said("L'adjoint au maire délégué aux relations internationales de Suresnes, c'est Christian Dupuy ?")
    assert wrong.startswith("Non") and "Testud" in wrong
    wrong = said("Le maire de Suresnes, c'est Jean-Louis Testud ?")
    assert wrong.startswith("Non") and "Dupuy" in wrong
    # a person put first stays the subject
    wrong = said("Jean-Louis Testud est-il le maire de Suresnes ?")
    assert wrong.startswith("Non") and "Testud" in wrong.split("\n")[0]
    # an association the sources do not name: the one they do
    wrong = run(ActionAnswerStrategy(), make_tracker(
        "Pour la mobilité des jeunes, l'Ille-et-Vilaine soutient l'association Erasmus Jeunesse, c'est ça ?",
        "ask_strategy")).text
    assert wrong.startswith("Non") and "Jeunes à Travers le Monde" in wrong


def test_a_claimed_count_is_checked_on_the_passage_that_gives_it():
    from actions.answer_selection import claimed_count_passage
    from knowledge.models import Passage

    def passage(text: str) -> Passage:
        return Passage(id="fact:x", entry_type="fact", entry_id="x", title="Vivre mieux", text=text, body_id=None,
                       score=0.5, source=None)
    about = passage("Soutenir les centres PSE et PMS dans la santé scolaire.")
    counted = passage("La Province dispose de 6 PMS et 1 PSE déclinés en 9 antennes.")
    asked = "Et il y a 10 centres PMS, c'est bien ça ?"
    assert claimed_count_passage([about, counted], asked, about.text) is counted
    # the answer already gives the number, or the question claims none: nothing to look for
    assert claimed_count_passage([about, counted], asked, counted.text) is None
    assert claimed_count_passage([about, counted], "Il y a des centres PMS ?", about.text) is None


@pytest.mark.parametrize(("question", "verdict"), [
    ("Le réseau points-noeuds dépasse-t-il les 2000 kilomètres ?", "Oui"),
    ("Le réseau points-noeuds fait-il plus de 3000 km ?", "Non"),
])
def test_a_count_compared_with_a_threshold_gets_the_comparison_s_verdict(make_tracker, run, question, verdict):
    # « 2.094 km » never repeats « 2000 »: the comparison decides, not the number's absence
    result = run(ActionAnswerPst(), make_tracker(question, "ask_pst"))
    assert result.text.startswith(verdict) and "2.094" in result.text and "Source :" in result.text
