"""What the edition publishes besides its pages: CSVs that a spreadsheet opens safely.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula (`=HYPERLINK(…)`
runs when the file is opened): CSV injection. As OWASP advises, every CSV the
edition publishes (the web edition's datasets, the data attached to an
archival PDF) has such cells prefixed with an apostrophe, which spreadsheets
show as text; numbers (`-3.5`, `+2`) are left as they are. A CSV with no such
cell is published byte for byte.
"""
from __future__ import annotations

import csv
import io
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$")


def formula_like(cell: str) -> bool:
    """Whether a spreadsheet would read `cell` as a formula (a number with its sign is a number)."""
    return cell.startswith(FORMULA_START) and not NUMBER.match(cell)


def safe_csv(data: bytes) -> bytes:
    """`data` (UTF-8 CSV) with each formula-like cell made text for spreadsheets."""
    text = data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(formula_like(c) for row in rows for c in row):
        return data
    return "".join(",".join(_field("'" + c if formula_like(c) else c) for c in row) + "\n"
                   for row in rows).encode("utf-8")


def _field(cell: str) -> str:
    """A cell as RFC 4180 writes it (Python's csv writer leaves a lone carriage return unquoted)."""
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell
