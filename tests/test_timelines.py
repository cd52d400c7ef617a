"""Every declared timeline, drawn from the shipped events by the build's own code, measured from its SVG.

The SVG is what the reader gets (matplotlib writes each text as a <text> at its
baseline, `svg.fonttype` none; each bar, lane, dot and diamond as a filled
<path>; each year rule as a stroked one). A text's box is its ink as the
paper's font sets it (measured with matplotlib's renderer, as the layout
measures it). On every timeline:

- every text is at least 7 pt at print scale (the SVG is the 150 mm text block) and inside the frame;
- no text overlaps another;
- a filled shape a text touches holds it whole: a label inside a bar stays inside it, and no label runs
  over a bar's end, a lane's edge, a dot or a diamond;
- no rule (gridline) crosses a text;
- every text has at least 4.5:1 contrast with the topmost fill beneath it;
- nothing is cut with an ellipsis; the legend names only the marks drawn; the figure has a Source line.

A failure names the figure and the label.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

import pytest
from shapely.geometry import LineString, MultiPoint, box

from dpaper.errors import BuildError
from dpaper.figures import registry
from dpaper.figures.draw import drawing
from dpaper.figures.kinds import timeline as tl

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"
MM = 25.4 / 72                 # the SVG's user unit is the point
SPECS = {i: s for i, s in registry(ROOT / "figures").items() if s.kind == "timeline"}


@pytest.fixture(scope="module")
def drawn(cleaned):
    """Each timeline as the build draws it (dpaper.figures.draw.drawing on the shipped events)."""
    return {i: drawing(spec, {"events": cleaned("events")}) for i, spec in SPECS.items()}


# -- reading the SVG -----------------------------------------------------------------------------------------
def _style(el) -> dict[str, str]:
    return dict(kv.split(":", 1) for kv in (el.get("style") or "").replace(" ", "").split(";") if ":" in kv)


def _points(d: str) -> list[tuple[float, float]]:
    nums = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", d)]
    return list(zip(nums[::2], nums[1::2]))


@lru_cache(maxsize=1)
def _renderer():
    from matplotlib.backends.backend_agg import RendererAgg

    from dpaper.figures import style
    style.register_fonts()
    return RendererAgg(10, 10, 72 * 4)


@lru_cache(maxsize=8192)
def _ink(text: str, size: float, weight: str) -> tuple[float, float, float]:
    """Width, height and descent of `text` in points, as the paper's font sets it."""
    from matplotlib.font_manager import FontProperties
    w, h, d = _renderer().get_text_width_height_descent(
        text, FontProperties(family="Source Sans Pro", size=size, weight=weight), ismath=False)
    return w / 4, h / 4, d / 4


def read(svg: str):
    """The SVG's texts (text, box, size, colour, paint order), filled shapes (outline, colour, paint order),
    rules (line segments) and frame, in points."""
    root = ET.fromstring(svg.encode())
    frame = box(0, 0, *map(float, root.get("viewBox").split()[2:]))
    texts, shapes, rules = [], [], []
    for n, el in enumerate(root.iter()):
        st = _style(el)
        if el.tag == f"{SVG}path" and st.get("fill", "#000000") != "none":
            shapes.append((MultiPoint(_points(el.get("d"))).convex_hull, st["fill"].lower(), n))
        elif el.tag == f"{SVG}path":
            pts = _points(el.get("d"))
            rules += [LineString([a, b]) for a, b in zip(pts, pts[1:])]
        elif el.tag == f"{SVG}text":
            s = "".join(el.itertext())
            size = float(st["font-size"].removesuffix("px"))
            w, h, d = _ink(s, size, "semibold" if st.get("font-weight") == "600" else "normal")
            x, y = float(el.get("x")), float(el.get("y"))
            x0 = {"start": x, "middle": x - w / 2, "end": x - w}[st.get("text-anchor", "start")]
            texts.append((s, box(x0, y - (h - d), x0 + w, y + d), size, st["fill"].lower(), n))
    return texts, shapes, rules, frame


def _luminance(colour: str) -> float:
    c = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)))
    return (lb + 0.05) / (la + 0.05)


def problems(svg: str) -> list[str]:
    """What a reader would stumble on, one line per label: see the module's docstring."""
    texts, shapes, rules, frame = read(svg)
    out = []

    def near(a, b) -> bool:             # bounding boxes meet (a cheap test before shapely's exact one)
        (a0, a1, a2, a3), (b0, b1, b2, b3) = a.bounds, b.bounds
        return a0 < b2 and b0 < a2 and a1 < b3 and b1 < a3
    for i, (s, b, size, colour, n) in enumerate(texts):
        what = f"“{s}”"
        if size < 7:
            out.append(f"{what} is set at {size} pt, under 7 pt")
        if not frame.contains(b):
            out.append(f"{what} runs out of the figure")
        if "…" in s or s.endswith("..."):
            out.append(f"{what} is cut with an ellipsis")
        out += [f"{what} overlaps “{t}”" for t, c, *_ in texts[i + 1:] if near(b, c) and b.intersection(c).area > 0.01]
        beneath = []
        for shape, fill, m in shapes:
            if not near(shape, b) or shape.intersection(b).area < 0.01:
                continue
            if b.difference(shape).area > 0.01:
                x0, y0, x1, y1 = (round(v * MM, 1) for v in shape.bounds)
                out.append(f"{what} runs over the edge of a {fill} shape at ({x0}, {y0})–({x1}, {y1}) mm")
            elif m < n:
                beneath.append((m, fill))
        crossing = [r for r in rules if near(r, b) and r.intersects(b)]
        if crossing:
            out.append(f"{what} is crossed by a rule at x = {crossing[0].coords[0][0] * MM:.1f} mm")
        under = max(beneath, default=(0, "#ffffff"))[1]
        if contrast(colour, under) < 4.5:
            out.append(f"{what} ({colour} on {under}) has contrast {contrast(colour, under):.2f}:1, under 4.5:1")
    return out


