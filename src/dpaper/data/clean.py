"""Clean one raw table: read it, normalise what editors type, validate, write tidy CSV.

The pipeline of the `clean` job, one concern a module:

- `read`: the raw table (CSV or Excel) as rows of text, each with its line;
  a quoted cell over a line break and other quoting mistakes;
- `validate.check_shape`: header and row lengths;
- `normalise`: editors' forms per cell (`6.2%`, `1,234`, `2001–2004`, `Dec 2015`, …);
- Frictionless (`schema.frictionless_schema`): types, constraints, primary key;
- `validate`: its findings and the foreign keys, worded by `messages`;
- the typed rows, with the columns `schema.clean_fields` derives, as CSV.

All problems of a file are reported together, one line each: file, row,
column, what was expected, what was found. docs/data.md has the conventions
for editors.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from dpaper.data.normalise import normalise_rows
from dpaper.data.read import read_raw
from dpaper.data.schema import (
    clean_fields,
    derived_value,
    frictionless_schema,
    load_schema,
    primary_key,
    referenced_resources,
    resolve_references,
)
from dpaper.data.validate import check_shape, foreign_key_problems, schema_problems, summarise
from dpaper.errors import BuildError

__all__ = ["clean", "referenced_resources", "resolve_references", "write_report"]


def clean(raw: str | Path, schema_path: str | Path, out: str | Path,
          references: dict[str, set] | None = None, edition_year: int | None = None) -> dict:
    """Validate and clean `raw` against its schema; write tidy CSV to `out`.

    `references` maps each resource named in the schema's foreignKeys to its
    allowed values (None: foreign keys are not checked, for unit tests).
    Returns a report (rows, checks). Raises BuildError listing every problem,
    sorted by row and column.
    """
    from frictionless import Resource  # imported lazily: 0.3 s

    raw, out = Path(raw), Path(out)
    descriptor = load_schema(schema_path)
    fields = {f["name"]: f for f in descriptor["fields"]}
    names = list(fields)
    rows, quoting = read_raw(raw)
    header, numbered = check_shape(raw, rows, names, quoting)
    lines = [n for n, _ in numbered]
    body, problems = normalise_rows(raw, numbered, header, fields, edition_year)
    schema = frictionless_schema(descriptor, edition_year)
    resource = Resource(data=[names] + body, schema=schema)
    problems += schema_problems(raw, schema, descriptor, body, lines, problems)
    fk_problems, fk_checks = foreign_key_problems(raw, schema_path, descriptor, body, lines, references)
    problems += fk_problems
    if problems:
        raise BuildError(summarise(raw, problems))
    with resource:
        typed = [row.to_dict() for row in resource.row_stream]
    write_clean(out, descriptor, typed)
    checks = (len(body) * len(names) + (len(body) if primary_key(descriptor) else 0) + fk_checks
              + sum(len(body) * len(f.get("constraints", {})) for f in descriptor["fields"]))
    return {"dataset": Path(schema_path).stem, "raw": raw.as_posix(), "rows": len(typed),
            "columns": len(names), "checks": checks, "title": descriptor.get("title", ""),
            "provenance": descriptor.get("provenance", "")}


def write_clean(out: Path, descriptor: dict, typed: list[dict]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    columns = clean_fields(descriptor)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([c["name"] for c in columns])
        for row in typed:
            writer.writerow([_text(derived_value(row, c)) for c in columns])


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def write_report(report: dict, path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
