"""Editors' forms -> the text Frictionless validates, one cell at a time.

What Frictionless cannot read as editors type it is rewritten here, per cell
(so rows and columns stay those of the raw file):

- everywhere: non-breaking, thin and repeated spaces; en and em dashes alone
  mean "missing" (`-`, one of the schema's `missingValues`);
- numbers: `1,234` and `1 234` (a separator only before groups of three
  digits), a minus typed as a dash, and for `unit: percent` a trailing `%`;
- booleans: an empty cell is "no";
- text: markup (`<b>`, `**`, `__`) is refused;
- `kind: period`: `2001–2004`, `2001-2004`, `2013–`, `2012` -> `2001–2004`,
  `2013–`, `2012`;
- `kind: partial-date`: `2015`, `2015-12`, `2015.12`, `Dec 2015`,
  `December 2015`, `16 December 2015`, `2015-12-16` -> ISO (`2015-12`);
- `kind: list`: `a; b;c` -> `a; b; c`.
"""
from __future__ import annotations

import re
from calendar import month_abbr, month_name

from dpaper.data.schema import DEFAULT_MISSING, OPEN_YEAR
from dpaper.errors import where

SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-"})
THOUSANDS = re.compile(r"(?<=\d)[, ](?=\d{3}(?!\d))")
MARKUP = re.compile(r"</?[A-Za-z][^>]*>|\*\*|__")
MONTHS = ({m.lower(): i for i, m in enumerate(month_name) if m}
          | {m.lower(): i for i, m in enumerate(month_abbr) if m} | {"sept": 9})
PERIOD = re.compile(r"^(\d{4})(?:\s*-\s*(\d{4})?)?$")
YM = re.compile(r"^(\d{4})(?:[-./](\d{1,2})(?:[-./](\d{1,2}))?)?$")
MY = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?,?\s+(\d{4})$")

Problem = tuple[int, int, str]   # (row, column index, message): sorted for the report


def squeeze(value: str) -> str:
    """One plain space for every run of spaces of any kind; none at the ends."""
    return SPACES.sub(" ", value).strip()


def normalise_cell(value: str, field: dict, edition_year: int | None = None) -> tuple[str, str | None]:
    """(normalised text, problem or None) for one raw cell."""
    value = squeeze(value)
    if value in ("\u2013", "\u2014"):
        return "-", None
    kind, ftype = field.get("kind"), field.get("type", "string")
    if ftype in ("number", "integer", "year"):
        value = THOUSANDS.sub("", value.translate(DASHES))
        if field.get("unit") == "percent" and value.endswith("%"):
            value = value[:-1].rstrip()
        return value, None
    if ftype == "boolean":
        return ("no" if value == "" else value), None
    if ftype == "string" and MARKUP.search(value):
        return value, f"expected plain text, found markup {MARKUP.search(value).group(0)!r}"
    if value in DEFAULT_MISSING or not kind:
        return value, None
    if kind == "period":
        return period(value, edition_year)
    if kind == "partial-date":
        return partial_date(value, edition_year)
    if kind == "list":
        return "; ".join(p.strip() for p in value.split(";") if p.strip()), None
    return value, None


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
    return body, problems


def _year_ok(year: int, edition_year: int | None) -> bool:
    return 1900 <= year <= (edition_year or OPEN_YEAR)


def period(value: str, edition_year: int | None) -> tuple[str, str | None]:
    """`2001-2004`, `2013–`, `2012` -> `2001–2004`, `2013–`, `2012`; or the problem."""
    m = PERIOD.match(value.translate(DASHES))
    expected = "expected a period such as 2001–2004, 2013– or 2012"
    if not m:
        return value, f"{expected}, found {value!r}"
    start, end = int(m.group(1)), m.group(2)
    open_ended = end is None and "-" in value.translate(DASHES)
    end = int(end) if end else (None if open_ended else start)
    if not _year_ok(start, edition_year) or (end is not None and not _year_ok(end, edition_year)):
        return value, f"expected years from 1900 to {edition_year or OPEN_YEAR}, found {value!r}"
    if end is not None and end < start:
        return value, f"expected a period that ends after it starts, found {value!r}"
    text = f"{start}\u2013" if end is None else (str(start) if end == start else f"{start}\u2013{end}")
    return text, None


def partial_date(value: str, edition_year: int | None) -> tuple[str, str | None]:
    """`Dec 2015`, `2015.12`, `16 December 2015` … -> `2015-12`, `2015-12-16`; or the problem."""
    expected = "expected a date such as 2015, 2015-12, Dec 2015 or 2015-12-16"
    year = month = day = None
    if m := YM.match(value):
        year, month, day = int(m.group(1)), m.group(2) and int(m.group(2)), m.group(3) and int(m.group(3))
    elif (m := MY.match(value)) and m.group(2).lower() in MONTHS:
        year, month, day = int(m.group(3)), MONTHS[m.group(2).lower()], m.group(1) and int(m.group(1))
    if year is None or (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return value, f"{expected}, found {value!r}"
    if not _year_ok(year, edition_year):
        return value, f"expected a year from 1900 to {edition_year or OPEN_YEAR}, found {value!r}"
    text = f"{year}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    return text, None
