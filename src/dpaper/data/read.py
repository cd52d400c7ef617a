"""Raw tables as editors keep them (CSV or Excel) -> rows of text.

A dataset's raw table is `<raw dir>/<dataset>.csv` or `<dataset>.xlsx`
(first sheet; percent-formatted cells become percentages): both give the same
clean data, and both at once is an error.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from dpaper.errors import BuildError, where

RAW_SUFFIXES = (".csv", ".xlsx")


def raw_table_paths(raw_dir: str | Path, dataset: str) -> list[Path]:
    """The raw table(s) of `dataset` in `raw_dir`: those of `<dataset>.csv` and `<dataset>.xlsx` that
    exist; if neither does, `[<dataset>.csv]`, the file expected (so that a missing table is named).
    More than one is an error that `one_raw_table` reports."""
    candidates = [Path(raw_dir) / f"{dataset}{suffix}" for suffix in RAW_SUFFIXES]
    return [p for p in candidates if p.exists()] or candidates[:1]


def one_raw_table(paths: list[str | Path]) -> Path:
    """The one raw table of a dataset, from `raw_table_paths`; none or both is a BuildError."""
    paths = [Path(p) for p in paths]
    if len(paths) > 1:
        raise BuildError(f"{paths[0]}: expected one raw table per dataset, found both "
                         f"{' and '.join(map(str, paths))} (keep one)")
    if not paths or not paths[0].exists():
        raise BuildError(f"{paths[0] if paths else 'the raw table'}: expected the raw table, found none")
    return paths[0]


def read_raw(path: Path) -> list[list[str]]:
    """Rows of a raw table as text, from CSV (any BOM, any line ends) or Excel."""
    if path.suffix == ".xlsx":
        return read_xlsx(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BuildError(
            f"{where(path, line)}: expected UTF-8 text, found the byte 0x{data[exc.start]:02x}"
            " (save the file as 'CSV UTF-8')"
        ) from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(any(c.strip() for c in r) for r in rows):
        raise BuildError(f"{where(path)}: expected a header row and data, found an empty file")
    return rows


def read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook
    try:
        ws = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise BuildError(f"{where(path)}: expected an Excel workbook, found a file it cannot read ({exc})") from None
    rows = [[_xlsx_text(c) for c in row] for row in ws.iter_rows()]
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise BuildError(f"{where(path)}: expected a header row and data, found an empty sheet")
    width = max(i + 1 for r in rows for i, c in enumerate(r) if c) if any(any(r) for r in rows) else 0
    return [r[:width] for r in rows]


def _xlsx_text(cell) -> str:
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (int, float)):
        if "%" in (cell.number_format or ""):
            v = round(v * 100, 10)
        return f"{v:.10g}" if isinstance(v, float) else str(v)
    if hasattr(v, "isoformat"):
        return v.date().isoformat() if hasattr(v, "date") else v.isoformat()
    return str(v)
