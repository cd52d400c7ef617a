"""Editors' forms -> the text Frictionless validates, one cell at a time.

What Frictionless cannot read as editors type it is rewritten here, per cell
(so rows and columns stay those of the raw file):

- everywhere: non-breaking, thin and repeated spaces; text in Unicode NFC;
  en and em dashes alone mean "missing" (`-`, one of the schema's
  `missingValues`); control characters (NUL, escape, a line break in an Excel
  cell …; a tab is a space) are refused;
- numbers: `1,234` and `1 234` (a separator only before groups of three
  digits), a minus typed as a dash, and for `unit: percent` a trailing `%`;
  then ASCII digits only (`Infinity`, `NaN`, `1_000` are refused here, so that
  each is said once);
- booleans: an empty cell is "no";
- text: characters the paper's fonts cannot draw (`dpaper.fonts.missing_glyphs`),
  cells over `dpaper.limits.CELL_MAX` characters (unless the schema gives `maxLength`), words
  over `dpaper.limits.CELL_WORD_MAX` characters (URLs excepted) and markup (`<b>`, `**`, `__`) are
  refused;
- `kind: period`: `2001–2004`, `2001-2004`, `2013–`, `2012` -> `2001–2004`,
  `2013–`, `2012`;
- `kind: partial-date`: `2015`, `2015-12`, `2015.12`, `Dec 2015`,
  `December 2015`, `16 December 2015`, `2015-12-16` -> ISO (`2015-12`); a day
  that is not in its month (`30 February 2015`) is refused, as it is in a
  `type: date` field;
- `kind: list`: `a; b;c` -> `a; b; c`.
"""
from __future__ import annotations

import re
import unicodedata
from calendar import month_abbr, month_name
from datetime import date

from dpaper.data.messages import (
    control_problem,
    expected,
    found,
    glyph_problem,
    length_problem,
    word_problem,
)
from dpaper.data.schema import DEFAULT_MISSING, OPEN_YEAR
from dpaper.errors import where
from dpaper.fonts import missing_glyphs
from dpaper.limits import CELL_MAX, CELL_WORD_MAX, long_word

SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-"})
THOUSANDS = re.compile(r"(?<=\d)[, ](?=\d{3}(?!\d))")
COMMA_GROUPS = re.compile(r"[+-]?[1-9]\d{0,2}(?:,\d{3})+")       # 1,234 or 12,345,678
DOT_GROUPS = re.compile(r"[+-]?[1-9]\d{0,2}(?:\.\d{3})+")       # 4.600 or 1.234.567
DOT_GROUP = re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}")               # 4.600: 4600, or 4.6?
LEADING_ZERO_GROUP = re.compile(r"[+-]?0[, ]\d")                  # 0,500: a decimal comma, not thousands
NEGATIVE_ZERO = re.compile(r"-0*(?:\.0*)?")
MARKUP = re.compile(r"</?[A-Za-z][^>]*>|\*\*|__")
MONTHS = ({m.lower(): i for i, m in enumerate(month_name) if m}
          | {m.lower(): i for i, m in enumerate(month_abbr) if m} | {"sept": 9})
PERIOD = re.compile(r"^(\d{4})(?:\s*-\s*(\d{4})?)?$")
YM = re.compile(r"^(\d{4})(?:[-./](\d{1,2})(?:[-./](\d{1,2}))?)?$")
MY = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?,?\s+(\d{4})$")
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
INTEGER = re.compile(r"[+-]?[0-9]+")

Problem = tuple[int, int, str]   # (row, column index, message): sorted for the report


def squeeze(value: str) -> str:
    """One plain space for every run of spaces of any kind; none at the ends; Unicode NFC."""
    return unicodedata.normalize("NFC", SPACES.sub(" ", value).strip())


def control_characters(value: str) -> list[str]:
    """The control characters of a raw cell (a tab excepted: it is a space), each once."""
    return list(dict.fromkeys(c for c in value if c != "\t" and unicodedata.category(c) == "Cc"))


def text_problem(value: str, field: dict) -> str | None:
    """What keeps a text cell from being set: glyphs the fonts lack, its length, a word's length."""
    if missing := missing_glyphs(value):
        return glyph_problem(missing)
    if "maxLength" not in field.get("constraints", {}) and len(value) > CELL_MAX:
        return length_problem(value, CELL_MAX)   # a maxLength of the schema is Frictionless's to check
    if word := long_word(value, CELL_WORD_MAX):
        return word_problem(word, CELL_WORD_MAX)
    return None


