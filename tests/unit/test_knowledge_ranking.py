"""Ranking: IDF weights, title bonuses, typo matching, long names matching acronyms."""

from __future__ import annotations

from knowledge.ranking import TermStats, edit_distance, query_groups, score


def stats() -> TermStats:
    df = {"province": 90, "namur": 80, "jumelage": 5, "jumele": 4, "cooperation": 30, "decentralisee": 10,
          "pst": 20, "programme": 15, "strategique": 6, "transversal": 3, "enjeu": 8}
    aliases = [("topic", "def-pst", "programme strategique transversal"), ("topic", "def-pst", "pst")]
    return TermStats.from_rows(list(df.items()), [10] * 100, aliases)


def test_edit_distance_counts_transpositions_and_stops_early() -> None:
    assert edit_distance("jumelage", "jumelage", 2) == 0
    assert edit_distance("jumellage", "jumelage", 2) == 1
    assert edit_distance("cooperation", "coopeartion", 2) == 1  # swapped letters
    assert edit_distance("province", "jumelage", 2) == 3  # cut off: above the limit


def test_rare_words_weigh_more() -> None:
    s = stats()
    assert s.idf("jumelage") > s.idf("province") > 0
    groups = query_groups([["jumelage"], ["province"]], s)
    rare, common = score(groups, {"jumelage"}, set(), set(), s), score(groups, {"province"}, set(), set(), s)
    assert rare[1] > 0.5 > common[1]


def test_unknown_words_match_close_index_terms() -> None:
    [group] = query_groups([["jumellage"]], stats())
    assert group.terms.get("jumelage", 0) > 0.5
    [group] = query_groups([["xyzzyq"]], stats())
    assert group.terms == {}


def test_title_and_focus_bonuses_order_equal_coverage() -> None:
    s = stats()
    groups = query_groups([["jumelage"]], s)
    in_title = score(groups, {"jumelage", "namur"}, {"jumelage"}, set(), s)
    in_long_title = score(groups, {"jumelage", "namur"}, {"jumelage", "province", "namur", "pst"}, set(), s)
    in_text = score(groups, {"jumelage", "namur"}, {"province"}, set(), s)
    assert in_title[1] == in_long_title[1] == in_text[1] == 1.0  # same coverage
    assert in_title[0] > in_long_title[0] > in_text[0]


def test_an_adjective_of_a_body_is_said_by_the_body_s_name() -> None:
    # « les musées provinciaux » are the Province's: a passage naming the Province says it
    [group] = query_groups([["provinciaux", "provincial"]], stats())
    assert 0 < group.terms["province"] < 1.0
    [group] = query_groups([["jumelage"]], stats())
    assert "province" not in group.terms


def test_long_names_also_match_their_acronym() -> None:
    s = stats()
    groups = query_groups([["enjeu"], ["programme"], ["strategique"], ["transversal"]], s,
                          "enjeux du programme strategique transversal")
    assert all("pst" in g.terms for g in groups[1:]) and "pst" not in groups[0].terms
    assert score(groups, {"enjeu", "pst"}, set(), set(), s)[1] == 1.0


def test_where_a_list_is_cited_is_not_what_is_searched() -> None:
    from knowledge.textnorm import question_groups

    words = {w for g in question_groups("Quels musées sont cités dans le PST ?") for w in g}
    assert "musees" in words and not words & {"cites", "citer"}
    # where a thing appears is not what it is either
    words = {w for g in question_groups("Quelle adresse e-mail figure dans la brochure du PST ?") for w in g}
    assert {"mail", "brochure"} <= words and not words & {"figure", "figurer"}
    assert "affichees" not in {w for g in question_groups("Quelles valeurs affichées par la Province ?") for w in g}
    assert not {w for g in question_groups("Quels partenaires apparaissent en bas de page ?") for w in g} & {
        "apparaissent", "apparaitre"}
    # « Cités Unies France » is a name, not where a list is cited
    assert "cites" in {w for g in question_groups("Qui préside Cités Unies France ?") for w in g}


def test_how_a_document_describes_a_thing_is_not_what_is_searched() -> None:
    from knowledge.textnorm import question_groups

    words = {w for g in question_groups("Comment le plan décrit-il le théâtre ?") for w in g}
    assert {"plan", "theatre"} <= words and not words & {"decrit", "decrire"}
    assert not {w for g in question_groups("De quoi parle la brochure au sujet du musée ?") for w in g} & {
        "parle", "parler", "sujet"}


def test_what_kind_of_is_not_the_gender_of_a_passage() -> None:
    from knowledge.textnorm import question_groups

    def words(q):
        return {w for g in question_groups(q) for w in g}

    assert "genre" not in words("Quel genre de stages le club propose-t-il ?")
    assert "genre" not in words("le club a genre 300 membres ?") and "300" in words("le club a genre 300 membres ?")
    assert "genre" in words("Le club agit-il pour l'égalité des genres ?")


def test_who_is_at_the_head_asks_for_whoever_heads_it() -> None:
    from knowledge.textnorm import question_groups

    words = {w for g in question_groups("Qui est à la tête de cette direction ?") for w in g}
    assert "directeur" in words and "tete" not in words


def test_what_a_thing_is_dedicated_to_is_its_subject_not_a_verb_to_match() -> None:
    from knowledge.textnorm import question_groups

    words = {w for g in question_groups("Que dit le volet consacré aux jeunes ?") for w in g}
    assert "jeunes" in words and not words & {"consacre", "consacrer"}
