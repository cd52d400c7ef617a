"""Timeline: the events of one figure on lanes, periods as bars, agreements as milestones.

Declaration (plain data, e.g. from YAML):

    figure: pp-cooperation-timeline    # required: the events whose `figures` list this figure id
    title: cooperation between two cities   # required: what the alt text calls it
    lane_column: sector                # required: the events' column that puts an event on a lane
    lanes:                             # required, top to bottom; every event must fall on one
      - {label: Water supply, values: [water]}
      - {label: Sewerage, values: [sewerage]}
    span: [1991, 2018]                 # required: first and last year drawn
    label_column: short                # optional (default short): the label printed at the mark; an empty
                                       #   cell prints `label` whole if it has at most 40 characters
    milestones: [agreement]            # optional (default [agreement]): kinds drawn as milestones
    panels: 2                          # optional: stacked panels, each a run of years: a count (equal runs)
                                       #   or the first year of each ([1991, 2005]); default: as few equal
                                       #   runs as give every year 8 mm (text is never set below 7 pt)
    earlier: true                      # optional (default false): events that end before the span's first
                                       #   year are listed under the chart ("Before 1985: …") instead of
                                       #   being an error, so a few early events need not stretch the span

Data: `{"events": DataFrame}` (the clean events dataset). An event with an
`end` is a bar from the start of its first to the end of its last year (or
month); one without, a mark at its month (or mid-year). A period's label is set
inside its bar when it fits there, otherwise beside the bar like an event's:
right of its mark, or left of it near a panel's end. Each item (mark and label)
takes the first row of its lane where it meets no other, widths measured with
matplotlib's renderer, so a lane grows until nothing collides. Year gridlines
stop short of every label. A label is never cut: one that fits nowhere, or runs
over 40 characters, is a build error asking for the event's `short` label.
Undated events are listed under the chart; an event outside the span or on no
lane is an error: a timeline shows every event it declares.
"""
from __future__ import annotations

import calendar
import math
from contextlib import contextmanager
from dataclasses import dataclass, replace

import pandas as pd
from matplotlib.patches import Circle, Polygon, Rectangle

from dpaper.data.load import records
from dpaper.errors import BuildError
from dpaper.figures import style
from dpaper.figures.draw import Drawing
from dpaper.figures.kinds import Box, check_keys, count, mm_figure, need, text_size, wrap_to

KEYS = {"figure", "title", "lane_column", "lanes", "span", "label_column", "milestones", "panels", "earlier"}
LABEL_PT, LANE_PT, YEAR_PT = 7.0, 7.5, 7.0
GUTTER, RIGHT, MIN_MM_PER_YEAR = 23.0, 1.5, 8.0
ROW, LANE_PAD, LANE_LINE, HEADER, PANEL_GAP, GAP = 3.9, 1.0, 3.1, 4.5, 4.0, 2.5     # millimetres
TEXT_GAP = 6.0       # between two labels that face each other on a row, so they do not read as one
BAR_H, DOT_R, DIAMOND_R, POINT, PAD = 3.1, 0.75, 1.15, 1.1, 0.8    # POINT: the arrow end of a carried period
MAX_CHARS = 40                 # the longest label a timeline prints (the `short` column's limit)
LANE_FILL = "#f2f5f7"          # every other lane
BAR_FILL = "#d3e6ec"           # a period's bar (its outline, PRIMARY, keeps it 3:1 on the lanes)
SHORT = "give it a shorter label in the `short` column of the events dataset (config roles: events)"


@dataclass(frozen=True)
class Item:
    id: str
    lane: int
    x0: float                  # years, fractional
    x1: float | None           # end of a period, else None
    text: str
    mark: str                  # "period", "milestone" or "event"
    continued: bool = False    # a period carried over from the panel above


@dataclass(frozen=True)
class Placed:
    item: Item
    row: int
    label: Box                 # relative to the lane's top, x in millimetres
    inside: bool               # the label is set inside its bar


def _when(date: str, at: str) -> float:
    """A partial date as fractional years: the "start", "end" or "mid"dle of its month (or year); a day
    is drawn at its month, the finest step a timeline of years can show."""
    year, _, month = date.partition("-")
    month = month.partition("-")[0]
    shift = {"start": 0.0, "mid": 0.5, "end": 1.0}[at]
    return int(year) + shift if not month else int(year) + (int(month) - 1 + shift) / 12


