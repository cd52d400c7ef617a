"""How problems with data are worded for editors: `expected …, found …`.

The exact lines are a contract (tests/corpus/ holds one case per kind of
mistake), so every phrase about a cell's value is made here.
"""
from __future__ import annotations

from difflib import get_close_matches

from dpaper.fonts import FAMILIES, describe_characters, missing_glyphs

SHOWN = 40   # characters of a cell a message quotes at most: it names the cell, never copies a file

KINDS = {"integer": "a whole number", "number": "a number", "year": "a year", "yearmonth": "a year-month",
         "string": "text", "date": "a date (YYYY-MM-DD)", "boolean": "yes or no"}


def expected(field: dict, rule: str) -> str:
    """What a cell of `field` must be, when it breaks `rule`: `type`, or the name of a constraint
    (`required`, `enum`, `minimum`, …) as the field's `constraints` name it."""
    kind = KINDS.get(field.get("type", "string"), "a value")
    if rule == "type":
        return f"expected {kind}"
    c = field.get("constraints", {})
    unit = "%" if field.get("unit") == "percent" else ""
    if rule == "required":
        return "expected a value"
    if rule == "enum":
        return "expected one of " + ", ".join(str(v) for v in c["enum"])
    if rule in ("minimum", "maximum"):
        lo, hi = c.get("minimum"), c.get("maximum")
        if lo is not None and hi is not None:
            return f"expected {kind} from {lo}{unit} to {hi}{unit}"
        return f"expected {kind} of at least {lo}{unit}" if lo is not None else f"expected {kind} of at most {hi}{unit}"
    if rule in ("exclusiveMinimum", "exclusiveMaximum"):
        return f"expected {kind} {'above' if rule == 'exclusiveMinimum' else 'below'} {c[rule]}{unit}"
    if rule == "pattern":
        return f"expected text matching {c['pattern']}"
    if rule == "maxLength":
        return f"expected at most {c['maxLength']:,} characters"
    if rule == "minLength":
        return f"expected at least {c['minLength']:,} characters"
    return f"expected a value that meets {rule} {c.get(rule)!r}"


def did_you_mean(value: str, allowed) -> str:
    close = get_close_matches(value, [str(a) for a in allowed], n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def cut(text: str, limit: int = SHOWN) -> str:
    """At most `limit` characters of `text`, with "…" when it is longer."""
    return text if len(text) <= limit else text[:limit] + "\u2026"


def quoted(text: str) -> str:
    """A value as a message quotes it: cut to SHOWN characters, with its length when cut."""
    text = str(text)
    return repr(cut(text)) + (f" ({len(text):,} characters)" if len(text) > SHOWN else "")


def found(cell) -> str:
    return "an empty cell" if cell in ("", None) else quoted(cell)


def control_problem(chars: list[str]) -> str:
    if set(chars) <= {"\n", "\r"}:     # only an Excel cell can hold one: CSV rows are lines
        return "expected a cell on one line, found a line break"
    what = "the control character" if len(chars) == 1 else "the control characters"
    return f"expected printable text, found {what} {describe_characters(chars)}"


def glyph_problem(chars: list[str]) -> str:
    """For characters `missing_glyphs` found: which, and which of the paper's families lack them."""
    lacking = [f for f in sorted(FAMILIES, reverse=True) if missing_glyphs("".join(chars), f)]
    return (f"expected text the paper's fonts can draw, found {describe_characters(chars)} "
            f"(missing from {' and '.join(lacking)})")


def length_problem(text: str, limit: int) -> str:
    return f"expected at most {limit:,} characters, found {quoted(text)}"


def word_problem(word: str, limit: int) -> str:
    return (f"expected words of at most {limit} characters (a line cannot break inside one), "
            f"found {quoted(word)}")


def cell_problem(field: dict, rule: str, cell: str) -> str:
    """`expected …, found …` for a cell that breaks `rule` (with a suggestion for an enumeration)."""
    hint = did_you_mean(str(cell), field["constraints"]["enum"]) if rule == "enum" else ""
    return f"{expected(field, rule)}, found {found(cell)}{hint}"
