"""Raw HTML typed in a manuscript's body: a short list of tags and attributes, checked when the file is read.

The body is Markdown with HTML blocks (what `table()`, `figure()` and `box()`
emit, and the lists the front and back matter build from data). What an editor
types there is held to plain text structure: no `<script>`, `<style>`,
`<iframe>`, `<img>` (photographs are `figure(…, image=…)`, checked and linked),
no event handlers or `style=`, links only to the web, mail or inside the
paper, and no value from data in a link. Each problem names file and line.
This is the first wall, on what is typed; `gate` checks what Jinja and
Markdown produce, whatever route led to it.
"""
from __future__ import annotations

import re

from dpaper.render.markdown import safe_link

TAGS = frozenset({"a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "div", "dl", "dt", "em", "h2", "h3",
                  "h4", "i", "li", "ol", "p", "q", "small", "span", "strong", "sub", "sup", "ul"})
ATTRIBUTES = frozenset({"class", "id", "lang", "title"})
LINK_ATTRIBUTES = ATTRIBUTES | {"href"}

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", re.S)
AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>")
CODE_SPAN = re.compile(r"(`+).+?\1")
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>?", re.S)
ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")


def _blank(m: re.Match) -> str:
    return "\n" * m.group().count("\n")


def _code_blanked(text: str) -> str:
    """`text` with fenced code blocks and code spans blanked (their `<` is text), lines kept."""
    out, fence = [], False
    for line in text.split("\n"):
        if line.startswith("```"):
            fence = not fence
            out.append("")
        else:
            out.append("" if fence else line)
    return CODE_SPAN.sub(_blank, "\n".join(out))


def problems(body: str) -> list[tuple[int, str]]:
    """(line, problem) for each tag or attribute typed in `body` that the list above does not allow."""
    text = _code_blanked(AUTOLINK.sub("", JINJA.sub(lambda m: "\0" + _blank(m), body)))   # \0: Jinja was here
    out = []
    for m in TAG.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        name = m.group(2).lower()
        if m.group(1):
            continue                                       # a closing tag: its opening one says it all
        if name not in TAGS:
            out.append((line, f"expected HTML tags among {', '.join(sorted(TAGS))}, found <{name}>"))
            continue
        allowed = LINK_ATTRIBUTES if name == "a" else ATTRIBUTES
        for attr in ATTRIBUTE.finditer(m.group(3)):
            key, value = attr.group(1).lower(), (attr.group(2) or "").strip("\"'")
            if "\0" in key:
                out.append((line, f"<{name}>: expected attributes written out, found some from data"))
            elif key not in allowed:
                out.append((line, f"<{name}>: expected attributes among {', '.join(sorted(allowed))}, "
                                  f"found {key}="))
            elif key == "href" and "\0" in value:
                out.append((line, f"<{name} href>: expected a link written out, found one from data"))
            elif key == "href" and not safe_link(value):
                out.append((line, f"<{name} href>: expected a link to the web, mail or the paper, found {value!r}"))
    return out
