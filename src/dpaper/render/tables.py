"""Tables: generated from cleaned datasets, one spec per table.

REGISTRY maps a table id (used in the manuscript as `table("id", ...)`) to how
its dataset (a DataFrame, dpaper.data.load) is laid out. Adding a table is a spec line here; its caption,
note and source are the manuscript's words. Every cell is escaped.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:  # pandas is imported where tables are rendered, not where the workflow reads the registry
    import pandas as pd

from dpaper import limits
from dpaper.errors import BuildError
from dpaper.render import values


@dataclass(frozen=True)
class Column:
    field: str | tuple[str, str]   # a pair is a range: start–end
    header: str
    fmt: str = "text"        # text | percent | number | year | date (a partial date: May 2008) | jpy
    align: str = "left"
    values: tuple[tuple[str, str], ...] = ()     # (stored value, printed text): a code printed as words
    then: tuple[tuple[str, str, str], ...] = ()  # (field, pattern, fmt): added to the cell when the field has
                                                 # a value, e.g. ("agreement_date", " ({})", "date")


@dataclass(frozen=True)
class Matrix:
    """A timeline matrix (the 2018 edition's Figure 3.5.2): one column per value of `track` (in the order
    of `tracks`, with their headings), one row per year of `span` (a year the data has no row for keeps
    its empty row), each cell the `value`s of its track and year, each led by its link letters (`letters`,
    a list field) in brackets. The 2018 edition ran the years across the page; down the page, six
    columns of short entries fit the text width (docs/decisions.md)."""
    track: str
    tracks: tuple[tuple[str, str], ...]        # (value, column heading), left to right
    year: str                                  # an integer field
    span: tuple[int, int]                      # first and last year, each a row
    value: str
    letters: str | None = None
    years: tuple[tuple[int, tuple[str, ...]], ...] = ()   # a year's row heading where it is more than
                                                          # the year: its lines


@dataclass(frozen=True)
class TableSpec:
    dataset: str
    columns: tuple[Column, ...] = ()
    pivot: tuple[str, str, str] | None = None   # (row field, column field, value field)
    pivot_header: str = ""
    fmt: str = "text"
    note_field: str | None = None               # a column whose cells become lettered notes
    where: tuple[tuple[str, object], ...] = ()  # keep only the rows whose field has this value
    group: tuple[str, tuple[tuple[str, str], ...]] | None = None
    # (field, ((value, row header), ...)): one row per value, in this order, with the text of the second
    # column's field for its rows: a single item as text, several as a list (numbered if the value is in
    # `numbered`); no (value, header) pairs: every value of the field in the data's order, as its own header
    numbered: tuple[str, ...] = ()
    matrix: Matrix | None = None                # a timeline matrix (see Matrix)
    item_number: str | None = None              # grouped rows: a field whose value numbers each item, printed
                                                # before it as the data's number (Table 3.4.1's 01-15)
    lost: bool = False                          # a table of the 2018 edition lost with its text: it keeps its
                                                # place and number, shows its caption and note, and has no data
    merge: bool = False                         # the first column's repeated values as one cell (rowspan)
    mark: tuple[str, object, str] | None = None  # (field, value, sign): rows whose field has this value carry
                                                # the sign after their first cell (the table's note says why)
    subgroup: str | None = None                 # grouped tables: items sharing this field's value nest under it


NOT_EMPTY = object()     # a `where` value: the field has any value


REGISTRY: dict[str, TableSpec] = {
    "nrw-asean": TableSpec(
        "nrw_asean",
        columns=(Column("city", "City"), Column("country", "Country"),
                 Column("nrw_percent", "Non-revenue water", "percent", "right"),
                 Column("year", "Year", "year", "right")),
        note_field="note"),
    "pp-cooperation": TableSpec(
        "pp_technical_cooperation",
        columns=(Column("scheme", "Scheme"), Column(("start_year", "end_year"), "Period"),
                 Column("experts", "Experts sent", "number", "right"),
                 Column("trainees", "Trainees received", "number", "right"))),
    "cambodia-activities": TableSpec(
        "cambodia_city_activities",
        columns=(Column("city", "City"), Column("period", "Years"), Column("activity", "Activity"),
                 Column("funding", "Funding"))),
    "nrw-cambodia": TableSpec("nrw_cambodia", pivot=("city", "year", "nrw_percent"),
                              pivot_header="City", fmt="percent"),
    "dl-business-studies": TableSpec(
        "dalian_business_studies",
        columns=(Column("company", "Company"), Column("study", "Study or project"),
                 Column("funding", "Fund or scheme used"), Column("period", "Year(s)"),
                 Column("result", "Results")),
        note_field="source_note"),
    "dl-water-exchange": TableSpec(
        "dalian_water_exchange",
        columns=(Column("phase", "Phase"), Column("period", "Period"), Column("purpose", "Purpose"),
                 Column("jica_partnership", "JICA Partnership Program"),
                 Column("clair_training", "CLAIR Local Government Officials Training Program in Japan"))),
    "hp-pilot-projects": TableSpec(          # the sector grouping is the editors' (editor_notes D7), in the data
        "haiphong_pilot_projects", columns=(Column("sector", "Sector"), Column("project", "Pilot project")),
        group=("sector", ()), item_number="number"),
    "kk-world-capital": TableSpec(
        "world_capital",
        columns=(Column("part", "Element"), Column("text", "Content")),
        group=("part", (("philosophy", "Basic philosophy"), ("pillar", "Three pillars supporting the philosophy"),
                        ("principle", "10 Principles of Environmental Action of the People of Kitakyushu"))),
        numbered=("principle",)),
    "kk-acclaim": TableSpec(
        "awards",
        columns=(Column("year", "Year", "year"), Column("award", "Recognition"),
                 Column("organizer", "Organizer"), Column("summary", "What was recognised")),
        where=(("in_table_2_3", True),)),
    "kk-lost-table": TableSpec("", lost=True),    # Table 2.2, lost with Chapter 2 section 7 (editor_notes D1a)
    # Figure 3.5.2, a timeline matrix printed as a figure; its 2011 row stays empty (editor_notes D9)
    "md-timeline-matrix": TableSpec(
        "mandalay_timeline",
        matrix=Matrix("track", (("fund-and-scheme", "Fund and scheme"),
                                ("key-event", "Key starting points and events"),
                                ("water-and-sewerage", "Water and sewerage"),
                                ("waste-management", "Waste management"),
                                ("environmental-education", "Environmental education"),
                                ("energy-and-low-carbon", "Energy and low carbon")),
                      "year", (2011, 2017), "entry", letters="scheme_letter",
                      years=((2011, ("2011", "(Myanmar", "Reformation)")),))),
    # Chapter 4. Table 4.1: the plan's two other city images (rows without measures) are the table's note.
    "ks-renaissance-plan": TableSpec(
        "renaissance_plan",
        columns=(Column("city_image", "City image"), Column("measure", "Measures"),
                 Column("example", "Concrete examples")),
        where=(("measure", NOT_EMPTY),), merge=True),
    # Table 4.2: the agreements printed in blue in 2018 (editor_notes D4) in a column of their own.
    "ks-stakeholders": TableSpec(
        "stakeholders",
        columns=(Column("type", "Type", values=(("administrative", "Administrative agencies and corporations"),
                                                ("private", "Private groups and companies"),
                                                ("academic", "Academic organisations"))),
                 Column("organisation", "Organisation", then=(("note", ": {}", "text"),)),
                 Column("agreement", "Collaboration agreement with the City of Kitakyushu",
                        then=(("agreement_date", ", {}", "date"),))),
        merge=True),
    "ks-agreements": TableSpec(
        "agreements",
        columns=(Column("date", "Concluded", "date"), Column("city", "Cooperating city"),
                 Column("agreement", "Agreement"), Column("partner", "Signed with"),
                 Column("overview", "Overview", then=(("updated", "; updated {}", "date"),))),
        note_field="editor_note"),
    # Table 4.4: the rows Table 2.3 lacks, which the 2018 edition highlighted (editor_notes D5), carry a sign.
    "ks-assessments": TableSpec(
        "awards",
        columns=(Column("year", "Year", "year"), Column("award", "Award or recognition"),
                 Column("organizer", "Organizer"), Column("summary", "What was recognised")),
        where=(("in_table_4_4", True),), mark=("in_table_2_3", False, "†")),
    "ks-benefits": TableSpec(
        "benefits",
        columns=(Column("city", "Cooperation with"),
                 Column("benefit", "Examples of benefits", then=(("amount_jpy", " ({})", "jpy"),))),
        group=("city", (("Dalian", "Dalian"), ("Phnom Penh", "Phnom Penh"), ("Surabaya", "Surabaya"),
                        ("Hai Phong", "Hai Phong"), ("Mandalay", "Mandalay"),
                        (None, "Common to all partnerships"))),
        subgroup="group"),
}


def note_mark(i: int) -> str:
    """The letter of a table's i-th note (0-based): a, b, c …"""
    return chr(ord("a") + i)


