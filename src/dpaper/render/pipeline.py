"""A manuscript body's two passes: Jinja2 (strict) to Markdown, then CommonMark to HTML.

Every error either pass meets is reported with the manuscript's file and line:
an unknown name or template, a problem one of the manuscript's functions
raises, a heading the label index does not know, an image that is not there.
"""
from __future__ import annotations

import sys
from collections.abc import Callable

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError, UndefinedError
from markdown_it import MarkdownIt
from markupsafe import Markup

from dpaper.errors import BuildError, where
from dpaper.render.manuscript import Source
from dpaper.render.markdown import number_headings


def markdown_text(env: Environment, src: Source) -> str:
    """The manuscript after Jinja2 (its loader serves `src` by its stem): Markdown with HTML blocks."""
    try:
        return env.get_template(src.stem).render()
    except TemplateSyntaxError as exc:
        raise BuildError(f"{where(src.path, exc.lineno)}: {exc.message}") from None
    except TemplateNotFound as exc:
        raise BuildError(f"{where(src.path, _template_line(src))}: unknown template {exc.name!r}") from None
    except UndefinedError as exc:
        raise BuildError(f"{where(src.path, _template_line(src))}: unknown name: {exc.message}") from None
    except BuildError as exc:
        line = _template_line(src)
        raise BuildError([f"{where(src.path, line)}: {p}" for p in exc.problems]) from None


def html(md: MarkdownIt, text: str, src: Source, sections: list[dict], image_src: Callable[[str], str],
         secnum: Callable[[str], str]) -> Markup:
    """CommonMark to HTML: headings numbered from the label index, images checked and linked."""
    tokens = md.parse(text)
    n = number_headings(tokens, sections, secnum)
    if n != len(sections):
        raise BuildError(f"{where(src.path)}: expected {len(sections)} headings "
                         f"(from the label index), found {n}: keep headings out of generated text")
    for t in tokens:
        for child in t.children or ():
            if child.type == "image":
                child.attrs["src"] = _line_error(src, t, image_src, child.attrs["src"])
    return Markup(md.renderer.render(tokens, md.options, {}))


def _line_error(src: Source, token, fn, *args):
    try:
        return fn(*args)
    except BuildError as exc:
        line = token.map[0] + 1 if token.map else None
        raise BuildError([f"{where(src.path, line)}: {p}" for p in exc.problems]) from None


def _template_line(src: Source) -> int | None:
    tb, line = sys.exc_info()[2], None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(src.path):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
