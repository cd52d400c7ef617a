"""CommonMark (markdown-it-py) with the few additions the manuscript needs.

- `{#sec-id}` on the line before a heading labels it (attrs_block plugin);
- headings get their section numbers and anchors from the label index;
- typographic quotes and dashes (not markdown-it's (c) → ©, (r) → ®, (tm) → ™:
  "(c)" in this text is a lettered item);
- raw HTML passes through in a chapter's body (it is what table(), figure()
  and cite() emit), never in text rendered inline from a string (captions,
  titles, notes, sources: `parser(html=False)`);
- links only to the web (http, https), mail or inside the paper (no scheme):
  `javascript:`, `data:`, `file:` and the like are printed as text.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from html import unescape

from markdown_it import MarkdownIt
from markdown_it.rules_core.replacements import RARE_RE, replace_rare
from markdown_it.rules_core.state_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin

SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
LINK_SCHEMES = ("http", "https", "mailto")


def safe_link(url: str) -> bool:
    """A link or image may point to the web, to mail or inside the paper; nothing else."""
    m = SCHEME.match(unescape(url))      # `jav&#x61;script:` is javascript: to a browser
    return m is None or m.group(1).lower() in LINK_SCHEMES


def replacements(state: StateCore) -> None:
    """markdown-it's typographic replacements (dashes, ellipses), without its symbols for (c), (r), (tm)."""
    for token in state.tokens:
        if token.type == "inline" and token.children is not None and RARE_RE.search(token.content):
            replace_rare(token.children)


def parser(html: bool = True) -> MarkdownIt:
    md = (MarkdownIt("commonmark", {"html": html, "typographer": True})
          .enable(["replacements", "smartquotes"])
          .use(attrs_block_plugin))
    md.core.ruler.at("replacements", replacements)
    md.validateLink = safe_link
    return md


def number_headings(tokens: list[Token], sections: list[dict], secnum: Callable[[str], str]) -> int:
    """Give each h2–h4 its anchor and number from the index (`secnum` gives the number's markup), and a
    heading whose title is a lacuna mark the class `lacuna`; return how many were found."""
    heads = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag in ("h2", "h3", "h4")]
    for i, sec in zip(heads, sections):
        tokens[i].attrs["id"] = sec["anchor"]
        if sec["title"].startswith("[") and sec["title"].endswith("]"):     # a lost title: "[title not preserved]"
            tokens[i].attrs["class"] = "lacuna"
        if sec["number"]:
            num = Token("html_inline", "", 0, content=str(secnum(sec["number"])))
            tokens[i + 1].children.insert(0, num)
    return len(heads)


def plain(text: str) -> str:
    """A title as plain text: its inline Markdown rendered and the tags dropped ("*monozukuri*" ->
    "monozukuri"), for where markup cannot go (a navigation list, a page title, a meta description)."""
    rendered = parser(html=False).renderInline(text)
    return html.unescape(re.sub(r"<[^>]*>", "", rendered))
