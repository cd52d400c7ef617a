"""What changed from one built edition to the next: the changes report (rule `changes`).

Both editions are read as they were built, never from the PDF: the cleaned
datasets (`data/*.csv`), the plotted data of each figure (`figures/<id>.csv`),
the label index and the web pages. A value from data is marked in the pages
with the row it prints (`data-row="<dataset>#<key>"`, dpaper.render.values),
so every place a changed row prints is found with the sentence around it.

- datasets: rows added, removed and changed, cell by cell, aligned by each
  dataset's primary key (its Table Schema) with daff;
- values: every changed row that the text prints (and every changed row of the
  key figures and events, printed or not), with each place it prints: unit,
  section, the sentence before and after; "prints the same" when only the
  rounding hid the change;
- tables: every cell of a printed table that reads differently, by row and column;
- figures: every drawing whose plotted data changed;
- text: the paragraphs whose words changed, unit by unit, as a word-level
  redline (difflib); a value that changed where the text was not edited is
  not a text change (values are compared as their markers).

Nothing here names a dataset of this paper: datasets come from the edition's
folders and schemas, and the roles (which dataset holds key figures) from
the configuration (`Edition.roles`).
"""
from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

import daff
from tinyhtml5 import parse

from dpaper import yamlfile

NS = "{http://www.w3.org/1999/xhtml}"
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "figcaption", "dd", "dt", "blockquote"}
SKIP = {"nav", "script", "style", "svg", "table", "button"}       # buttons: values, handled apart
SENTENCE_END = re.compile(r"(?<=[.!?])[”’)]?\s+(?=[A-Z“‘(0-9])")
LISTED = ("key_figures", "events")   # the roles whose rows are listed even when not printed (config roles)


# -- the two editions ------------------------------------------------------------

@dataclass
class Snapshot:
    """One built edition: its folder and the folder of its web pages (web/ once published, web-next/
    while the build that reports on it runs)."""
    root: Path
    pages: Path
    id: str = ""

    @classmethod
    def of(cls, root: str | Path, pages: str | Path | None = None, ident: str = "") -> Snapshot:
        root = Path(root)
        if pages is None:
            pages = root / "web" if (root / "web" / "index.html").is_file() else root / "web-next"
        return cls(root, Path(pages), ident)

    def problem(self) -> str | None:
        """Why this folder is not a built edition to compare with, or None."""
        missing = [p for p in (self.root / "labels.json", self.root / "data", self.pages) if not p.exists()]
        if missing:
            return f"{self.root}: expected a built edition (labels.json, data/, web/), found no {missing[0].name}"
        return None

    def labels(self) -> dict:
        return json.loads((self.root / "labels.json").read_text(encoding="utf-8"))

    def datasets(self) -> dict[str, Path]:
        return {p.stem: p for p in sorted((self.root / "data").glob("*.csv"))}

    def figure_data(self) -> dict[str, Path]:
        return {p.stem: p for p in sorted((self.root / "figures").glob("*.csv"))}


def read_csv(path: Path) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))]


def described(schema: Path | None) -> dict:
    """What a dataset's Table Schema says that the report uses: its primary key, its title and its
    fields' titles (readers' words; a field without one is named by its name)."""
    s = (yamlfile.load(schema) or {}) if schema and schema.is_file() else {}
    key = s.get("primaryKey") or []
    return {"key": [key] if isinstance(key, str) else list(key), "title": s.get("title") or "",
            "fields": {f["name"]: f.get("title") or f["name"].replace("_", " ") for f in s.get("fields") or []}}


# -- tables of data: daff aligns the rows ----------------------------------------

