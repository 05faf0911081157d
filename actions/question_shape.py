"""What shape of answer a question asks for: « combien » wants a number, « depuis quand » a
date, « est-ce que … ? » a « Oui » or « Non » first. Read from the words alone (no model),
so it works the same on typos of the rest of the sentence and needs no training."""

from __future__ import annotations

import re
from functools import lru_cache

from actions.asked_time import VISIT_WORDS, asks_about_hours
from knowledge.textnorm import fold, has_verb, unaccent

YES_NO = "yes_no"
HOW_MANY = "how_many"
DATE = "date"
WHO = "who"
WHICH = "which"
OPEN_HOURS = "open_hours"
WHERE = "where"
DEFINITION = "definition"
OTHER = "other"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (HOW_MANY, re.compile(r"\b(combien|cb|cmb|nombre de|nombre d|nbre|nb de|quel nombre)\b")),
    (DATE, re.compile(r"\b(depuis quand|depuis combien|jusqu a quand|a partir de quand|quand|qd|quelle date|"
                      r"en quelle annee|quelle annee|quel jour|date|datent|date t|de quand)\b")),
    (DEFINITION, re.compile(r"\b(veut dire|veulent dire|signifie|signifient|definition|definir|"
                            r"entend on par|entendez vous par|designe|c est quoi (la|le|les|l) (notion|mot|terme)|"
                            r"qu est ce que (la|le|l) (notion|mot|terme))\b")),
    (WHO, re.compile(r"^(et )?(qui|c est qui|ki|c ki)\b|\b(qui est|qui sont|qui dirige|qui gere|qui s occupe|"
                     r"qui est le|qui est la|c est qui|qui contacter|qui a|qui porte|quel est le nom|nom du|nom de la|"
                     # « …, c ki ? », « de qui s'agit-il ? », « quel élu… ? »: a person asked
                     r"c ki|c qui|de qui s agit|quel elu|quelle elue|quels elus|quelles elues|quel adjoint|quelle adjointe|"
                     # « et le maire, il s'appelle comment ? » (« comment s'appelle l'outil ? » names a thing)
                     r"il s appelle comment|elle s appelle comment|comment il s appelle|comment elle s appelle)\b")),
    (WHERE, re.compile(r"^(et |d |mais )?ou\b(?! en (est|sont|etait|etaient|sera|seront)\b)|\b(ou se trouve|ou se situe|ou sont|ou est|ou etes|c est ou|c ou|cest ou|adresse postale|adresse|"
                       r"code postal|situe|situes|situee|se trouvent|localite|quelle rue|quelle ville|"
                       r"(dans )?(quel|quels) (batiment|immeuble|edifice|locaux|local))\b|(?<!\ben )\b(sont|est|trouve|trouvent)(?: (?:installe|implante|loge|base|localise|heberge)(?:e|s|es)?)? ou$")),  # « elles en sont où ? » asks how things stand
    (WHICH, re.compile(r"\b(quels sont|quelles sont|lesquels|lesquelles|quels|quelles|liste|enumer\w*|citez|"
                       r"cite moi|nommer)\b")),
]
# « Est-ce que … », « Peut-on … », « Y a-t-il … », « C'est bien … ? »: a closed question.
_YES_NO_START = re.compile(
    r"^(et )?(est ce qu|esce qu|esk|es ce qu|est il |est elle |sont ils |sont elles |existe t il |y a t il |"
    r"ya t il |ya til |y a til |y aura t il |aura t il |peut on |peuvent ils |puis je |pourrait on |"
    r"a t elle |a t il |ont ils |faut il |dois je |doit on |"
    r"c est bien |c est vrai |c vrai |cest vrai |il est vrai |vrai que |est ce vrai )")
# « …, c'est bien ça ? », « …, non ? », « … ou pas ? »: a statement put to the test, whatever
# question word it holds (« l'accord date de 2010, c'est exact ? »).
_YES_NO_TAG = re.compile(r"\b((c est|cest|c) (bien )?(ca|sa|exact|juste|correct|vrai)|est ce (bien )?(exact|vrai|juste|correct)|"
                         r"n est ce pas|ou pas|ou non|si j ai bien compris|je me trompe|je ne me trompe pas|"
                         r"vous confirmez|tu confirmes|confirmez vous|vous pouvez confirmer|pouvez vous confirmer|"
                         r"c est bien le cas|c est le cas|ou (c|cest|c est) (une |juste une )?(rumeur|legende|faux|pas vrai))\s*$")
