"""How values from the data read in running text: numbers in words, key figures with their units, dates.

What is said around a number is the table of units (`units.py`); how the
number itself is written (digits, grouping, percent, where a currency code
goes, plural forms, million / billion, month names) is CLDR's, through Babel,
in the edition's language. Numbers stay `Decimal` throughout: 6.2 prints 6.2.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup

from dpaper.errors import BuildError
from dpaper.render.units import NBSP, UNITS_FILE, Language, Unit, languages

DEFAULT_LANGUAGE = "en"


SOURCE_LINES = re.compile(r",?\s*\(?\b(?:of the text,?\s*)?lines? \d+(?:\s*(?:[–,-]|and)\s*\d+)*\)?(?: of the text)?")


def readers_place(provenance: str) -> str:
    """A provenance in readers' terms: the 2018 edition's chapters, sections, tables and figures, without the
    line numbers of the text copy the editors worked from (the data keeps them)."""
    return SOURCE_LINES.sub("", provenance)


def traced(text: str, source: str, row: str = "") -> Markup:
    """A value as HTML that says where it comes from (a tooltip in the web edition), in readers' terms, and
    (`row`: "dataset#key") the row of the data that holds it, which the web edition links to."""
    if not row:
        return Markup('<span class="datum" title="{}">{}</span>').format(readers_place(source), text)
    return Markup('<span class="datum" title="{}" data-row="{}">{}</span>').format(readers_place(source), row, text)


@lru_cache(maxsize=None)
def locale_of(code: str | None = DEFAULT_LANGUAGE) -> Locale:
    """The CLDR locale of an edition language ('en', 'en-GB', 'fr'; None: the default): digits, grouping,
    decimal sign, percent sign, month names."""
    code = code or DEFAULT_LANGUAGE
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise BuildError(f"edition language {code!r}: expected a language CLDR knows, such as 'en'") from None


@lru_cache(maxsize=None)
def language(code: str | None = DEFAULT_LANGUAGE) -> tuple[Locale, Language]:
    """The CLDR locale and the house style of an edition language ('en', 'en-GB'; None: the default)."""
    locale = locale_of(code)
    table = languages()
    if locale.language not in table:
        raise BuildError(f"edition language {code or DEFAULT_LANGUAGE!r}: no table of units for "
                         f"{locale.language!r} (known: {', '.join(sorted(table))}); add one to {UNITS_FILE}")
    return locale, table[locale.language]


def spell(n: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """Small whole numbers in words, as house style wants them in running text; larger ones in figures."""
    locale, style = language(lang)
    return style.words[n] if 0 <= n < len(style.words) else _figures(Decimal(n), locale)


# -- numbers ------------------------------------------------------------------

def _exact(value) -> Decimal:
    """The value as a Decimal without trailing zeros or exponent (1500000, 6.2); floats by their shortest repr."""
    d = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()


def _whole(d: Decimal) -> int | None:
    return int(d) if d == d.to_integral_value() else None


def _figures(d: Decimal, locale: Locale) -> str:
    """Digits with the language's grouping and decimal sign, every digit kept (2,215; 678.46)."""
    return _settable(format_decimal(d, locale=locale, decimal_quantization=False))


def _settable(text: str) -> str:
    """CLDR's narrow no-break space (French grouping: 1 234,5) as a no-break space: the paper's fonts have
    no glyph for the narrow one; either keeps the number on one line."""
    return text.replace("\u202f", NBSP)


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


def digits(value, lang: str | None = DEFAULT_LANGUAGE) -> str:
    """A number in figures as the edition's language writes it, every digit kept: 1,234.5 (en), 1 234,5 (fr),
    1.234,5 (de). Table cells, the `num` filter and figure labels write numbers so."""
    return _figures(_exact(value), locale_of(lang))


def percent(value, lang: str | None = DEFAULT_LANGUAGE) -> str:
    """A percentage (6.2 for 6.2 %) as the edition's language writes it: 6.2% (en), 6,2 % (fr)."""
    return _settable(format_percent(_exact(value) / 100, locale=locale_of(lang), decimal_quantization=False))


def number_text(value, unit: Unit, lang: str = DEFAULT_LANGUAGE) -> str:
    """The number alone, as `unit` writes it: 'five', '2,215', '1.5 million', '3rd', '6.2%'."""
    locale, style = language(lang)
    d = _exact(value)
    whole = _whole(d)
    if unit.number == "percent":
        return _settable(format_percent(d / unit.out_of, locale=locale, decimal_quantization=False))
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
        raise BuildError(f"qualifier {qualifier!r}: not in the table of units ({UNITS_FILE} and "
                         f"the engine's defaults); known: {', '.join(sorted(style.qualifiers))}")
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
        raise BuildError(f"unit {name!r}: not in the table of units ({UNITS_FILE} and the "
                         f"engine's defaults); "
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
    trace: Callable[[str, str, str], Markup] = field(default=traced, repr=False)   # (text, source, ref) -> markup
    ref: str = ""                # "dataset#key": the row that holds it (the web links to it; the changes report)

    @classmethod
    def from_row(cls, row: dict, lang: str | None = None, trace: Callable[[str, str, str], Markup] = traced,
                 dataset: str = "") -> Fact:
        """A row of the dataset playing key_figures (`dataset`), in the edition's language (None: the default)."""
        return cls(row["key"], row["value"], row["unit"], row["year"], row["scope"], row.get("provenance") or "",
                   row.get("qualifier") or "", lang or DEFAULT_LANGUAGE, trace,
                   f"{dataset}#{row['key']}" if dataset else "")

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
        return self.trace(number_text(self.value, unit_of(self.unit, self.language), self.language), self.source,
                          self.ref)

    def __html__(self) -> str:
        return self.trace(self.text, self.source, self.ref)

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
    trace: Callable[[str, str, str], Markup] = field(default=traced, repr=False)   # (text, source, ref) -> markup
    ref: str = ""                # "dataset#id": the row that holds it

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
        return self.trace(self.date, f"{self.label}. Source: {self.row.get('provenance', '')}", self.ref)

    def __str__(self) -> str:
        return self.date


def key_figures_as_printed(rows, lang: str | None = None) -> list[dict]:
    """Every key figure as `{{ fact(key) }}` prints it, for editors to review in one place (the data dictionary),
    with the place where the 2018 edition stated it in readers' terms."""
    return [{"key": r["key"], "text": Fact.from_row(r, lang).text, "scope": r["scope"], "year": r["year"],
             "provenance": readers_place(r.get("provenance") or ""), "note": r.get("editor_note") or ""}
            for r in rows]


def events_as_printed(rows, lang: str | None = None) -> list[dict]:
    """Every dated event as `{{ event(id) }}` prints its date, for the data dictionary beside the key figures."""
    return [{"key": r["id"], "text": say_date(r["date"], lang or DEFAULT_LANGUAGE), "scope": r["label"],
             "year": r["date_year"], "provenance": readers_place(r.get("provenance") or ""),
             "note": r.get("editor_note") or ""} for r in rows]
