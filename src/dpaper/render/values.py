"""How values from the data read in running text: numbers in words, key figures with their units, dates.

What is said around a number is the table of units (`units.py`); how the
number itself is written (digits, grouping, percent, where a currency code
goes, plural forms, million / billion, month names) is CLDR's, through Babel,
in the edition's language. Numbers stay `Decimal` throughout: 6.2 prints 6.2.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup

from dpaper.errors import BuildError
from dpaper.render.units import LANGUAGES, NBSP, Language, Unit

DEFAULT_LANGUAGE = "en"


SOURCE_LINES = re.compile(r",?\s*\(?\b(?:of the text,?\s*)?lines? \d+(?:\s*(?:[–,-]|and)\s*\d+)*\)?(?: of the text)?")


def readers_place(provenance: str) -> str:
    """A provenance in readers' terms: the 2018 edition's chapters, sections, tables and figures, without the
    line numbers of the text copy the editors worked from (the data keeps them)."""
    return SOURCE_LINES.sub("", provenance)


def traced(text: str, source: str, ref: str = "") -> Markup:
    """A value as HTML that says where it comes from (a tooltip in the web edition), in readers' terms.
    `ref` ("<dataset>:<key>") names the row it prints, for the changes report (dpaper.changes) to find
    every place a changed value prints; readers never see it."""
    if ref:
        return Markup('<span class="datum" title="{}" data-datum="{}">{}</span>').format(
            readers_place(source), ref, text)
    return Markup('<span class="datum" title="{}">{}</span>').format(readers_place(source), text)


@lru_cache(maxsize=None)
def language(code: str | None = DEFAULT_LANGUAGE) -> tuple[Locale, Language]:
    """The CLDR locale and the house style of an edition language ('en', 'en-GB'; None: the default)."""
    code = code or DEFAULT_LANGUAGE
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise BuildError(f"edition language {code!r}: expected a language CLDR knows, such as 'en'") from None
    if locale.language not in LANGUAGES:
        raise BuildError(f"edition language {code!r}: no table of units for {locale.language!r} "
                         f"(known: {', '.join(sorted(LANGUAGES))}); add one to src/dpaper/render/units.py")
    return locale, LANGUAGES[locale.language]


def spell(n: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """Small whole numbers in words, as house style wants them in running text; larger ones in figures."""
    locale, style = language(lang)
    return style.words[n] if 0 <= n < len(style.words) else format_decimal(n, locale=locale)


# -- numbers ------------------------------------------------------------------

def _exact(value) -> Decimal:
    """The value as a Decimal without trailing zeros or exponent (1500000, 6.2); floats by their shortest repr."""
    d = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()


def _whole(d: Decimal) -> int | None:
    return int(d) if d == d.to_integral_value() else None


def _figures(d: Decimal, locale: Locale) -> str:
    """Digits with the language's grouping and decimal sign, every digit kept (2,215; 678.46)."""
    return format_decimal(d, locale=locale, decimal_quantization=False)


def _large(d: Decimal, locale: Locale, style: Language, in_words: bool) -> str | None:
    """1.5 million, 3.5 trillion (CLDR's long compact forms) when that is exact; else None."""
    if abs(d) < style.large_from:
        return None
    magnitude = len(str(int(abs(d)))) - 1
    patterns = locale.compact_decimal_formats["long"]
    other = patterns["other"].get(str(10 ** magnitude))
    if other is None:
        return None
    zeros = str(other.pattern).count("0")
    mantissa = _exact(d / 10 ** (magnitude - zeros + 1))
    if -mantissa.as_tuple().exponent > style.large_decimals:
        return None
    forms = patterns.get(locale.plural_form(mantissa), patterns["other"])
    pattern = str(forms.get(str(10 ** magnitude), other).pattern).replace("'", "")   # CLDR quotes literals
    whole = _whole(mantissa)
    number = (style.words[whole] if in_words and whole is not None and 0 <= whole <= style.words_up_to
              else _figures(mantissa, locale))
    return re.sub("0+", lambda _: number, pattern, count=1)


def number_text(value, unit: Unit, lang: str = DEFAULT_LANGUAGE) -> str:
    """The number alone, as `unit` writes it: 'five', '2,215', '1.5 million', '3rd', '6.2%'."""
    locale, style = language(lang)
    d = _exact(value)
    whole = _whole(d)
    if unit.number == "percent":
        return format_percent(d / unit.out_of, locale=locale, decimal_quantization=False)
    if unit.number == "year":
        if whole is None:
            raise BuildError(f"{value}: expected a whole number for a year")
        return str(whole)
    if unit.number == "ordinal":
        if whole is None:
            raise BuildError(f"{value}: expected a whole number for an ordinal")
        return _figures(d, locale) + style.ordinal.get(locale.ordinal_form(whole), style.ordinal["other"])
    in_words = unit.number == "words"
    if in_words and whole is not None and 0 <= whole <= style.words_up_to:
        return style.words[whole]
    return _large(d, locale, style, in_words) or _figures(d, locale)


def figure_text(value, unit: Unit, qualifier: str = "", lang: str = DEFAULT_LANGUAGE) -> str:
    """A number with its unit, as an editor writes it: 'JPY 8.5 billion', 'about 1.5 million people'.

    `qualifier` is the data's: empty for an exact figure, else a key of the language's
    `qualifiers` ('about', 'more than', 'within' …), whose words go around the figure."""
    locale, style = language(lang)
    if qualifier and qualifier not in style.qualifiers:
        raise BuildError(f"qualifier {qualifier!r}: not in the table of units (src/dpaper/render/units.py); "
                         f"known: {', '.join(sorted(style.qualifiers))}")
    d = _exact(value)
    whole = _whole(d)
    if whole is not None and whole in unit.named:
        text = unit.named[whole]
    else:
        text = number_text(d, unit, lang)
        if unit.code:
            before = "¤" in "".join(locale.currency_formats["standard"].prefix)
            text = f"{unit.code}{NBSP}{text}" if before else f"{text}{NBSP}{unit.code}"
        after = unit.after if isinstance(unit.after, str) else unit.after.get(
            locale.plural_form(d), unit.after["other"])
        if after:
            text = f"{text}{unit.sep}{after}"
        if unit.before:
            text = f"{unit.before} {text}"
    return style.qualifiers[qualifier].format(text) if qualifier else text


def unit_of(name: str, lang: str = DEFAULT_LANGUAGE) -> Unit:
    _, style = language(lang)
    if name not in style.units:
        raise BuildError(f"unit {name!r}: not in the table of units (src/dpaper/render/units.py); "
                         f"known: {', '.join(sorted(style.units))}")
    return style.units[name]


# -- key figures --------------------------------------------------------------

@dataclass
class Fact:
    """A key figure as the manuscript quotes it: `{{ fact(k) }}`, `.number`, `.value`, `.year`."""
    key: str
    value: Decimal
    unit: str
    year: int | None
    scope: str
    provenance: str = ""
    qualifier: str = ""          # how the text qualifies the number: "" (exact), "about", "more than" …
    language: str = DEFAULT_LANGUAGE
    ref: str = ""                # "<dataset>:<key>": the row, marked where it prints (traced)

    @classmethod
    def from_row(cls, row: dict, lang: str | None = None) -> Fact:
        """A row of the key_figures dataset, in the edition's language (None: the default)."""
        return cls(row["key"], row["value"], row["unit"], row["year"], row["scope"], row.get("provenance") or "",
                   row.get("qualifier") or "", lang or DEFAULT_LANGUAGE)

    @property
    def source(self) -> str:
        # readers' words only: the 2018 edition's place; the dataset and key are on the web edition's data page
        return f"{self.scope}. Source: {self.provenance}"

    @property
    def text(self) -> str:
        """The figure with its unit and the data's qualifier: 'about 1.5 million people', 'more than 80 people'."""
        return figure_text(self.value, unit_of(self.unit, self.language), self.qualifier, self.language)

    @property
    def number(self) -> Markup:
        """The number alone, for a sentence that words the unit and any qualifier itself:
        'has about {{ fact("pp_population").number }} inhabitants'."""
        return traced(number_text(self.value, unit_of(self.unit, self.language), self.language), self.source,
                      self.ref)

    def __html__(self) -> str:
        return traced(self.text, self.source, self.ref)

    def __str__(self) -> str:
        return self.text


# -- dates --------------------------------------------------------------------

def say_date(iso: str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """'1997-07' -> 'July 1997'; '2015-12-16' -> '16 December 2015'; '1999' -> '1999'."""
    locale, style = language(lang)
    if not iso:
        return style.unknown_date
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    day = datetime.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    pattern, skeleton = (style.day, "yMMMMd") if len(parts) == 3 else (style.month, "yMMMM")
    if pattern:
        return format_date(day, pattern, locale=locale)
    return format_skeleton(skeleton, day, locale=locale)


@dataclass
class Event:
    """A dated event of the events dataset, as the manuscript quotes it."""
    id: str
    row: dict
    language: str | None = DEFAULT_LANGUAGE
    ref: str = ""                # "<dataset>:<id>": the row, marked where it prints (traced)

    @property
    def date(self) -> str:
        return say_date(self.row["date"], self.language)

    @property
    def year(self) -> int | None:
        return self.row["date_year"]

    @property
    def end(self) -> str:
        return say_date(self.row["end"], self.language) if self.row["end"] else ""

    @property
    def period(self) -> str:
        """'2003–2006', or the date alone."""
        end = self.row["end_year"]
        return f"{self.year}\u2013{end}" if end and end != self.year else self.date

    @property
    def label(self) -> str:
        return self.row["label"]

    def __html__(self) -> str:
        return traced(self.date, f"{self.label}. Source: {self.row.get('provenance', '')}", self.ref)

    def __str__(self) -> str:
        return self.date


def key_figures_as_printed(rows, lang: str | None = None) -> list[dict]:
    """Every key figure as `{{ fact(key) }}` prints it, for editors to review in one place (the data dictionary)."""
    return [{"key": r["key"], "text": Fact.from_row(r, lang).text, "scope": r["scope"], "year": r["year"],
             "provenance": r.get("provenance") or "", "note": r.get("editor_note") or ""} for r in rows]