_FOLDED_SHORT_TAG = re.compile(r"\s+(non|oui|vrai|exact|juste|correct)$")


def untagged(question: str) -> str:
    """The question folded, without the tag that closes it (« …, c'est bien ça ? », « …, non ? »)."""
    folded = fold(question)
    return _FOLDED_SHORT_TAG.sub("", _YES_NO_TAG.sub("", folded).strip()) if _SHORT_TAG.search(question) or \
        _YES_NO_TAG.search(folded) else folded


# « Je voudrais savoir si le Département soutient… », « je me demande si… »: a closed question
# asked indirectly (unless a question word follows: « savoir si et quand… »).
_ASKS_WHETHER = re.compile(r"\b(savoir|demande|demandais|dire|verifier|confirmer|preciser|indiquer) si\b")
# « …, non ? », « …, oui ? », « …, vrai ? » (a comma sets them apart from « le montant exact ? »).
_SHORT_TAG = re.compile(r",\s*(non|oui|vrai|exact|juste|correct)\s*[?!. ]*$", re.IGNORECASE)
# « …, est-ce que je peux… ? », « ille et vilaine ya til une coop… ? »: a closed question after a
# preamble, when no question word comes before it.
_YES_NO_INSIDE = re.compile(r"\b(est ce qu\w*|esk|ya t il|ya til|y a t il|y a til|existe t il|"
                            r"ya (?:un|une|des|du|qqch|qqc|qq chose|quelque chose))\b")
# Conjugated verbs that most often carry a question's claim, shared by the checks below.
_COMMON_VERBS = ("est|sont|a|ont|peut|peuvent|doit|doivent|va|vont|fait|font|existe|existent|faut|sera|seront|etait|"
                 "prevoit|soutient|soutiennent|propose|proposent|organise|organisent|finance|participe|participent|"
                 "travaille|travaillent|accompagne|aide|offre|gere|gerent|compte|comptent|permet|veut|touche|concerne")
# « une commune peut elle signer… », « le pst prevoit il… »: an inverted subject typed without
# its hyphens (the raw-text check `_INVERTED` needs them).
_INVERTED_UNHYPHENED = re.compile(
    rf"\b({_COMMON_VERBS}|pourrait|pourraient|serait|seraient|aura|auront|avait|prevoient|financent|accompagnent|"
    r"aident|offrent|permettent|veulent|\w+ t) (il|elle|ils|elles|on)\b")
# « c bien place st aubain », « cest bien »: SMS for « c'est bien… » after the subject.
_SMS_BIEN = re.compile(r"\b(c|cest) bien\b")
# Typed with no question mark, still a closed question: « ya une carte des partenariats… »,
# « jardins therapeutiques ca existe… », « les lyceens ils ont des financements… » (the subject
# taken up by a pronoun, the way one asks aloud).
_UNMARKED_CLOSED = re.compile(r"^(ya|y a|il y a|y aurait il|il existe) |\bca existe\b"
                              r"|^(le|la|les|l|un|une|des|ce|cette|ces|mon|ma|mes|notre|nos) \w+( \w+){0,6} "
                              r"(il|elle|ils|elles) (est|sont|a|ont|peut|peuvent|va|vont|fait|font|\w+e|\w+ent)\b"
                              r"|^(le|la|les|l|un|une|des|ce|cette|ces|mon|ma|mes|notre|nos) \w+( \w+){0,4} "
                              r"(peut|peuvent|pourrait|pourraient|doit|doivent) \w+(er|ir|re)\b")
# « la loi date bien de 2010 ? », « le PISI s'adresse bien aux écoles ? »: « bien » after the verb.
_CONFIRM_BIEN = re.compile(r"\b(est|sont|a|ont|\w+e|\w+ent|\w+t) bien (de|d|a|au|aux|en|le|la|les|l|un|une|des|du|que)\b")
# « … comme à Namur non ? »: « non » closing a long question tests it.
_TRAILING_NON = re.compile(r"\w+ \w+ \w+ \w+ non$")
# « C'est Valéry Zuinen qui dirige le SREI ? »: a name put forward, to confirm.
_CLEFT = re.compile(r"^(?:Et )?[Cc]'est (?:bien |vraiment )?(?:[A-ZÀ-Ý][\w-]+ ?)+ qu(?:i|e|')")
# « C'est un décret de 2012 qui a rendu le PST obligatoire ? »: a thing put forward, to confirm.
_CLEFT_NOUN = re.compile(r"(et )?c est (bien |vraiment |donc |pas )?(un|une|le|la|les|l|des|du|ce|cette|ces|son|sa|"
                         r"ses|en|a|au|aux|grace a) \w+.* (qui|que|qu)\b")
