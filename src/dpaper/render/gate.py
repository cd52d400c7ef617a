"""The gate every chapter's HTML passes: what Jinja and Markdown produced, sanitised by nh3 (ammonia).

`rawhtml` checks what an editor types; this checks what is produced, so that a
tag whose name Jinja writes (`<{{ "img" }} onerror=…>`), markup inside a raw
HTML block, or a link behind a character reference (`jav&#x61;script:`) ends
at the same gate. The allow-list is the manuscript's (`rawhtml.TAGS`) and the
markup of the project's own blocks (tables, figures, boxes, notes); links go
to the web, mail or inside the paper. The paper's HTML is what nh3 keeps; where
nh3 would drop something (the produced HTML and the sanitised one, both parsed
as a browser parses them, differ), the chapter is refused with one line naming
the file and line instead. HTML comments are editors' notes: they are dropped
without a word. After character references are decoded, bidirectional
controls, NUL and other control characters, and private-use characters are
refused wherever they come from.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from html import unescape
from xml.etree.ElementTree import Comment, Element

import nh3
from tinyhtml5 import parse

from dpaper.render import rawhtml
from dpaper.render.markdown import LINK_SCHEMES, SCHEME

TAGS = rawhtml.TAGS | {"aside", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "img", "hr",
                       "pre"}
COMMON = {"class", "id", "lang", "title", "role", "aria-label"}
ATTRIBUTES = {"*": COMMON, "a": {"href"}, "img": {"src", "alt"}, "th": {"scope", "colspan", "rowspan"},
              "td": {"colspan", "rowspan"}, "div": {"style", "tabindex"}, "ol": {"start"},
              "span": {"data-kind", "data-datum"}}
STYLES = {"padding-top", "width",   # a photograph's placeholder keeps the photograph's proportions
          "--legible-phone", "--legible-wide"}   # a drawing's legible widths on the web (blocks.figure)
REPLACED = "\ufffd"            # what a reference to NUL (`&#0;`) or to no character becomes
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
URL_ATTRIBUTES = {"href", "src"}
# what a fragment names, over-approximated, for the quick check (_kept_whole)
TAG_NAME = re.compile(r"<([A-Za-z][^\s/>]*)")
ATTRIBUTE_NAME = re.compile(r"([^\s\"'<>/=]+)\s*=")
SCHEME_NAME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
PROPERTY_NAME = re.compile(r"([A-Za-z-]+)\s*:")
NUMERIC = re.compile(r"&#([xX][0-9A-Fa-f]+|[0-9]+)")
IMG_SRC = re.compile(r'<img\b[^>]*?\ssrc="([^"]*)"')


def clean(html: str) -> str:
    """`html` as the paper publishes it: only the allow-list, no comments, no script or style content."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=set(LINK_SCHEMES), link_rel=None,
                     strip_comments=True, clean_content_tags={"script", "style"}, filter_style_properties=STYLES)


def bad_character(ch: str) -> bool:
    """A character that may not reach the page however it was written: it reorders or hides text."""
    if ch in "\t\n\r":
        return False
    return ch in BIDI or ch == REPLACED or unicodedata.category(ch) in ("Cc", "Co", "Cs")


def _events(html: str) -> list[tuple]:
    """The fragment as a browser reads it: start tags with their attributes, text, end tags; no comments."""
    body = parse(f"<!DOCTYPE html><html><head></head><body>{html}</body></html>",
                 namespace_html_elements=False).find("body")
    out: list[tuple] = []

    def walk(el: Element):
        for child in el:
            if child.tag is Comment:
                pass
            else:
                tag = child.tag.rsplit("}", 1)[-1]
                attrs = tuple(sorted((k.rsplit("}", 1)[-1], _properties(v) if k == "style" else v)
                                     for k, v in child.attrib.items()))
                out.append(("start", tag, attrs))
                if child.text:
                    out.append(("text", child.text))
                walk(child)
                out.append(("end", tag))
            if child.tail:
                out.append(("text", child.tail))
    if body.text:
        out.append(("text", body.text))
    walk(body)
    return _merge_text(out)


def _properties(style: str) -> str:
    """A style attribute as the properties it sets (nh3 rewrites their values: 40.00% as 40.0%)."""
    return ";".join(sorted(d.split(":", 1)[0].strip().lower() for d in style.split(";") if ":" in d))


def _merge_text(events: list[tuple]) -> list[tuple]:
    out: list[tuple] = []
    for e in events:
        if e[0] == "text" and out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + e[1])
        else:
            out.append(e)
    return out


def _allowed(tag: str) -> set[str]:
    return ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())


