"""Tables: declared in the top-level `tables/` folder, one file per chapter or case study, built from data.

A declaration file calls `dpaper.tables.declare.table` (which dataset, its columns, the kind of table);
`registry()` reads every file of the folder and returns the declarations by table id. A chapter places a
table with `{{ table("id", caption=…) }}`: `build` turns the declaration and its dataset into the table's
structure (`model`), `for_print` adds the print's "(continued)" row and row groups, and
templates/table.html.j2 writes the markup (`markup`).
"""
from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from dpaper.tables.declare import TableSpec, registry

__all__ = ["TableSpec", "markup", "registry", "render"]


def render(spec: TableSpec, df, lang: str | None = None, templates_dir="templates"):
    """A table's markup as the web edition shows it and its lettered notes ("" and none for a lost table)."""
    from dpaper.tables.build import build
    table, notes = build(spec, df, lang)
    return (markup(table, templates_dir) if table else Markup("")), notes


def markup(table, templates_dir="templates", scroll: bool = False, words: dict | None = None):
    """The <table> element of a built table (dpaper.tables.model.Table), from templates/table.html.j2; with
    `scroll` (the web), in a wrapper that scrolls sideways on a narrow screen; `words`: the edition's."""
    return _macros(str(templates_dir), tuple(sorted((words or {}).items()))).table(table, scroll)


@lru_cache(maxsize=4)
def _macros(templates_dir: str, words: tuple):
    from dpaper.render.environment import templates
    return templates(templates_dir, dict(words) or None).get_template("table.html.j2").module