# « avec lequel », « auquel »: relative pronouns, not question words.
_RELATIVES = re.compile(r"\b((avec|dans|par|pour|sur|chez|sans|vers|selon|parmi) (lequel|laquelle|lesquels|lesquelles)|"
                        r"auquel|auxquels|auxquelles|duquel|desquels|desquelles)\b")


def _without_relatives(folded: str) -> str:
    """`folded` without the words that link clauses (« qui », « que », « avec lequel »)."""
    # « …vise le bien-être de qui ? »: a « qui » that ends the question asks it.
    return re.sub(r" (qui|que|qu)(?= \S)", " ", _RELATIVES.sub(" ", f" {folded} "))


# A verb that makes a statement of it: common forms, an inverted subject (« finance-t-il »),
# or SMS « c » for « c'est ».
_CLAIM_VERB = re.compile(rf"\b(c|c est|cest|{_COMMON_VERBS}|etaient|reste|restent|dure|date|datent|porte|portent|"
                         r"dirige|dirigent|depend|dependent|possede|possedent|bosse|siege|coopere|vise|accueille|"
                         r"forme|mene|assure|cherche|encourage|favorise|regroupe|contient|comprend|couvre|inclut|"
                         r"publie|signe|collabore|represente|preside|beneficie|entretient|fonctionne|appartient|"
                         r"attribue|delivre|recrute|recoit|coute|anime|\w+ent)\b"
                         r"|\b\w+ t (il|elle|ils|elles|on)\b|\b\w+(ee|ees)\b(?= (a|au|aux|avec|par|en) )")
# « est-ce bien celle… ? », « c'est bien ça qui… ? »: a check of what the sentence before says.
_POINTS_BACK = re.compile(r"(est ce|c est) (bien |vraiment )?(celle|celui|ceux|celles|ca|cela|le cas)\b")
_OPEN_WORDS = re.compile(r"\b(qui|quoi|koi|quel|quelle|quels|quelles|quand|qd|comment|combien|pourquoi|"
                         r"kel|kelle|kels|kelles|kan|ki|komen|koman|pk|pq|"
                         r"que|qu|lequel|laquelle|lesquels|lesquelles|dans quel|de quel)\b")


# « FALC veut dire « Facile à lire » ? », « SIPFP, ça signifie Service d'Insertion… ? »: a meaning put
# forward, to confirm (« ça veut dire quoi ? » asks for it).
_MEANING_PUT_FORWARD = re.compile(r"\b(?:signifie|signifient|veut dire|veulent dire|désigne|designe|désignent)\s+"
                                  r"(?:bien\s+|donc\s+|en fait\s+)?(?:[«\"“]|(?:le |la |l'|les |un |une )?[A-ZÀ-Ý])")


def _meaning_put_forward(text: str) -> bool:
    m = _MEANING_PUT_FORWARD.search(text)
    return m is not None and not _OPEN_WORDS.search(fold(text[:m.start()]))


# « Pouvez-vous me donner le numéro ? », « Tu peux me la donner ? »: a polite request, not a
# closed question; what is asked is what follows the verb (or the sentence before, for « la »).
_REQUEST = re.compile(r"^(?:et |alors )?(?:est ce que |est ce qu )?(?:vous pouvez|pouvez vous|pourriez vous|vous pourriez|"
                      r"tu peux|peux tu|tu pourrais|pourrais tu|voulez vous|voudriez vous|vous voulez bien|"
                      r"pourrait on|peut on|on peut|on pourrait)(?: bien| svp| s il vous plait)? "
                      r"(?:me |m |nous |moi )?(?:le |la |les |l )?(?:donner|dire|indiquer|communiquer|expliquer|"
                      r"rappeler|preciser|envoyer|citer|lister|transmettre|fournir|decrire|resumer|presenter|"
                      r"detailler|renseigner|orienter|montrer|donne|dire)\b\s*")