def table_changes(old: list[list[str]], new: list[list[str]], key: list[str]) -> dict:
    """Rows added, removed and changed (cell by cell) from `old` to `new` (header row first), rows
    aligned by `key` where both tables have its columns, else by daff's own matching."""
    old_head, new_head = (old[0] if old else []), (new[0] if new else [])
    flags = daff.CompareFlags()
    key = [k for k in key if k in old_head and k in new_head]
    for k in key:
        flags.addPrimaryKey(k)
    alignment = daff.Coopy.compareTables(daff.PythonTableView([list(r) for r in old]),
                                         daff.PythonTableView([list(r) for r in new]), flags).align()
    shared = [c for c in new_head if c in old_head]

    def row(table, head, i) -> dict:
        return dict(zip(head, table[i]))

    def ident(r: dict) -> dict:
        return {k: r.get(k, "") for k in key} if key else {}

    added, removed, changed = [], [], []
    for unit in alignment.toOrder().getList():
        if unit.l == 0 or unit.r == 0:                 # the header rows
            continue
        if unit.l < 0:
            added.append(row(new, new_head, unit.r))
        elif unit.r < 0:
            removed.append(row(old, old_head, unit.l))
        else:
            a, b = row(old, old_head, unit.l), row(new, new_head, unit.r)
            cells = [{"field": c, "old": a[c], "new": b[c]} for c in shared if a[c] != b[c]]
            if cells:
                changed.append({"key": ident(b) or {"row": unit.r}, "row": b, "old_row": a, "cells": cells})
    return {"key": key, "added": added, "removed": removed, "changed": changed,
            "columns_added": [c for c in new_head if c not in old_head],
            "columns_removed": [c for c in old_head if c not in new_head]}


def has_changes(t: dict) -> bool:
    return any(t[k] for k in ("added", "removed", "changed", "columns_added", "columns_removed"))


# -- the web pages as a reader sees them -----------------------------------------

@dataclass
class Block:
    """A paragraph (heading, item, caption) of a page: its text, the same with every value from data
    replaced by its row (what the manuscript wrote), and the values in it."""
    section: str
    text: str = ""
    masked: str = ""
    data: list = field(default_factory=list)     # (ref, printed text, where it starts in `text`, what it is)

    def sentence(self, start: int) -> str:
        bounds = [0, *(m.end() for m in SENTENCE_END.finditer(self.text)), len(self.text)]
        for a, b in zip(bounds, bounds[1:]):
            if a <= start < b:
                return self.text[a:b].strip()
        return self.text.strip()


@dataclass
class Page:
    title: str
    blocks: list[Block]
    tables: dict            # anchor -> rows of cell texts (header first)


def _collapsed_len(prefix: str) -> int:
    """The length of `prefix` once its runs of white space are one space and its start is trimmed."""
    c = " ".join(prefix.split())
    return len(c) + (1 if c and prefix[-1:].isspace() else 0)


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _tag(el) -> str:
    return el.tag.removeprefix(NS) if isinstance(el.tag, str) else ""


def _contains_block(el) -> bool:
    return any(_tag(d) in BLOCKS for d in el.iter() if d is not el)


def _skipped(el) -> bool:
    c = _classes(el)
    return ("datum-source" in c or "fn-call" in c or "tnote" in c or "back" in c or "pager" in c
            or "secnum-link" in c or "block-data" in c or "drawing-tools" in c or el.get("aria-hidden") == "true")


def _cell_text(el, keep_head: bool = True) -> str:
    parts = []

    def walk(e):
        if (_skipped(e) and e is not el) or (not keep_head and "datum-head" in _classes(e)):
            return
        parts.append(e.text or "")
        for child in e:
            walk(child)
            parts.append(child.tail or "")
    walk(el)
    return " ".join("".join(parts).split())


def read_page(path: Path) -> Page:
    root = parse(path.read_text(encoding="utf-8"))
    main = next((e for e in root.iter(f"{NS}main")), root)
    # what each value is, as its popover tells readers: "the capital's area. Source: …"
    about = {}
    for e in root.iter(f"{NS}span"):
        if "datum-source" in _classes(e):
            what = next((c for c in e.iter(f"{NS}span") if "datum-what" in _classes(c)), None)
            about[e.get("id")] = _cell_text(what) if what is not None else _cell_text(e, keep_head=False)
    blocks: list[Block] = []
    tables: dict[str, list[list[str]]] = {}
    state = {"section": "", "title": ""}

    def block(el) -> Block:
        b = Block(state["section"])
        text, masked = [], []

        def add(s: str):
            text.append(s)
            masked.append(s)

        def walk(e):
            if _tag(e) == "button" and "datum" in _classes(e):
                printed = _cell_text(e)
                ref = e.get("data-row") or ""
                at = len("".join(text))
                text.append(printed)
                masked.append(f"⟨{ref or printed}⟩")
                what = about.get(e.get("popovertarget"), "").split(". Source:")[0]
                b.data.append((ref, printed, at, what))
                return
            if _skipped(e) or _tag(e) in SKIP:
                return
            if e is not el and _tag(e) in BLOCKS:
                add(" ")                                 # a source line under its caption
            add(e.text or "")
            for child in e:
                walk(child)
                add(child.tail or "")
        walk(el)
        raw = "".join(text)
        b.text = " ".join(raw.split())
        b.masked = " ".join("".join(masked).split())
        b.data = [(r, p, _collapsed_len(raw[:s]), w) for r, p, s, w in b.data]   # offsets in the collapsed text
        return b

    def visit(el):
        tag = _tag(el)
        if tag in ("nav", "script", "style", "svg") or _skipped(el):
            return
        if tag == "table":
            anchor = next((a.get("id") for a in figures.get(el, []) if a.get("id")), "")
            tables[anchor or f"table-{len(tables) + 1}"] = [
                [_cell_text(c) for c in tr if _tag(c) in ("th", "td")] for tr in el.iter(f"{NS}tr")]
            return
        if tag in BLOCKS and (tag == "figcaption" or not _contains_block(el)):   # a caption with its source line
            b = block(el)
            if tag == "h1":
                state["title"] = state["title"] or b.text
            elif tag in ("h2", "h3", "h4") and "notes-title" not in _classes(el):
                state["section"] = b.text
                b.section = b.text
            if b.text:
                blocks.append(b)
            return
        for child in el:
            visit(child)

    figures: dict = {}          # element -> the figures it is in, nearest first (a table's anchor)

    def index(el, chain):
        figures[el] = chain
        for child in el:
            index(child, [el, *chain] if _tag(el) == "figure" else chain)
    index(main, [])
    visit(main)
    return Page(state["title"], blocks, tables)


# -- the report --------------------------------------------------------------------