# -- the proof -----------------------------------------------------------------------------------------------
def test_the_paper_declares_its_eleven_timelines():
    assert len(SPECS) == 11
    assert all(spec.source for spec in SPECS.values()), [i for i, s in SPECS.items() if not s.source]


@pytest.mark.parametrize("fig_id", sorted(SPECS))
def test_every_label_of_a_timeline_is_legible(drawn, fig_id):
    d = drawn[fig_id]
    texts = [t[0] for t in read(d.svg)[0]]
    assert problems(d.svg) == [], fig_id
    for row in d.table:                   # every label is printed whole, on the chart or in the notes under it
        assert row["printed"] in " ".join(texts), f"{fig_id}: {row['event']}: “{row['printed']}” is not printed"
    marks = {r["mark"] for r in d.table}
    milestones = " or ".join(SPECS[fig_id].declaration.get("milestones", ["agreement"])).capitalize()
    legend = {"event": "Event", "milestone": milestones, "period": "Period"}
    for mark, word in legend.items():     # the legend names the marks drawn, and no other
        assert (word in texts) == (mark in marks), f"{fig_id}: legend entry {word!r} against marks {marks}"


def test_the_measure_catches_what_a_reader_would_see(drawn):
    """The checks can fail: a label moved over its bar's end, a grey label on a bar, a line across a label."""
    svg = drawn["hp-waterworks-cooperation"].svg
    inside = next(r["printed"] for r in drawn["hp-waterworks-cooperation"].table
                  if r["mark"] == "period" and r["printed"] in svg)
    pattern = re.compile(r'(<text style="[^"]*fill: )(#[0-9a-f]{6})("[^>]* x=")([\d.]+)("[^>]*>)' + re.escape(inside))
    m = pattern.search(svg)
    moved = svg[:m.start(4)] + str(float(m[4]) + 150) + svg[m.end(4):]
    assert any(f"“{inside}” runs over the edge of a {tl.BAR_FILL} shape" in p for p in problems(moved))
    grey = svg[:m.start(2)] + "#9aa5ad" + svg[m.end(2):]
    assert any(f"“{inside}” (#9aa5ad on {tl.BAR_FILL}) has contrast" in p for p in problems(grey))
    x = float(m[4]) + 10
    ruled = svg.replace("</svg>", f'<path d="M {x} 0 L {x} 400" style="fill: none; stroke: #c9d2d9"/></svg>')
    assert any(f"“{inside}” is crossed by a rule" in p for p in problems(ruled))


# -- labels too long for the room: a build error, never an ellipsis -----------------------------------------
def _declaration(fig_id: str) -> dict:
    return dict(SPECS[fig_id].declaration)


def test_an_overlong_label_without_a_short_one_is_a_build_error(cleaned):
    events = cleaned("events").copy()
    row = events.index[events["id"] == "hp-2014-sister-city"][0]
    events.loc[row, "short"] = None
    events.loc[row, "label"] = "Kitakyushu and Hai Phong sign a sister city agreement after five years of work"
    with pytest.raises(BuildError) as err:
        tl.timeline({"events": events}, _declaration("hp-cooperation-areas"))
    assert str(err.value) == ("timeline hp-cooperation-areas: event hp-2014-sister-city: its label has 78 "
                              "characters, more than the 40 a timeline prints; give it a shorter label in the "
                              "`short` column of the events dataset (config roles: events)")
    events.loc[row, "label"] = "Sister city agreement signed"          # a label that fits needs no short one
    table = tl.timeline({"events": events}, _declaration("hp-cooperation-areas")).table
    assert next(r["printed"] for r in table if r["event"] == "hp-2014-sister-city") == "Sister city agreement signed"


def test_a_label_with_no_room_beside_its_mark_is_a_build_error(cleaned):
    """A label wider than its bar and than the room either side of it must be shortened, not cut."""
    events = cleaned("events").copy()
    row = events.index[events["id"] == "hp-2013-distribution-network"][0]
    events.loc[row, ["date", "end", "date_year", "end_year", "short"]] = ["2011", "2013", 2011, 2013, "W" * 40]
    with pytest.raises(BuildError, match=r"^timeline hp-waterworks-cooperation: event hp-2013-distribution-network: "
                                         r"its label “W{40}” \(\d+ mm\) fits neither inside its bar nor beside it "
                                         r"\(at most \d+ mm free\); give it a shorter label in the `short` "
                                         r"column of the events dataset \(config roles: events\)$"):
        tl.timeline({"events": events}, _declaration("hp-waterworks-cooperation"))
    events.loc[row, ["date", "end", "end_year"]] = ["2012-07", None, None]
    with pytest.raises(BuildError, match=r"hp-2013-distribution-network: its label “W{40}” \(\d+ mm\) does not "
                                         r"fit beside its mark"):
        tl.timeline({"events": events}, _declaration("hp-waterworks-cooperation"))


def test_panels_start_where_the_declaration_says(cleaned):
    data = {"events": cleaned("events")}
    decl = _declaration("dl-cooperation-by-sector")
    shown = [t[0] for t in read(tl.timeline(data, decl).svg)[0]]
    assert shown.count("Ties, agreements,") == 2 and "1972" in shown and "1995" in shown   # [1972, 1995]
    with pytest.raises(BuildError, match=r"^timeline dl-cooperation-by-sector: panels \[1975, 1995\]: expected "
                                         r"increasing first years, the first 1972 \(the span's\) and none after 2018$"):
        tl.timeline(data, {**decl, "panels": [1975, 1995]})