# ...standing for something named before (« … le budget du SREI. Pouvez-vous me l'indiquer ? »).
_BARE_REQUEST = re.compile(_REQUEST.pattern + r"(?:svp|s il vous plait|merci)?$")


# A sentence ends after . ! : ; ? but not after « M. » or « Mme. » (« c'est bien M. Ruyssen ? »).
# « n'importe quel projet », « même quand », « … doivent respecter… quand elles signent ? »:
# words that ask elsewhere link clauses here (the question word is dropped, the rest kept);
# not after a verb of asking (« pourriez-vous me dire quand elle a été publiée ? »).
_CONJUNCTION = re.compile(r"\b(n importe|meme) (?:quel|quelle|quels|quelles|qui|quoi|quand|comment|ou|lequel|laquelle)\b"
                          r"|(\w+ \w+ \w+ (?!(?:dire|savoir|indiquer|preciser|demande|demandais|rappeler|"
                          r"confirmer|depuis|a|de|d) )\w+ )quand (?=(?:il|elle|ils|elles|on|c est) )")
# Not after an initial or a dotted acronym (« F. Hamon », « le label V.A.D.A. ? »).
_SENTENCE_BREAK = re.compile(r"(?<=[.!:;?])(?<!\bM\.)(?<!\bMme\.)(?<!\bDr\.)(?<!\b[A-Z]\.)\s+")
# « Laquelle ? », « Si oui lesquels ? » after a closed question: which one, if so.
_WHICH_ONE = re.compile(r"(et |si oui |si oui, )?(laquelle|lequel|lesquels|lesquelles|lesquel|lequels|"
                        r"c est laquelle|c est lequel|ou ca|ou|ou donc)")


def question_core(text: str) -> str:
    """The sentence that asks, without what the user says first (« Je suis infirmière à
    Namur : … ? », « Ils veulent réduire une fracture. Laquelle ? »)."""
    parts = [part for part in _SENTENCE_BREAK.split(text.strip()) if part.strip()]
    # « …une ville jumelle en Allemagne ? Si oui, laquelle ? », « …avec Madagascar ? Laquelle ? »:
    # the first question leads.
    asking = [i for i, part in enumerate(parts) if "?" in part
              and not fold(part).startswith(("si oui", "si non", "si c est")) and not _WHICH_ONE.fullmatch(fold(part))]
    if not asking:
        return text
    last = asking[-1]
    # « ille et vilaine coop au mali ?? oui ou non »: the tag after the question mark puts it to the test
    if last + 1 < len(parts) and len(fold(parts[last + 1]).split()) <= 4 and _YES_NO_TAG.search(fold(parts[last + 1])):
        return f"{parts[last]} {parts[last + 1]}"
    # « …des quatre valeurs affichées : Proximité, Solidarité, Transparence ? »: a list after a
    # colon ends the question, it does not ask one.
    if last and parts[last - 1].rstrip().endswith(":") and parts[last].count(",") >= 2:
        return f"{parts[last - 1]} {parts[last]}"
    # « Mon beau-frère dit que c'est de l'assistance. C'est vrai ? », « …une loi de 1992 : est-ce
    # bien celle que cite Suresnes ? »: the claim is the sentence before.
    if last and (_YES_NO_TAG.fullmatch(fold(parts[last])) or _POINTS_BACK.match(fold(parts[last]))
                 or _BARE_REQUEST.match(fold(parts[last]))):
        return f"{parts[last - 1]} {parts[last]}"
    return parts[last]


@lru_cache(maxsize=256)
def question_shape(text: str) -> str:
    """The shape of answer `text` asks for (one of the constants above).

    Cached: several steps of one turn ask it, and a statement may need the language model."""
    shape = _question_shape(text)
    # only the whole message tells whether a question mark is missing
    return YES_NO if shape == OTHER and _unmarked_claim(text, fold(question_core(text))) else shape


# « …? Combien ? », « …? Pour quels métiers ? »: a short question after a closed one asks more of it.
SHORT_FOLLOW_ON = 6


