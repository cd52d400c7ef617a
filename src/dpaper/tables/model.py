"""A table as structure, which templates/table.html.j2 turns into markup: its header cells, its rows of
cells, and, in print, its "(continued)" row and the row groups that keep its first and last rows together.

The consumers (the template, the print breaks) read this structure, never the markup."""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

KEEP = 2     # print: rows of a table kept together at its start and at its end


@dataclass
class Item:
    """An entry of a list in a cell; `sub`: the entries nested under it."""
    text: Markup
    sub: list[Markup] = field(default_factory=list)


@dataclass
class Cell:
    """One cell: its `text`, or `lines` (one under the other), or `items` (a list, numbered if `ordered`).
    A row heading (`heading`) is a <th scope="row">; `mark` follows its text (a note's letter, a sign)."""
    text: Markup | str = ""
    lines: list[Markup | str] | None = None
    items: list[Item] | None = None
    ordered: bool = False
    heading: bool = False
    num: bool = False              # a number: set to the right
    rowspan: int = 1
    note: str = ""                 # the letter of the row's note
    sign: str = ""                 # the row's sign (TableSpec.mark)


@dataclass
class Head:
    text: str
    num: bool = False


@dataclass
class Row:
    cells: list[Cell]
    marked: bool = False

    @property
    def span(self) -> int:
        """The rows this one's first cell covers (a merged first cell)."""
        return self.cells[0].rowspan if self.cells else 1


@dataclass
class Table:
    head: list[Head]
    rows: list[Row]
    kind: str = ""                 # compact (a pivot) | matrix | merged: the table's class
    continued: str = ""            # print: the label of the "(continued)" row repeated on every page
    bodies: list[tuple[str, list[Row]]] | None = None   # row groups: (class, rows); None: one of every row

    def __post_init__(self):
        if self.bodies is None:
            self.bodies = [("", self.rows)]


def for_print(table: Table, label: str, keep: int = KEEP) -> Table:
    """Print: a first header row "Table N (continued)", repeated with the header on every page the table runs
    on (the caption covers it on the first; print.css); and row groups so that the table breaks across pages
    with at least `keep` rows on either side, or not at all. Its first and its last `keep` rows (whole groups of
    a merged first cell) are row groups (<tbody class="keep">) that never break (print.css), which WeasyPrint 70
    honours where it ignores `break-before: avoid` on a row. A group of a merged cell longer than 2 × `keep`
    rows is not kept whole; dpaper.layout repeats its label across a break."""
    groups, k = [], 0
    while k < len(table.rows):
        n = table.rows[k].span
        groups.append(table.rows[k:k + n])
        k += n

    def take(gs: list) -> list:
        out: list = []
        for g in gs:
            out.append(g)
            if sum(map(len, out)) >= keep:
                break
        return out if sum(map(len, out)) <= 2 * keep else []
    first, last = take(groups), take(groups[::-1])[::-1]
    if len(table.rows) <= 2 * keep or len(first) + len(last) >= len(groups):
        parts = [("keep", groups)]
    else:
        parts = [("keep", first), ("", groups[len(first):len(groups) - len(last)]), ("keep", last)]
    bodies = [(cls, [r for g in gs for r in g]) for cls, gs in parts if gs]
    return Table(table.head, table.rows, table.kind, label, bodies)
