"""The table of units: how a key figure's number and unit read in running text.

Data, not code: one `Language` per edition language, each with one `Unit` per
unit name that `data/raw/key_figures.csv` may use and the words of each
`qualifier` it may give ("about", "more than" …: its schema's two `enum`s; a
test checks that they agree). `values.py` does the printing: numbers,
grouping, percent signs, currency placement, plural categories and the words
for million, billion, trillion come from CLDR through Babel in the edition's
language; what is said around the number comes from here. docs/data.md
explains how to add a unit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

NBSP = "\u00a0"   # between a number and a symbol or currency code: never broken across lines


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
        # things counted
        "people": Unit(COUNTED, after=plural("person", "people")),
        "cities": Unit(COUNTED, after=plural("city", "cities")),
        "countries": Unit(COUNTED, after=plural("country", "countries")),
        "companies": Unit(COUNTED, after=plural("company", "companies")),
        "local governments": Unit(COUNTED, after=plural("local government", "local governments")),
        "households": Unit(COUNTED, after=plural("household", "households")),
        "schools": Unit(COUNTED, after=plural("school", "schools")),
        "buses": Unit(COUNTED, after=plural("bus", "buses")),
        "trainees": Unit(COUNTED, after=plural("trainee", "trainees")),
        # durations
        "years": Unit(COUNTED, after=plural("year", "years")),
        "months": Unit(COUNTED, after=plural("month", "months")),
        "weeks": Unit(COUNTED, after=plural("week", "weeks")),
        "days": Unit(COUNTED, after=plural("day", "days")),
        "hours per day": Unit(after=plural("hour a day", "hours a day")),
        # money
        "JPY": Unit(code="JPY"),
        "USD": Unit(code="USD"),
        "CNY": Unit(code="CNY"),
        "JPY per year": Unit(code="JPY", after="a year"),
        # measures
        "km": Unit(after="km", sep=NBSP),
        "km2": Unit(after="km²", sep=NBSP),
        "degrees north": Unit(after="°N", sep=""),
        "tonnes per day": Unit(after=plural("tonne a day", "tonnes a day")),
        "kg per capita per day": Unit(after="kg per person a day", sep=NBSP),
        "t-CO2e per year": Unit(after=plural("tonne of CO₂e a year", "tonnes of CO₂e a year")),
    }),
)

LANGUAGES: Mapping[str, Language] = MappingProxyType({"en": EN})
