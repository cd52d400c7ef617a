"""A table cell's text: a value of the data formatted as its column says, in the edition's language (numbers,
percentages, dates and money through Babel: dpaper.render.values), with curly quotes and the subscripts of
chemical formulas, escaped for HTML."""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from dpaper import limits
from dpaper.errors import BuildError
from dpaper.render import values
from dpaper.tables.declare import Column

MISSING = {"year": "unknown"}     # a missing value by format; any other format: a dash


def fmt(value, kind: str, row: dict | None = None, lang: str | None = None) -> str:
    """`value` as a cell of format `kind` writes it (Column.fmt)."""
    if value is None:
        return MISSING.get(kind, "–")
    if kind == "date":
        return values.say_date(str(value), lang)
    if kind == "jpy":       # a contract's value, "about" where the row says it is approximate
        about = "about" if (row or {}).get("approximate") else ""
        return values.figure_text(value, values.unit_of("JPY", lang), about, lang)
    if kind == "percent":
        return values.percent(value, lang)
    if kind == "number":
        return values.digits(value, lang)
    return str(value)


def cell_text(row: dict, c: Column, lang: str | None = None) -> str:
    """The text of column `c` in `row`: its value (a range's two), then what `c.then` adds."""
    if isinstance(c.field, tuple):
        start, end = (fmt(row[f], c.fmt, lang=lang) for f in c.field)
        return start if row[c.field[0]] == row[c.field[1]] else f"{start}–{end}"
    value = row[c.field]
    text = dict(c.values).get(value, value) if c.values else value
    if value is None and c.then:
        return ""
    text = fmt(text, c.fmt, row, lang)
    for field, pattern, kind in c.then:
        if row.get(field) is not None:
            text += pattern.format(fmt(row[field], kind, row, lang))
    return text


FORMULA = re.compile(r"\b(CO|SO|NO|CH|N)([2-4x])(?=e?\b)")   # CO2, SO2, NOx, CH4, N2O... as the text sets them
OPENING = r"(^|[\s(\[\u2013\u2014/])"


def curly(text: str) -> str:
    """Straight quotes and apostrophes of the data as the text sets them: “…”, ‘…’, ’."""
    text = re.sub(OPENING + '"', "\\1\u201c", text).replace('"', "\u201d")
    return re.sub(OPENING + "'", "\\1\u2018", text).replace("'", "\u2019")


def settable(text: str, column: str) -> str:
    """A cell's text, if every word of it fits a page (dpaper/limits.py)."""
    problem = limits.word_problem(text)
    if problem:
        raise BuildError(f"table cell, column {column}: {problem}")
    return text


def cell(text: str, column: str) -> Markup:
    """A cell's text, escaped, with curly quotes and the subscripts of its chemical formulas (CO<sub>2</sub>)."""
    return Markup(FORMULA.sub(r"\1<sub>\2</sub>", str(escape(curly(settable(text, column))))))
