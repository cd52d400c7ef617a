"""The Jinja2 environments: one for manuscript files, one for the templates in `templates/`.

A manuscript renders in the sandbox (`sandbox.py`: no way to Python, only our
functions, data and a list of filters), strict (an unknown name is an error) and autoescaped, and
every value it prints from data is escaped for HTML and Markdown alike (the
`md_safe` finalize); what our own functions return is safe markup. Its comments
are `{## ... ##}`, so that `{#sec-id}` stays free for labelling headings (the
syntax is `manuscript.environment()`, which the scan shares).

The templates environment renders the pages (part, web page, book, index, data
dictionary) and holds the markup of the blocks a manuscript places
(`blocks.html.j2`: tables, figures, boxes, references, footnotes).
"""
from __future__ import annotations

import numbers
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from dpaper import ENGINE, limits
from dpaper.errors import BuildError
from dpaper.render.manuscript import environment as syntax
from dpaper.render.sandbox import describe
from dpaper.render.values import digits, percent, say_date, spell
from dpaper.words import words as language_words

# HTML's and Markdown's special characters as character references, in one pass:
# inert in Markdown paragraphs and in raw HTML blocks alike.
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;",
                         **{c: f"&#{ord(c)};" for c in "\\`*_[]!|~#"}})


def md_safe(value):
    """Every value printed into the manuscript is data: escape it for HTML and Markdown (and refuse a word
    too long to set)."""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return value
    text = str(value)
    problem = limits.word_problem(text)
    if problem:
        raise BuildError(f"a printed value: {problem}")
    return Markup(text.translate(ESCAPES))


def _number_filter(name: str, fn, whole: bool = False):
    """One of our filters, refusing what is not a number (or, for `whole`, a whole number)."""
    def checked(value):
        kinds = numbers.Integral if whole else numbers.Number
        if isinstance(value, bool) or not (isinstance(value, kinds) or value is None and not whole):
            raise BuildError(f"| {name}: expected a {'whole ' if whole else ''}number, found {describe(value)}")
        return fn(value)
    checked.__name__ = name
    return checked


def _date(lang: str | None):
    def date(value):
        """`| date`: a date of the data as the text writes it ('2018-07' -> 'July 2018')."""
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
            raise BuildError(f"| date: expected a date of the data (2018, 2018-07 or 2018-07-01), "
                             f"found {describe(value)}")
        return say_date(value, lang)
    return date


def manuscript(loader, language: str | None = None) -> Environment:
    """The environment a chapter renders in (the sandbox); the chapter adds its functions as globals. The
    number and date filters write as the edition's `language` does (CLDR, through Babel)."""
    env = syntax(loader=loader, undefined=StrictUndefined, autoescape=True, finalize=md_safe,
                 keep_trailing_newline=True)
    env.filters.update(pct=_number_filter("pct", lambda v: "–" if v is None else percent(v, language)),
                       num=_number_filter("num", lambda v: "–" if v is None else digits(v, language)),
                       spell=_number_filter("spell", lambda v: spell(v, language), whole=True),
                       date=_date(language))
    return env


def template_dirs(directory: str | Path = "templates") -> list[str]:
    """Where a template is looked for: the paper's folder `directory` first, then the engine's templates/."""
    engine = ENGINE / "templates"
    return [str(directory)] + ([str(engine)] if Path(directory).resolve() != engine else [])


def template_file(name: str, directory: str | Path = "templates") -> Path:
    """The file a template or stylesheet `name` is read from: the paper's own, or the engine's."""
    return next((Path(d) / name for d in template_dirs(directory) if (Path(d) / name).is_file()),
                ENGINE / "templates" / name)


def templates(directory: str | Path = "templates", words: dict | None = None) -> Environment:
    """The page templates and block macros (strict, autoescaped), the paper's before the engine's; `words`
    (the edition's, dpaper.words) is every template's `words`."""
    env = Environment(loader=FileSystemLoader(template_dirs(directory)), undefined=StrictUndefined,
                      autoescape=True, trim_blocks=False)
    env.globals["words"] = words or language_words()
    return env


def blocks(directory: str | Path = "templates", words: dict | None = None):
    """The macros of `blocks.html.j2`, callable from Python; each returns safe markup."""
    return templates(directory, words).get_template("blocks.html.j2").module
