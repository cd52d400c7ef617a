"""Read a cleaned dataset back as a pandas DataFrame with the dtypes its schema declares.

| schema | column |
|---|---|
| `integer`, `year` (and derived `_start`, `_end`, `_year`) | nullable `Int64` |
| `boolean` | nullable `boolean` |
| `number` | exact `decimal.Decimal` values (object): 6.2 stays 6.2, never 6.2000000001 |
| `kind: list` | Python lists (object) |
| `string` and anything else | pandas `string` |

Missing values are `pd.NA` in every column. `df.attrs` holds the dataset's
`name`, `title` and its clean `fields` (schema fields plus derived ones).
`records(df)` gives the rows as plain Python dicts (None where missing), as
templates and tables print them.
"""
from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from dpaper.data.schema import clean_fields, load_schema

DTYPES = {"integer": "Int64", "year": "Int64", "boolean": "boolean", "number": object}


def _dtype(field: dict):
    return object if field.get("kind") == "list" else DTYPES.get(field.get("type", "string"), "string")


def _value(field: dict, text: str):
    """One cell of the clean CSV (text, "" when missing) as the value its column holds."""
    if text == "":
        return pd.NA
    if field.get("kind") == "list":
        return text.split("; ")
    ftype = field.get("type", "string")
    if ftype in ("integer", "year"):
        return int(text)
    if ftype == "boolean":
        return text == "true"
    if ftype == "number":
        return Decimal(text)
    return text


def load(name: str, clean_csv: str | Path, schema_path: str | Path) -> pd.DataFrame:
    """The clean dataset `name`, typed by its schema (see the module's table)."""
    schema = load_schema(schema_path)
    fields = clean_fields(schema)
    text = pd.read_csv(clean_csv, dtype=str, keep_default_na=False, encoding="utf-8")
    df = pd.DataFrame({f["name"]: pd.Series([_value(f, v) for v in text[f["name"]]], dtype=_dtype(f))
                       for f in fields})
    df.attrs.update(name=name, title=schema.get("title") or name, fields=fields)
    return df


def plain(value):
    """A cell as Python: None for any missing value, Python numbers for numpy's."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


def records(df: pd.DataFrame) -> list[dict]:
    """The rows as dicts of plain values: int, bool, str, Decimal, list, or None where missing."""
    columns = {c: [plain(v) for v in df[c].tolist()] for c in df.columns}
    return [dict(zip(columns, values)) for values in zip(*columns.values())] if columns else [{} for _ in df.index]


def role_rows(files) -> list[dict]:
    """The rows of the dataset playing a role (config roles), from its job input `[clean CSV, schema]`;
    [] when no dataset plays it."""
    if not files:
        return []
    clean_csv, schema_path = files
    return records(load(Path(clean_csv).stem, clean_csv, schema_path))


def ordered_publishers(files) -> list[dict]:
    """The publishers (config roles: publishers) in their `order`, as the imprint, cover and citation list them."""
    rows = role_rows(files)
    return sorted(rows, key=lambda r: r.get("order") or 0) if rows and "order" in rows[0] else rows