def _prose(date: str) -> str:
    """'2016-06-13' -> '13 June 2016'; '2016-06' -> 'June 2016'; '2016' -> '2016'."""
    year, month, day = (date.split("-") + ["", ""])[:3]
    if day:
        return f"{int(day)} {calendar.month_name[int(month)]} {year}"
    return f"{calendar.month_name[int(month)]} {year}" if month else year


def _period(row: dict) -> str:
    return _prose(row["date"]) + (f" to {_prose(row['end'])}" if row["end"] else "")


def _rows(data: dict[str, pd.DataFrame], decl: dict) -> tuple[list[dict], list[dict]]:
    """The declared events (dated, undated), each with its lane index and printed label."""
    df = data["events"]
    fig_id, column = need(decl, "figure", "timeline"), need(decl, "lane_column", "timeline")
    lane_of = {v: i for i, lane in enumerate(need(decl, "lanes", "timeline")) for v in lane["values"]}
    label_col = decl.get("label_column", "short")
    rows = [r for r in records(df) if fig_id in (r["figures"] or [])]
    if not rows:
        raise BuildError(f"timeline {fig_id}: no event lists it in its figures column")
    y0, y1 = need(decl, "span", "timeline")
    problems = []                               # every event the timeline could not show, at once
    for r in rows:
        if r[column] not in lane_of:
            problems.append(f"event {r['id']} has {column} {r[column]!r}, which no lane takes "
                            f"(lanes take: {', '.join(lane_of)})")
        r["_earlier"] = bool(decl.get("earlier") and r["date"] and (r["end_year"] or r["date_year"]) < y0)
        if r["date"] and not r["_earlier"] and not (y0 <= r["date_year"] and (r["end_year"] or r["date_year"]) <= y1):
            problems.append(f"event {r['id']} ({_period(r)}) lies outside the span {y0}–{y1}")
        r["_lane"] = lane_of.get(r[column])
        r["_printed"] = " ".join((r.get(label_col) or r["label"]).split())
        if len(r["_printed"]) > MAX_CHARS:
            problems.append(f"event {r['id']}: its label has {len(r['_printed'])} characters, more than the "
                            f"{MAX_CHARS} a timeline prints; {SHORT}")
    if problems:
        raise BuildError([f"timeline {fig_id}: {p}" for p in problems])
    dated = sorted((r for r in rows if r["date"] and not r["_earlier"]),
                   key=lambda r: (r["_lane"], _when(r["date"], "start"), r["id"]))
    earlier = sorted((r for r in rows if r["_earlier"]), key=lambda r: (_when(r["date"], "start"), r["id"]))
    return dated, earlier + sorted((r for r in rows if not r["date"]), key=lambda r: (r["_lane"], r["id"]))


def _items(rows: list[dict], milestones: set[str]) -> list[Item]:
    return [Item(r["id"], r["_lane"], _when(r["date"], "start"), _when(r["end"], "end"), r["_printed"], "period")
            if r["end"] else Item(r["id"], r["_lane"], _when(r["date"], "mid"), None, r["_printed"],
                                  "milestone" if r["kind"] in milestones else "event") for r in rows]


def _runs(decl: dict, plot_w: float) -> list[tuple[int, int]]:
    """The panels' runs of years (first, last): `panels` as the first year of each, or a count of equal runs."""
    y0, y1 = decl["span"]
    panels = decl.get("panels") or max(1, math.ceil((y1 - y0 + 1) * MIN_MM_PER_YEAR / plot_w))
    if isinstance(panels, int):
        starts = list(range(y0, y1 + 1, math.ceil((y1 - y0 + 1) / panels)))
    else:
        starts = [int(a) for a in panels]
        if starts[0] != y0 or starts != sorted(set(starts)) or starts[-1] > y1:
            raise BuildError(f"timeline {decl['figure']}: panels {starts}: expected increasing first years, "
                             f"the first {y0} (the span's) and none after {y1}")
    return [(a, (starts[i + 1] - 1) if i + 1 < len(starts) else y1) for i, a in enumerate(starts)]