def fmt(value, kind: str, row: dict | None = None) -> str:
    if value is None:
        return {"year": "unknown"}.get(kind, "–")
    if kind == "date":
        return values.say_date(str(value))
    if kind == "jpy":       # a contract's value, "about" where the row says it is approximate
        about = "about" if (row or {}).get("approximate") else ""
        return values.figure_text(value, values.unit_of("JPY"), about)
    if kind == "percent":
        return f"{Decimal(value).normalize():f}%"
    if kind == "number":
        return f"{value:,}"
    return str(value)


def cell_text(row: dict, c: Column) -> str:
    if isinstance(c.field, tuple):
        start, end = (row[f] for f in c.field)
        return fmt(start, c.fmt) if start == end else f"{fmt(start, c.fmt)}–{fmt(end, c.fmt)}"
    value = row[c.field]
    text = dict(c.values).get(value, value) if c.values else value
    if value is None and c.then:
        return ""
    text = fmt(text, c.fmt, row)
    for field, pattern, kind in c.then:
        if row.get(field) is not None:
            text += pattern.format(fmt(row[field], kind, row))
    return text


FORMULA = re.compile(r"\b(CO|SO|NO|CH|N)([2-4x])(?=e?\b)")   # CO2, SO2, NOx, CH4, N2O... as the text sets them


