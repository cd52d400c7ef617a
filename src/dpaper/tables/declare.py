"""How a table is declared, in a file of the top-level `tables/` folder (one file per chapter or case study).

    from dpaper.tables.declare import Column, table

    table("rainfall", "rainfall", caption="Rainfall by station",
          columns=(Column("station", "Station"), Column("mm", "Rainfall (mm)", "number", "right")))

Each call adds one declaration; `registry()` reads every file of the folder and returns them by id. A table
is placed with `{{ table("id", caption=…) }}`; the manuscript's caption, note and source are its words, and
the declaration's `caption` is the default (and the list of tables' entry when the manuscript computes its
caption). The kinds of table (columns, a pivot, groups, a timeline matrix) are the fields of `TableSpec`.
"""
from __future__ import annotations

import runpy
from dataclasses import dataclass
from pathlib import Path

from dpaper.errors import BuildError, where


@dataclass(frozen=True)
class Column:
    field: str | tuple[str, str]   # a pair is a range: start–end
    header: str
    fmt: str = "text"        # text | percent | number | year | date (a partial date: May 2008) | jpy
    align: str = "left"
    values: tuple[tuple[str, str], ...] = ()     # (stored value, printed text): a code printed as words
    then: tuple[tuple[str, str, str], ...] = ()  # (field, pattern, fmt): added to the cell when the field has
                                                 # a value, e.g. ("agreement_date", " ({})", "date")


@dataclass(frozen=True)
class Matrix:
    """A timeline matrix (the 2018 edition's Figure 3.5.2): one column per value of `track` (in the order
    of `tracks`, with their headings), one row per year of `span` (a year the data has no row for keeps
    its empty row), each cell the `value`s of its track and year, each led by its link letters (`letters`,
    a list field) in brackets. The 2018 edition ran the years across the page; down the page, six
    columns of short entries fit the text width (docs/decisions/)."""
    track: str
    tracks: tuple[tuple[str, str], ...]        # (value, column heading), left to right
    year: str                                  # an integer field
    span: tuple[int, int]                      # first and last year, each a row
    value: str
    letters: str | None = None
    years: tuple[tuple[int, tuple[str, ...]], ...] = ()   # a year's row heading where it is more than
                                                          # the year: its lines
    year_header: str = "Year"                  # the heading of the years' column


NOT_EMPTY = object()     # a `where` value: the field has any value


@dataclass(frozen=True)
class TableSpec:
    dataset: str
    columns: tuple[Column, ...] = ()
    pivot: tuple[str, str, str] | None = None   # (row field, column field, value field)
    pivot_header: str = ""
    fmt: str = "text"
    note_field: str | None = None               # a column whose cells become lettered notes
    where: tuple[tuple[str, object], ...] = ()  # keep only the rows whose field has this value
    group: tuple[str, tuple[tuple[str, str], ...]] | None = None
    # (field, ((value, row header), ...)): one row per value, in this order, with the text of the second
    # column's field for its rows: a single item as text, several as a list (numbered if the value is in
    # `numbered`); no (value, header) pairs: every value of the field in the data's order, as its own header
    numbered: tuple[str, ...] = ()
    matrix: Matrix | None = None                # a timeline matrix (see Matrix)
    item_number: str | None = None              # grouped rows: a field whose value numbers each item, printed
                                                # before it as the data's number (01-15)
    lost: bool = False                          # a table of the earlier edition lost with its text: it keeps its
                                                # place and number, shows its caption and note, and has no data
    merge: bool = False                         # the first column's repeated values as one cell (rowspan)
    mark: tuple[str, object, str] | None = None  # (field, value, sign): rows whose field has this value carry
                                                # the sign after their first cell (the table's note says why)
    subgroup: str | None = None                 # grouped tables: items sharing this field's value nest under it
    caption: str = ""                           # the default caption; the list of tables' entry when the
                                                # manuscript's caption is computed
    id: str = ""
    module: str = ""                            # the declaration file, without .py


_declared: list[TableSpec] | None = None
_module = ""


def table(ident: str, dataset: str, **spec) -> TableSpec:
    """A table of `dataset`, laid out as the keyword arguments (the fields of TableSpec) say."""
    if _declared is None:
        raise BuildError(f"table {ident!r}: declared outside a file of the tables/ folder")
    made = TableSpec(dataset, **spec, id=ident, module=_module)
    _declared.append(made)
    return made


def lost(ident: str, caption: str = "") -> TableSpec:
    """A table of the earlier edition whose content is lost: it keeps its number and place as a lacuna mark
    ("Table 2.2 [not preserved]"), with its caption where that survives."""
    return table(ident, "", lost=True, caption=caption)


def registry(directory: str | Path = "tables") -> dict[str, TableSpec]:
    """Every table declared in `directory`/*.py, by id (files in name order, tables in file order)."""
    global _declared, _module
    out: dict[str, TableSpec] = {}
    problems = []
    for path in sorted(Path(directory).glob("*.py")):
        _declared, _module = [], path.stem
        try:
            runpy.run_path(str(path), run_name=f"tables.{path.stem}")
            for spec in _declared:
                if spec.id in out:
                    problems.append(f"{where(path)}: expected each table id once, found {spec.id!r} again "
                                    f"(first in tables/{out[spec.id].module}.py)")
                out[spec.id] = spec
        except TypeError as exc:      # an unknown keyword of table(): the file and what it said
            problems.append(f"{where(path)}: {exc}")
        finally:
            _declared, _module = None, ""
    if problems:
        raise BuildError(problems)
    return out