def _panels(items: list[Item], runs: list[tuple[int, int]]) -> list[tuple[int, int, list[Item]]]:
    """Each run of years with its items; a period crossing into the next run is carried over."""
    return [(a, b, [it for it in items if a <= it.x0 < b + 1]
             + [replace(it, x0=float(a), continued=True) for it in items if it.x1 is not None and it.x0 < a < it.x1])
            for a, b in runs]


def _bar(it: Item, x_of, last: float) -> tuple[float, float, float, float]:
    """A period's bar (start, end) and the part of it a label may take (between its arrow ends and padding)."""
    start, end = x_of(it.x0), x_of(min(it.x1, last))
    return start, end, start + PAD + (POINT if it.continued else 0), end - PAD - (POINT if it.x1 > last else 0)


def _place(items: list[Item], x_of, last: float, lo: float, hi: float) -> tuple[list[Placed], list[tuple]]:
    """Rows per lane: each item's extent (mark and label) on the first row where it meets no other's.

    A period's label goes inside its bar if it fits, else right of the mark, else left of it; a label that
    fits nowhere between `lo` and `hi` is returned as a problem (item, width, widest room).
    Items go in date order, so a lane reads as a cascade from top left (ordering by where the extents
    begin would be optimal, but on the real timelines it saves no row and scatters the dates)."""
    spans, problems = [], []
    for it in items:
        w, h = text_size(it.text, LABEL_PT)
        if it.mark == "period":
            start, end, in0, in1 = _bar(it, x_of, last)
            pad = PAD
        else:
            start = end = x_of(it.x0)
            pad = (DIAMOND_R if it.mark == "milestone" else DOT_R) + 0.6
        if it.mark == "period" and w <= in1 - in0:
            lx0, inside = in0 + (in1 - in0 - w) / 2 if it.continued else in0, True
        elif end + pad + w <= hi:
            lx0, inside = end + pad, False
        elif start - pad - w >= lo:
            lx0, inside = start - pad - w, False
        else:
            problems.append((it, w, max(hi - end - pad, start - pad - lo,
                                        in1 - in0 if it.mark == "period" else 0)))
            continue
        extent = (min(lx0, start), max(lx0 + w, end), not inside and lx0 < start, not inside and lx0 + w > end)
        spans.append((it, extent, lx0, w, h, inside))
    rows: dict[tuple[int, int], list[tuple[float, float, bool, bool]]] = {}
    out = []
    for it, (e0, e1, t0, t1), lx0, w, h, inside in sorted(spans, key=lambda s: (s[0].lane, s[0].x0, s[0].id)):
        row = 0
        while any(a < e1 + (TEXT_GAP if t1 and a_t0 else GAP) and e0 < b + (TEXT_GAP if b_t1 and t0 else GAP)
                  for a, b, a_t0, b_t1 in rows.get((it.lane, row), [])):
            row += 1
        rows.setdefault((it.lane, row), []).append((e0, e1, t0, t1))
        top = LANE_PAD + row * ROW + (ROW - h) / 2
        out.append(Placed(it, row, Box(lx0, top, lx0 + w, top + h), inside))
    return out, problems


def timeline(data: dict[str, pd.DataFrame], decl: dict) -> Drawing:
    """The timeline `decl` declares, drawn from the events in `data` (see the module's docstring)."""
    with figure(data, decl) as (fig, (lanes, dated, undated, items)):
        drawing = Drawing.from_figure(fig)
    drawing.alt, drawing.table = _alt(decl, lanes, dated, undated), _table(lanes, dated + undated, items)
    return drawing


