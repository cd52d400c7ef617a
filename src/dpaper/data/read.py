"""Raw tables as editors keep them (CSV or Excel) -> rows of text.

A dataset's raw table is `<raw dir>/<dataset>.csv` or `<dataset>.xlsx`
(first sheet; percent-formatted cells become percentages): both give the same
clean data, and both at once is an error.
"""
from __future__ import annotations

import csv
import io
import re
import warnings
from pathlib import Path

from dpaper import limits
from dpaper.data.messages import found, quoted
from dpaper.data.normalise import Problem, squeeze
from dpaper.errors import BuildError, where

RAW_SUFFIXES = (".csv", ".xlsx")
LINE_END = re.compile(r"\r\n|\r|\n")   # how io and csv end lines
Row = tuple[int, list[str]]            # (the line of the file or row of the sheet, its cells)


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


def read_raw(path: Path) -> tuple[list[Row], list[Problem]]:
    """Rows of a raw table as text, each with its line (CSV: any BOM, any line ends) or sheet row
    (Excel); and the problems of the file's shape found on the way (see `read_csv`)."""
    size = path.stat().st_size
    if size > limits.TABLE_BYTES:   # not read at all
        raise BuildError(f"{where(path)}: expected a raw table of at most {limits.TABLE_BYTES:,} bytes, "
                         f"found {size:,}")
    if path.suffix == ".xlsx":
        rows, problems = read_xlsx(path)
        return check_size(path, rows, capped=True), problems
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = len(re.findall(rb"\r\n|\r|\n", data[: exc.start])) + 1   # lines end as LINE_END says
        raise BuildError(
            f"{where(path, line)}: expected UTF-8 text, found the byte 0x{data[exc.start]:02x}"
            " (save the file as 'CSV UTF-8')"
        ) from None
    rows, problems = read_csv(path, text)
    check_size(path, rows)
    if not problems and not any(any(c.strip() for c in r) for _, r in rows):
        raise BuildError(f"{where(path)}: expected a header row and data, found an empty file")
    return rows, problems


def check_size(path: Path, rows: list[Row], capped: bool = False) -> list[Row]:
    """`rows`, if there are at most `limits.TABLE_ROWS` data rows of at most `limits.TABLE_COLUMNS` cells.
    `capped`: the rows were read only up to one beyond each limit (a workbook, whatever its sheet declares),
    so a count past a limit is said as "more than"."""
    more = "more than " if capped else ""
    if len(rows) - 1 > limits.TABLE_ROWS:
        count = f"{more}{limits.TABLE_ROWS:,}" if capped else f"{len(rows) - 1:,}"
        raise BuildError(f"{where(path)}: expected at most {limits.TABLE_ROWS:,} data rows, found {count}")
    if (width := max((len(r) for _, r in rows), default=0)) > limits.TABLE_COLUMNS:
        line = next(n for n, r in rows if len(r) == width)
        count = f"{more}{limits.TABLE_COLUMNS}" if capped else f"{width:,}"
        raise BuildError(f"{where(path, line)}: expected at most {limits.TABLE_COLUMNS} cells a row, found {count}")
    return rows


def read_csv(path: Path, text: str) -> tuple[list[Row], list[Problem]]:
    """The rows of CSV text, one a line: a row's number is the line it is on.

    CSV lets a quoted cell run over line breaks, but editors never mean one: a quote left
    open swallows every line up to the next quote, and the table loses those rows without a
    word. So a cell that runs over a line break, a quote never closed and text after a
    closing quote are problems, at the row where the cell starts; lines a run-on cell took
    are not rows. Python's csv limit on a cell's length is lifted while reading: how long a
    cell may be is a rule of the data (`limits.CELL_MAX`), said with its row and column.
    """
    lines = list(io.StringIO(text, newline=""))            # the file's lines: \n, \r\n or \r ends each
    rows: list[Row] = []
    problems: list[Problem] = []
    header: list[str] = []
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        reader = csv.reader(lines)
        end = 0
        for cells in reader:
            start, end = end + 1, reader.line_num
            if start == 1:
                header = [squeeze(c) for c in cells]
            trouble = quote_trouble(LINE_END.sub("", lines[start - 1]))
            if end > start or trouble:
                problems.append(_quote_problem(path, start, end, header, cells, trouble))
                continue
            rows.append((start, cells))
    finally:
        csv.field_size_limit(limit)
    if end != len(lines):   # cannot happen while every row above is one line: guarded all the same
        raise BuildError(f"{where(path, end + 1)}: expected one row a line, found {len(lines)} lines "
                         f"but rows up to line {end}")
    return rows, problems


