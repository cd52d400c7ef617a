"""Read a cleaned dataset back with the types its schema declares."""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from dpaper.data.schema import clean_fields, load_schema

CAST = {"integer": int, "year": int, "number": Decimal, "string": str, "boolean": lambda v: v == "true"}


class Dataset:
    """Rows of one cleaned dataset as dicts, with a few look-ups for templates."""

    def __init__(self, name: str, rows: list[dict], fields: list[dict], descriptor: dict):
        self.name, self.rows, self.fields, self.descriptor = name, rows, fields, descriptor

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def where(self, **match) -> list[dict]:
        return [r for r in self.rows if all(r.get(k) == v for k, v in match.items())]

    def one(self, **match) -> dict:
        rows = self.where(**match)
        if len(rows) != 1:
            from dpaper.errors import BuildError
            raise BuildError(f"dataset {self.name}: expected one row with {match}, found {len(rows)}")
        return rows[0]

    def column(self, name: str) -> list:
        return [r[name] for r in self.rows]

    def field(self, name: str) -> dict:
        return next(f for f in self.fields if f["name"] == name)


def load(name: str, clean_csv: str | Path, schema_path: str | Path) -> Dataset:
    descriptor = load_schema(schema_path)
    fields = clean_fields(descriptor)
    casts = {f["name"]: CAST.get(f.get("type", "string"), str) for f in fields}
    casts |= {f["name"]: lambda v: v.split("; ") for f in fields if f.get("kind") == "list"}
    with open(clean_csv, encoding="utf-8", newline="") as fh:
        rows = [{k: (casts[k](v) if v != "" else None) for k, v in row.items()} for row in csv.DictReader(fh)]
    return Dataset(name, rows, fields, descriptor)
