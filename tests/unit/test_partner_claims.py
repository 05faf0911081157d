"""A closed question that says of one partner what its records contradict gets « Non »."""

import pytest

from actions.partner_claims import contradicted


@pytest.mark.parametrize("question", [
    "Le département d'Ille-et-Vilaine a une coopération avec la région Alaotra Mangoro au Mali, c'est ça ?",
    "Suresnes est jumelée avec Hann. Münden, en Autriche ?",
    "Louga, c'est au Mali ?",
    "Le Hampshire est présenté comme une province, c'est ça ?",
    "Holon fait partie des villes avec lesquelles Suresnes mène de la coopération décentralisée ?",
    "Suresnes a aussi une coopération décentralisée avec Villach ?",
    "Suresnes est jumelée avec Cap-Haïtien ?",
    "En plus du jumelage, Suresnes fait de la coopération décentralisée avec Holon, en Israël ?",
])
def test_a_claim_the_records_contradict(kb, question):
    assert contradicted(kb, question)


@pytest.mark.parametrize("question", [
    "Suresnes est-elle jumelée avec Villach, en Autriche ?",
    "Louga, c'est au Sénégal ?",
    # Namur lists its friendship accord with the Jiangsu among its twinnings
    "Namur est jumelée avec le Jiangsu ?",
    # Kragujevac is both twinned and a cooperation partner
    "Suresnes mène une coopération décentralisée avec Kragujevac ?",
    "Suresnes est jumelée avec Kragujevac ?",
    "La Basse-Normandie a une coopération décentralisée avec le Hampshire ?",
    "Le Fujian est une province chinoise ?",
    # the country is not said of the partner, or two partners are named, or alternatives weighed
    "L'Ille-et-Vilaine coopère-t-elle avec le Mali et avec Alaotra Mangoro ?",
    "Suresnes est jumelée avec Holon et avec Villach en Autriche ?",
    "Louga, c'est au Mali ou au Sénégal ?",
    "Suresnes n'a pas de coopération décentralisée avec Villach ?",
])
def test_a_claim_the_records_bear_or_do_not_weigh(kb, question):
    assert not contradicted(kb, question)


def test_the_verdict_follows_the_records(make_tracker, run):
    from actions.partnerships import ActionAnswerPartnerships

    def said(question: str) -> str:
        return run(ActionAnswerPartnerships(), make_tracker(question, "ask_partnerships",
                                                            [("body", "ille-et-vilaine")])).text

    # the answer names the Mali partner next to Madagascar's region: the text alone would agree
    assert said("L'Ille-et-Vilaine coopère avec la région Alaotra Mangoro au Mali, c'est bien ça ?").startswith("Non")
    assert said("L'Ille-et-Vilaine coopère avec la région Alaotra Mangoro à Madagascar, c'est bien ça ?").startswith("Oui")


def test_countries_set_aside_leave_the_other_partners(make_tracker, run):
    from actions.partnerships import ActionAnswerPartnerships

    said = run(ActionAnswerPartnerships(), make_tracker(
        "Hormis le Royaume-Uni et la Norvège, avec quelles collectivités la Basse-Normandie a-t-elle signé des accords ?",
        "ask_partnerships", [("country", "Royaume-Uni"), ("country", "Norvège"), ("body", "basse-normandie")])).text
    assert "Toscane" in said and "Fujian" in said
    assert "Hampshire" not in said and "Hordaland" not in said


def test_a_list_asked_for_is_not_replaced_by_one_item_s_passage(make_tracker, run):
    from actions.partnerships import ActionAnswerPartnerships

    said = run(ActionAnswerPartnerships(), make_tracker(
        "Quels jumelages ou accords bilatéraux la Région Basse-Normandie a-t-elle conclus ?",
        "ask_partnerships", [("body", "basse-normandie")])).text
    assert all(name in said for name in ("Hampshire", "Hordaland", "Toscane", "Fujian"))
