"""Checks of a raw table: its shape, what Frictionless finds, primary and foreign keys.

Frictionless types every cell and checks every constraint and the primary
key; its findings are located with its structured fields (`type`,
`row_number`, `field_name`, `cell`). Which constraint a cell breaks is asked
of the field itself (Frictionless's own cell reader returns the broken rules
by name), never read from the wording of an error's note.
"""
from __future__ import annotations

from pathlib import Path

from dpaper.data.messages import cell_problem, cut, did_you_mean, quoted
from dpaper.data.normalise import Problem, squeeze
from dpaper.data.schema import foreign_keys, primary_key
from dpaper.errors import BuildError, where


# -- shape ----------------------------------------------------------------------
def check_header(path: Path, header: list[str], names: list[str]) -> list[str]:
    problems = []
    for name in names:
        if name not in header:
            problems.append(f"{where(path, 1, name)}: expected a column named {name!r}, found none "
                            f"(columns are: {', '.join(cut(h) for h in header)})")
    seen = set()
    for name in header:
        if name not in names:
            problems.append(f"{where(path, 1, name or '(blank)')}: expected only the columns "
                            f"{', '.join(names)}, found an extra column {quoted(name)}")
        elif name in seen:
            problems.append(f"{where(path, 1, name)}: expected each column once, found {name!r} twice")
        seen.add(name)
    return problems


def check_shape(raw: Path, rows: list[tuple[int, list[str]]], names: list[str],
                quoting: list[Problem] = ()) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and data rows (each with its line), padded to the header. Problems of the file's shape
    raise, all at once: the header's, or those of quoting (`read.read_csv`) and of row lengths."""
    if any(line == 1 for line, _, _ in quoting):    # no header to go by
        raise BuildError([p for _, _, p in sorted(quoting)])
    header = [squeeze(c) for c in rows[0][1]]
    if not any(header):
        raise BuildError(f"{where(raw, rows[0][0])}: expected the column names in the first row, found an empty row")
    numbered = [(n, r) for n, r in rows[1:] if any(c.strip() for c in r)]
    problems = check_header(raw, header, names) or [p for _, _, p in sorted(list(quoting) + [
        (n, -1, f"{where(raw, n)}: expected {len(header)} cells, found {len(r)}"
                + (" (a comma in a cell? quote the cell)" if len(r) > len(header) else "")) for n, r in numbered
        if len(r) < len(header) or any(c.strip() for c in r[len(header):])])]
    if problems:
        raise BuildError(problems)
    if not numbered:
        raise BuildError(f"{where(raw)}: expected at least one data row, found only the header")
    return header, [(n, r + [""] * (len(header) - len(r))) for n, r in numbered]


# -- Frictionless's findings ------------------------------------------------------
def schema_problems(raw, resource, schema, descriptor, body, lines, already: list[Problem]) -> list[Problem]:
    """Frictionless's findings (types, constraints, primary key), worded for editors."""
    fields = {f["name"]: f for f in descriptor["fields"]}
    names, pk = list(fields), primary_key(descriptor)
    readers = {name: schema.get_field(name).create_cell_reader() for name in names}
    out: list[Problem] = []

    def said(line, col) -> bool:
        return any(p[0] == line and p[1] == col for p in already + out)

    first_at: dict[tuple, int] | None = None
    for error in resource.validate(limit_errors=10_000).tasks[0].errors:
        line = lines[error.row_number - 2] if getattr(error, "row_number", None) else None
        col = names.index(error.field_name) if getattr(error, "field_name", None) in names else len(names)
        if any(p[0] == line and p[1] == col for p in already):
            continue  # the cell's own problem is already said
        if error.type in ("type-error", "constraint-error"):
            if said(line, col):
                continue  # Frictionless reports each broken rule of a cell: all are said at its first
            field = dict(fields[error.field_name], constraints=schema.get_field(error.field_name).constraints)
            _, broken = readers[error.field_name](error.cell)
            out += [(line, col, f"{where(raw, line, error.field_name)}: {cell_problem(field, rule, error.cell)}")
                    for rule in broken or {}]
        elif error.type == "primary-key":
            first_at = first_at or _first_rows(body, names, pk, readers)
            cells, key = body[error.row_number - 2], "/".join(pk)
            typed = _key(cells, names, pk, readers)
            if set(typed) == {None}:   # no key at all: said at the key's cells, if they are required
                if not all(said(line, names.index(k)) for k in pk):
                    out.append((line, col, f"{where(raw, line, key)}: expected a value, found an empty cell"))
                continue
            value = ", ".join(str(cells[names.index(k)]) for k in pk)
            out.append((line, col, f"{where(raw, line, key)}: expected a unique {key}, "
                                   f"found {quoted(value)} again (first at row {lines[first_at[typed]]})"))
        else:
            out.append((line or 0, col, f"{where(raw, line)}: {error.message}"))
    return out


def _key(cells: list[str], names: list[str], pk: list[str], readers) -> tuple:
    """A row's primary key as Frictionless compares it: the typed values (None where a cell fails)."""
    return tuple(readers[k](cells[names.index(k)])[0] for k in pk)


def _first_rows(body, names, pk, readers) -> dict[tuple, int]:
    """Each primary key -> the index of the first row that has it."""
    first: dict[tuple, int] = {}
    for i, cells in enumerate(body):
        first.setdefault(_key(cells, names, pk, readers), i)
    return first


# -- foreign keys ---------------------------------------------------------------------
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
                    out.append((n, col, f"{where(raw, n, field)}: expected {what}, found {quoted(v)}{hint}"))
    return out, checks
