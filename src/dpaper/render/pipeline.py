"""A manuscript body's two passes: Jinja2 (strict) to Markdown, then CommonMark to HTML.

Every error either pass meets is reported with the manuscript's file and line:
an unknown name or filter, a problem one of the manuscript's functions
raises, what the sandbox refuses, an expression that cannot be worked out
(`1/0`), a render that runs too long, a heading the label index does not know,
an image that is not there. Errors raised in this package's own code are bugs
and keep their traceback.
"""
from __future__ import annotations

import re
import signal
import sys
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from jinja2 import Environment, TemplateRuntimeError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from markdown_it import MarkdownIt
from markupsafe import Markup

from dpaper.errors import BuildError, where
from dpaper.render import gate
from dpaper.render.manuscript import TOO_DEEP, Source
from dpaper.render.markdown import number_headings

RENDER_SECONDS = 60       # a chapter renders in well under a second; a loop that runs longer is refused
UNKNOWN = re.compile(r"^No (filter|test) named '([^']+)'")
# What a manuscript's expression can raise in Jinja's or Python's own code (not in ours: that is a bug).
EXPRESSION_ERRORS = (TypeError, ValueError, ArithmeticError, LookupError, AttributeError)
OURS = str(Path(__file__).resolve().parents[1])


def markdown_text(env: Environment, src: Source) -> str:
    """The manuscript after Jinja2 (its loader serves `src` by its stem): Markdown with HTML blocks."""
    try:
        with _deadline(RENDER_SECONDS):
            return env.get_template(src.stem).render()
    except TemplateSyntaxError as exc:
        raise BuildError(f"{where(src.path, exc.lineno)}: {_unknown(env, exc.message)}") from None
    except SecurityError as exc:
        raise BuildError(f"{where(src.path, _template_line(src))}: {exc.message}") from None
    except UndefinedError as exc:
        raise BuildError(f"{where(src.path, _template_line(src))}: unknown name: {exc.message}") from None
    except TemplateRuntimeError as exc:
        raise BuildError(f"{where(src.path, _template_line(src))}: {_unknown(env, exc.message)}") from None
    except BuildError as exc:
        line = _template_line(src)
        raise BuildError([f"{where(src.path, line)}: {p}" for p in exc.problems]) from None
    except RecursionError:
        raise BuildError(f"{where(src.path, _template_line(src))}: {TOO_DEEP}") from None
    except EXPRESSION_ERRORS as exc:
        if _raised_in_our_code():
            raise
        raise BuildError(f"{where(src.path, _template_line(src))}: expected an expression that can be worked "
                         f"out, found {type(exc).__name__} ({exc})") from None


def _unknown(env: Environment, message: str | None) -> str:
    """Jinja's "No filter named 'x'." as our message, with the filters (or tests) a manuscript may use."""
    m = UNKNOWN.match(message or "")
    if not m:
        return message or ""
    known = env.filters if m.group(1) == "filter" else env.tests
    return f"unknown {m.group(1)} {m.group(2)!r}: expected one of {', '.join(sorted(known))}"


@contextmanager
def _deadline(seconds: float):
    """Stop a render that runs longer than `seconds` (only where a timer can be set: the main thread)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise BuildError(f"expected the manuscript to render within {seconds:g} s, found it still running "
                         "(a loop too large?)")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _raised_in_our_code() -> bool:
    """Whether the exception being handled was raised in this package (a bug: it keeps its traceback)."""
    tb, last = sys.exc_info()[2], None
    while tb is not None:
        last, tb = tb, tb.tb_next
    return last is not None and last.tb_frame.f_code.co_filename.startswith(OURS)


def html(md: MarkdownIt, text: str, src: Source, sections: list[dict], secnum: Callable[[str], str]) -> Markup:
    """CommonMark to HTML: headings numbered from the label index, then the gate (render/gate.py): what
    the sanitiser would change is refused with its line, and the paper's HTML is what it keeps."""
    tokens = md.parse(text)
    n = number_headings(tokens, sections, secnum)
    if n != len(sections):
        raise BuildError(f"{where(src.path)}: expected {len(sections)} headings "
                         f"(from the label index), found {n}: keep headings out of generated text")
    for t in tokens:
        for child in t.children or ():
            if child.type == "image":
                line = gate.source_line(src.body, text, t.map[0] + 1) if t.map else None
                raise BuildError(f"{where(src.path, line)}: expected a photograph placed with figure(…, "
                                 f"image=…) (numbered, captioned, published), found a Markdown image "
                                 f"{child.attrs['src']!r}")
    blocks, start, depth = [], 0, 0
    for i, t in enumerate(tokens):       # each top-level block with its line: a refusal names it
        if depth == 0:
            start = i
        depth += t.nesting
        if depth == 0:
            first = tokens[start].map[0] + 1 if tokens[start].map else 1
            blocks.append((first, md.renderer.render(tokens[start:i + 1], md.options, {})))
    problems = gate.check(blocks, lambda line: where(src.path, gate.source_line(src.body, text, line)))
    if problems:
        raise BuildError(problems)
    return Markup(gate.clean("".join(h for _, h in blocks)))


def lead(md: MarkdownIt, text: str) -> str:
    """The plain text of the first paragraph of `text` (Markdown; a paragraph of a tight list does not count):
    a web page's summary for search engines and link previews."""
    tokens = md.parse(text)
    first = next((i for i, t in enumerate(tokens) if t.type == "paragraph_open" and not t.hidden), None)
    if first is None:
        return ""
    words = {"softbreak": " ", "hardbreak": " "}
    return " ".join("".join(words.get(c.type, c.content if c.type in ("text", "text_special", "code_inline")
                                      else "") for c in tokens[first + 1].children or ()).split())


def _template_line(src: Source) -> int | None:
    tb, line = sys.exc_info()[2], None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(src.path):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
