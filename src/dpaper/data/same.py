"""One fact, one place: values the data hold in more than one dataset, declared and checked.

A fact lives in one dataset. Where two datasets must still hold the same value
(a key figure the text quotes and the city's row; an agreement dated in the
events and in Table 3.2.4's data), `schemas/same-facts.yaml` declares it, and
the build stops when the cells differ. The same file lists values that are
equal by coincidence (two different facts), so that `held_twice` can show
every value the data hold twice and a test can fail on any not declared.

A cell is written `dataset[key].field`: the key is the row's primary key,
its values joined by ", " (`water[leakage, Porto, 2008].value`).
A declared fact whose rows an edition's data do not have at all is skipped
(the fact is not in that edition); one found in some of its places and not in
the others is a problem, like an unknown dataset or field.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml

from dpaper.data.schema import clean_fields, load_schema, primary_key
from dpaper.errors import BuildError, where

CELL = re.compile(r"^(?P<dataset>[a-z_0-9]+)\[(?P<key>[^\]]+)\]\.(?P<field>[a-z_0-9]+)$")
# Whole numbers below this are counts, ranks and durations too common to be the same fact by chance
# (three years, two places); they are not listed as held twice unless they are percentages.
SMALL = 100


def load_declarations(path: str | Path) -> dict:
    """The declarations file: {"same": [{"fact", "cells"}], "distinct": [{"cells", "why"}]}, checked for form."""
    path = Path(path)
    try:
        decl = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise BuildError(f"{where(path)}: expected the declarations of facts held twice, found none") from None
    except yaml.YAMLError as exc:
        raise BuildError(f"{where(path)}: expected YAML ({getattr(exc, 'problem', exc)})") from None
    problems = []
    for section, words in (("same", "fact"), ("distinct", "why")):
        for n, entry in enumerate(decl.get(section) or [], start=1):
            cells = entry.get("cells") if isinstance(entry, dict) else None
            if not (isinstance(cells, list) and len(cells) >= 2 and isinstance(entry.get(words), str)):
                problems.append(f"{where(path)}: {section} entry {n}: expected {words!r} and two or more 'cells'")
                continue
            problems += [f"{where(path)}: {section} entry {n}: expected a cell written dataset[key].field, "
                         f"found {c!r}" for c in cells if not (isinstance(c, str) and CELL.match(c))]
    if problems:
        raise BuildError(problems)
    return {"same": decl.get("same") or [], "distinct": decl.get("distinct") or []}


def _text(value) -> str:
    return "" if value is None else str(value)


class Cells:
    """The rows of clean datasets by primary key: `cells[address]` -> (found, value)."""

    def __init__(self, frames: dict, schemas: dict):
        from dpaper.data.load import records  # pandas: not at workflow load, which needs only the declarations
        self.rows, self.fields, self.keys = {}, {}, {}
        for name, df in frames.items():
            descriptor = schemas[name]
            pk = primary_key(descriptor)
            self.keys[name] = pk
            self.fields[name] = [f["name"] for f in clean_fields(descriptor)]
            self.rows[name] = {", ".join(_text(r[k]) for k in pk): r for r in records(df)}

    def get(self, address: str):
        m = CELL.match(address)
        name, key, field = m["dataset"], m["key"], m["field"]
        if name not in self.rows:
            raise BuildError(f"{address}: no dataset {name!r}")
        if field not in self.fields[name]:
            raise BuildError(f"{address}: no field {field!r} in {name} (fields: {', '.join(self.fields[name])})")
        row = self.rows[name].get(key)
        return (False, None) if row is None else (True, row[field])


def _same(a, b) -> bool:
    if isinstance(a, (int, Decimal)) and isinstance(b, (int, Decimal)) and not isinstance(a, bool):
        return Decimal(a) == Decimal(b)
    return a == b


def disagreements(cells: Cells, declarations: dict) -> tuple[list[str], int]:
    """One line per declared fact whose cells differ; and how many declared facts were compared."""
    problems, checked = [], 0
    for entry in declarations["same"]:
        found = [(c, *cells.get(c)) for c in entry["cells"]]
        present = [(c, v) for c, ok, v in found if ok]
        if not present:
            continue
        if len(present) < len(found):
            missing = [c for c, ok, _ in found if not ok]
            problems.append(f"{entry['fact']}: expected the row of every cell declared, found none for "
                            + "; ".join(missing))
            continue
        checked += 1
        first = present[0][1]
        if not all(_same(first, v) for _, v in present[1:]):
            problems.append(f"{entry['fact']}: expected one value, found "
                            + "; ".join(f"{c} = {_text(v) or '(empty)'}" for c, v in present))
    return problems, checked


def _unit(name: str, field: dict, row: dict) -> str | None:
    """The unit a numeric cell is in: the field's, or the row's own `unit` column (key figures, indicators)."""
    if field.get("unit"):
        return field["unit"]
    return row.get("unit") if field["name"] == "value" else None


def held_twice(frames: dict, schemas: dict) -> dict[tuple[str, Decimal], list[str]]:
    """Every value the data hold in two places or more: (unit, value) -> the cells.

    A place is a column of a dataset, or a row of a dataset whose rows are each a fact of
    their own (a `value` column with a `unit` column: key figures, indicators); the cells of
    one table column are that table's data, not a fact held twice. Small whole numbers
    other than percentages are left out (see SMALL)."""
    from dpaper.data.load import records
    groups: dict[tuple[str, Decimal], dict[tuple, str]] = {}
    for name, df in frames.items():
        descriptor = schemas[name]
        pk = primary_key(descriptor)
        numeric = [f for f in descriptor["fields"] if f.get("type") in ("integer", "number")]
        for row in records(df):
            key = ", ".join(_text(row[k]) for k in pk)
            for field in numeric:
                value, unit = row.get(field["name"]), _unit(name, field, row)
                if value is None or not unit or "year" in field["name"]:
                    continue
                value = Decimal(value)
                if value == value.to_integral_value() and value < SMALL and unit != "percent":
                    continue
                per_row = field["name"] == "value" and "unit" in row
                place = (name, key) if per_row else (name, field["name"])
                groups.setdefault((unit, value), {}).setdefault(place, f"{name}[{key}].{field['name']}")
    return {k: sorted(v.values()) for k, v in groups.items() if len(v) > 1}


def load_frames(clean_dir: Path, names, schema_dir: Path = Path("schemas/datasets")) -> tuple[dict, dict]:
    """Clean datasets and their schemas, by name (for the check and its test)."""
    from dpaper.data.load import load
    schemas = {n: load_schema(schema_dir / f"{n}.yaml") for n in names}
    return {n: load(n, Path(clean_dir) / f"{n}.csv", schema_dir / f"{n}.yaml") for n in names}, schemas


def datasets_named(declarations: dict, sections: tuple[str, ...] = ("same",)) -> list[str]:
    """The datasets the declarations of `sections` name: by default those of the facts the build compares
    (what its check reads, so that editing another dataset does not rerun it)."""
    return sorted({CELL.match(c)["dataset"] for section in sections
                   for entry in declarations[section] for c in entry["cells"]})
