"""Clean one raw table: normalise what editors type, validate, write tidy CSV.

Each dataset has a Frictionless Table Schema (schemas/datasets/<name>.yaml).
Editors' forms are normalised cell by cell before validation, so the row and
column of every problem are those of the raw file:

- byte-order marks, CRLF line ends, non-breaking and repeated spaces;
- `6.2%` in percent fields, `1,234` and `1 234` in number fields;
- en and em dashes, and `Unknown` / `-` / empty as missing values (the
  schema's `missingValues`).

Columns are matched by name, in any order. All problems of a file are
reported together, one line each: file, row, column, expected, found.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import yaml

from dpaper.errors import BuildError, where

SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-"})
THOUSANDS = re.compile(r"(?<=\d)[, ](?=\d{3}(?!\d))")
DEFAULT_MISSING = ["", "-", "Unknown", "unknown", "n/a", "N/A"]
KINDS = {"integer": "a whole number", "number": "a number", "year": "a year",
         "string": "text", "date": "a date (YYYY-MM-DD)", "boolean": "true or false"}


def load_schema(path: str | Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        descriptor = yaml.safe_load(fh)
    descriptor.setdefault("missingValues", DEFAULT_MISSING)
    return descriptor


def primary_key(descriptor: dict) -> list[str]:
    pk = descriptor.get("primaryKey", [])
    return [pk] if isinstance(pk, str) else list(pk)


def read_raw(path: Path) -> list[list[str]]:
    """Rows of a raw CSV as text, whatever BOM and line ends the editor saved."""
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


def normalise_cell(value: str, field: dict) -> str:
    value = SPACES.sub(" ", value).strip()
    if value in ("\u2013", "\u2014"):
        return "-"
    if field.get("type") in ("number", "integer", "year"):
        value = THOUSANDS.sub("", value.translate(DASHES))
        if field.get("unit") == "percent" and value.endswith("%"):
            value = value[:-1].rstrip()
    return value


def expected(field: dict, note: str, error_type: str) -> str:
    kind = KINDS.get(field.get("type", "string"), "a value")
    if error_type == "type-error":
        return f"expected {kind}"
    c = field.get("constraints", {})
    unit = "%" if field.get("unit") == "percent" else ""
    if '"required"' in note:
        return "expected a value"
    if '"enum"' in note:
        return "expected one of " + ", ".join(str(v) for v in c["enum"])
    if '"minimum"' in note or '"maximum"' in note:
        lo, hi = c.get("minimum"), c.get("maximum")
        if lo is not None and hi is not None:
            return f"expected {kind} from {lo}{unit} to {hi}{unit}"
        return f"expected {kind} of at least {lo}{unit}" if lo is not None else f"expected {kind} of at most {hi}{unit}"
    if '"pattern"' in note:
        return f"expected text matching {c['pattern']}"
    if '"maxLength"' in note:
        return f"expected at most {c['maxLength']} characters"
    return f"expected {note}"


def found(cell) -> str:
    return "an empty cell" if cell in ("", None) else repr(cell)


def check_header(path: Path, header: list[str], names: list[str]) -> list[str]:
    problems = []
    for name in names:
        if name not in header:
            problems.append(f"{where(path, 1, name)}: expected a column named {name!r}, found none "
                            f"(columns are: {', '.join(header)})")
    seen = set()
    for name in header:
        if name not in names:
            problems.append(f"{where(path, 1, name or '(blank)')}: expected only the columns "
                            f"{', '.join(names)}, found an extra column {name!r}")
        elif name in seen:
            problems.append(f"{where(path, 1, name)}: expected each column once, found {name!r} twice")
        seen.add(name)
    return problems


def check_cells(path: Path, header: list[str], rows: list[list[str]]) -> list[str]:
    return [f"{where(path, n)}: expected {len(header)} cells, found {len(row)}"
            for n, row in rows if len(row) != len(header)]


def clean(raw: str | Path, schema_path: str | Path, out: str | Path) -> int:
    """Validate and clean `raw` against its schema; write tidy CSV to `out`.

    Returns the number of data rows. Raises BuildError listing every problem.
    """
    from frictionless import Resource, Schema  # imported lazily: 0.3 s

    raw, out = Path(raw), Path(out)
    descriptor = load_schema(schema_path)
    fields = {f["name"]: f for f in descriptor["fields"]}
    names = list(fields)
    rows = read_raw(raw)
    header = [SPACES.sub(" ", c).strip() for c in rows[0]]
    numbered = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(c.strip() for c in r)]
    problems = check_header(raw, header, names) or check_cells(raw, header, numbered)
    if problems:
        raise BuildError(problems)
    if not numbered:
        raise BuildError(f"{where(raw)}: expected at least one data row, found only the header")
    index = [header.index(n) for n in names]
    line_of = [n for n, _ in numbered]
    body = [[normalise_cell(row[i], fields[name]) for i, name in zip(index, names)] for _, row in numbered]
    schema = Schema.from_descriptor({"fields": descriptor["fields"],
                                     "primaryKey": primary_key(descriptor),
                                     "missingValues": descriptor["missingValues"]})
    resource = Resource(data=[names] + body, schema=schema)
    report = resource.validate(limit_errors=10_000)
    for error in report.tasks[0].errors:
        line = line_of[error.row_number - 2] if getattr(error, "row_number", None) else None
        if error.type in ("type-error", "constraint-error"):
            field = fields[error.field_name]
            problems.append(f"{where(raw, line, error.field_name)}: "
                            f"{expected(field, error.note, error.type)}, found {found(error.cell)}")
        elif error.type == "primary-key":
            first = int(error.note.rsplit(" ", 1)[-1])
            key = "/".join(primary_key(descriptor))
            value = ", ".join(str(c) for c in (body[error.row_number - 2][names.index(k)]
                                               for k in primary_key(descriptor)))
            problems.append(f"{where(raw, line, key)}: expected a unique {key}, "
                            f"found {value!r} again (first at row {line_of[first - 2]})")
        else:
            problems.append(f"{where(raw, line)}: {error.message}")
    if problems:
        raise BuildError(problems)
    with resource:
        typed = [row.to_list() for row in resource.row_stream]
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(["" if v is None else str(v) for v in r] for r in typed)
    return len(typed)
