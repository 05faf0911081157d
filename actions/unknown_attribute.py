"""« On parle quelle langue à Louga ? », « il va pleuvoir demain ? »: a trait of a place or a
service that no source describes.

The sources describe partnerships, programmes and services, never the language, weather,
population or currency of a place, travel to it (flights, visas, vaccines, passports) or the
price of an entry. A question about one of these traits, or about a way to reach a service
they never give (a fax, a page on a social network, a personal number) or a particular they
never give (a bank account, a company number, a predecessor), in words no passage uses (or none
of the passages on the partner, programme or service it names: « langue » is said of the
Basse-Normandie's impacts, never of Louga), asks what they cannot say, however well the place
it names matches a passage (Louga's twinning): the honest answer is that the sources do not
say, and whom to ask. A trait the content does speak of (a silence written for it) is left to
the passages.
"""

from __future__ import annotations

import re

from actions.answer_selection import named_entities, speaks_of
from actions.evidence import Evidence, content_groups
from actions.question_shape import question_core
from knowledge import KnowledgeBase
from knowledge.textnorm import fold, without_quotes

# Not « population »: « la population visée par le PISI » is its public, which the sources give.
_TRAITS = re.compile(
    r"\b(langues?|climat|meteo|pleuvoir|pleut|neige|neiger|temperatures?|quel temps|temps qu il fait|habitants?|monnaie|"
    r"capitale|superficie|fuseau|decalage horaire|vols?|avion|visas?|vaccins?|vaccination|passeports?|"
    r"carte d identite|tarifs?|entree|"
    # ways to reach a service that no source gives (the contact card has a phone and an address)
    r"fax|telecopie|telecopieur|facebook|instagram|twitter|linkedin|whatsapp|youtube|tiktok|perso|"
    # a service's or a person's particulars no source gives (« le numéro BCE », « son prédécesseur »);
    # not « restaurant » or « salaire », which a question may say of the asker (« ma fille rêve de
    # travailler dans un grand restaurant… »)
    r"bancaires?|iban|bce|tva|predecesseurs?)\b")
# Jobs and internships at a service, which no source offers, read in the asking sentence only
# (« mon fils fait un stage au Mali… : le Département coopère-t-il avec ce pays ? » asks no job).
# A predecessor asked in the past tense (« qui dirigeait le SREI avant Bernard Ruyssen ? ») too.
_POSTS = re.compile(r"\b(recrut\w*|stagiaires?|postes? vacants?|offres? d emploi|embauch\w*|candidatures? spontanees?|"
                    r"ancien directeur|ancienne directrice|(?:dirigeait|presidait|occupait)\b[^?]*\bavant)\b")
# Passages searched for one on what the question names that speaks of the trait.
SEARCHED = 12


def unknown_traits(kb: KnowledgeBase, question: str) -> list[str]:
    """The traits the question asks about that no passage of the base speaks of, or none of
    those on what it names."""
    # a quoted name put to the test (« Programme … Climat International ? ») asks no trait
    unquoted = without_quotes(question)
    asked = [m.group(1) for m in _TRAITS.finditer(fold(unquoted))]
    # « dirigeait… avant » asks for a predecessor, whatever else the words between name
    asked += ["predecesseur" if m.group(1).endswith("avant") else m.group(1)
              for m in _POSTS.finditer(fold(question_core(unquoted)))]
    traits = [(trait, groups) for trait in asked if (groups := content_groups(trait))]
    if not traits:
        return []
    named = named_entities(kb, question)
    on_named = [p for p in kb.search(question, limit=SEARCHED) if speaks_of(named, p)] if named else []
    said = [Evidence.of(f"{p.title} {p.text}") for p in on_named]
    return [t for t, groups in traits
            if kb.unknown_share(groups) == 1.0 or (named and not any(e.has(g) for e in said for g in groups))]
