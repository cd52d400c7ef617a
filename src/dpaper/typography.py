"""Typographic quotes and apostrophes, in one place for the book's text (`render.pages.print_text`) and the
labels of the drawn figures (`figures.draw.typographic_svg`)."""
from __future__ import annotations

import re

STRAIGHT = re.compile(r"&#34;|&#39;|&quot;|&apos;|[\"']")
OPENS_AFTER = " \t\n([{\u2013\u2014/\u201c\u2018\u00a0"     # a quote after these opens; after anything else it closes
SVG_TEXT = re.compile(r"(<(?:text|tspan)\b[^>]*>)([^<]+)")


def curly_quotes(text: str, before: str = " ") -> str:
    """Straight quotes and apostrophes (raw or as character references) as typographic ones: “…”, ‘…’, ’.
    `before` is the character before `text` (the end of the text before a tag)."""
    out, last, at = [], before, 0
    for m in STRAIGHT.finditer(text):
        out.append(text[at:m.start()])
        if m.start() > at:
            last = text[m.start() - 1]
        double = m.group() in ('"', "&#34;", "&quot;")
        opening = last in OPENS_AFTER
        q = ("\u201c" if opening else "\u201d") if double else ("\u2018" if opening else "\u2019")
        out.append(q)
        last, at = q, m.end()
    out.append(text[at:])
    return "".join(out)


def typographic_svg(svg: str) -> str:
    """The SVG with typographic quotes and apostrophes in the text it draws (its <text> and <tspan>
    elements; attributes, styles and the rest stay as they are)."""
    return SVG_TEXT.sub(lambda m: m.group(1) + curly_quotes(m.group(2)), svg)