def _describe(before: list[tuple], after: list[tuple]) -> str:
    """What the sanitiser took away, as the message's `expected …, found …`."""
    ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    op, i1, i2, j1, j2 = next(o for o in ops if o[0] != "equal")
    changed = [e for e in before[i1:i2] if e[0] == "start"]
    if not changed:
        text = next((e[1] for e in before[i1:i2] if e[0] == "text"), "")
        return f"expected text, found {text.strip()[:40]!r} inside markup the paper does not allow"
    e = changed[0]
    tag, attrs = e[1], dict(e[2])
    if tag not in TAGS:
        return f"expected HTML tags among {', '.join(sorted(rawhtml.TAGS))}, found <{tag}>"
    kept = next((dict(a[2]) for a in after[j1:j2] if a[0] == "start" and a[1] == tag), {})
    for key, value in attrs.items():
        if key in kept:
            continue
        if key in URL_ATTRIBUTES and key in _allowed(tag):
            return f"<{tag} {key}>: expected a link to the web, mail or the paper, found {value!r}"
        allowed = rawhtml.LINK_ATTRIBUTES if tag == "a" else rawhtml.ATTRIBUTES
        return f"<{tag}>: expected attributes among {', '.join(sorted(allowed))}, found {key}="
    return f"<{tag}>: expected plain HTML, found markup the sanitiser changes"


def _own_rules(events: list[tuple]) -> str | None:
    """What the allow-list cannot say: characters after decoding; images only from the project."""
    for e in events:
        texts = [e[1]] if e[0] == "text" else [v for _, v in e[2]] if e[0] == "start" else []
        for text in texts:
            bad = next((c for c in text if bad_character(c)), None)
            if bad is not None:
                name = unicodedata.name(bad, "a control or private-use character")
                return (f"expected text without bidirectional controls, control or private-use characters "
                        f"(however written), found U+{ord(bad):04X} ({name})")
        if e[0] == "start" and e[1] == "img":
            src = dict(e[2]).get("src", "")
            if SCHEME.match(src) or src.startswith("/"):
                return f"<img src>: expected a file of the project, found {src!r}"
    return None


def _bad_reference(ref: str) -> bool:
    """A numeric character reference (`&#x202E;`, `&#1;`, `&#0;`) to a character the paper may refuse."""
    try:
        code = int(ref[1:], 16) if ref[:1] in "xX" else int(ref)
    except ValueError:
        return True
    return code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or bad_character(chr(code))


def _kept_whole(html: str, cleaned: str) -> bool:
    """The quick answer: nh3 with the allow-list gives what nh3 gives allowing every tag, attribute, scheme
    and style property that `html` names (both serialise alike), no reference names a character the paper
    refuses, and images come from the project. When it says no, the parsed trees say why."""
    decoded = unescape(html)
    names = nh3.clean(html, tags={t.lower() for t in TAG_NAME.findall(html)},
                      attributes={"*": {a.lower() for a in ATTRIBUTE_NAME.findall(html)}},
                      url_schemes={s.lower() for s in SCHEME_NAME.findall(decoded)}, link_rel=None,
                      strip_comments=True, clean_content_tags=set(),
                      filter_style_properties={p.lower() for p in PROPERTY_NAME.findall(decoded)})
    if names != cleaned or any(bad_character(c) for c in decoded) or any(map(_bad_reference, NUMERIC.findall(html))):
        return False
    return not any(SCHEME.match(s) or s.startswith("/") for s in IMG_SRC.findall(cleaned))


def problem(html: str) -> str | None:
    """Why `html` may not be published as it is, or None."""
    if _kept_whole(html, clean(html)):
        return None
    before = _events(html)
    after = _events(clean(html))
    if before != after:
        return _describe(before, after)
    return _own_rules(before)


def check(blocks: list[tuple[int, str]], where: Callable[[int], str]) -> list[str]:
    """One line per block (its first line in the rendered Markdown, its HTML) the gate refuses; `where(line)`
    names the file and line."""
    whole = "".join(html for _, html in blocks)
    if problem(whole) is None:
        return []
    out = []
    for line, html in blocks:
        why = problem(html)
        if why:
            out.append(f"{where(line)}: {why}")
    return out or [f"{where(blocks[0][0] if blocks else 1)}: {problem(whole)}"]


def source_line(source: str, produced: str, line: int) -> int:
    """The line of `source` (the manuscript) that gave line `line` of `produced` (its Jinja output): lines
    without Jinja are matched as they are, blank lines never anchor, and a line Jinja changed is the most
    alike of the lines it may come from."""
    src, out = source.split("\n"), produced.split("\n")
    ops = difflib.SequenceMatcher(lambda s: not s.strip(), src, out, autojunk=False).get_opcodes()
    for op, i1, i2, j1, j2 in ops:
        if j1 <= line - 1 < j2:
            if op == "equal" or i1 == i2:
                return i1 + min(line - 1 - j1, max(i2 - i1 - 1, 0)) + 1
            target = out[line - 1]
            return max(range(i1, i2), key=lambda i: (difflib.SequenceMatcher(None, src[i], target).ratio(), -i)) + 1
    return line