@contextmanager
def figure(data: dict[str, pd.DataFrame], decl: dict):
    """The timeline's matplotlib figure and what it shows (lanes, dated and undated rows, items): tests
    measure its texts."""
    check_keys(decl, KEYS, "timeline")
    lanes = need(decl, "lanes", "timeline")
    need(decl, "span", "timeline")
    dated, undated = _rows(data, decl)
    items = _items(dated, set(decl.get("milestones", ["agreement"])))
    plot_w = style.WIDTH_MM - GUTTER - RIGHT
    panels = _panels(items, _runs(decl, plot_w))
    per_year = plot_w / max(b - a + 1 for a, b, _ in panels)

    layout, problems, top = [], {}, 0.0
    for a, b, mine in panels:
        def x_of(year, a=a):
            return GUTTER + (year - a) * per_year
        placed, missed = _place(mine, x_of, b + 1, GUTTER + 0.3, style.WIDTH_MM - RIGHT)
        problems.update({it.id: (it, w, room) for it, w, room in missed})
        used = {p.item.lane for p in placed}       # a lane with nothing in these years is left out
        heights = [0.0 if i not in used else
                   LANE_PAD * 2 + max(ROW * (1 + max(p.row for p in placed if p.item.lane == i)),
                                      len(_lane_lines(lane)) * LANE_LINE + 0.5)
                   for i, lane in enumerate(lanes)]
        layout.append((a, b, x_of, placed, heights, top))
        top += HEADER + sum(heights) + PANEL_GAP
    if problems:
        raise BuildError([f"timeline {decl['figure']}: event {it.id}: its label “{it.text}” ({w:.0f} mm) "
                          + ("fits neither inside its bar nor beside it" if it.mark == "period"
                             else "does not fit beside its mark") + f" (at most {room:.0f} mm free); {SHORT}"
                          for it, w, room in problems.values()])
    legend_y = top
    note = [line for text in _notes(decl, undated, "_printed")
            for line in wrap_to(text, style.WIDTH_MM - GUTTER - RIGHT - 3.0, LABEL_PT)]  # a margin: measures differ
    height = legend_y + 4.0 + len(note) * 3.2 + 1.0

    with mm_figure(height) as (fig, ax):
        for a, b, x_of, placed, heights, ptop in layout:
            _draw_panel(ax, a, b, x_of, placed, heights, ptop, lanes)
        _legend(ax, legend_y + 1.0, decl.get("milestones", ["agreement"]), {it.mark for it in items})
        for i, line in enumerate(note):
            ax.text(GUTTER, legend_y + 5.2 + i * 3.2, line, fontsize=LABEL_PT, color=style.MUTED, va="center")
        yield fig, (lanes, dated, undated, items)


def _draw_panel(ax, a, b, x_of, placed, heights, top, lanes) -> None:
    lanes_top = top + HEADER
    bottom = lanes_top + sum(heights)
    step = 1 if text_size("2000", YEAR_PT)[0] + 1.0 < x_of(a + 1) - x_of(a) else 2
    for year in range(a, b + 1, step):
        ax.text(x_of(year + 0.5), top + HEADER / 2, str(year), fontsize=YEAR_PT, color=style.MUTED,
                ha="center", va="center")
    y, shown, labels = lanes_top, 0, []
    for i, (lane, h) in enumerate(zip(lanes, heights)):
        if not h:
            continue
        shown += 1
        if shown % 2:
            ax.add_patch(Rectangle((0, y), style.WIDTH_MM, h, color=LANE_FILL, lw=0, zorder=0))
        for k, line in enumerate(_lane_lines(lane)):
            ax.text(0.8, y + LANE_PAD + ROW / 2 + k * LANE_LINE, line, fontsize=LANE_PT, fontweight="semibold",
                    color=style.INK, va="center")
        for p in (p for p in placed if p.item.lane == i):
            _draw_item(ax, p, x_of, b + 1, y)
            labels.append(Box(p.label.x0, y + p.label.y0, p.label.x1, y + p.label.y1))
        y += h
    for year in range(a, b + 2):
        _gridline(ax, x_of(year), lanes_top, bottom, labels)


def _gridline(ax, x: float, y0: float, y1: float, labels: list[Box], gap: float = 0.5) -> None:
    """A year's vertical rule, broken where it would cross a label."""
    cuts = sorted((b.y0 - gap, b.y1 + gap) for b in labels if b.x0 - gap < x < b.x1 + gap)
    for a, b in cuts:
        if a > y0:
            ax.plot([x, x], [y0, a], color=style.RULE, lw=0.3, zorder=1)
        y0 = max(y0, b)
    if y0 < y1:
        ax.plot([x, x], [y0, y1], color=style.RULE, lw=0.3, zorder=1)