def normalise_cell(value: str, field: dict, edition_year: int | None = None) -> tuple[str, str | None]:
    """(normalised text, problem or None) for one raw cell."""
    if controls := control_characters(value):
        return value, control_problem(controls)
    value = squeeze(value)
    if value in ("\u2013", "\u2014"):
        return "-", None
    kind, ftype = field.get("kind"), field.get("type", "string")
    if ftype in ("number", "integer", "year"):
        return number(value, field)
    if ftype == "boolean":
        return ("no" if value == "" else value), None
    if ftype == "date":
        return value, (None if value in DEFAULT_MISSING else _real_date(value))
    if ftype == "string" and (problem := text_problem(value, field)):
        return value, problem
    if ftype == "string" and MARKUP.search(value):
        return value, f"expected plain text, found markup {found(MARKUP.search(value).group(0))}"
    if value in DEFAULT_MISSING or not kind:
        return value, None
    if kind == "period":
        return period(value, edition_year)
    if kind == "partial-date":
        return partial_date(value, edition_year)
    if kind == "list":
        return "; ".join(p.strip() for p in value.split(";") if p.strip()), None
    return value, None


def number(cell: str, field: dict) -> tuple[str, str | None]:
    """A number as editors type it (`1,234`, `1 234`, `–5`, `6.2%`) -> plain digits; or the problem: not a
    number, negative zero (`-0%`), a sign where the schema says the quantity cannot be negative
    (`minimum` of 0 or more), or a dot before three digits where only whole numbers may stand (`4.600`:
    4600 or 4.6?). A field whose schema states `decimalChar: ","` reads `4.600,5` as 4600.5."""
    value = cell.translate(DASHES)
    if field.get("unit") == "percent" and value.endswith("%"):
        value = value[:-1].rstrip()
    if value in DEFAULT_MISSING:
        return value, None
    ftype = field.get("type", "string")
    if field.get("decimalChar") == ",":    # the column's stated convention: 4.600,5
        if "." in value and not DOT_GROUPS.match(value):
            return value, f"{expected(field, 'type')} with a decimal comma, found {found(cell)}"
        value = value.replace(".", "").replace(",", ".")
    elif LEADING_ZERO_GROUP.match(value):
        return value, f"{expected(field, 'type')}, found {found(cell)} (a decimal comma? write it with a point)"
    else:
        value = THOUSANDS.sub("", value)
    if ftype != "number" and DOT_GROUP.fullmatch(value) and field.get("decimalChar") is None:
        return value, ambiguous(field, cell, value)
    if not (NUMBER if ftype == "number" else INTEGER).fullmatch(value):
        return value, f"{expected(field, 'type')}, found {found(cell)}"   # said here, once
    if NEGATIVE_ZERO.fullmatch(value):
        return value, f"{expected(field, 'type')} without a sign, found {found(cell)} (a negative zero)"
    lo = field.get("constraints", {}).get("minimum")
    if value.startswith("+") and isinstance(lo, (int, float)) and lo >= 0:
        return value, f"{expected(field, 'type')} without a sign (it cannot be negative), found {found(cell)}"
    return value, None


def ambiguous(field: dict, cell: str, value: str) -> str:
    """The problem of a number that reads two ways: `4.600` is 4600 (a dot between thousands) or 4.6."""
    sign = "-" if value.startswith("-") else ""
    grouped = sign + re.sub(r"\D", "", value)
    decimal = value if "." in value else value.replace(",", ".")
    decimal = decimal.rstrip("0").rstrip(".") if "." in decimal else decimal
    mark = "dot" if "." in value else "comma"
    return (f"expected a number that reads one way, found {found(cell)}: {grouped} (a {mark} between "
            f"thousands) or {decimal} (a decimal {'point' if mark == 'dot' else 'comma'}); write {grouped} "
            f"or {decimal}, or state the column's decimalChar in its schema")


