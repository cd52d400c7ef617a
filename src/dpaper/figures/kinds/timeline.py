"""Timeline: the events of one figure on lanes, periods as bars, agreements as milestones.

Declaration (plain data, e.g. from YAML):

    figure: pp-cooperation-timeline    # required: the events whose `figures` list this figure id
    title: cooperation between Kitakyushu and Phnom Penh   # required: what the alt text calls it
    lane_column: sector                # required: the events' column that puts an event on a lane
    lanes:                             # required, top to bottom; every event must fall on one
      - {label: Water supply, values: [water]}
      - {label: Sewerage, values: [sewerage]}
    span: [1991, 2018]                 # required: first and last year drawn
    label_column: short                # optional (default short): the label printed beside the mark;
                                       #   an empty cell prints `label` cut at a word boundary (40 chars)
    milestones: [agreement]            # optional (default [agreement]): kinds drawn as milestones
    panels: 2                          # optional: stacked panels, each a run of years (default: as few as
                                       #   give every year 8 mm; text is never set below 7 pt)
    earlier: true                      # optional (default false): events that end before the span's first
                                       #   year are listed under the chart ("Before 1985: …") instead of
                                       #   being an error, so a few early events need not stretch the span

Data: `{"events": DataFrame}` (the clean events dataset). An event with an
`end` is a bar from the start of its first to the end of its last year (or
month); one without, a mark at its month (or mid-year). A label sits right of
its mark (left near a panel's end), on the first row of its lane where it
meets no other: widths are measured with matplotlib's renderer, so labels
never collide. Undated events are listed under the chart; an event outside
the span or on no lane is an error: a timeline shows every event it declares.
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
from dpaper.figures.kinds import Box, check_keys, count, mm_figure, need, shorten, text_size, wrap_to

KEYS = {"figure", "title", "lane_column", "lanes", "span", "label_column", "milestones", "panels", "earlier"}
LABEL_PT, LANE_PT, YEAR_PT = 7.0, 7.5, 7.0
GUTTER, RIGHT, MIN_MM_PER_YEAR = 23.0, 1.5, 8.0
ROW, LANE_PAD, LANE_LINE, HEADER, PANEL_GAP, GAP = 3.6, 1.0, 3.1, 4.5, 4.0, 1.2     # millimetres
BAR_H, DOT_R, DIAMOND_R = 2.7, 0.75, 1.15


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
        r["_printed"] = r.get(label_col) or shorten(r["label"])
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


def _panels(items: list[Item], y0: int, y1: int, count: int) -> list[tuple[int, int, list[Item]]]:
    """Runs of years, each with its items; a period crossing into the next run is carried over."""
    per = math.ceil((y1 - y0 + 1) / count)
    return [(a, min(a + per - 1, y1),
             [it for it in items if a <= it.x0 < a + per]
             + [replace(it, x0=float(a), text=f"… {it.text}", continued=True)
                for it in items if it.x1 is not None and it.x0 < a < it.x1])
            for a in range(y0, y1 + 1, per)]


def _place(items: list[Item], x_of, last: float, right_edge: float) -> list[Placed]:
    """Rows per lane: each item's extent (mark and label) on the first row where it meets no other's.

    Items go in date order, so a lane reads as a cascade from top left (ordering by where the extents
    begin would be optimal, but on the real timelines it saves no row and scatters the dates)."""
    spans = []
    for it in items:
        w, h = text_size(it.text, LABEL_PT)
        start = x_of(it.x0)
        end = x_of(min(it.x1, last)) if it.x1 is not None else start
        pad = 0.8 if it.mark == "period" else (DIAMOND_R if it.mark == "milestone" else DOT_R) + 0.6
        left = start + pad + w > right_edge
        lx0 = (start - pad - w) if left else start + pad
        spans.append((it, (min(lx0, start - pad), max(lx0 + w, end)), lx0, w, h))
    rows: dict[tuple[int, int], list[tuple[float, float]]] = {}
    out = []
    for it, (e0, e1), lx0, w, h in sorted(spans, key=lambda s: (s[0].lane, s[0].x0, s[0].id)):
        row = 0
        while any(a < e1 + GAP and e0 < b + GAP for a, b in rows.get((it.lane, row), [])):
            row += 1
        rows.setdefault((it.lane, row), []).append((e0, e1))
        top = LANE_PAD + row * ROW + (ROW - h) / 2
        out.append(Placed(it, row, Box(lx0, top, lx0 + w, top + h)))
    return out


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
    y0, y1 = need(decl, "span", "timeline")
    dated, undated = _rows(data, decl)
    items = _items(dated, set(decl.get("milestones", ["agreement"])))
    plot_w = style.WIDTH_MM - GUTTER - RIGHT
    count = decl.get("panels") or max(1, math.ceil((y1 - y0 + 1) * MIN_MM_PER_YEAR / plot_w))
    panels = _panels(items, y0, y1, count)
    per_year = plot_w / max(b - a + 1 for a, b, _ in panels)

    layout, top = [], 0.0
    for a, b, mine in panels:
        def x_of(year, a=a):
            return GUTTER + (year - a) * per_year
        placed = _place(mine, x_of, b + 1, style.WIDTH_MM - RIGHT)
        used = {p.item.lane for p in placed}       # a lane with nothing in these years is left out
        heights = [0.0 if i not in used else
                   LANE_PAD * 2 + max(ROW * (1 + max(p.row for p in placed if p.item.lane == i)),
                                      len(_lane_lines(lane)) * LANE_LINE + 0.5)
                   for i, lane in enumerate(lanes)]
        layout.append((a, b, x_of, placed, heights, top))
        top += HEADER + sum(heights) + PANEL_GAP
    legend_y = top
    note = [line for text in _notes(decl, undated, "_printed") for line in wrap_to(text, style.WIDTH_MM - GUTTER,
                                                                                   LABEL_PT)]
    height = legend_y + 4.0 + len(note) * 3.2 + 1.0

    with mm_figure(height) as (fig, ax):
        for a, b, x_of, placed, heights, ptop in layout:
            _draw_panel(ax, a, b, x_of, placed, heights, ptop, lanes)
        _legend(ax, legend_y + 1.0, decl.get("milestones", ["agreement"]))
        for i, line in enumerate(note):
            ax.text(GUTTER, legend_y + 5.2 + i * 3.2, line, fontsize=LABEL_PT, color=style.MUTED, va="center")
        yield fig, (lanes, dated, undated, items)


def _draw_panel(ax, a, b, x_of, placed, heights, top, lanes) -> None:
    lanes_top = top + HEADER
    bottom = lanes_top + sum(heights)
    for year in range(a, b + 2):
        ax.plot([x_of(year)] * 2, [lanes_top, bottom], color=style.RULE, lw=0.3, zorder=1)
    step = 1 if text_size("2000", YEAR_PT)[0] + 1.0 < x_of(a + 1) - x_of(a) else 2
    for year in range(a, b + 1, step):
        ax.text(x_of(year + 0.5), top + HEADER / 2, str(year), fontsize=YEAR_PT, color=style.MUTED,
                ha="center", va="center")
    y, shown = lanes_top, 0
    for i, (lane, h) in enumerate(zip(lanes, heights)):
        if not h:
            continue
        shown += 1
        if shown % 2:
            ax.add_patch(Rectangle((0, y), style.WIDTH_MM, h, color="#f2f5f7", lw=0, zorder=0))
        for k, line in enumerate(_lane_lines(lane)):
            ax.text(0.8, y + LANE_PAD + ROW / 2 + k * LANE_LINE, line, fontsize=LANE_PT, fontweight="semibold",
                    color=style.INK, va="center")
        for p in (p for p in placed if p.item.lane == i):
            _draw_item(ax, p, x_of, b + 1, y)
        y += h


def _lane_lines(lane: dict) -> list[str]:
    return wrap_to(lane["label"], GUTTER - 2.5, LANE_PT, "semibold")


def _draw_item(ax, p: Placed, x_of, last: float, lane_top: float) -> None:
    it, cy = p.item, lane_top + LANE_PAD + p.row * ROW + ROW / 2
    _mark(ax, it.mark, x_of(it.x0), cy, x_of(min(it.x1, last)) if it.x1 is not None else None)
    ax.text(p.label.x0, cy, it.text, fontsize=LABEL_PT, color=style.MUTED if it.continued else style.INK,
            va="center", ha="left", zorder=4)


def _mark(ax, mark: str, x: float, y: float, end: float | None = None) -> None:
    """A bar from `x` to `end` (period), an orange diamond (milestone) or a teal dot (event)."""
    if mark == "period":
        ax.add_patch(Rectangle((x, y - BAR_H / 2), end - x, BAR_H, color=style.SECONDARY, lw=0, zorder=2))
    elif mark == "milestone":
        r = DIAMOND_R
        ax.add_patch(Polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], color=style.ACCENT, lw=0, zorder=3))
    else:
        ax.add_patch(Circle((x, y), DOT_R, color=style.PRIMARY, lw=0, zorder=3))


def _legend(ax, y: float, milestones: list[str]) -> None:
    x = GUTTER
    for mark, words in (("event", "Event"), ("milestone", " or ".join(milestones).capitalize()), ("period", "Period")):
        _mark(ax, mark, x - (0.8 if mark == "period" else 0), y, x + 2.0)
        x += 2.0 if mark != "period" else 3.2
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