def quote_trouble(line: str) -> tuple[int, str, str] | None:
    """Where the quoting of one line goes wrong, read as the csv module reads CSV: (index of the
    cell, "open", "") for a quote not closed on the line; (index, "after", the cell as typed) for
    text after a closing quote; None if the line is well quoted. A quote opens a quoted cell only
    as its first character; `""` inside a quoted cell is one quote."""
    col, i, n = 0, 0, len(line)
    while True:
        if line.startswith('"', i):
            j = i + 1
            while (k := line.find('"', j)) >= 0 and line.startswith('"', k + 1):
                j = k + 2
            if k < 0:
                return col, "open", ""
            if k + 1 < n and line[k + 1] != ",":
                comma = line.find(",", k + 1)
                return col, "after", line[i: comma if comma >= 0 else n]
            if k + 1 >= n:
                return None
            i = k + 2
        else:
            k = line.find(",", i)
            if k < 0:
                return None
            i = k + 1
        col += 1


def _quote_problem(path, start, end, header, cells, trouble) -> Problem:
    """The problem of a row whose quoting goes wrong at line `start` (csv read it up to line `end`)."""
    if trouble:
        col = trouble[0]
    else:   # csv and quote_trouble disagree on where the cell is: the first cell with a line break
        col = next((i for i, c in enumerate(cells) if "\n" in c or "\r" in c), 0)
    name = (header[col] or "(blank)") if start > 1 and col < len(header) else None
    at = where(path, start, name)
    if trouble and trouble[1] == "after":
        return (start, col, f"{at}: expected a comma after the closing quote of a cell, found "
                            f"{quoted(trouble[2])} (inside a quoted cell, write a quote as \"\")")
    if end > start:
        return (start, col, f"{at}: expected a cell on one line, found a quote that runs on to row {end} "
                            "(a missing closing quote?)")
    return (start, col, f"{at}: expected a closing quote, found none before the end of the file")


def read_xlsx(path: Path) -> tuple[list[Row], list[Problem]]:
    """The first sheet's rows, streamed (read-only), once its size is known to be within the limits:
    the workbook's parts uncompressed, and the sheet's declared dimension (rows and columns)."""
    import zipfile

    from openpyxl import load_workbook
    try:
        with zipfile.ZipFile(path) as zf:
            unzipped = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise BuildError(f"{where(path)}: expected an Excel workbook, found a file it cannot read ({exc})") from None
    if unzipped > limits.XLSX_UNZIPPED:
        raise BuildError(f"{where(path)}: expected a workbook of at most {limits.XLSX_UNZIPPED:,} bytes "
                         f"uncompressed, found {unzipped:,}")
    books = []
    try:
        try:
            books = [load_workbook(path, read_only=True, data_only=True),
                     load_workbook(path, read_only=True)]     # the formulas, for a cell that holds no value
            ws, formulas = (b.worksheets[0] for b in books)
            declared = (ws.max_row or 0, ws.max_column or 0)   # the sheet's dimension, as the file declares it
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise BuildError(f"{where(path)}: expected an Excel workbook, "
                             f"found a file it cannot read ({exc})") from None
        if declared[0] > limits.TABLE_ROWS + 1 or declared[1] > limits.TABLE_COLUMNS:
            raise BuildError(f"{where(path)}: expected a sheet of at most {limits.TABLE_ROWS + 1:,} rows and "
                             f"{limits.TABLE_COLUMNS} columns, found one that declares {declared[0]:,} rows and "
                             f"{declared[1]:,} columns (delete the empty rows and columns after the table)")
        for sheet in (ws, formulas):      # the cells as they are, not as the sheet declares them (it may understate)
            sheet.reset_dimensions()
        with warnings.catch_warnings():   # openpyxl warns of a date it cannot read: said below, at its cell
            warnings.simplefilter("ignore", UserWarning)
            return _xlsx_rows(path, ws, formulas)
    finally:
        for book in books:
            book.close()


