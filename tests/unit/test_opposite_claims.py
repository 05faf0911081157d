"""A closed question saying the opposite of the answer, or of something else than it speaks of,
is not confirmed; a verb before an inverted subject is never a claimed noun."""

from actions.answer_shape import confirms
from actions.evidence import claims_to_confirm
from actions.opposites import opposite_said

SHORT = "Le programme est un programme stratégique à court terme : il guide les actions jusqu'en 2024."


def test_the_opposite_of_the_answer_is_not_confirmed(kb):
    assert opposite_said("Le programme est-il à long terme ?", SHORT) == ["long"]
    assert not confirms("Le programme est-il un programme stratégique à long terme ?", SHORT, kb.term_weight)
    assert confirms("Le programme est-il un programme stratégique à court terme ?", SHORT, kb.term_weight)


def test_a_word_and_its_opposite_both_said_or_in_another_sense_say_nothing():
    assert opposite_said("Le secteur public est-il concerné ?", "le secteur public et le secteur privé") == []
    assert opposite_said("Une formation courte ?", "des formations tout au long de la vie") == []
    assert opposite_said("Le service est-il public ?", "tous les publics sont accueillis, y compris privés") == ["public"]
    assert opposite_said("Les agents sont-ils obligés de participer ?", "sur une base volontaire") == ["oblig"]


def test_the_subject_of_a_claim_must_be_said(kb):
    answer = ("Les Régions ont des compétences spécifiques (aménagement du territoire, formation, développement "
              "économique) qui forment des axes de travail propres à la coopération décentralisée.")
    # everything but the subject is said: most of the claim, not what it is about
    assert confirms("L'aménagement du territoire est une compétence spécifique des Régions qui forme un axe de "
                    "travail propre à la coopération décentralisée ?", answer, kb.term_weight)
    assert not confirms("La fiscalité est une compétence spécifique des Régions qui forme un axe de travail propre "
                        "à la coopération décentralisée ?", answer, kb.term_weight)


def test_a_verb_before_an_inverted_subject_is_not_a_claim(language_model):
    claims = claims_to_confirm("Existe-t-il un répertoire des acteurs de la coopération ?")
    assert ("repertoire",) in claims and not any("existe" in g for g in claims)

