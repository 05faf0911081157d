"""A closed question that denies what the answer plainly says gets « Non »; tags, « pas
seulement » and the answer's own denials are not such a denial."""

from actions.answer_shape import confirms
from actions.evidence import Evidence, without_self_introduction
from actions.negated_claim import denies, said_though_denied

SUPPORT = "Le Département soutient aussi les associations de solidarité internationale du territoire."


def test_a_denied_claim_the_answer_says_is_not_confirmed(kb):
    assert confirms("Le Département soutient-il les associations de solidarité internationale ?", SUPPORT,
                    kb.term_weight)
    assert not confirms("Les associations de solidarité internationale ne sont pas soutenues par le Département ?",
                        SUPPORT, kb.term_weight)
    assert not confirms("Le Département n'a jamais soutenu d'associations de solidarité internationale ?", SUPPORT,
                        kb.term_weight)
    assert not confirms("Les associations de solidarité sont-elles absentes de l'action du Département ?", SUPPORT,
                        kb.term_weight)


def test_tags_and_more_than_are_not_denials():
    assert not denies("Le Département soutient les associations, n'est-ce pas ?")
    assert not denies("Le Département soutient les associations, si je ne me trompe pas ?")
    assert not denies("Le Département ne soutient-il pas aussi les associations ?")
    assert not denies("Le Département ne soutient pas seulement les collectivités ?")
    assert denies("Le Département ne soutient pas du tout les associations ?")


def test_what_the_answer_itself_denies_is_not_said(language_model):
    def nothing_unsaid(_claims):
        return 0.0

    denial = "Il ne s'agit pas d'assistance, mais d'aider ses partenaires à se développer."
    assert not said_though_denied("Le Département ne fait pas d'assistance ?", denial, nothing_unsaid, 0.4)
    assert said_though_denied("Le Département ne fait pas d'assistance ?", "Il fait de l'assistance.",
                              nothing_unsaid, 0.4)


def test_a_short_word_meets_its_plural_but_not_a_grammar_word():
    said = Evidence.of("des axes de travail et des lieux de concertation, mais pas en mai", strict=True)
    assert said.has(("axe",)) and said.has(("lieu",))
    assert not Evidence.of("mais aussi", strict=True).has(("mai",))


def test_the_asking_lead_goes_even_before_a_comma():
    asked = ("Bénévole dans une asbl de mon village, je me demande si, d'après le PST, la Province soutient "
             "les acteurs locaux ?")
    assert without_self_introduction(asked) == "d'après le PST, la Province soutient les acteurs locaux ?"


def test_a_role_introduced_with_en_tant_que_and_j_aimerais_savoir_are_no_claim():
    asked = ("En tant que directrice de crèche, j'aimerais savoir si la Province prévoit de soutenir "
             "les acteurs de l'accueil de la petite enfance.")
    assert without_self_introduction(asked) == ("la Province prévoit de soutenir les acteurs de l'accueil "
                                                 "de la petite enfance.")
    assert without_self_introduction("En tant que parent, la Province aide-t-elle les familles ?") == (
        "la Province aide-t-elle les familles ?")


def test_what_the_question_sets_aside_with_et_pas_is_said():
    from actions.negated_claim import contrast_said

    answer = "La loi confie ces relations à l'État, mais elle les ouvre aussi aux collectivités locales."
    assert contrast_said("Ce sont des accords entre États, et pas entre collectivités ?", answer) == ["collectivites"]
    assert contrast_said("Ce sont des accords entre collectivités, et pas seulement entre États ?", answer) == []
    assert contrast_said("C'est l'État qui décide, pas vrai ?", answer) == []
    assert contrast_said("Ce sont des accords entre États, pas entre collectivités ?",
                         "Ce ne sont pas les collectivités qui signent.") == []
