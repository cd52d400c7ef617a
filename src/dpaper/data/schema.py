"""Table Schemas of the datasets: loading, project keys, keys, and what Frictionless is given.

A schema is a Frictionless Table Schema (schemas/datasets/<name>.yaml) with a
few project keys on fields (docs/data.md): `unit`, `kind: period |
partial-date | list`, and `maximum: edition-year`. Periods and partial dates
add derived integer columns to the clean data (`<name>_start`, `<name>_end`,
`<name>_year`).
"""
from __future__ import annotations

import csv
from pathlib import Path

import yaml

from dpaper import yamlfile
from dpaper.errors import BuildError, where

DEFAULT_MISSING = ["", "-", "Unknown", "unknown", "n/a", "N/A"]
TRUE = ["yes", "Yes", "YES", "true", "True", "TRUE", "x", "X", "1"]
FALSE = ["no", "No", "NO", "false", "False", "FALSE", "0"]
OPEN_YEAR = 2100    # `edition-year` when no edition is given (unit tests, key figures' targets)


def load_schema(path: str | Path) -> dict:
    try:
        descriptor = yamlfile.load(path)
    except FileNotFoundError:
        raise BuildError(f"{where(path)}: expected a schema file, found none") from None
    except yaml.YAMLError as exc:
        raise BuildError(f"{where(path, yamlfile.error_line(exc))}: expected valid YAML, "
                         f"found an error ({yamlfile.problem(exc)})") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("fields"), list):
        raise BuildError(f"{where(path)}: expected a Table Schema with a list of fields")
    descriptor.setdefault("missingValues", DEFAULT_MISSING)
    return descriptor


def primary_key(descriptor: dict) -> list[str]:
    pk = descriptor.get("primaryKey", [])
    return [pk] if isinstance(pk, str) else list(pk)


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


# -- derived fields -------------------------------------------------------------
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


def derived_value(row: dict, col: dict):
    """The value of a clean column in a typed row: the row's own, or derived from a period or date."""
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


# -- what Frictionless is given ---------------------------------------------------
def resolve_constraints(descriptor: dict, edition_year: int | None) -> list[dict]:
    """Schema fields as Frictionless wants them: `edition-year` made a number, our keys kept aside."""
    fields = []
    for f in descriptor["fields"]:
        f = {k: v for k, v in f.items() if k != "decimalChar"}   # read by our normaliser (data/normalise.py)
        c = dict(f.get("constraints", {}))
        for k, v in c.items():
            if v == "edition-year":
                c[k] = edition_year or OPEN_YEAR
        f["constraints"] = c
        if f.get("type") == "boolean":
            f.setdefault("trueValues", TRUE)
            f.setdefault("falseValues", FALSE)
        fields.append(f)
    return fields


def frictionless_schema(descriptor: dict, edition_year: int | None):
    """The Frictionless Schema that validates a dataset's normalised cells."""
    from frictionless import Schema  # imported lazily: 0.3 s
    return Schema.from_descriptor({"fields": resolve_constraints(descriptor, edition_year),
                                   "primaryKey": primary_key(descriptor),
                                   "missingValues": descriptor["missingValues"]})


# -- foreign keys: the values they may take ----------------------------------------
def referenced_resources(schema_path: str | Path) -> list[str]:
    """Datasets (or `bibliography`) the schema's foreign keys point into."""
    return list(dict.fromkeys(r for _, r, _ in foreign_keys(load_schema(schema_path))))


def reference_values(path: str | Path, field: str) -> set[str]:
    """The values foreign keys may take: a column of a clean dataset, or the bibliography's ids."""
    path = Path(path)
    if path.suffix in (".yaml", ".yml"):
        return {str(item["id"]) for item in yamlfile.load(path) or []}
    with open(path, encoding="utf-8", newline="") as fh:
        return {row[field] for row in csv.DictReader(fh)}


def resolve_references(schema_path: str | Path, locate) -> dict[str, set[str]]:
    """Allowed values of every foreign key of a schema; `locate(resource)` gives the file to read."""
    return {res: reference_values(locate(res), field) for _, res, field in foreign_keys(load_schema(schema_path))}