def _lane_lines(lane: dict) -> list[str]:
    return wrap_to(lane["label"], GUTTER - 2.5, LANE_PT, "semibold")


def _draw_item(ax, p: Placed, x_of, last: float, lane_top: float) -> None:
    it, cy = p.item, lane_top + LANE_PAD + p.row * ROW + ROW / 2
    if it.mark == "period":
        start, end, _, _ = _bar(it, x_of, last)
        _mark(ax, "period", start, cy, end, it.continued, it.x1 > last)
    else:
        _mark(ax, it.mark, x_of(it.x0), cy)
    ax.text(p.label.x0, cy, it.text, fontsize=LABEL_PT, color=style.INK, va="center", ha="left", zorder=4)


def _mark(ax, mark: str, x: float, y: float, end: float | None = None, from_left=False, goes_on=False) -> None:
    """A bar from `x` to `end` (period; an arrow end where it carries on from or into another panel), an
    orange diamond (milestone) or a teal dot (event)."""
    if mark == "period":
        t, b, p = y - BAR_H / 2, y + BAR_H / 2, POINT
        left = [(x + p, b), (x, y), (x + p, t)] if from_left else [(x, b), (x, t)]
        right = [(end - p, t), (end, y), (end - p, b)] if goes_on else [(end, t), (end, b)]
        ax.add_patch(Polygon(left + right, closed=True, facecolor=BAR_FILL, edgecolor=style.PRIMARY, lw=0.5,
                             joinstyle="miter", zorder=2))
    elif mark == "milestone":
        r = DIAMOND_R
        ax.add_patch(Polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], color=style.ACCENT, lw=0, zorder=3))
    else:
        ax.add_patch(Circle((x, y), DOT_R, color=style.PRIMARY, lw=0, zorder=3))


def _legend(ax, y: float, milestones: list[str], shown: set[str]) -> None:
    """A key to the marks the figure shows, and to no other."""
    x = GUTTER
    for mark, words in (("event", "Event"), ("milestone", " or ".join(milestones).capitalize()), ("period", "Period")):
        if mark not in shown:
            continue
        _mark(ax, mark, x - (0.8 if mark == "period" else 0), y, x + 3.2)
        x += 2.0 if mark != "period" else 4.4
        ax.text(x, y, words, fontsize=LABEL_PT, color=style.MUTED, va="center")
        x += text_size(words, LABEL_PT)[0] + 5.0


def _alt(decl, lanes, dated, undated) -> str:
    y0, y1 = decl["span"]
    parts = [f"Timeline of {decl['title']}, {y0}–{y1}: {count(len(dated) + len(undated), 'event')} on "
             f"{count(len(lanes), 'lane')}."]
    for i, lane in enumerate(lanes):
        mine = [r for r in dated if r["_lane"] == i]
        if mine:
            parts.append(f"{lane['label']}: " + "; ".join(f"{_period(r)}, {r['label']}" for r in mine) + ".")
    parts.extend(_notes(decl, undated, "label"))
    return " ".join(parts)


def _notes(decl, undated, column: str) -> list[str]:
    """The lines under the chart: events before the span (with their dates), then undated ones."""
    early = [r for r in undated if r.get("_earlier")]
    rest = [r for r in undated if not r.get("_earlier")]
    out = []
    if early:
        out.append(f"Before {decl['span'][0]}: " + "; ".join(f"{_period(r)}, {r[column]}" for r in early) + ".")
    if rest:
        out.append("Not dated in the source: " + "; ".join(r[column] for r in rest) + ".")
    return out


def _table(lanes, rows, items) -> list[dict]:
    mark = {it.id: it.mark for it in items}
    return [{"event": r["id"], "lane": lanes[r["_lane"]]["label"], "date": r["date"] or "", "end": r["end"] or "",
             "kind": r["kind"], "mark": mark.get(r["id"], "before the span, listed below the chart" if r.get("_earlier")
                                       else "undated, listed below the chart"),
             "printed": r["_printed"], "label": r["label"]}
            for r in sorted(rows, key=lambda r: (r["_lane"], r["date"] or "9999", r["id"]))]
