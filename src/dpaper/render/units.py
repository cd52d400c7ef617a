"""The table of units: how a key figure's number and unit read in running text.

The engine's part is the mechanism (`Unit`, `Language`) and defaults in English, French and German (the
languages it has words for): the words for small numbers, the `qualifier`s ("about", "more than" …),
ordinals, date patterns, and the units any paper has (numbers alone, durations, people, km). A paper's own
units and languages are its configuration: `schemas/units.yaml`
(`UNITS_FILE`), by language, each unit as `Unit`'s fields; a unit there replaces the default of that name, and
another language gives all of `Language`'s fields. `values.py` does the printing: numbers, grouping, percent
signs, currency placement, plural categories and the words for million, billion, trillion come from CLDR
through Babel in the edition's language; what is said around the number comes from here. docs/data.md explains
how to add a unit.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from dpaper.errors import BuildError

NBSP = "\u00a0"   # between a number and a symbol or currency code: never broken across lines
UNITS_FILE = Path("schemas/units.yaml")   # a paper's units, in its folder


@dataclass(frozen=True)
class Unit:
    """How a number with this unit reads.

    number  how the number is written: "figures" (2,215; 1.5 million), "words"
            (one to `Language.words_up_to` in words, then figures), "ordinal"
            (3rd), "percent" (6.2%, in the language's percent format) or "year"
            (a calendar year, 2035: digits without grouping)
    after   what follows the number: one text, or a text per CLDR plural
            category of the number ({"one": "city", "other": "cities"})
    sep     between the number and `after`: a space, NBSP for symbols, "" to join (38°N)
    before  a word before the number ("ranked")
    code    a currency code, placed before or after the number as the language
            places currency (English: JPY 8.5 billion)
    out_of  for "percent": the whole the value is a part of (100 for percent, 1 for a ratio)
    named   whole numbers that have a word of their own with this unit, replacing
            number and unit ({2: "twice"})
    """
    number: str = "figures"
    after: str | Mapping[str, str] = ""
    sep: str = " "
    before: str = ""
    code: str = ""
    out_of: int = 100
    named: Mapping[int, str] = field(default_factory=dict)


NUMBER_FORMS = ("figures", "words", "ordinal", "percent", "year")


def plural(one: str, other: str) -> Mapping[str, str]:
    return MappingProxyType({"one": one, "other": other})


@dataclass(frozen=True)
class Language:
    """House style for numbers in one language; dates and digits themselves come from CLDR."""
    words: tuple[str, ...]           # zero, one, two …: the `spell` filter spells these
    words_up_to: int                 # a unit with number="words" spells whole numbers up to this
    qualifiers: Mapping[str, str]    # how a figure reads with each `qualifier` of the data ("about {}")
    large_from: int                  # from this value on, millions/billions/trillions (CLDR's long forms) …
    large_decimals: int              # … when the number then needs at most this many decimals (1.44 trillion)
    ordinal: Mapping[str, str]       # suffix by CLDR ordinal category: 1st, 2nd, 3rd, 4th
    month: str                       # date patterns (CLDR syntax) of house style; "" = the language's own
    day: str
    unknown_date: str
    units: Mapping[str, Unit]


COUNTED = "words"   # things counted in running text: small numbers in words

EN = Language(
    words=tuple("zero one two three four five six seven eight nine ten eleven twelve".split()),
    words_up_to=9,
    qualifiers=MappingProxyType({   # the data's qualifier (key_figures schema, `enum`) -> the words
        "about": "about {}",             # about, approximately
        "nearly": "nearly {}",           # nearly, almost
        "more than": "more than {}",     # more than, over, exceeded
        "at least": "at least {}",       # … or more
        "within": "within {}",           # within 1,000 km
        "up to about": "up to about {}",  # up to approximately (a ceiling)
    }),
    large_from=1_000_000,
    large_decimals=2,
    ordinal=MappingProxyType({"one": "st", "two": "nd", "few": "rd", "other": "th"}),
    month="MMMM y",              # July 1997
    day="d MMMM y",              # 16 December 2015
    unknown_date="(date unknown)",
    units=MappingProxyType({
        # numbers alone
        "count": Unit(COUNTED),
        "ratio parts": Unit(),                                             # the 2 of 1 : 2 : 7
        "ratio": Unit("percent", out_of=1),                                # 0.05 -> 5%
        "percent": Unit("percent"),                                        # 6.2 -> 6.2%
        "rank": Unit("ordinal", before="ranked"),                          # ranked 3rd
        "year": Unit("year"),                                              # a calendar year: 2035
        "times": Unit(COUNTED, after=plural("time", "times"), named={1: "once", 2: "twice"}),
        "people": Unit(COUNTED, after=plural("person", "people")),
        # durations
        "years": Unit(COUNTED, after=plural("year", "years")),
        "months": Unit(COUNTED, after=plural("month", "months")),
        "weeks": Unit(COUNTED, after=plural("week", "weeks")),
        "days": Unit(COUNTED, after=plural("day", "days")),
        # measures
        "km": Unit(after="km", sep=NBSP),
        "km2": Unit(after="km²", sep=NBSP),
    }),
)


def _common(**words: Unit) -> Mapping[str, Unit]:
    """The units every language has that need no words of their own, with its `words`."""
    return MappingProxyType({"count": Unit(COUNTED), "ratio parts": Unit(), "ratio": Unit("percent", out_of=1),
                             "percent": Unit("percent"), "year": Unit("year"), "km": Unit(after="km", sep=NBSP),
                             "km2": Unit(after="km²", sep=NBSP), **words})


FR = Language(
    words=tuple("zéro un deux trois quatre cinq six sept huit neuf dix onze douze".split()),
    words_up_to=9,
    qualifiers=MappingProxyType({"about": "environ {}", "nearly": "près de {}", "more than": "plus de {}",
                                 "at least": "au moins {}", "within": "dans un rayon de {}",
                                 "up to about": "jusqu’à environ {}"}),
    large_from=1_000_000,
    large_decimals=2,
    ordinal=MappingProxyType({"one": "er", "other": "e"}),   # 1er, 2e
    month="", day="",                                          # CLDR's own: juillet 1997, 16 décembre 2015
    unknown_date="(date inconnue)",
    units=_common(rank=Unit("ordinal", before="classé"),
                  times=Unit(COUNTED, after=plural("fois", "fois"), named={1: "une fois", 2: "deux fois"}),
                  people=Unit(COUNTED, after=plural("personne", "personnes")),
                  years=Unit(COUNTED, after=plural("an", "ans")),
                  months=Unit(COUNTED, after=plural("mois", "mois")),
                  weeks=Unit(COUNTED, after=plural("semaine", "semaines")),
                  days=Unit(COUNTED, after=plural("jour", "jours"))),
)

DE = Language(
    words=tuple("null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf".split()),
    words_up_to=9,
    qualifiers=MappingProxyType({"about": "etwa {}", "nearly": "fast {}", "more than": "mehr als {}",
                                 "at least": "mindestens {}", "within": "innerhalb von {}",
                                 "up to about": "bis zu etwa {}"}),
    large_from=1_000_000,
    large_decimals=2,
    ordinal=MappingProxyType({"other": "."}),                  # 3.
    month="", day="",                                          # CLDR's own: Juli 1997, 16. Dezember 2015
    unknown_date="(Datum unbekannt)",
    units=_common(rank=Unit("ordinal", before="auf Platz"),
                  times=Unit(COUNTED, after=plural("Mal", "Mal"), named={1: "einmal", 2: "zweimal"}),
                  people=Unit(COUNTED, after=plural("Person", "Personen")),
                  years=Unit(COUNTED, after=plural("Jahr", "Jahre")),
                  months=Unit(COUNTED, after=plural("Monat", "Monate")),
                  weeks=Unit(COUNTED, after=plural("Woche", "Wochen")),
                  days=Unit(COUNTED, after=plural("Tag", "Tage"))),
)

DEFAULTS: Mapping[str, Language] = MappingProxyType({"en": EN, "fr": FR, "de": DE})


def _unit(raw, where: str) -> Unit:
    """A unit of the paper's file: a mapping of `Unit`'s fields."""
    known = {f.name for f in dataclasses.fields(Unit)}
    if not isinstance(raw, dict) or set(raw) - known:
        found = sorted(set(raw) - known) if isinstance(raw, dict) else type(raw).__name__
        raise BuildError(f"{where}: expected a mapping of {', '.join(sorted(known))}, found {found}")
    if raw.get("number", "figures") not in NUMBER_FORMS:
        raise BuildError(f"{where}: number: expected one of {', '.join(NUMBER_FORMS)}, found {raw['number']!r}")
    after = raw.get("after", "")
    if isinstance(after, dict):
        if "other" not in after:
            raise BuildError(f"{where}: after: expected a text, or one per plural category with 'other', "
                             f"found {sorted(after)}")
        raw = raw | {"after": MappingProxyType(dict(after))}
    return Unit(**(raw | {"named": MappingProxyType(dict(raw.get("named") or {}))}))


def from_file(path: str | Path, defaults: Mapping[str, Language] = DEFAULTS) -> Mapping[str, Language]:
    """The languages of a paper's units file over the defaults (a file that is not there: the defaults)."""
    path = Path(path)
    if not path.is_file():
        return defaults
    import yaml

    from dpaper import yamlfile
    from dpaper.errors import where
    try:
        data = yamlfile.load(path) or {}
    except yaml.YAMLError as exc:
        raise BuildError(f"{where(path, yamlfile.error_line(exc))}: {yamlfile.problem(exc)}") from None
    if not isinstance(data, dict):
        raise BuildError(f"{path}: expected a mapping of edition languages (en: …), found {type(data).__name__}")
    out = dict(defaults)
    for code, spec in data.items():
        spec = dict(spec or {})
        units = {name: _unit(raw, f"{path}: {code}: units: {name}") for name, raw in (spec.pop("units", None)
                                                                                      or {}).items()}
        base = defaults.get(code)
        known = {f.name for f in dataclasses.fields(Language)} - {"units"}
        if set(spec) - known:
            raise BuildError(f"{path}: {code}: unknown key {', '.join(sorted(set(spec) - known))} "
                             f"(expected {', '.join(sorted(known | {'units'}))})")
        if base is None and (missing := sorted(known - set(spec))):
            raise BuildError(f"{path}: {code}: a language the engine has no defaults for needs every key; "
                             f"missing {', '.join(missing)}")
        merged = {f.name: getattr(base, f.name) for f in dataclasses.fields(Language)} if base else {}
        merged |= {k: MappingProxyType(dict(v)) if isinstance(v, dict) else tuple(v) if k == "words" else v
                   for k, v in spec.items()}
        merged["units"] = MappingProxyType(dict(merged.get("units") or {}) | units)
        out[code] = Language(**merged)
    return MappingProxyType(out)


@lru_cache(maxsize=None)
def languages(path: str | Path = UNITS_FILE) -> Mapping[str, Language]:
    """The table of units the build uses: the paper's file (`UNITS_FILE`, read once) over the defaults."""
    return from_file(path)