OPENING = r"(^|[\s(\[\u2013\u2014/])"


def curly(text: str) -> str:
    """Straight quotes and apostrophes of the data as the text sets them: “…”, ‘…’, ’."""
    text = re.sub(OPENING + '"', "\\1\u201c", text).replace('"', "\u201d")
    return re.sub(OPENING + "'", "\\1\u2018", text).replace("'", "\u2019")


def _cell(text: str, column: str) -> Markup:
    """A cell's text, escaped, with curly quotes and the subscripts of its chemical formulas (CO<sub>2</sub>)."""
    return Markup(FORMULA.sub(r"\1<sub>\2</sub>", str(escape(curly(_settable(text, column))))))


def _settable(text: str, column: str) -> str:
    """A cell's text, if every word of it fits a page (dpaper/limits.py)."""
    problem = limits.word_problem(text)
    if problem:
        raise BuildError(f"table cell, column {column}: {problem}")
    return text


def with_continued_row(table: Markup, label: str) -> Markup:
    """Print: a first header row "Table N (continued)", repeated with the header on every page the table
    runs on (the caption covers it on the first; print.css)."""
    columns = len(re.findall(r"<th scope=\"col\"", table.split("</thead>", 1)[0]))
    row = Markup('<tr class="continued"><th scope="colgroup" colspan="{}">{} (continued)</th></tr>').format(
        columns, label)
    return Markup(str(table).replace("<thead>", "<thead>" + str(row), 1))


KEEP = 2     # print: rows of a table kept together at its start and at its end


