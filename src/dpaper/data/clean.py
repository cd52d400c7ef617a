"""Clean one raw table: normalise what editors type, validate, write tidy CSV.

Each dataset has a Frictionless Table Schema (schemas/datasets/<name>.yaml),
with a few project keys on fields (see docs/data.md):

- `unit: percent` accepts `6.2%`; numbers accept `1,234` and `1 234`;
- `kind: period` accepts `2001–2004`, `2001-2004`, `2013–`, `2012`, and adds
  `<name>_start` and `<name>_end` to the clean data;
- `kind: partial-date` accepts `2015`, `2015-12`, `2015.12`, `Dec 2015`,
  `December 2015`, `2015-12-16`, and adds `<name>_year`;
- `kind: list` holds `a; b; c`;
- a `maximum: edition-year` constraint is the edition's year.

Everywhere: byte-order marks, CRLF, non-breaking and repeated spaces are
normalised, en and em dashes and `Unknown` / `-` / empty are missing values
(the schema's `missingValues`), markup (`<b>`, `**`) is refused. Foreign keys
(`foreignKeys`) are checked against other datasets' clean data or the
bibliography. Columns are matched by name, in any order. Raw tables may be
CSV or Excel (.xlsx). All problems of a file are reported together, one line
each: file, row, column, what was expected, what was found.
"""
from __future__ import annotations

import csv
import io
import json
import re
from calendar import month_abbr, month_name
from pathlib import Path

import yaml

from dpaper.errors import BuildError, where

SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-"})
THOUSANDS = re.compile(r"(?<=\d)[, ](?=\d{3}(?!\d))")
MARKUP = re.compile(r"</?[A-Za-z][^>]*>|\*\*|__")
DEFAULT_MISSING = ["", "-", "Unknown", "unknown", "n/a", "N/A"]
TRUE = ["yes", "Yes", "YES", "true", "True", "TRUE", "x", "X", "1"]
FALSE = ["no", "No", "NO", "false", "False", "FALSE", "0"]
KINDS = {"integer": "a whole number", "number": "a number", "year": "a year", "yearmonth": "a year-month",
         "string": "text", "date": "a date (YYYY-MM-DD)", "boolean": "yes or no"}
MONTHS = ({m.lower(): i for i, m in enumerate(month_name) if m}
          | {m.lower(): i for i, m in enumerate(month_abbr) if m} | {"sept": 9})
PERIOD = re.compile(r"^(\d{4})(?:\s*-\s*(\d{4})?)?$")
YM = re.compile(r"^(\d{4})(?:[-./](\d{1,2})(?:[-./](\d{1,2}))?)?$")
MY = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]+)\.?,?\s+(\d{4})$")


