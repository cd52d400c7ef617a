"""Every map and chart declared in figures/, drawn from the shipped data and measured from its SVG: its
series apart for every reader (CIEDE2000 20 or more, and 10 or more under simulated deuteranopia,
protanopia and tritanopia), its marks at 3:1 and its text at 4.5:1 against what the figure draws them on,
its text at 7 pt or more at print size (the SVG is 150 mm wide in the PDF). A failure names the figure and
the colour or text.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import combinations

import pytest
from coloraide import Color

from conftest import ROOT
from dpaper.figures import style
from dpaper.figures.kinds import maps

SVG = "{http://www.w3.org/2000/svg}"
PRINT_PT = style.WIDTH_MM / 25.4 * 72          # the SVG's width at print size, in points
MIN_PT, MARK_CONTRAST, TEXT_CONTRAST = 7.0, 3.0, 4.5
MIN_DELTA_E = {None: 20.0, "deutan": 10.0, "protan": 10.0, "tritan": 10.0}   # CIEDE2000 apart, by vision
NEUTRAL = 15.0               # LCh chroma under which a colour is a grey (furniture), not a series
# What a figure draws on, never a mark: the page, gridlines and rules, the maps' sea, land and borders, tiles
GROUNDS = {"#ffffff", style.RULE, style.TINT, maps.SEA, maps.LAND, maps.SHADE, maps.BORDER}
VISION = (None, "deutan", "protan", "tritan")


def roles() -> dict:
    """Which dataset plays each role in this paper (config.yaml's `roles`)."""
    from dpaper import yamlfile
    from dpaper.config import Edition
    ed = Edition(yamlfile.load(ROOT / "config.yaml"))
    return ed.roles(sorted(p.stem for p in (ROOT / "schemas/datasets").glob("*.yaml")))


def specs():
    from dpaper.figures import registry
    return [s for s in registry(ROOT / "figures", roles()).values() if s.kind in ("map", "chart")]


@pytest.fixture(scope="module")
def drawn(cleaned) -> dict[str, str]:
    from dpaper.figures.draw import drawing
    out = {}
    for spec in specs():
        out[spec.id] = drawing(spec, {name: cleaned(name) for name in spec.datasets}, roles()).svg
    return out


def colours(element: ET.Element) -> dict[str, str]:
    """fill and stroke of an SVG element, from its style or its attributes, as #rrggbb ('' for none)."""
    found = dict(re.findall(r"(fill|stroke):\s*(#[0-9a-fA-F]{6}|none)", element.get("style", "")))
    for key in ("fill", "stroke"):
        if element.get(key):
            found.setdefault(key, element.get(key))
    return {k: v.lower() for k, v in found.items() if v.startswith("#")}


def measure(svg: str) -> tuple[set[str], set[str], set[str], list[tuple[str, float]]]:
    """(mark colours, text colours, ground colours, [(text, size at print in points)])."""
    root = ET.fromstring(svg.encode())
    scale = PRINT_PT / float(root.get("viewBox").split()[2])
    marks, inks, grounds, sizes = set(), set(), set(), []
    for el in root.iter():
        tag = el.tag.replace(SVG, "")
        if tag == "text":
            inks.update(colours(el).values())
            size = re.search(r"font-size:\s*([\d.]+)px", el.get("style", "")) or \
                re.search(r"font:\s*(?:\w+\s+)*([\d.]+)px", el.get("style", ""))
            sizes.append(("".join(el.itertext()), float(size.group(1)) * scale))
        elif tag in ("path", "use", "rect", "circle", "ellipse", "polygon", "polyline", "line"):
            for c in colours(el).values():
                (grounds if c in GROUNDS else marks).add(c)
    return marks, inks, grounds, sizes


def contrast(a: str, b: str) -> float:
    return Color(a).contrast(b)


def chroma(c: str) -> float:
    return Color(c).convert("lch")["chroma"]


def delta_e(a: str, b: str, vision: str | None) -> float:
    x, y = Color(a), Color(b)
    if vision:
        x, y = x.filter(vision), y.filter(vision)
    return x.delta_e(y, method="2000")


def test_every_map_and_chart_is_measured():
    kinds = {s.kind for s in specs()}
    assert kinds == {"map", "chart"} and len(specs()) >= 6


@pytest.mark.parametrize("ident", [s.id for s in specs()])
def test_series_apart_marks_at_3_to_1_text_at_4_5_to_1_and_7_pt(drawn, ident):
    marks, inks, grounds, sizes = measure(drawn[ident])
    assert marks, f"{ident}: no marks found"
    series = sorted(m for m in marks if chroma(m) >= NEUTRAL)          # ink and greys: scale bars, leaders, axes
    close = [f"{a} and {b} ({vision or 'normal'} vision): ΔE2000 {delta_e(a, b, vision):.1f}"
             for a, b in combinations(series, 2) for vision in VISION
             if delta_e(a, b, vision) < MIN_DELTA_E[vision]]
    faint = [f"mark {m} on {g}: {contrast(m, g):.2f}" for m in sorted(marks) for g in sorted(grounds - {style.RULE})
             if contrast(m, g) < MARK_CONTRAST]
    pale = [f"text {t} on {g}: {contrast(t, g):.2f}" for t in sorted(inks) for g in sorted(grounds - {style.RULE})
            if contrast(t, g) < TEXT_CONTRAST]
    small = [f"{text!r} at {pt:.2f} pt" for text, pt in sizes if pt < MIN_PT - 0.01]
    assert (close, faint, pale, small) == ([], [], [], []), ident


def test_the_measure_catches_the_two_teals_of_the_2018_chart():
    """The added chart of Case Study 2 once drew 2013 and 2015 in two teals: the measure rejects them."""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 425.2 100"><rect style="fill: #ffffff"/>'
           f'<use style="fill: #00677f"/><use style="fill: #4a93a8"/>'
           f'<text style="font-size: 6px; fill: {style.MUTED}">6 pt</text></svg>')
    marks, _, grounds, sizes = measure(svg)
    assert marks == {"#00677f", "#4a93a8"} and grounds == {"#ffffff"}
    assert delta_e("#00677f", "#4a93a8", None) < MIN_DELTA_E[None]
    assert [t for t, pt in sizes if pt < MIN_PT] == ["6 pt"]


def test_the_series_palette_is_okabe_ito_and_keeps_3_to_1_on_white():
    assert style.SERIES[:3] == ("#0072b2", "#d55e00", "#009e73")
    assert all(contrast(c, "#ffffff") >= MARK_CONTRAST for c in style.SERIES)
    assert all(delta_e(a, b, v) >= MIN_DELTA_E[v] for a, b in combinations(style.SERIES, 2) for v in VISION)