def with_kept_rows(table: Markup, keep: int = KEEP) -> Markup:
    """Print: a table breaks across pages with at least `keep` rows on either side, or not at all. Its first
    and its last `keep` rows (whole groups of a merged first cell) are row groups (<tbody>) that never break
    (print.css), which WeasyPrint 70 honours where it ignores `break-before: avoid` on a row. A group of a
    merged cell longer than 2 × `keep` rows is not kept whole; dpaper.layout repeats its label across a break."""
    text = str(table)
    if "<tbody>" not in text:
        return table
    head, rest = text.split("<tbody>", 1)
    body, tail = rest.rsplit("</tbody>", 1)
    rows = re.findall(r"<tr.*?</tr>", body, re.S)
    groups, k = [], 0
    while k < len(rows):
        span = re.match(r'<tr[^>]*><th[^>]*rowspan="(\d+)"', rows[k])
        n = int(span.group(1)) if span else 1
        groups.append(rows[k:k + n])
        k += n

    def take(gs: list) -> list:
        out: list = []
        for g in gs:
            out.append(g)
            if sum(map(len, out)) >= keep:
                break
        return out if sum(map(len, out)) <= 2 * keep else []
    first, last = take(groups), take(groups[::-1])[::-1]
    if len(rows) <= 2 * keep or len(first) + len(last) >= len(groups):
        parts = [("keep", groups)]
    else:
        parts = [("keep", first), ("", groups[len(first):len(groups) - len(last)]), ("keep", last)]
    bodies = "".join(f'<tbody{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}>'
                     + "".join(r for g in gs for r in g) + "</tbody>" for cls, gs in parts if gs)
    return Markup(head + bodies + tail)