def redline(old: str, new: str) -> list[list[str]]:
    """A word-level redline: ["=", text], ["-", removed], ["+", added], in reading order."""
    a, b = re.findall(r"\s+|[^\s]+", old), re.findall(r"\s+|[^\s]+", new)
    out: list[list[str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(["=", "".join(a[i1:i2])])
            continue
        if i2 > i1:
            out.append(["-", "".join(a[i1:i2])])
        if j2 > j1:
            out.append(["+", "".join(b[j1:j2])])
    return out


def _unit_name(chapter: dict) -> str:
    return f"{chapter['label']} · {chapter['title']}" if chapter.get("label") else chapter["title"]


def _units(snap: Snapshot) -> dict[str, dict]:
    return {c["id"]: c for c in snap.labels()["chapters"]}


def _pages(snap: Snapshot, units: dict) -> dict[str, Page]:
    return {u: read_page(snap.pages / f"{u}.html") for u in units if (snap.pages / f"{u}.html").is_file()}


def _places(pages: dict[str, Page], units: dict) -> dict[str, dict[str, list[dict]]]:
    """ref -> unit -> the places it prints there, in order: section, the sentence, the printed text."""
    out: dict[str, dict[str, list[dict]]] = {}
    for unit, page in pages.items():
        for b in page.blocks:
            for ref, printed, start, what in b.data:
                if ref:
                    out.setdefault(ref, {}).setdefault(unit, []).append(
                        {"section": b.section if b.section != page.title else "", "sentence": b.sentence(start),
                         "printed": printed, "what": what})
    return out


def _value_entries(datasets: list[dict], old_places, new_places, units_old, units_new, config) -> list[dict]:
    from dpaper.config import Edition
    played = Edition(config).roles([d["name"] for d in datasets])
    roles = {played[r] for r in LISTED if played[r]}
    out = []
    for d in datasets:
        key = d["key"]
        if not key:
            continue
        rows = ([("added", r, None, []) for r in d["added"]] + [("removed", None, r, []) for r in d["removed"]]
                + [("changed", c["row"], c["old_row"], c["cells"]) for c in d["changed"]])
        for status, row, old_row, cells in rows:
            ident = "|".join((row or old_row)[k] for k in key)
            ref = f"{d['name']}#{ident}"
            before, after = old_places.get(ref, {}), new_places.get(ref, {})
            if not before and not after and d["name"] not in roles:
                continue
            places = []
            for unit in dict.fromkeys([*after, *before]):
                chapter = units_new.get(unit) or units_old.get(unit)
                for was, now in zip_longest(before.get(unit, []), after.get(unit, [])):
                    where = now or was
                    places.append({"unit": unit, "unit_name": _unit_name(chapter), "section": where["section"],
                                   "old": was and was["sentence"], "new": now and now["sentence"],
                                   "old_printed": was and was["printed"], "new_printed": now and now["printed"]})
            same = (status == "changed" and bool(places)
                    and all(p["old_printed"] == p["new_printed"] for p in places))
            what = next((p["what"] for u in (after, before) for ps in u.values() for p in ps if p["what"]), "")
            out.append({"dataset": d["name"], "key": ident, "status": status,
                        "cells": [c | {"title": d["fields"].get(c["field"], c["field"])} for c in cells],
                        "prints_the_same": same, "places": places,
                        "what": what or f"{d['title']}: {ident}"})
    return out


def _table_cells(old: list[list[str]], new: list[list[str]]) -> dict:
    """Cells of a printed table that read differently: rows matched by their first cell where it names
    them (else by position), columns by their header."""
    head_old, head_new = (old[0] if old else []), (new[0] if new else [])
    body_old, body_new = old[1:], new[1:]

    def named(rows):
        names = [r[0] if r else "" for r in rows]
        return names if len(set(names)) == len(names) else None
    n_old, n_new = named(body_old), named(body_new)
    if n_old is None or n_new is None:
        n_old, n_new = [str(i + 1) for i in range(len(body_old))], [str(i + 1) for i in range(len(body_new))]
    rows_old, rows_new = dict(zip(n_old, body_old)), dict(zip(n_new, body_new))
    cells = []
    for name in n_new:
        if name not in rows_old:
            continue
        a, b = rows_old[name], rows_new[name]
        for i in range(max(len(a), len(b))):
            was, now = (a[i] if i < len(a) else ""), (b[i] if i < len(b) else "")
            if was != now:
                column = head_new[i] if i < len(head_new) else str(i + 1)
                cells.append({"row": name, "column": column, "old": was, "new": now})
    return {"cells": cells, "rows_added": [n for n in n_new if n not in rows_old],
            "rows_removed": [n for n in n_old if n not in rows_new],
            "header": [] if head_old == head_new else [head_old, head_new]}


def _text_changes(old: Page | None, new: Page | None) -> list[dict]:
    a = [b.masked for b in old.blocks] if old else []
    b = [x.masked for x in new.blocks] if new else []
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        for was, now in zip_longest(old.blocks[i1:i2] if old else [], new.blocks[j1:j2] if new else []):
            out.append({"section": (now or was).section, "status": "changed" if was and now else
                        ("added" if now else "removed"),
                        "redline": redline(was.text if was else "", now.text if now else "")})
    return out


def compare(old: Snapshot, new: Snapshot, schemas: dict[str, Path], config: dict | None = None) -> dict:
    """The changes report from `old` to `new` (JSON-ready); `schemas`: dataset -> its Table Schema."""
    units_old, units_new = _units(old), _units(new)
    data_old, data_new = old.datasets(), new.datasets()
    datasets = []
    for name in sorted(set(data_old) | set(data_new)):
        about = described(schemas.get(name))
        head = {"name": name, "title": about["title"] or name, "fields": about["fields"]}
        if name not in data_old or name not in data_new:
            datasets.append(head | {"status": "added" if name in data_new else "removed", "key": [], "added": [],
                                    "removed": [], "changed": [], "columns_added": [], "columns_removed": []})
            continue
        t = table_changes(read_csv(data_old[name]), read_csv(data_new[name]), about["key"])
        if has_changes(t):
            datasets.append(head | {"status": "changed"} | t)

    pages_old, pages_new = _pages(old, units_old), _pages(new, units_new)
    values = _value_entries(datasets, _places(pages_old, units_old), _places(pages_new, units_new),
                            units_old, units_new, config)

    labels_old, labels_new = old.labels()["labels"], new.labels()["labels"]
    tables = []
    for unit in units_new:
        if unit not in pages_old or unit not in pages_new:
            continue
        for anchor, grid in pages_new[unit].tables.items():
            if anchor in pages_old[unit].tables and pages_old[unit].tables[anchor] != grid:
                label = next((e for e in labels_new.values() if e.get("anchor") == anchor), {})
                tables.append({"unit": unit, "unit_name": _unit_name(units_new[unit]), "anchor": anchor,
                               "label": label.get("text", anchor), "title": label.get("title", "")}
                              | _table_cells(pages_old[unit].tables[anchor], grid))

    figures = []
    fig_old, fig_new = old.figure_data(), new.figure_data()
    for ident in sorted(set(fig_old) | set(fig_new)):
        entry = labels_new.get(f"fig:{ident}") or labels_old.get(f"fig:{ident}")
        if entry is None:
            continue                                     # drawn but placed in neither edition
        if ident in fig_old and ident in fig_new:
            if fig_old[ident].read_bytes() == fig_new[ident].read_bytes():
                continue
            t = table_changes(read_csv(fig_old[ident]), read_csv(fig_new[ident]), [])
            status = "changed"
        else:
            t, status = {"added": [], "removed": [], "changed": []}, "added" if ident in fig_new else "removed"
        chapter = units_new.get(entry["chapter"]) or units_old.get(entry["chapter"])
        figures.append({"id": ident, "label": entry["text"], "title": entry.get("title", ""), "status": status,
                        "unit": entry["chapter"], "unit_name": _unit_name(chapter),
                        "rows_added": len(t["added"]), "rows_removed": len(t["removed"]),
                        "rows_changed": len(t["changed"])})

    text = []
    for unit in dict.fromkeys([*units_new, *units_old]):
        edits = _text_changes(pages_old.get(unit), pages_new.get(unit))
        if edits:
            status = "changed" if unit in pages_old and unit in pages_new else (
                "added" if unit in pages_new else "removed")
            text.append({"unit": unit, "unit_name": _unit_name(units_new.get(unit) or units_old[unit]),
                         "status": status, "paragraphs": edits})

    counts = {"datasets": len(datasets), "rows": sum(len(d["added"]) + len(d["removed"]) + len(d["changed"])
                                                     for d in datasets),
              "values": len(values), "prints_the_same": sum(v["prints_the_same"] for v in values),
              "tables": len(tables), "table_cells": sum(len(t["cells"]) for t in tables),
              "figures": len(figures), "units": len(text),
              "paragraphs": sum(len(t["paragraphs"]) for t in text)}
    return {"since": old.id, "edition": new.id, "changed": any(counts.values()), "counts": counts,
            "datasets": datasets, "values": values, "tables": tables, "figures": figures, "text": text}


def _n(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary_line(report: dict) -> str:
    """The report in one line, for the build's log and CI's run page."""
    name = f"Changes from the {report['since']} edition" if report.get("since") else "Changes"
    if not report["changed"]:
        return f"{name}: no changes."
    c = report["counts"]
    same = f" ({c['prints_the_same']} printing the same)" if c["prints_the_same"] else ""
    return (f"{name}: {_n(c['values'], 'value')} in the text{same}, {_n(c['table_cells'], 'table cell')} in "
            f"{_n(c['tables'], 'table')}, {_n(c['figures'], 'figure')}, {_n(c['paragraphs'], 'paragraph')} in "
            f"{_n(c['units'], 'unit')}, {_n(c['rows'], 'row')} in {_n(c['datasets'], 'dataset')}.")


def print_summary(path: str | Path) -> None:
    """Snakemake's onsuccess: the changes report in one line, if this run made one."""
    p = Path(path)
    if p.is_file():
        print(f"{summary_line(json.loads(p.read_text(encoding='utf-8')))} (details: {p})")
