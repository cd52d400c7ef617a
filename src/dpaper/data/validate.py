"""Checks of a raw table: its shape, what Frictionless finds, primary and foreign keys.

Frictionless types every cell and checks every constraint (each field's cell
reader returns the typed value and the broken rules by name, never read from
the wording of an error's note); the primary key is checked on the typed
values.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from dpaper.data.messages import cell_problem, cut, did_you_mean, quoted
from dpaper.data.normalise import Problem, squeeze
from dpaper.data.schema import foreign_keys, primary_key
from dpaper.errors import BuildError, where
from dpaper.limits import SAME_PROBLEMS


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
def schema_problems(raw, schema, descriptor, body, lines, already: list[Problem]) -> list[Problem]:
    """Types, constraints and the primary key, as Frictionless's cell readers find them, worded for
    editors. Each reader types a cell and names the rules it breaks; the rows are walked here (rather
    than by `Resource.validate`, whose error objects cost a third of a millisecond each), so that a
    table at the row limit with a whole column wrong is checked in a second.

    Keys are compared as `key_form` gives them: two that differ only by invisible characters or
    Unicode normalisation (`Por\u00adto`, `Porto`) are the same key."""
    fields = {f["name"]: f for f in descriptor["fields"]}
    names, pk = list(fields), primary_key(descriptor)
    readers = {name: schema.get_field(name).create_cell_reader() for name in names}
    constraints = {name: schema.get_field(name).constraints for name in names}
    said = {(p[0], p[1]) for p in already}
    out: list[Problem] = []
    first: dict[tuple, int] = {}
    for i, (cells, line) in enumerate(zip(body, lines)):
        typed = []
        for col, name in enumerate(names):
            value, broken = readers[name](cells[col])
            typed.append(value)
            if broken and (line, col) not in said:   # all its broken rules, once a cell
                field = dict(fields[name], constraints=constraints[name])
                out += [(line, col, f"{where(raw, line, name)}: {cell_problem(field, rule, cells[col])}")
                        for rule in broken]
                said.add((line, col))
        if not pk or any((line, names.index(k)) in said and typed[names.index(k)] is not None for k in pk):
            continue    # a key cell with a problem of its own is no key to compare
        key, at = tuple(key_form(typed[names.index(k)]) for k in pk), "/".join(pk)
        col = len(names)    # after the row's cells
        if set(key) == {None}:   # no key at all: said at the key's cells, if they are required
            if not all((line, names.index(k)) in said for k in pk):
                out.append((line, col, f"{where(raw, line, at)}: expected a value, found an empty cell"))
        elif key in first:
            value = ", ".join(str(cells[names.index(k)]) for k in pk)
            earlier = body[first[key]]
            same = ", ".join(str(earlier[names.index(k)]) for k in pk)
            invisible = same != value and key_form(same) == key_form(value)
            how = f" as {quoted(same)}: they differ only by invisible characters" if invisible else ""
            out.append((line, col, f"{where(raw, line, at)}: expected a unique {at}, "
                                   f"found {quoted(value)} again (first at row {lines[first[key]]}{how})"))
        else:
            first[key] = i
    return out


INVISIBLE = {"Cf", "Cc", "Zl", "Zp"}   # format characters (soft hyphen, zero-width space, bidi marks), controls


def key_form(value):
    """A key as keys are compared: text in Unicode NFC without invisible characters; other values as typed."""
    if not isinstance(value, str):
        return value
    return "".join(c for c in unicodedata.normalize("NFC", value) if unicodedata.category(c) not in INVISIBLE)


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


# -- the report -----------------------------------------------------------------------
def summarise(raw, problems: list[Problem]) -> list[str]:
    """The problems' lines by row and column; of the problems of one kind in one column (the same
    `expected …`), the first `limits.SAME_PROBLEMS` in full and then one line for the rest:
    `…, row 9, column note: and 94,997 more rows like it up to row 95,004 (expected a value)`."""
    kinds: dict[tuple, list[Problem]] = {}
    for p in sorted(problems, key=lambda p: (p[0], p[1])):
        row, col, msg = p
        prefix = f"{where(raw, row, '')}"
        name, _, said = msg[len(prefix):].partition(": ") if msg.startswith(prefix) else (None, "", msg)
        kinds.setdefault((name, said.split(", found ")[0]), []).append(p)
    out: list[Problem] = []
    for (name, kind), same in kinds.items():
        out += same[:SAME_PROBLEMS]
        if name is not None and (rest := same[SAME_PROBLEMS:]):
            out.append((rest[0][0], rest[0][1], f"{where(raw, rest[0][0], name)}: and {len(rest):,} more rows "
                                                 f"like it up to row {rest[-1][0]:,} ({kind})"))
        else:
            out += same[SAME_PROBLEMS:]
    return [msg for _, _, msg in sorted(out, key=lambda p: (p[0], p[1]))]
