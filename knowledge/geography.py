"""Continents (and a few parts of them) and the countries in them, for « et en Asie ? » after a
list of partners.

The country → continent link is world knowledge, not a fact of the service's documents:
it comes from CLDR (through Babel, already a dependency), so a partner added in a new
country needs no code or content change. CLDR's territory containment is not shipped by
Babel, so a country's continent is read from the prefix of its time zones ("Africa/Dakar"),
with the few islands and split countries whose zones say nothing useful set by hand.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from knowledge.textnorm import fold

# Nationality adjectives (world knowledge, like the continents of knowledge.geography): a user
# writes « une ville allemande » where the sources write « (Allemagne) ».
DEMONYMS = {
    "allemand": "allemagne", "autrichien": "autriche", "belge": "belgique", "francais": "france",
    "anglais": "royaume uni", "britannique": "royaume uni", "espagnol": "espagne", "italien": "italie",
    "serbe": "serbie", "chinois": "chine", "senegalais": "senegal", "malien": "mali", "tunisien": "tunisie",
    "marocain": "maroc", "algerien": "algerie", "malgache": "madagascar", "haitien": "haiti", "indien": "inde",
    "israelien": "israel", "suedois": "suede", "norvegien": "norvege", "danois": "danemark",
    "neerlandais": "pays bas", "hollandais": "pays bas", "portugais": "portugal", "polonais": "pologne",
    "suisse": "suisse", "canadien": "canada", "quebecois": "canada", "americain": "etats unis",
    "japonais": "japon", "bresilien": "bresil", "congolais": "congo", "camerounais": "cameroun",
    "ivoirien": "cote d ivoire", "burkinabe": "burkina faso", "beninois": "benin", "rwandais": "rwanda",
    "grec": "grece", "irlandais": "irlande", "ecossais": "royaume uni", "gallois": "royaume uni",
    "polynesien": "polynesie francaise",
}
# CLDR codes of the continents users name, and the time-zone prefixes that place a country in each.
CONTINENT_ZONES = {
    "002": ("Africa",),
    "142": ("Asia",),
    "150": ("Europe",),
    "019": ("America",),
    "009": ("Pacific", "Australia"),
}
# Countries whose zones are oceanic (« Indian/Antananarivo ») or split between continents.
OVERRIDES = {
    "MG": "002", "KM": "002", "MU": "002", "SC": "002", "RE": "002", "YT": "002", "CV": "002", "SH": "002",
    "MV": "142", "CC": "142", "CX": "142", "IO": "142",
    "IS": "150", "FO": "150", "PT": "150", "ES": "150", "SJ": "150",
    "BM": "019", "FK": "019", "GS": "019", "CL": "019", "EC": "019",
}
# Other ways people name a continent (folded), besides CLDR's French names.
EXTRA_NAMES = {"amerique": "019", "ameriques": "019", "amerique latine": "019", "amerique du sud": "019",
               "amerique du nord": "019", "amerique centrale": "019", "oceanie": "009"}
# Parts of a continent people name (« celle d'Afrique de l'Ouest ? »), with their countries'
# ISO codes: CLDR's subregions, which Babel does not ship, set by hand (world knowledge too).
_WEST_AFRICA = ("SN", "ML", "BF", "CI", "GN", "GW", "NE", "BJ", "TG", "GH", "NG", "MR", "GM", "SL", "LR", "CV")
_NORTH_AFRICA = ("TN", "MA", "DZ", "LY", "EG", "EH", "SD")
_BALKANS = ("RS", "BA", "HR", "ME", "MK", "AL", "XK", "SI", "BG", "GR", "RO")
_CARIBBEAN = ("HT", "DO", "CU", "JM", "TT", "BS", "BB", "GP", "MQ", "PR", "LC", "VC", "GD", "AG", "DM", "KN")
_EAST_ASIA = ("CN", "JP", "KR", "KP", "MN", "TW", "HK", "MO")
SUBREGIONS = {
    "afrique de l ouest": ("Afrique de l'Ouest", _WEST_AFRICA),
    "afrique occidentale": ("Afrique de l'Ouest", _WEST_AFRICA),
    "afrique du nord": ("Afrique du Nord", _NORTH_AFRICA),
    "maghreb": ("Maghreb", ("TN", "MA", "DZ", "LY", "MR")),
    "afrique subsaharienne": ("Afrique subsaharienne", _WEST_AFRICA + (
        "CM", "CD", "CG", "GA", "TD", "CF", "RW", "BI", "KE", "TZ", "UG", "ET", "SO", "MG", "MZ", "ZA", "ZW", "ZM",
        "AO", "NA", "BW", "MW")),
    "balkans": ("Balkans", _BALKANS),
    "europe de l est": ("Europe de l'Est", _BALKANS + ("PL", "CZ", "SK", "HU", "UA", "BY", "MD", "RU")),
    "caraibes": ("Caraïbes", _CARIBBEAN),
    "antilles": ("Antilles", _CARIBBEAN),
    "asie de l est": ("Asie de l'Est", _EAST_ASIA),
    "extreme orient": ("Extrême-Orient", _EAST_ASIA),
}


def _subregion(folded: str) -> tuple[str, tuple[str, ...]] | None:
    return SUBREGIONS.get(folded)


# Adjectives (« une ville africaine », « les villes européennes »), in every gender and number.
ADJECTIVES = {"africain": "002", "asiatique": "142", "europeen": "150", "americain": "019", "oceanien": "009"}


def _adjective_code(folded: str) -> str | None:
    for stem, code in ADJECTIVES.items():
        if folded in {stem, stem + "s", stem + "e", stem + "es", stem + "ne", stem + "nes"}:
            return code
    return None


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, set[str]]]:
    """(folded continent name → code, continent code → folded names of its countries)."""
    from babel import Locale  # noqa: PLC0415 (loaded on first use only)
    from babel.core import get_global  # noqa: PLC0415

    names = Locale("fr").territories
    by_name = {fold(names[code]): code for code in CONTINENT_ZONES}
    by_name.update(EXTRA_NAMES)
    prefix_to_code = {p: code for code, prefixes in CONTINENT_ZONES.items() for p in prefixes}
    countries: dict[str, set[str]] = {code: set() for code in CONTINENT_ZONES}
    for territory, zones in get_global("territory_zones").items():
        if territory not in names or not territory.isalpha():
            continue
        code = OVERRIDES.get(territory)
        if code is None:
            votes = Counter(prefix_to_code[z.split("/")[0]] for z in zones if z.split("/")[0] in prefix_to_code)
            code = votes.most_common(1)[0][0] if votes else None
        if code:
            countries[code].add(fold(names[territory]))
    return by_name, countries


def continent_code(name: str | None) -> str | None:
    """CLDR code of the continent called `name` (« Asie », « afrique », « Amériques »), if it is one."""
    if not name:
        return None
    return _tables()[0].get(fold(name)) or _adjective_code(fold(name))


def is_continent(name: str | None) -> bool:
    """Whether `name` names a continent, or a part of one (« Afrique de l'Ouest »)."""
    return continent_code(name) is not None or (bool(name) and _subregion(fold(name)) is not None)


def in_continent(country: str, continent: str) -> bool:
    """Whether the country called `country` (French name, any accents) lies in `continent`
    (or in that part of one)."""
    from babel import Locale  # noqa: PLC0415

    part = _subregion(fold(continent))
    if part:
        names = Locale("fr").territories
        return fold(country) in {fold(names[code]) for code in part[1] if code in names}
    code = continent_code(continent)
    return bool(code) and fold(country) in _tables()[1][code]


def continent_name(name: str) -> str:
    """The continent's French name as CLDR spells it (« africaine » → « Afrique »), a part of
    one as people write it (« Afrique de l'Ouest »), else `name`."""
    from babel import Locale  # noqa: PLC0415

    part = _subregion(fold(name))
    if part:
        return part[0]
    code = continent_code(name)
    return Locale("fr").territories[code] if code else name


def continent_names() -> list[str]:
    """French names of the continents, as CLDR spells them, for the NLU lookup tables."""
    from babel import Locale  # noqa: PLC0415

    names = Locale("fr").territories
    return [names[code] for code in CONTINENT_ZONES]


def continent_in(text: str) -> str | None:
    """The part of a continent `text` names (« d'Afrique de l'Ouest » → « afrique de l ouest »),
    else its first word that names a continent (« et en Asie ? » → « asie »)."""
    folded = f" {fold(text)} "
    part = next((name for name in SUBREGIONS if f" {name} " in folded), None)
    return part or next((word for word in folded.split() if is_continent(word)), None)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    from babel import Locale  # noqa: PLC0415

    return {fold(name): name for code, name in Locale("fr").territories.items() if code.isalpha()}


def country_name(name: str | None) -> str | None:
    """The French name of the country called `name` (« senegal » → « Sénégal »), or None when
    `name` names no country: what a user typed is echoed only once recognised."""
    return _country_names().get(fold(name)) if name else None


@lru_cache(maxsize=1)
def _country_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern finding country names in folded text, and each country's continent code."""
    _by_name, countries = _tables()
    continent_of = {country: code for code, names in countries.items() for country in names}
    names = sorted(continent_of, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b"), continent_of


def continents_named(text: str) -> list[str]:
    """The continents, in French and as their adjective, of the countries `text` names, and the
    parts of continents they lie in: « Province du Jiangsu (Chine) » -> « Asie asiatique Asie
    de l'Est », so that an answer naming China confirms « un partenaire en Asie ? »."""
    from babel import Locale  # noqa: PLC0415

    pattern, continent_of = _country_pattern()
    found = [m.group(1) for m in pattern.finditer(fold(text))]
    codes = dict.fromkeys(continent_of[country] for country in found)
    names = Locale("fr").territories
    adjective = {code: adj for adj, code in ADJECTIVES.items()}
    # ...and the parts of them (« Sénégal » confirms « en Afrique de l'Ouest ? »)
    iso = {fold(name): code for code, name in names.items() if code.isalpha()}
    parts = dict.fromkeys(shown for shown, members in SUBREGIONS.values()
                          if any(iso.get(country) in members for country in found))
    return [word for code in codes for word in (names[code], adjective[code])] + list(parts)


def country_of_demonym(word: str) -> str | None:
    """The folded country a folded nationality adjective names, in any gender and number
    (« chinoise » → chine)."""
    for base, country in DEMONYMS.items():
        if word in {base, base + "e", base + "s", base + "es", base + "ne", base + "nes"}:
            return country
    return None
