"""A declared table (TableSpec) and its dataset -> the table's structure (dpaper.tables.model) and its notes.

The kinds of table: plain columns (rows filtered by `where`, a merged first column, lettered notes, a sign on
marked rows), a pivot, grouped rows (a list per group, nested by a subgroup, numbered items) and a timeline
matrix. Every cell's text is escaped (dpaper.tables.cells)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from dpaper.errors import BuildError
from dpaper.tables.cells import cell, cell_text, curly, fmt, settable
from dpaper.tables.declare import NOT_EMPTY, Matrix, TableSpec
from dpaper.tables.model import Cell, Head, Item, Row, Table

if TYPE_CHECKING:  # pandas is imported where tables are built, not where the workflow reads the declarations
    import pandas as pd


def note_mark(i: int) -> str:
    """The letter of a table's i-th note (0-based): a, b, c …"""
    return chr(ord("a") + i)


def build(spec: TableSpec, df: pd.DataFrame | None, lang: str | None = None) -> tuple[Table | None, list[str]]:
    """The table's structure (None for a lost table) and the texts of its lettered notes."""
    if spec.lost:
        return None, []
    if spec.pivot:
        return _pivot(spec, df, lang), []
    if spec.matrix:
        return _matrix(spec.matrix, _rows(spec, df)), []
    if spec.group:
        return _grouped(spec, _rows(spec, df), lang), []
    return _plain(spec, _rows(spec, df), lang)


def _heads(spec: TableSpec) -> list[Head]:
    return [Head(c.header, c.align == "right") for c in spec.columns]


def _rows(spec: TableSpec, df: pd.DataFrame) -> list[dict]:
    """The dataset's rows (plain values) that the spec's `where` keeps."""
    from dpaper.data.load import records
    return [r for r in records(df)
            if all(r.get(f) is not None if v is NOT_EMPTY else r.get(f) == v for f, v in spec.where)]


def _pivot(spec: TableSpec, df: pd.DataFrame, lang: str | None) -> Table:
    """One row per value of the row field (in the dataset's order), one column per value of the column field
    (sorted); a cell the data lacks is missing."""
    import pandas as pd

    from dpaper.data.load import plain
    row_f, col_f, val_f = spec.pivot
    wide = df.pivot(index=row_f, columns=col_f, values=val_f).reindex(pd.unique(df[row_f])).sort_index(axis=1)
    head = [Head(spec.pivot_header)] + [Head(settable(str(plain(c)), col_f), True) for c in wide.columns]
    rows = [Row([Cell(settable(str(plain(r)), row_f), heading=True)]
                + [Cell(fmt(plain(v), spec.fmt, lang=lang), num=True) for v in cells])
            for r, cells in zip(wide.index, wide.itertuples(index=False, name=None))]
    return Table(head, rows, "compact")


def _plain(spec: TableSpec, rows: list[dict], lang: str | None) -> tuple[Table, list[str]]:
    """One row per row of the data; the first column's cells are the rows' headings."""
    notes: list[str] = []
    out = []
    firsts = [cell_text(r, spec.columns[0], lang) for r in rows]
    for k, r in enumerate(rows):
        note = sign = ""
        if spec.note_field and r.get(spec.note_field):
            notes.append(curly(settable(str(r[spec.note_field]), spec.note_field)))
            note = note_mark(len(notes) - 1)
        marked = spec.mark is not None and r.get(spec.mark[0]) == spec.mark[1]
        if marked:
            sign = spec.mark[2]
        cells = []
        for i, c in enumerate(spec.columns):
            made = Cell(cell(cell_text(r, c, lang), c.header), heading=i == 0, num=c.align == "right")
            if i == 0:
                made.note, made.sign = note, sign
                if spec.merge:
                    if k and firsts[k - 1] == firsts[k]:
                        continue
                    made.rowspan = next((j for j in range(k + 1, len(rows)) if firsts[j] != firsts[k]),
                                        len(rows)) - k
            cells.append(made)
        out.append(Row(cells, marked))
    return Table(_heads(spec), out, "merged" if spec.merge else ""), notes


def _matrix(m: Matrix, rows: list[dict]) -> Table:
    """A timeline matrix. Every row must fall on a track and a year of the matrix."""
    years = range(m.span[0], m.span[1] + 1)
    known = dict(m.tracks)
    problems = [f"{m.track} {r[m.track]!r}, {m.year} {r[m.year]}: expected a {m.track} of "
                f"{', '.join(known)} and a {m.year} from {m.span[0]} to {m.span[1]}"
                for r in rows if r[m.track] not in known or r[m.year] not in years]
    if problems:
        raise BuildError([f"timeline matrix: {p}" for p in problems])
    lines = dict(m.years)
    head = [Head(m.year_header)] + [Head(h) for _, h in m.tracks]
    out = []
    for y in years:
        cells = [Cell(lines=[settable(t, m.year) for t in lines.get(y, (str(y),))], heading=True)]
        for track, _ in m.tracks:
            entries = []
            for r in rows:
                if r[m.track] == track and r[m.year] == y:
                    letters = r.get(m.letters) if m.letters else None
                    mark = f"({', '.join(letters)})\u00a0" if letters else ""
                    entries.append(cell(mark + str(r[m.value]), m.value))
            cells.append(Cell(lines=entries))
        out.append(Row(cells))
    return Table(head, out, "matrix")


def _grouped(spec: TableSpec, rows: list[dict], lang: str | None) -> Table:
    field, pairs = spec.group
    groups = pairs or tuple((v, str(v)) for v in dict.fromkeys(r[field] for r in rows))
    return Table(_heads(spec), [_group_row(spec, value, header, [r for r in rows if r[field] == value], lang)
                                for value, header in groups])


def _group_row(spec: TableSpec, value: str, header: str, rows: list[dict], lang: str | None) -> Row:
    """One row of a grouped table: the group's header, then its items (text, or a list)."""
    if not rows:
        raise BuildError(f"table of {spec.dataset}: no row has {spec.group[0]} {value!r}")
    c = spec.columns[1]
    items = [cell(cell_text(r, c, lang), c.header) for r in rows]
    heading = Cell(header, heading=True)
    if spec.subgroup:        # items under the same subgroup nest in one item named after it, in first-seen order
        nested: dict = {}
        for r, item in zip(rows, items):
            nested.setdefault(r[spec.subgroup] or id(r), (r[spec.subgroup], []))[1].append(item)
        return Row([heading, Cell(items=[Item(head, sub) if head else Item(sub[0])
                                         for head, sub in nested.values()])])
    if spec.item_number:       # "01 …" lines: WeasyPrint 70 ignores <ol start> and <li value>
        body = Cell(lines=[Markup("{:02d}\u2002{}").format(int(r[spec.item_number]), i)
                           for r, i in zip(rows, items)])
    elif len(items) == 1:
        body = Cell(items[0])
    else:
        body = Cell(items=[Item(i) for i in items], ordered=value in spec.numbered)
    return Row([heading, body])


def shown_digest(spec: TableSpec, df: pd.DataFrame) -> str:
    """A short SHA-256 of the rows the table shows (the dataset's rows its `where` keeps, every field, as
    JSON records): the web edition prints it under the table, so a reader can tell two tables' data apart."""
    import hashlib
    import json
    text = json.dumps(_rows(spec, df), default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
