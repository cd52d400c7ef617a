"""What the page can set: words and titles of a documented length (README, "Writing the manuscript";
docs/data.md for data cells).

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
TITLE_MAX = 300      # characters of a title

WHITESPACE = {9: " ", 10: " ", 13: " "}     # tabs and line ends are layout, not glyphs
BREAKS = re.compile(r"[\s\-\u00ad\u200b\u2010\u2012\u2013\u2014]+")
URL = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.\S+|\bmailto:\S+", re.I)
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