def ambiguous_numbers(raw, numbered, header, fields) -> list[Problem]:
    """Numbers whose reading depends on the column's convention, unless its schema states it
    (`decimalChar`): a dot before exactly three digits (`4.600`) in a column whose other values are
    whole numbers, and, in a column that mixes `1,234` and `4.600`, both kinds of cell."""
    out: list[Problem] = []
    for col, (name, field) in enumerate(fields.items()):
        if field.get("type") != "number" or "decimalChar" in field:
            continue
        i = header.index(name)
        cells = [(n, squeeze(row[i]).translate(DASHES).removesuffix("%").rstrip()) for n, row in numbered]
        cells = [(n, c) for n, c in cells if c not in DEFAULT_MISSING]
        dots = [(n, c) for n, c in cells if DOT_GROUP.fullmatch(c)]
        if not dots:
            continue
        commas = [(n, c) for n, c in cells if COMMA_GROUPS.fullmatch(c)]
        whole = all(INTEGER.fullmatch(THOUSANDS.sub("", c)) for n, c in cells if (n, c) not in dots)
        flagged = dots + commas if commas else dots if whole else []   # two conventions, or 4.600 among 12, 310
        out += [(n, col, f"{where(raw, n, name)}: {ambiguous(field, c, c)}") for n, c in sorted(flagged)]
    return out


def normalise_rows(raw, numbered, header, fields, edition_year) -> tuple[list[list[str]], list[Problem]]:
    """Cells in schema order, normalised; the problems normalising found."""
    names = list(fields)
    index = [header.index(n) for n in names]
    body, problems = [], []
    for n, row in numbered:
        cells = []
        for col, (i, name) in enumerate(zip(index, names)):
            text, problem = normalise_cell(row[i], fields[name], edition_year)
            if problem:
                problems.append((n, col, f"{where(raw, n, name)}: {problem}"))
            cells.append(text)
        body.append(cells)
    said = {(n, col) for n, col, _ in problems}
    problems += [p for p in ambiguous_numbers(raw, numbered, header, fields) if (p[0], p[1]) not in said]
    return body, problems


def _year_ok(year: int, edition_year: int | None) -> bool:
    return 1900 <= year <= (edition_year or OPEN_YEAR)


def period(value: str, edition_year: int | None) -> tuple[str, str | None]:
    """`2001-2004`, `2013–`, `2012` -> `2001–2004`, `2013–`, `2012`; or the problem."""
    m = PERIOD.match(value.translate(DASHES))
    wanted = "expected a period such as 2001–2004, 2013– or 2012"
    if not m:
        return value, f"{wanted}, found {found(value)}"
    start, end = int(m.group(1)), m.group(2)
    open_ended = end is None and "-" in value.translate(DASHES)
    end = int(end) if end else (None if open_ended else start)
    if not _year_ok(start, edition_year) or (end is not None and not _year_ok(end, edition_year)):
        return value, f"expected years from 1900 to {edition_year or OPEN_YEAR}, found {found(value)}"
    if end is not None and end < start:
        return value, f"expected a period that ends after it starts, found {found(value)}"
    text = f"{start}\u2013" if end is None else (str(start) if end == start else f"{start}\u2013{end}")
    return text, None


def partial_date(value: str, edition_year: int | None) -> tuple[str, str | None]:
    """`Dec 2015`, `2015.12`, `16 December 2015` … -> `2015-12`, `2015-12-16`; or the problem."""
    wanted = "expected a date such as 2015, 2015-12, Dec 2015 or 2015-12-16"
    year = month = day = None
    if m := YM.match(value):
        year, month, day = int(m.group(1)), m.group(2) and int(m.group(2)), m.group(3) and int(m.group(3))
    elif (m := MY.match(value)) and m.group(2).lower() in MONTHS:
        year, month, day = int(m.group(3)), MONTHS[m.group(2).lower()], m.group(1) and int(m.group(1))
    if year is None or (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return value, f"{wanted}, found {found(value)}"
    if not _year_ok(year, edition_year):
        return value, f"expected a year from 1900 to {edition_year or OPEN_YEAR}, found {found(value)}"
    if day is not None and (problem := _real_date(value)):
        return value, problem
    text = f"{year}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    return text, None


def _day(value: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written with its day, in any form `partial_date` reads; else None."""
    if (m := YM.match(value)) and m.group(3):
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    if (m := MY.match(value)) and m.group(1) and m.group(2).lower() in MONTHS:
        return int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))
    return None


def _real_date(value: str) -> str | None:
    """The problem of a date whose day its month does not have (`30 February 2015`), else None.
    Other forms are left to the field's own checks."""
    if (ymd := _day(value)) is None:
        return None
    try:
        date(*ymd)
    except ValueError:
        return f"expected a real date, found {found(value)}"
    return None
