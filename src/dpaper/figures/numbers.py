"""Numbers in a figure's labels as the edition's language writes them: the same CLDR forms, through Babel, as
the running text and the tables (dpaper.render.values). The drawing job sets the language
(`with numbers.language(code):`); a chart's function, a kind's labels and a `{number:…}` placeholder write
their numbers with `number()` and `percent()`.

    from dpaper.figures.numbers import percent
    ax.annotate(percent(6.2), …)        # 6.2% in English, 6,2 % in French
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from dpaper.render import values

LANGUAGE: ContextVar[str | None] = ContextVar("figure_language", default=None)


@contextmanager
def language(code: str | None) -> Iterator[None]:
    """Draw in the edition language `code` (None: the default)."""
    token = LANGUAGE.set(code)
    try:
        yield
    finally:
        LANGUAGE.reset(token)


def current() -> str | None:
    return LANGUAGE.get()


def number(value) -> str:
    """1,234.5 (en), 1 234,5 (fr), 1.234,5 (de): every digit kept."""
    return values.digits(value, LANGUAGE.get())


def percent(value) -> str:
    """6.2 -> 6.2% (en), 6,2 % (fr)."""
    return values.percent(value, LANGUAGE.get())