def closed_before(text: str) -> str | None:
    """The closed question that a short open one follows in the same message (« La Province
    utilise-t-elle des logiciels de simplification ? Combien ? »), which wants « Oui » or « Non »
    before the number or the names; None for any other message."""
    parts = [p for p in _SENTENCE_BREAK.split(text.strip()) if p.strip()]
    if len(parts) < 2 or not (parts[-1].rstrip().endswith("?") and parts[-2].rstrip().endswith("?")):
        return None
    if len(parts[-1].split()) > SHORT_FOLLOW_ON or _question_shape(parts[-1]) in (YES_NO, OTHER):
        return None
    closed = parts[-2]
    return closed if _question_shape(closed) == YES_NO and not _OPEN_WORDS.search(fold(closed)) else None


def _question_shape(text: str) -> str:
    """`question_shape` of `text` or of a part of it, question mark or not."""
    whole, text = text, question_core(text)
    folded = _CONJUNCTION.sub(r"\1", fold(text))
    if not folded:
        return OTHER
    when_clause = _WHEN_CLAUSE.match(text)
    after_when = text[when_clause.end():] if when_clause else ""
    if when_clause and (_OPEN_WORDS.search(fold(after_when)) or (
            _is_closed(after_when, fold(after_when)) and has_verb(text[:when_clause.end()], finite=True))):
        # « Quand la Province parle de pertinence, ça veut dire quoi ? », « Quand elles signent,
        # les communes doivent-elles… ? »: « quand » opens a clause that sets the scene; the
        # question is what follows the comma.
        return _question_shape(after_when)
    lead_in = _LEAD_IN.match(text)
    if lead_in and not _claims_before_relative(text, lead_in.end()):
        # « En matière de qualité, que veut développer la Province ? »: a lead-in sets the scene,
        # the question word after the comma asks.
        return _question_shape(text[lead_in.end():])
    # « Pourriez-vous me dire qui dirige le SREI ? » asks who; « …le budget du SREI. Pouvez-vous me
    # l'indiquer ? » asks what the sentence before names: no yes or no is wanted.
    parts = [p for p in _SENTENCE_BREAK.split(text.strip()) if p.strip()]
    if len(parts) > 1 and _BARE_REQUEST.match(fold(parts[-1])):
        return _question_shape(" ".join(parts[:-1]))
    request = _REQUEST.match(folded)
    rest = folded[request.end():].strip() if request else ""
    if request and not rest.startswith("si "):  # « pouvez-vous me dire si… ? » is closed, read below
        return _question_shape(rest) if rest else OTHER
    folded = _QUAND_MEME.sub(" ", folded)  # « peuvent quand même… ? » asks no date
    if _elliptic_with_relative(text, folded):
        return OTHER
    # « est-ce ouvert le samedi à 11 h ? » is about hours; so is « Je voudrais passer mercredi
    # vers 13h. C'est ouvert ? », whose time is in the sentence before.
    if asks_about_hours(text) or (VISIT_WORDS.search(folded) and asks_about_hours(whole)):
        return OPEN_HOURS
    if _is_closed(text, folded) or _meaning_put_forward(text):
        return YES_NO
    # « Et l'accord avec la Chine, il date de 2005 ? », « …est bien situé rue des Carrières ? »:
    # a statement that puts a value forward asks to confirm it, whatever keyword it holds.
    if (_STATES_VALUE.search(folded) and _closed_statement(text, folded)) or (
            text.rstrip().endswith("?") and (_BARE_VALUE.match(folded) or _ALSO_PUT.search(folded)
                                             or _SHORT_QUALITY.match(folded))
            and not _OPEN_WORDS.search(folded) and not re.search(r"\bou\b", folded)):
        return YES_NO
    for shape, pattern in _PATTERNS:
        if pattern.search(folded):
            # « La capsule s'adresse aux parents ? », « Holon est située en Espagne ? », « c'est
            # l'Administration qui porte… ? »: with no question word, these keywords name the
            # claim's topic, not what is asked (« …est située où ? », « je voudrais l'adresse ? »
            # and « PISI, ça veut dire ? » still ask).
            topic = shape in _TOPIC_KEYWORDS or (shape == HOW_MANY and _COUNT_NOUN.search(folded)
                                                 and not _COUNT_ASKED.search(folded))
            if (topic and pattern.search(folded).start() > 0 and _closed_statement(text, folded)
                    and not _still_asks(text, folded) and (_CLAIM_VERB.search(folded) or has_verb(text, finite=True))):
                return YES_NO
            return shape
    if _HOW_THINGS_STAND.search(folded):
        return OTHER  # « où en sont les relations avec Tunis ? » asks how things stand, not where
    return YES_NO if _closed_statement(text, folded) else OTHER