def _xlsx_rows(path: Path, ws, formulas) -> tuple[list[Row], list[Problem]]:
    """The sheet's rows as text (sheet rows from 1 on, never beyond the limits, even where the sheet
    understates its dimension), and the problems of its
    cells; `formulas`, the same sheet read for its formulas, tells an empty cell from a formula whose
    result the file does not hold (a workbook written by a program, never opened in Excel)."""
    from openpyxl.utils import get_column_letter
    rows, problems = [], []
    bounds = {"min_row": 1, "max_row": limits.TABLE_ROWS + 2}   # each row as far as its cells go, whatever the
    for n, (row, row_formulas) in enumerate(zip(ws.iter_rows(**bounds), formulas.iter_rows(**bounds)), start=1):
        if len(row) > limits.TABLE_COLUMNS:                     # sheet declares: stopped at the first one too wide
            raise BuildError(f"{where(path, n)}: expected at most {limits.TABLE_COLUMNS} cells a row, found a cell "
                             f"in column {get_column_letter(len(row))} (delete the cells and columns after the table)")
        texts = []
        for col, (cell, formula) in enumerate(zip(row, row_formulas)):
            try:
                if cell.value is None and isinstance(formula.value, str) and formula.value.startswith("="):
                    raise ValueError(f"expected a value, found the formula {found(formula.value)} with no saved "
                                     "result (open the workbook in Excel and save it)")
                texts.append(_xlsx_text(cell))
            except ValueError as exc:
                name = rows[0][col] if rows and col < len(rows[0]) else None
                problems.append((n, col, f"{where(path, n, name or None)}: {exc}"))
                texts.append("")
        rows.append(texts)
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise BuildError(f"{where(path)}: expected a header row and data, found an empty sheet")
    width = max(i + 1 for r in rows for i, c in enumerate(r) if c) if any(any(r) for r in rows) else 0
    return [(n, r[:width]) for n, r in enumerate(rows, start=1)], problems


def _xlsx_text(cell) -> str:
    """A cell's text as the editor sees it; ValueError for what a cell cannot stand for: an error value
    (`#DIV/0!`, or a date Excel cannot hold), a date at a precision its format hides."""
    v = cell.value
    if v is None:
        return ""
    if cell.data_type == "e":
        raise ValueError(f"expected a value, found the Excel error {found(str(v))} (fix the cell's formula or value)")
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (int, float)):
        if "%" in (cell.number_format or ""):
            v = round(v * 100, 10)
        return f"{v:.10g}" if isinstance(v, float) else str(v)
    if hasattr(v, "isoformat"):
        return _xlsx_date(v, cell.number_format or "")
    return str(v)


EXCEL_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')   # quoted text, [colours, locales], escaped characters


def _xlsx_date(v, number_format: str) -> str:
    """A date cell at the precision its format shows, as the editor sees it: `mmm yyyy` is a month
    (2015-12), `yyyy` a year, a format with the day a date (2015-12-16). Excel stores a month typed
    as `Dec 2015` as its first day; reading the day would claim a precision nobody gave. A format that
    hides the year (`d-mmm`), or a time of day, is refused (ValueError) with how to enter the date."""
    shown = EXCEL_LITERALS.sub("", number_format).lower()
    how = "format the cell as yyyy-mm-dd, mmm yyyy or yyyy, or type the date as text (2015-12-16, Dec 2015, 2015)"
    if not hasattr(v, "year"):    # a time of day alone
        raise ValueError(f"expected a date, found a time of day cell formatted {number_format!r} ({how})")
    if "h" in shown or ":" in shown:    # a time of day: only midnight beside a date is no time at all
        if (getattr(v, "hour", 0), getattr(v, "minute", 0), getattr(v, "second", 0)) != (0, 0, 0) or "y" not in shown:
            raise ValueError(f"expected a date, found a date and time cell formatted {number_format!r} ({how})")
    if "y" not in shown:
        raise ValueError(f"expected a date that shows its year, found a date cell formatted {number_format!r} ({how})")
    day = v.date() if hasattr(v, "date") else v
    if "d" in shown:
        return day.isoformat()
    if "m" in shown:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"
