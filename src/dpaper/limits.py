"""Every limit on what the build reads, in one place (docs/trust.md), and what the page
can set: words and titles of a documented length (docs/manuscript.md; docs/data.md for
data cells).

The input limits keep a careless or hostile file from hanging the build or exhausting the machine:
each is checked before the file is parsed, and refused with one line naming the file.

A word is what lies between spaces and hyphens (or dashes, soft hyphens,
zero-width spaces: wherever a line may break); URLs are left out, as are the
manuscript's Jinja tags, HTML tags and link targets. A longer word would run
off the page in print, so it is an error naming file and line, like a title
too long for a title page or a running head.
"""
from __future__ import annotations

import re

from dpaper.fonts import describe_characters, missing_glyphs

WORD_MAX = 100       # characters of a word in running text (a line of the text block)
CELL_WORD_MAX = 60   # characters of a word in a data cell (a table column is narrower)
CELL_MAX = 2000      # characters of a text cell, unless its field's maxLength says otherwise (docs/data.md)
TITLE_MAX = 300      # characters of a title
NAME_MAX = 80        # characters of a configured name (edition id and slug, a chapter's file name)

# -- inputs (checked before parsing; README, "What the build trusts") ---------------------------
YAML_BYTES = 1_000_000        # any YAML file: config, references, notes, schema, a front matter
YAML_DEPTH = 32               # levels of nested lists and mappings in YAML
TABLE_BYTES = 5_000_000       # a raw table (CSV or Excel workbook on disk)
XLSX_UNZIPPED = 50_000_000    # a workbook's parts, uncompressed (a zip bomb is refused unread)
TABLE_ROWS = 20_000           # data rows of a raw table (declared rows of a sheet, too)
TABLE_COLUMNS = 100           # columns of a raw table (declared columns of a sheet, too)
CHAPTER_BYTES = 400_000       # a manuscript file (the longest 2018 chapter is under 40 KB)
MARKDOWN_DEPTH = 16           # levels of nested block quotes and lists in a manuscript
IMAGE_BYTES = 30_000_000      # a photograph on disk
IMAGE_PIXELS = 40_000_000     # a photograph's width x height (a 300 dpi A3 page is 17.5 million)
SAME_PROBLEMS = 5             # problems of one kind in one column said in full; the rest summed up

WHITESPACE = {9: " ", 10: " ", 13: " "}     # tabs and line ends are layout, not glyphs
BREAKS = re.compile(r"[\s\-\u00ad\u200b\u2010\u2012\u2013\u2014]+")
URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+|\bmailto:\S+", re.I)
NESTING = re.compile(r"^[ \t]*(?:(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*)+")   # quote and list markers
FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}|<[^<>]*>|\]\([^()\s]*\)", re.S)   # Jinja, HTML, link targets


def long_word(text: str, limit: int = WORD_MAX) -> str | None:
    """The first word of `text` longer than `limit` characters, if any."""
    return next((w for w in BREAKS.split(URL.sub(" ", str(text))) if len(w) > limit), None)


def word_problem(text) -> str | None:
    """What the page cannot set in `text`: a word too long ('expected words of at most 100 characters …'),
    or characters the paper's fonts cannot draw ('expected text the paper's fonts can draw, found U+4E2D …');
    None if it can set it all."""
    if not isinstance(text, str):
        return None
    if missing := missing_glyphs(text.translate(WHITESPACE)):
        return f"expected text the paper's fonts can draw, found {describe_characters(missing)}"
    word = long_word(text)
    if word is None:
        return None
    return (f"expected words of at most {WORD_MAX} characters (or a URL), found one of {len(word)} "
            f"({word[:20]!r}…)")


def title_problem(text) -> str | None:
    if isinstance(text, str) and len(text) > TITLE_MAX:
        return f"expected at most {TITLE_MAX} characters, found {len(text)}"
    return word_problem(text)


def body_problems(body: str) -> list[tuple[int, str]]:
    """(line, problem) for each line of a manuscript's body with a word too long, outside its tags and URLs."""
    text = CODE.sub(lambda m: "\n" * m.group().count("\n"), body)
    out = []
    for n, line in enumerate(text.split("\n"), start=1):
        problem = word_problem(line)
        if problem:
            out.append((n, problem))
    return out


def nesting_problems(body: str) -> list[tuple[int, str]]:
    """(line, problem) for each line of a manuscript's body (outside fenced code) that nests block quotes
    and lists deeper than MARKDOWN_DEPTH: each `>` and list marker before its text is a level, and so is
    every two spaces of indentation before the first (a list nested by indenting)."""
    out, fence = [], None
    for n, line in enumerate(body.split("\n"), start=1):
        if m := FENCE.match(line):
            fence = None if fence == m.group(1) else (fence or m.group(1))
            continue
        if fence or not (m := NESTING.match(line)):
            continue
        prefix = m.group(0).expandtabs(4)
        depth = len(re.findall(r">|[-*+](?=\s|$)|\d{1,9}[.)]", prefix)) + (len(prefix) - len(prefix.lstrip())) // 2
        if depth > MARKDOWN_DEPTH:
            out.append((n, f"expected block quotes and lists nested at most {MARKDOWN_DEPTH} levels deep, "
                           f"found {depth}"))
            break    # the first line says it: the lines after it are inside the same block
    return out