# Besides the requests of `_WANTS`: who asks (« mon fils » may be the subject), asking, politeness.
_ASKING = re.compile(r"\b(je|j|jsuis|moi|nous|me|m|donnez|donne|dites|dis|envoyez|merci|svp|stp|bonjour|salut)\b")


# Verbs that state, unmistakable without accents (« a » may be « à », « aide » a noun).
_STATING_VERB = re.compile(r"\b(c|c est|cest|est|sont|etait|etaient|ont|fait|font|peut|peuvent|va|vont|veut|veulent|"
                           r"existe|existent|soutient|soutiennent|participe|participent|propose|proposent|organise|"
                           r"organisent|finance|financent|touche|touchent|concerne|concernent|reste|restent|prevoit|"
                           r"prevoient|travaille|travaillent|accompagne|accompagnent|interessait|interesse)\b")


def _unmarked_claim(text: str, folded: str) -> bool:
    """« ille et vilaine a une cooperation en inde », « wilway c l outil pour suivre le pst »:
    typed with no question mark nor question word, a statement about what the sources describe
    is put to the test (a request, « je voudrais l'adresse », is not)."""
    # « X ou Y » asks which, « … c'est où » where
    return ("?" not in text and len(folded.split()) >= 4 and not _OPEN_WORDS.search(folded)
            and not re.search(r"\bou\b", folded)
            and not (_WANTS.search(folded) or _ASKING.search(folded))
            and _STATING_VERB.search(folded) is not None)


def _claims_before_relative(text: str, end: int) -> bool:
    """« Le PST est un programme à long terme, qui va jusqu'en 2030 ? »: a statement about a
    third party, then « qui » or « que » continuing it: no lead-in before a question word.
    « Je prépare un exposé, qui dirige le SREI ? » sets the scene in the first person."""
    before, after = fold(text[:end]), fold(text[end:])
    return (re.match(r"(qui|que|qu)\b", after) is not None and not _FIRST_PERSON.search(before)
            and has_verb(text[:end], finite=True))  # « À part les élus, qui d'autre… ? » states nothing


# Shapes read from keywords that a statement may hold without asking for them (« combien »,
# « quand » ask whatever surrounds them).
_TOPIC_KEYWORDS = (WHERE, WHO, WHICH, DEFINITION)
# « le PST prévoit de réduire le nombre de formations ? »: a number named, not asked (« combien » asks).
_COUNT_NOUN = re.compile(r"\b(nombre de|nombre d|nbre|nb de)\b")
_COUNT_ASKED = re.compile(r"\b(combien|cb|cmb|quel nombre|quel est le nombre|le nombre de quoi)\b")
# « Où se trouve… ? », « c ou ? », « d'où découlent… ? »: « où » folds to « ou » (« or »).
_ASKS_WHERE = re.compile(r"^(et |d |mais |alors )?ou\b|\b(c|cest|c est|d) ou\b")
# « ce que signifie… », « au service de qui… », « la promotion de qui, à part… ? »: a question word
# that the check for relatives (« l'outil qui sert… ») lets through.
_ASKS_ANYWAY = re.compile(r"\bce (que|qu|qui)\b|\bqui( et qui)?\b(?!\s*\w)|\bqui et qui\b|\b(c|cest|c est) qui\b"
                          r"|\b(de|d|a|au|aux|pour|avec|par|chez|aupres de|entre) qui\b")


def _still_asks(text: str, folded: str) -> bool:
    """Whether a statement with a keyword of `_TOPIC_KEYWORDS` still asks for what it names:
    « où » typed, a question word in a clause, a value missing at the end, a request."""
    punctuated = " ".join(re.findall(r"\w+|[,?]", unaccent(text.lower())))  # folded, its commas kept
    return ("où" in text.lower() or _ASKS_WHERE.search(folded) is not None or _ASKS_ANYWAY.search(punctuated) is not None
            or _ENDS_ON_VERB.search(folded) is not None or _WANTS.search(folded) is not None)
# « la date limite du PrECI est ? », « PISI, ça veut dire ? »: the value asked is missing at the end.
_ENDS_ON_VERB = re.compile(r"\b(est|sont|c est|cest|c|etait|sera|veut dire|veulent dire|signifie|signifient|designe|"
                           r"designent|s appelle|s appellent|se trouve|se trouvent|se situe|situe|situee|date|correspond)$")