def load_schema(path: str | Path) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            descriptor = yaml.safe_load(fh)
    except FileNotFoundError:
        raise BuildError(f"{where(path)}: expected a schema file, found none") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise BuildError(f"{where(path, mark.line + 1 if mark else None)}: expected valid YAML, "
                         f"found an error ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("fields"), list):
        raise BuildError(f"{where(path)}: expected a Table Schema with a list of fields")
    descriptor.setdefault("missingValues", DEFAULT_MISSING)
    return descriptor


def primary_key(descriptor: dict) -> list[str]:
    pk = descriptor.get("primaryKey", [])
    return [pk] if isinstance(pk, str) else list(pk)


def clean_fields(descriptor: dict) -> list[dict]:
    """The columns of the clean CSV: the schema's fields plus those derived from periods and dates."""
    out = []
    for f in descriptor["fields"]:
        out.append(f)
        if f.get("kind") == "period":
            out += [{"name": f"{f['name']}_start", "type": "integer", "derived": f["name"]},
                    {"name": f"{f['name']}_end", "type": "integer", "derived": f["name"]}]
        elif f.get("kind") == "partial-date":
            out.append({"name": f"{f['name']}_year", "type": "integer", "derived": f["name"]})
    return out


# -- reading ------------------------------------------------------------------
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


# -- normalising one cell -------------------------------------------------------
def normalise_cell(value: str, field: dict, edition_year: int | None = None) -> tuple[str, str | None]:
    """(normalised text, problem or None) for one raw cell."""
    value = SPACES.sub(" ", value).strip()
    if value in ("\u2013", "\u2014"):
        return "-", None
    kind, ftype = field.get("kind"), field.get("type", "string")
    if ftype in ("number", "integer", "year"):
        value = THOUSANDS.sub("", value.translate(DASHES))
        if field.get("unit") == "percent" and value.endswith("%"):
            value = value[:-1].rstrip()
        return value, None
    if ftype == "boolean":
        return ("no" if value == "" else value), None
    if ftype == "string" and MARKUP.search(value):
        return value, f"expected plain text, found markup {MARKUP.search(value).group(0)!r}"
    if value in DEFAULT_MISSING or not kind:
        return value, None
    if kind == "period":
        return _period(value, edition_year)
    if kind == "partial-date":
        return _partial_date(value, edition_year)
    if kind == "list":
        return "; ".join(p.strip() for p in value.split(";") if p.strip()), None
    return value, None


def _year_ok(year: int, edition_year: int | None) -> bool:
    return 1900 <= year <= (edition_year or 2100)


def _period(value: str, edition_year):
    m = PERIOD.match(value.translate(DASHES))
    expected = "expected a period such as 2001–2004, 2013– or 2012"
    if not m:
        return value, f"{expected}, found {value!r}"
    start, end = int(m.group(1)), m.group(2)
    open_ended = end is None and "-" in value.translate(DASHES)
    end = int(end) if end else (None if open_ended else start)
    if not _year_ok(start, edition_year) or (end is not None and not _year_ok(end, edition_year)):
        return value, f"expected years from 1900 to {edition_year or 2100}, found {value!r}"
    if end is not None and end < start:
        return value, f"expected a period that ends after it starts, found {value!r}"
    text = f"{start}\u2013" if end is None else (str(start) if end == start else f"{start}\u2013{end}")
    return text, None


def _partial_date(value: str, edition_year):
    expected = "expected a date such as 2015, 2015-12, Dec 2015 or 2015-12-16"
    year = month = day = None
    if m := YM.match(value):
        year, month, day = int(m.group(1)), m.group(2) and int(m.group(2)), m.group(3) and int(m.group(3))
    elif (m := MY.match(value)) and m.group(2).lower() in MONTHS:
        year, month, day = int(m.group(3)), MONTHS[m.group(2).lower()], m.group(1) and int(m.group(1))
    if year is None or (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return value, f"{expected}, found {value!r}"
    if not _year_ok(year, edition_year):
        return value, f"expected a year from 1900 to {edition_year or 2100}, found {value!r}"
    text = f"{year}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    return text, None


# -- messages -------------------------------------------------------------------
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


def did_you_mean(value: str, allowed) -> str:
    from difflib import get_close_matches
    close = get_close_matches(value, [str(a) for a in allowed], n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


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


def resolve_constraints(descriptor: dict, edition_year: int | None) -> list[dict]:
    """Schema fields as Frictionless wants them: `edition-year` made a number, our keys kept aside."""
    fields = []
    for f in descriptor["fields"]:
        f = dict(f)
        c = dict(f.get("constraints", {}))
        for k, v in c.items():
            if v == "edition-year":
                c[k] = edition_year or 2100
        f["constraints"] = c
        if f.get("type") == "boolean":
            f.setdefault("trueValues", TRUE)
            f.setdefault("falseValues", FALSE)
        fields.append(f)
    return fields


def referenced_resources(schema_path: str | Path) -> list[str]:
    """Datasets (or `bibliography`) the schema's foreign keys point into."""
    return list(dict.fromkeys(r for _, r, _ in foreign_keys(load_schema(schema_path))))


def reference_values(path: str | Path, field: str) -> set[str]:
    """The values foreign keys may take: a column of a clean dataset, or the bibliography's ids."""
    path = Path(path)
    if path.suffix in (".yaml", ".yml"):
        return {str(item["id"]) for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []}
    with open(path, encoding="utf-8", newline="") as fh:
        return {row[field] for row in csv.DictReader(fh)}


def resolve_references(schema_path: str | Path, locate) -> dict[str, set[str]]:
    """Allowed values of every foreign key of a schema; `locate(resource)` gives the file to read."""
    return {res: reference_values(locate(res), field) for _, res, field in foreign_keys(load_schema(schema_path))}


def foreign_keys(descriptor: dict) -> list[tuple[str, str, str]]:
    """(field, resource, referenced field) for each single-column foreign key."""
    out = []
    for fk in descriptor.get("foreignKeys", []):
        fields, ref = fk["fields"], fk["reference"]
        ref_fields = ref["fields"]
        fields = fields if isinstance(fields, str) else fields[0]
        ref_fields = ref_fields if isinstance(ref_fields, str) else ref_fields[0]
        out.append((fields, ref["resource"], ref_fields))
    return out


# -- the whole table ----------------------------------------------------------------
def clean(raw: str | Path, schema_path: str | Path, out: str | Path,
          references: dict[str, set] | None = None, edition_year: int | None = None) -> dict:
    """Validate and clean `raw` against its schema; write tidy CSV to `out`.

    `references` maps each resource named in the schema's foreignKeys to its
    allowed values (None: foreign keys are not checked, for unit tests).
    Returns a report (rows, checks). Raises BuildError listing every problem,
    sorted by row and column.
    """
    from frictionless import Resource, Schema  # imported lazily: 0.3 s

    raw, out = Path(raw), Path(out)
    descriptor = load_schema(schema_path)
    fields = {f["name"]: f for f in descriptor["fields"]}
    names = list(fields)
    header, numbered = read_rows(raw, names)
    lines = [n for n, _ in numbered]
    body, problems = normalise_rows(raw, numbered, header, fields, edition_year)
    schema = Schema.from_descriptor({"fields": resolve_constraints(descriptor, edition_year),
                                     "primaryKey": primary_key(descriptor),
                                     "missingValues": descriptor["missingValues"]})
    resource = Resource(data=[names] + body, schema=schema)
    problems += schema_problems(raw, resource, schema, descriptor, body, lines, problems)
    fk_problems, fk_checks = foreign_key_problems(raw, schema_path, descriptor, body, lines, references)
    problems += fk_problems
    if problems:
        raise BuildError([p for _, _, p in sorted(problems, key=lambda p: (p[0], p[1]))])
    with resource:
        typed = [row.to_dict() for row in resource.row_stream]
    write_clean(out, descriptor, typed)
    checks = (len(body) * len(names) + (len(body) if primary_key(descriptor) else 0) + fk_checks
              + sum(len(body) * len(f.get("constraints", {})) for f in descriptor["fields"]))
    return {"dataset": Path(schema_path).stem, "raw": raw.as_posix(), "rows": len(typed),
            "columns": len(names), "checks": checks, "title": descriptor.get("title", ""),
            "provenance": descriptor.get("provenance", "")}


Problem = tuple[int, int, str]   # (row, column index, message): sorted for the report


def read_rows(raw: Path, names: list[str]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and numbered data rows, each padded to the header; header and row-length problems raise."""
    rows = read_raw(raw)
    header = [SPACES.sub(" ", c).strip() for c in rows[0]]
    numbered = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(c.strip() for c in r)]
    problems = check_header(raw, header, names) or [
        f"{where(raw, n)}: expected {len(header)} cells, found {len(r)}" for n, r in numbered
        if len(r) < len(header) or any(c.strip() for c in r[len(header):])]
    if problems:
        raise BuildError(problems)
    if not numbered:
        raise BuildError(f"{where(raw)}: expected at least one data row, found only the header")
    return header, [(n, r + [""] * (len(header) - len(r))) for n, r in numbered]


def normalise_rows(raw, numbered, header, fields, edition_year) -> tuple[list[list[str]], list[Problem]]:
    """Cells in schema order, normalised; the problems normalising found."""
    names = list(fields)
    index = [header.index(n) for n in names]
    body, problems = [], []
    for n, row in numbered:
        cells = []
        for col, (i, name) in enumerate(zip(index, names)):
            text, problem = normalise_cell(row[i], fields[name], edition_year)
            if problem:
                problems.append((n, col, f"{where(raw, n, name)}: {problem}"))
            cells.append(text)
        body.append(cells)
    return body, problems


def schema_problems(raw, resource, schema, descriptor, body, lines, already: list[Problem]) -> list[Problem]:
    """Frictionless's findings (types, constraints, primary key), worded for editors."""
    fields = {f["name"]: f for f in descriptor["fields"]}
    names, pk = list(fields), primary_key(descriptor)
    out = []
    for error in resource.validate(limit_errors=10_000).tasks[0].errors:
        line = lines[error.row_number - 2] if getattr(error, "row_number", None) else None
        col = names.index(error.field_name) if getattr(error, "field_name", None) in names else len(names)
        if any(p[0] == line and p[1] == col for p in already):
            continue  # the cell's own problem is already said
        if error.type in ("type-error", "constraint-error"):
            field = dict(fields[error.field_name])
            field["constraints"] = schema.get_field(error.field_name).constraints
            hint = did_you_mean(str(error.cell), field["constraints"]["enum"]) if '"enum"' in error.note else ""
            msg = (f"{where(raw, line, error.field_name)}: {expected(field, error.note, error.type)}, "
                   f"found {found(error.cell)}{hint}")
        elif error.type == "primary-key":
            first = int(error.note.rsplit(" ", 1)[-1])
            key = "/".join(pk)
            value = ", ".join(str(body[error.row_number - 2][names.index(k)]) for k in pk)
            msg = (f"{where(raw, line, key)}: expected a unique {key}, "
                   f"found {value!r} again (first at row {lines[first - 2]})")
        else:
            msg = f"{where(raw, line)}: {error.message}"
        out.append((line or 0, col, msg))
    return out


def foreign_key_problems(raw, schema_path, descriptor, body, lines, references) -> tuple[list[Problem], int]:
    """Values that are not among those their foreign key allows; and how many values were checked."""
    if references is None:
        return [], 0
    fields = {f["name"]: f for f in descriptor["fields"]}
    names, missing = list(fields), set(descriptor["missingValues"])
    out, checks = [], 0
    for field, resource_name, ref_field in foreign_keys(descriptor):
        allowed = references.get(resource_name)
        if allowed is None:
            raise BuildError(f"{where(schema_path)}: foreign key {field} -> {resource_name}.{ref_field}: "
                             f"the build gave no data for {resource_name}")
        col = names.index(field)
        what = ("a key of the bibliography" if resource_name == "bibliography"
                else f"a {ref_field} listed in {resource_name}")
        for cells, n in zip(body, lines):
            text = cells[col]
            values = [] if text in missing else (text.split("; ") if fields[field].get("kind") == "list" else [text])
            for v in values:
                checks += 1
                if v not in allowed:
                    hint = did_you_mean(v, allowed)
                    out.append((n, col, f"{where(raw, n, field)}: expected {what}, found {v!r}{hint}"))
    return out, checks


def write_clean(out: Path, descriptor: dict, typed: list[dict]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    columns = clean_fields(descriptor)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([c["name"] for c in columns])
        for row in typed:
            writer.writerow([_text(_derive(row, c)) for c in columns])


def _derive(row: dict, col: dict):
    if "derived" not in col:
        return row[col["name"]]
    src = row[col["derived"]]
    if src is None:
        return None
    if col["name"].endswith("_year"):
        return int(str(src)[:4])
    start, _, end = str(src).partition("\u2013")
    if col["name"].endswith("_start"):
        return int(start)
    return int(end) if end else (None if str(src).endswith("\u2013") else int(start))


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def write_report(report: dict, path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