def pivot(df: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """One row per value of the row field (in the dataset's order), one column per value of the
    column field (sorted); a cell the data lacks is missing."""
    import pandas as pd
    row_f, col_f, val_f = spec.pivot
    return df.pivot(index=row_f, columns=col_f, values=val_f).reindex(pd.unique(df[row_f])).sort_index(axis=1)


def render(spec: TableSpec, df: pd.DataFrame | None) -> tuple[Markup, list[str]]:
    """The <table> element (one line, so Markdown keeps it one HTML block) and its notes."""
    from dpaper.data.load import plain
    notes: list[str] = []
    if spec.lost:
        return Markup(""), notes
    if spec.pivot:
        row_f, col_f, _ = spec.pivot
        wide = pivot(df, spec)
        head = f"<th scope=\"col\">{escape(spec.pivot_header)}</th>" + "".join(
            f'<th scope="col" class="num">{escape(_settable(str(plain(c)), col_f))}</th>' for c in wide.columns)
        body = "".join(
            f"<tr><th scope=\"row\">{escape(_settable(str(plain(r)), row_f))}</th>" + "".join(
                f'<td class="num">{escape(fmt(plain(v), spec.fmt))}</td>' for v in values) + "</tr>"
            for r, values in zip(wide.index, wide.itertuples(index=False, name=None)))
    elif spec.matrix:
        head, body = _matrix(spec.matrix, _rows(spec, df))
    elif spec.group:
        head = "".join(f'<th scope="col"{_cls(c)}>{escape(c.header)}</th>' for c in spec.columns)
        rows = _rows(spec, df)
        groups = spec.group[1] or tuple((v, str(v)) for v in dict.fromkeys(r[spec.group[0]] for r in rows))
        body = "".join(_group_row(spec, value, header, [r for r in rows if r[spec.group[0]] == value])
                       for value, header in groups)
    else:
        head = "".join(f'<th scope="col"{_cls(c)}>{escape(c.header)}</th>' for c in spec.columns)
        body_rows = []
        rows = _rows(spec, df)
        firsts = [cell_text(r, spec.columns[0]) for r in rows]
        for k, r in enumerate(rows):
            mark = ""
            if spec.note_field and r.get(spec.note_field):
                notes.append(curly(_settable(str(r[spec.note_field]), spec.note_field)))
                mark = f'<sup class="tnote">{note_mark(len(notes) - 1)}</sup>'
            marked = spec.mark is not None and r.get(spec.mark[0]) == spec.mark[1]
            if marked:
                mark += f'<span class="tmark">{escape(spec.mark[2])}</span>'
            cells = []
            for i, c in enumerate(spec.columns):
                text = _cell(cell_text(r, c), c.header)
                tag = "th scope=\"row\"" if i == 0 else "td"
                if i == 0 and spec.merge:
                    if k and firsts[k - 1] == firsts[k]:
                        continue
                    span = next((j for j in range(k + 1, len(rows)) if firsts[j] != firsts[k]), len(rows)) - k
                    tag += f' rowspan="{span}"' if span > 1 else ""
                cells.append(f"<{tag}{_cls(c)}>{text}{mark if i == 0 else ''}</{tag.split()[0]}>")
            cls = ' class="marked"' if marked else ""
            body_rows.append(f"<tr{cls}>" + "".join(cells) + "</tr>")
        body = "".join(body_rows)
    compact = (' class="compact"' if spec.pivot else ' class="matrix"' if spec.matrix
               else ' class="merged"' if spec.merge else "")
    return Markup(f"<table{compact}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"), notes


def shown_digest(spec: TableSpec, df: pd.DataFrame) -> str:
    """A short SHA-256 of the rows the table shows (the dataset's rows its `where` keeps, every field, as
    JSON records): the web edition prints it under the table, so a reader can tell two tables' data apart."""
    text = json.dumps(_rows(spec, df), default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _rows(spec: TableSpec, df: pd.DataFrame) -> list[dict]:
    """The dataset's rows (plain values) that the spec's `where` keeps."""
    from dpaper.data.load import records
    return [r for r in records(df)
            if all(r.get(f) is not None if v is NOT_EMPTY else r.get(f) == v for f, v in spec.where)]


def _matrix(m: Matrix, rows: list[dict]) -> tuple[str, str]:
    """The head and body of a timeline matrix. Every row must fall on a track and a year of the matrix."""
    years = range(m.span[0], m.span[1] + 1)
    known = dict(m.tracks)
    problems = [f"{m.track} {r[m.track]!r}, {m.year} {r[m.year]}: expected a {m.track} of "
                f"{', '.join(known)} and a {m.year} from {m.span[0]} to {m.span[1]}"
                for r in rows if r[m.track] not in known or r[m.year] not in years]
    if problems:
        raise BuildError([f"timeline matrix: {p}" for p in problems])
    lines = dict(m.years)
    head = '<th scope="col">Year</th>' + "".join(f'<th scope="col">{escape(h)}</th>' for _, h in m.tracks)
    body = ""
    for y in years:
        heading = Markup("<br>").join(escape(_settable(t, m.year)) for t in lines.get(y, (str(y),)))
        cells = []
        for track, _ in m.tracks:
            entries = []
            for r in rows:
                if r[m.track] == track and r[m.year] == y:
                    letters = r.get(m.letters) if m.letters else None
                    mark = f"({', '.join(letters)})\u00a0" if letters else ""
                    entries.append(_cell(mark + str(r[m.value]), m.value))
            cells.append(f"<td>{Markup('<br>').join(entries)}</td>")
        body += f'<tr><th scope="row">{heading}</th>{"".join(cells)}</tr>'
    return head, body


def _group_row(spec: TableSpec, value: str, header: str, rows: list[dict]) -> str:
    """One row of a grouped table: the group's header, then its items (text, or a list)."""
    if not rows:
        raise BuildError(f"table of {spec.dataset}: no row has {spec.group[0]} {value!r}")
    c = spec.columns[1]
    items = [_cell(cell_text(r, c), c.header) for r in rows]
    if spec.subgroup:        # items under the same subgroup nest in one item named after it, in first-seen order
        nested: dict = {}
        for r, item in zip(rows, items):
            nested.setdefault(r[spec.subgroup] or id(r), (r[spec.subgroup], []))[1].append(item)
        items = [Markup(f"{escape(head)}<ul>" + "".join(f"<li>{i}</li>" for i in sub) + "</ul>") if head else sub[0]
                 for head, sub in nested.values()]
        return (f'<tr><th scope="row">{escape(header)}</th><td><ul>'
                + "".join(f"<li>{i}</li>" for i in items) + "</ul></td></tr>")
    if spec.item_number:       # "01 …" lines: WeasyPrint 70 ignores <ol start> and <li value>
        cell = "<br>".join(f"{int(r[spec.item_number]):02d}\u2002{i}" for r, i in zip(rows, items))
    elif len(items) == 1:
        cell = items[0]
    else:
        tag = "ol" if value in spec.numbered else "ul"
        cell = f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>"
    return f'<tr><th scope="row">{escape(header)}</th><td>{cell}</td></tr>'


def _cls(c: Column) -> str:
    return ' class="num"' if c.align == "right" else ""