# « Je voudrais l'adresse du service ? »: a request in the first person, not a claim to check.
_WANTS = re.compile(r"\b(je|j|on|nous) (voudrais|voudrait|voudrions|aimerais|aimerait|souhaite|souhaiterais|cherche|"
                    r"recherche|veux|veut|voulons|dois|ai besoin|aurais besoin)\b"
                    r"|\b(pourriez vous|pouvez vous|vous pouvez|vous pourriez|voudriez vous|peux tu|tu peux|pourrais tu|"
                    r"vous avez|avez vous|vous auriez|auriez vous|tu as|as tu|t as)\b")
_HOW_THINGS_STAND = re.compile(r"\bou en (est|sont|etait|etaient|sera|seront)\b")
_FIRST_PERSON = re.compile(r"\b(je|j|nous|mon|ma|mes|notre|nos|moi)\b")
_STATES_VALUE = re.compile(r"\d|\bbien\b(?! etre)")  # « bien-être » confirms nothing
# « Depuis 2008 ? », « en 2010 ? », « 1200 agents ? »: a figure alone put forward, to confirm
# (« et en 2024 ? » asks the same of another year).
_BARE_VALUE = re.compile(r"^(?:mais |donc |alors )?(?:c est |c etait )?(?:bien )?"
                         r"(?:depuis|en|des|vers|a partir de|plus de|moins de|environ|pres de)? ?\d+(?: \w+)?$")
# « la culture aussi ? », « et pour les écoles aussi ? »: one more item put forward, to confirm.
_ALSO_PUT = re.compile(r"\b(aussi|egalement|non plus)$")
# « c'est gratuit ? », « est-ce obligatoire ? », « c'était un lundi ? »: a short follow-up that
# puts one quality forward about what was just said.
_SHORT_QUALITY = re.compile(r"^(?:et |mais |donc |alors )?(?:c est|cest|c etait|c|est ce|est il|est elle|ce sera) "
                            r"(?!(?:quoi|koi|qui|ki|ou|quand|kan|combien|cb|comment|lequel|laquelle|pourquoi|quel|quelle)\b)"
                            r"\w+(?: \w+)?$")
# « Quand …, » at the start: a clause of time before the question itself.
_WHEN_CLAUSE = re.compile(r"^\s*(?:et |mais )?(?:quand|lorsqu\w*)\b[^,?]*,", re.IGNORECASE)
_QUAND_MEME = re.compile(r"\bquand meme\b")
# ...and is the question's one clause: « Le Hampshire, avec qui… a un accord, c'est en Irlande ? » and
# « …, quel qu'il soit ? » are not questions opened by their question word.
_LEAD_IN = re.compile(r"^[^,?:]{3,80}[,:]\s*(?=(?:(?:à|a|de|d['’]|avec|pour|par|chez|auprès de|aupres de|sur|entre|dans|en) ?)?"
                      r"(?:que|qu['’]|quoi|qui|quel(?!\w* qu)\w*|lequel|laquelle|comment|pourquoi|combien|où|quand)\b[^,]*$)",
                      re.IGNORECASE)
# « Auprès de qui… cherche-t-il ? », « avec quoi… ? »: a preposition and a question word open it.
_PREPOSED = re.compile(r"\b(a|au|aux|aupres de|avec|pour|de|par|chez|sur|contre|envers|entre|en|selon|dans) "
                       r"(qui|quoi|quel|quelle|quels|quelles|lequel|laquelle|lesquels|lesquelles)\b")


# « Le PST veut-il augmenter le nombre… ? », « développe-t-il… quand… ? »: a verb and its
# subject inverted, with no question word before, makes a closed question whatever follows.
_INVERTED = re.compile(r"\b\w+-(?:t-)?(?:il|elle|ils|elles|on)\b")


def _opens(folded_head: str) -> bool:
    """Whether a question word opens the text before the verb (« qui » and « que » only up
    front: later they link clauses, « les agents qui s'impliquent… le font-ils ? »)."""
    head = " ".join(folded_head.split()[:2])
    inner = f" {folded_head} ".replace(" qui ", " ").replace(" que ", " ").replace(" qu ", " ")
    return (_OPEN_WORDS.search(inner) is not None or _OPEN_WORDS.search(head) is not None
            or _PREPOSED.search(folded_head) is not None
            or re.match(r"(et |d )?ou\b", head) is not None)  # « où » folds to « ou »


def _is_closed(text: str, folded: str) -> bool:
    """A closed question by its form: how it starts, how it ends, « bien » after its verb."""
    if _YES_NO_START.search(folded) or _YES_NO_TAG.search(folded) or _SHORT_TAG.search(text):
        return True
    if _CLEFT.search(text) or _TRAILING_NON.search(folded):
        return True
    whether = _ASKS_WHETHER.search(folded)
    if whether and not _OPEN_WORDS.search(" ".join(folded[whether.end():].split()[:2])):
        return True
    if _CLEFT_NOUN.match(folded) and not _OPEN_WORDS.search(_without_relatives(folded)):
        return True
    inverted = _INVERTED.search(text)
    if inverted and not _opens(fold(text[:inverted.start()])):
        return True
    # before these, only a question word up front opens the question (« en tant que citoyen,
    # est-ce que… » is closed)
    for pattern in (_YES_NO_INSIDE, _INVERTED_UNHYPHENED, _SMS_BIEN):
        found = pattern.search(folded)
        if found and not _opens(folded[:found.start()]):
            return True
    if _UNMARKED_CLOSED.search(folded) and not _OPEN_WORDS.search(folded):
        return True
    bien = _CONFIRM_BIEN.search(folded)
    return bien is not None and not _OPEN_WORDS.search(folded[:bien.start()])


_ASKS_UP_FRONT = re.compile(r"(?:et |mais |alors |donc )?(?:c |c est |cest )?(?:(?:a|au|aux|de|d|avec|pour|par|chez|"
                            r"aupres de|sur|entre|dans|en) )?(?:qui|que|qu|ki)\b")


# « Et l'autre ville avec laquelle elle coopère ? », « et celle qui est en Chine ? »: a follow-up
# naming a thing by what qualifies it asks about that thing; the verb is the qualifier's.
_ELLIPTIC_HEAD = re.compile(r"^et (?:(?:pour|avec|a|en|de|dans|sur) )?(?:le|la|les|l|un|une|son|sa|ses|leur|leurs|"
                            r"ce|cet|cette|ces|celle|celui|ceux|celles)\b")
_RELATIVE_CLAUSE = re.compile(r"\b(?:(?:avec|dans|par|pour|sur|chez|sans|vers|selon|parmi|a) "
                              r"(?:lequel|laquelle|lesquels|lesquelles|qui)|auquel|auxquels|auxquelles|duquel|"
                              r"desquels|desquelles|qui|que|qu|dont|ou)\b")


def _elliptic_with_relative(text: str, folded: str) -> bool:
    """Whether the question is « et » + a thing + a relative clause to its end, with no verb
    nor question word before the clause and no comma after it (« Et le service qui porte cette
    stratégie, il dépend… ? » goes on to claim something)."""
    head = _ELLIPTIC_HEAD.match(folded)
    clause = _RELATIVE_CLAUSE.search(folded, head.end()) if head else None
    if clause is None or "," in text or not text.rstrip().endswith("?"):
        return False
    before = folded[:clause.start()]
    return not (_CLAIM_VERB.search(before) or _OPEN_WORDS.search(_without_relatives(folded)))


def _closed_statement(text: str, folded: str) -> bool:
    """« Namur est jumelée avec Dakar ? »: a statement turned question, no question word.

    Only with a question mark, and at least four words: « PISI ? » or « heures pour
    téléphoner ? » ask about a topic.
    """
    if not text.rstrip().endswith("?") or len(folded.split()) < 4:
        return False
    # « qui »/« que » also link clauses (« l'outil qui sert à… s'appelle Odoo ? »): asking only
    # up front (« à qui s'adresse… ? »).
    if (_OPEN_WORDS.search(_without_relatives(folded))
            or _ASKS_UP_FRONT.match(folded) or re.search(r"\b(ou|c est koi)$", folded)):
        return False
    # « horaires du service de Suresnes ? » names a topic; a claim has a verb (the language
    # model tags most; the list catches those it takes for nouns, like « compte »).
    # A follow-up (« Et son adjoint chargé de… ? ») names a topic unless a verb is conjugated.
    return _CLAIM_VERB.search(folded) is not None or has_verb(text, finite=folded.startswith("et "))
