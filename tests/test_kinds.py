"""The drawing kinds (timeline, map, diagram) on the real data and the Case Study 2 declarations.

Real matplotlib, shapely/pyproj, Graphviz and WeasyPrint: every event, place,
node and link a declaration names is drawn, listed in the alt text and the
table; no label overlaps another; same input, same bytes, wherever it runs.
"""
from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from dpaper.errors import BuildError
from dpaper.figures.kinds import Box, label_boxes, text_size
from dpaper.figures.kinds import diagram as dg
from dpaper.figures.kinds import maps as mp
from dpaper.figures.kinds import timeline as tl

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"


def declaration(name: str) -> dict:
    """A figure's declaration as figures/*.py gives it."""
    from dpaper.figures import registry
    return dict(registry(ROOT / "figures")[name].declaration)


def filled(name: str, data: dict) -> dict:
    """A figure's declaration with the values its labels name filled in, as the build draws it."""
    from dpaper.figures import bind
    return bind.fill(declaration(name), data, name)


@pytest.fixture(scope="module")
def data(cleaned):
    return {"events": cleaned("events"), "places": cleaned("cities"), "countries": cleaned("countries")}


def texts(svg: str) -> list[str]:
    """Every text the SVG sets, one string per <text> element."""
    return ["".join(t.itertext()) for t in ET.fromstring(svg.encode()).iter(f"{SVG}text")]


def font_sizes(svg: str) -> list[float]:
    return [float(v) for v in re.findall(r'font-size[:=]\s*"?([\d.]+)', svg)]


def no_overlaps(boxes: list[tuple[str, Box]]) -> list[tuple[str, str]]:
    return [(a, b) for (a, p), (b, q) in itertools.combinations(boxes, 2) if p.overlaps(q)]


# -- timeline ------------------------------------------------------------------------------------------------
def test_timeline_shows_every_event_it_declares(data):
    decl = declaration("pp-cooperation-timeline")
    events = data["events"]
    ids = [i for i, figs in zip(events["id"], events["figures"]) if "pp-cooperation-timeline" in figs]
    assert len(ids) == 52
    drawing = tl.timeline(data, decl)
    assert sorted(r["event"] for r in drawing.table) == sorted(ids)
    labels = dict(zip(events["id"], events["label"]))
    assert all(labels[i] in drawing.alt for i in ids)
    assert drawing.alt.startswith("Timeline of cooperation between Kitakyushu and Phnom Penh, 1999–2018: 52 events")
    shown = texts(drawing.svg)
    joined = " ".join(shown)                     # the notes under the chart may wrap a label over two lines
    assert all(r["printed"] in shown or r["printed"] in joined for r in drawing.table)
    assert {r["mark"] for r in drawing.table} == {"event", "milestone", "period",   # Kampong Cham is dated now
                                                  "before the span, listed below the chart"}
    assert all(len(r["printed"]) <= 40 for r in drawing.table)


def test_timeline_labels_never_overlap(data):
    with tl.figure(data, declaration("pp-cooperation-timeline")) as (fig, _):
        boxes = label_boxes(fig)
        frame = Box(0, 0, fig.get_figwidth() * 25.4, fig.get_figheight() * 25.4)
    assert len(boxes) > 51 + 28        # the labels, the years, the lanes, the legend
    assert no_overlaps(boxes) == []
    assert [t for t, b in boxes if not b.inside(frame)] == []


def test_timeline_agreements_are_milestones_and_periods_bars(data):
    table = tl.timeline(data, declaration("pp-cooperation-timeline")).table
    kinds = {r["event"]: (r["kind"], r["mark"], r["end"]) for r in table}
    assert kinds["pp-2016-sister-city"][:2] == ("agreement", "milestone")
    assert kinds["pp-2007-capacity-building-phases-2-3"] == ("project", "period", "2017")
    assert kinds["pp-kampong-cham"][1:] == ("period", "2016")             # dated as Table 3.2.4 dates it


def test_a_long_timeline_is_two_panels_and_never_below_7_pt(data):
    decl = {**declaration("pp-cooperation-timeline"), "span": [1991, 2018], "panels": None, "earlier": True}
    svg = tl.timeline(data, decl).svg
    shown = texts(svg)
    assert shown.count("Water supply") == 2                              # one lane label per panel
    assert "1991" in shown and "2004" in shown and "2005" in shown and "2018" in shown
    assert shown.count("JICA capacity building, phase 1") == 2           # a period carried into panel 2, whole
    assert min(font_sizes(svg)) >= 7
    assert re.search(r'<svg[^>]*width="425\.19685pt"', svg)               # 150 mm: the text block


@pytest.mark.parametrize("fig_id", ["kk-environmental-administration", "dl-cooperation-by-sector",
                                    "sb-initiatives-by-sector", "hp-cooperation-areas", "hp-waterworks-cooperation",
                                    "hp-sewerage-cooperation", "md-collaboration-timeline", "md-waste-management",
                                    "md-environmental-education", "jp-national-policies", "kk-intercity-policies"])
def test_every_timeline_of_the_data_lays_out_without_collisions(data, fig_id):
    """Any layout of the shipped events (lanes by sector, span from the data) is free of collisions."""
    ev = data["events"]
    mine = ev[[fig_id in f for f in ev["figures"]]]
    decl = {"figure": fig_id, "title": fig_id, "lane_column": "sector",
            "lanes": [{"label": s, "values": [s]} for s in sorted(set(mine["sector"]))],
            "span": [int(mine["date_year"].min()), int(mine[["date_year", "end_year"]].max().max())]}
    with tl.figure(data, decl) as (fig, (_, dated, undated, _items)):
        assert no_overlaps(label_boxes(fig)) == []
    assert len(dated) + len(undated) == len(mine)


def test_a_timeline_refuses_what_it_cannot_show(data):
    decl = declaration("pp-cooperation-timeline")
    with pytest.raises(BuildError, match="event pp-2018-jica-waste-project has sector 'waste', which no lane takes"):
        tl.timeline(data, {**decl, "lanes": [lane for lane in decl["lanes"] if "waste" not in lane["values"]]})
    with pytest.raises(BuildError, match=r"event pp-1991-paris-peace \(1991\) lies outside the span 1992–2018"):
        tl.timeline(data, {**decl, "span": [1992, 2018], "earlier": False})
    with pytest.raises(BuildError, match="no event lists it"):
        tl.timeline(data, {**decl, "figure": "no-such-figure"})
    with pytest.raises(BuildError, match="unknown key 'lane'"):
        tl.timeline(data, {**decl, "lane": "sector"})


def test_earlier_events_are_listed_under_the_chart_not_drawn(data):
    """Figure 2.2: `earlier` lets the span start where the events crowd; 1901 and 1963 are named below it."""
    decl = declaration("kk-environmental-administration")
    with tl.figure(data, decl) as (fig, (_, dated, undated, _items)):
        assert no_overlaps(label_boxes(fig)) == []
        shown = " ".join(t.get_text() for t in fig.axes[0].texts)
    early = [r["id"] for r in undated if r["_earlier"]]
    assert early == ["kk-1901-yawata-steel-works", "kk-1963-city-formed"]
    assert all(r["date_year"] >= decl["span"][0] for r in dated)
    assert "Before 1985: 1901, Yawata Steel Works opens; 1963, City of Kitakyushu formed." in shown
    drawing = tl.timeline(data, decl)
    assert "Before 1985: 1901, State-run Yawata Steel Works" in drawing.alt
    assert {r["mark"] for r in drawing.table if r["event"] == "kk-1963-city-formed"} == {
        "before the span, listed below the chart"}
    with pytest.raises(BuildError, match=r"kk-1901-yawata-steel-works \(1901\) lies outside the span 1985–2018"):
        tl.timeline(data, {**decl, "earlier": False})


# -- map -----------------------------------------------------------------------------------------------------
def test_a_map_draws_exactly_the_rows_it_selects(data):
    cities = data["places"]
    want = [n for n, role in zip(cities["name"], cities["role"])
            if (role == "cambodian-city" and n not in ("Kep", "Mondulkiri")) or n == "Phnom Penh"]
    assert len(want) == 9
    drawing = mp.map_figure(data, declaration("pp-cambodian-cities"))
    assert [r["place"] for r in drawing.table] == want
    shown = texts(drawing.svg)
    assert [t for t in shown if t in set(cities["name"])] == sorted(want, key=shown.index)
    assert "Kep" not in shown and "Mondulkiri" not in shown
    assert all(f"{n}, Cambodia (" in drawing.alt for n in want)
    assert {"CAMBODIA", "THAILAND", "LAOS", "VIET NAM", "100 km"} <= set(shown)


def test_figure_2_1_has_kitakyushu_its_circle_and_the_cities_in_it(data):
    drawing = mp.map_figure(data, declaration("kk-location"))
    assert [r["place"] for r in drawing.table] == ["Kitakyushu", "Dalian", "Busan", "Tokyo", "Seoul", "Shanghai"]
    assert "A dashed circle marks 1,000 km around Kitakyushu" in drawing.alt
    assert "Busan, South Korea (35.18° N, 129.08° E), 219 km from Kitakyushu" in drawing.alt
    assert "1,000 km" in texts(drawing.svg) and "stroke-dasharray" in drawing.svg


def test_a_map_follows_the_coordinates_of_the_data(data):
    decl = declaration("pp-cambodian-cities")
    before = mp.map_figure(data, decl)
    cities = data["places"].copy()
    row = cities.index[cities["name"] == "Kampot"][0]
    cities.loc[row, "latitude"] = type(cities.loc[row, "latitude"])("10.90")
    after = mp.map_figure({**data, "places": cities}, decl)
    assert after.svg != before.svg
    assert "Kampot, Cambodia (10.90° N, 104.18° E)" in after.alt
    assert next(r for r in after.table if r["place"] == "Kampot")["latitude"] == cities.loc[row, "latitude"]


NETWORKS = {"title": "the city networks", "extent": [96, 146, -10, 42], "highlight": ["Kitakyushu"],
            "places": [{"role": "network"}, {"name": ["Kitakyushu", "Surabaya"]}]}   # crowded: leader lines


@pytest.mark.parametrize("name", ["pp-cambodian-cities", "kk-location", "networks"])
def test_map_labels_never_overlap_each_other_or_the_marks(data, name):
    from matplotlib.patches import Circle
    with mp.figure(data, NETWORKS if name == "networks" else declaration(name)) as (fig, rows, _):
        boxes = label_boxes(fig)
        scale, height = 25.4 / fig.dpi, fig.get_figheight() * 25.4
        renderer = fig.canvas.get_renderer()
        marks = [Box(e.x0 * scale, height - e.y1 * scale, e.x1 * scale, height - e.y0 * scale)
                 for e in (c.get_window_extent(renderer) for c in fig.findobj(Circle))]
    assert len(marks) == len(rows)
    assert no_overlaps(boxes) == []
    assert [(t, m) for t, b in boxes for m in marks if b.overlaps(m)] == []


def test_a_map_refuses_a_selection_it_cannot_draw(data):
    decl = declaration("pp-cambodian-cities")
    with pytest.raises(BuildError, match="no row of the places dataset matches"):
        mp.map_figure(data, {**decl, "places": {"name": "Atlantis"}})
    with pytest.raises(BuildError, match=r"no country 'France' in the countries dataset \(it has Brunei, "):
        mp.map_figure(data, {**decl, "countries": ["France"]})
    with pytest.raises(BuildError, match="no country 'Japan' in the map's extent"):
        mp.map_figure(data, {**decl, "countries": ["Japan"]})
    with pytest.raises(BuildError, match="expected countries as a list of names of the countries dataset"):
        mp.map_figure(data, {**decl, "countries": {"Laos": "LAO PDR"}})
    with pytest.raises(BuildError, match="expected the countries dataset among the figure's datasets"):
        mp.map_figure({"places": data["places"]}, decl)


def test_every_map_names_a_country_as_the_countries_dataset_does(data):
    """One name a country, on every map: the countries dataset's, in capitals (no "DPR KOREA" on one map and
    "NORTH KOREA" on another); a renamed country is renamed on every map."""
    from dpaper.figures import registry
    maps = [s for s in registry(ROOT / "figures").values() if s.kind == "map"]
    assert len(maps) >= 3
    names = {n.upper(): n for n in data["countries"]["name"]}
    printed = {}
    for spec in maps:
        shown = texts(mp.map_figure(data, dict(spec.declaration)).svg)
        capitals = [t for t in shown if t.isupper() and not t.endswith("km")]
        assert sorted(capitals) == sorted(n.upper() for n in spec.declaration["countries"]), spec.id
        for t in capitals:
            printed.setdefault(t, set()).add(spec.id)
    assert set(printed) <= set(names)
    assert {"NORTH KOREA", "SOUTH KOREA", "VIET NAM"} <= set(printed)
    countries = data["countries"].copy()
    countries.loc[countries["name"] == "North Korea", "name"] = "DPR Korea"
    renamed = dict(declaration("kk-location"), countries=["Japan", "China", "South Korea", "DPR Korea"])
    assert "DPR KOREA" in texts(mp.map_figure({**data, "countries": countries}, renamed).svg)


def test_figure_3_1_8_draws_the_participants_the_text_names_and_its_caption_says_so(data):
    from dpaper.figures import registry
    spec = registry(ROOT / "figures")["dl-air-pollution-cities"]
    drawn = [r["place"] for r in mp.map_figure(data, dict(spec.declaration)).table]
    assert drawn == ["Kitakyushu", "Dalian"]
    assert all(name in spec.caption for name in drawn) and "the only ones the text names" in spec.caption


def test_the_geodata_is_committed_with_its_provenance():
    import json
    geo = json.loads((ROOT / "geodata/east-asia-50m.geojson").read_text(encoding="utf-8"))
    assert "Natural Earth" in geo["source"] and "public domain" in geo["source"]
    names = {f["properties"]["name"] for f in geo["features"]}
    assert {"Japan", "China", "South Korea", "Cambodia", "Vietnam", "Laos", "Thailand", "Indonesia"} <= names
    readme = (ROOT / "geodata/README.md").read_text(encoding="utf-8")
    tool = (ROOT / "tools/geodata.py").read_text(encoding="utf-8")
    sha = re.search(r'SHA256 = "([0-9a-f]{64})"', tool).group(1)
    assert sha in readme and "`world-atlas` 2.0.2" in readme and "public domain" in readme


# -- diagram -------------------------------------------------------------------------------------------------
def groups_of(svg: str, cls: str) -> list[ET.Element]:
    return [g for g in ET.fromstring(svg.encode()).iter(f"{SVG}g") if (g.get("class") or "").split()[:1] == [cls]]


def test_a_diagram_has_every_node_and_link_it_declares(data):
    from dpaper.figures import bind
    decl = bind.fill(declaration("pp-sewerage-partnership"), data, "pp-sewerage-partnership")
    drawing = dg.diagram(data, decl)
    nodes = groups_of(drawing.svg, "node")
    assert sorted(" ".join("".join(t.itertext()) for t in g.iter(f"{SVG}text")) for g in nodes) == \
           sorted(n["label"] for n in decl["nodes"])
    edges = groups_of(drawing.svg, "edge")
    drawn = sorted((" ".join("".join(t.itertext()) for t in g.iter(f"{SVG}text")), len(g.findall(f"{SVG}polygon")))
                   for g in edges)                                       # (label, arrowheads) of each link
    assert drawn == sorted((link["label"], {"forward": 1, "both": 2, "none": 0}[link.get("direction", "forward")])
                           for link in decl["links"])
    assert [r["id"] for r in drawing.table if r["element"] == "node"] == [n["id"] for n in decl["nodes"]]
    assert len([r for r in drawing.table if r["element"] == "link"]) == len(decl["links"])
    assert all(n["label"] in drawing.alt for n in decl["nodes"])
    assert ("between Kitakyushu City Water and Sewer Bureau and Department of Public Works and Transport, Phnom Penh "
            "Capital City (DPWT), both ways: MoU on technical cooperation in the sewerage field, February 2017"
            ) in drawing.alt
    assert [g.find(f"{SVG}text").text for g in groups_of(drawing.svg, "cluster")] == ["Kitakyushu", "Phnom Penh"]


def test_graphviz_measures_with_the_shipped_font_so_labels_fit_their_boxes(data):
    svg = dg.diagram(data, filled("pp-sewerage-partnership", data)).svg
    assert set(re.findall(r'font-family="([^"]+)"', svg)) == {"Source Sans Pro"}
    from dpaper.figures import geometry
    assert min(font_sizes(svg)) * geometry.read(svg).scale >= 7.0        # scaled to the text block at most so far
    for g in groups_of(svg, "node"):
        xs = [float(x) for x in re.findall(r"(-?[\d.]+),-?[\d.]+", g.find(f"{SVG}path").get("d"))]
        widest = max(text_size(t.text, float(t.get("font-size")))[0] / 25.4 * 72 for t in g.iter(f"{SVG}text"))
        # the box is the widest line as matplotlib sets Source Sans Pro, plus Graphviz's margins (0.1 inch a
        # side) and its rounding up to whole points: a wider font (the machine's DejaVu) would break this
        assert 14.0 <= (max(xs) - min(xs)) - widest <= 19.5, (g.find(f"{SVG}text").text, max(xs) - min(xs), widest)


def test_a_diagram_is_cleaned_for_weasyprint_and_stable_bytes(data):
    decl = filled("pp-sewerage-partnership", data)
    a, b = dg.diagram(data, decl).svg, dg.diagram(data, decl).svg
    assert a == b
    for bad in ("<!DOCTYPE", "<!--", "graphviz version", "<title>", "transparent", "Semibold"):
        assert bad not in a
    assert 'font-weight="600"' in a


def test_a_diagram_refuses_what_it_cannot_draw(data, monkeypatch):
    decl = declaration("pp-sewerage-partnership")
    with pytest.raises(BuildError, match="link 1: no node 'nobody'"):
        dg.diagram(data, {**decl, "links": [{"from": "nobody", "to": "bureau"}]})
    with pytest.raises(BuildError, match="node 'bureau': no group 'tokyo'"):
        dg.diagram(data, {**decl, "nodes": [{**decl["nodes"][0], "group": "tokyo"}] + decl["nodes"][1:]})
    with pytest.raises(BuildError, match="node id 'the bureau': expected letters, digits and hyphens only"):
        dg.diagram(data, {**decl, "nodes": decl["nodes"] + [{"id": "the bureau", "label": "x"}]})
    with pytest.raises(BuildError, match="group 'kitakyushu': align 'top' \\(expected left, centre, right\\)"):
        dg.diagram(data, {**decl, "groups": [{**decl["groups"][0], "align": "top"}] + decl["groups"][1:]})
    with pytest.raises(BuildError, match="splines 'curved' \\(expected spline, polyline, ortho, line\\)"):
        dg.diagram(data, {**decl, "splines": "curved"})
    monkeypatch.setattr(shutil, "which", lambda _: None)
    with pytest.raises(BuildError, match="sudo apt-get install graphviz"):
        dg.diagram(data, decl)


def test_a_diagram_label_takes_its_numbers_and_dates_from_the_data():
    from decimal import Decimal

    import pandas as pd

    from dpaper.figures import bind
    facts = pd.DataFrame({"key": ["trainees"], "value": [Decimal("9083")], "unit": ["people"],
                          "year": pd.array([2018], "Int64"), "scope": ["s"]})
    events = pd.DataFrame({"id": ["a", "b"], "date": ["2008-05", "1997"], "end": [None, None],
                           "date_year": pd.array([2008, 1997], "Int64"), "end_year": pd.array([None, None], "Int64"),
                           "label": ["A", "B"]})
    decl = {"title": "t",
            "nodes": [{"id": "n", "label": "{number:trainees} since {year:b}, in {fact.year:trainees}"},
                      {"id": "m", "label": "signed {date:a}"}]}
    drawing = dg.diagram({}, bind.fill(decl, {"key_figures": facts, "events": events}, "f"))
    assert "9,083 since 1997, in 2018" in drawing.alt and "signed May 2008" in drawing.alt
    with pytest.raises(BuildError, match=r"a label names 'nobody': expected a key of the dataset key_figures"):
        bind.fill({"nodes": [{"id": "n", "label": "{fact:nobody}"}]}, {"key_figures": facts}, "f")


def test_graphviz_is_a_system_package_of_the_setup_and_of_ci():
    assert "command -v dot >/dev/null || missing+=(graphviz)" in (ROOT / "tools/check-system").read_text()
    assert re.search(r"apt-get install -y .*graphviz", (ROOT / ".github/workflows/build.yml").read_text())


# -- all kinds -----------------------------------------------------------------------------------------------
DRAW_ALL = """
import hashlib, sys
from pathlib import Path
from dpaper.data.clean import clean
from dpaper.data.load import load
from dpaper.figures.kinds import diagram, maps, timeline
root, out = Path(sys.argv[1]), Path(sys.argv[2])
data = {}
for n in ("events", "cities", "countries"):
    clean(root / f"data/raw/{n}.csv", root / f"schemas/datasets/{n}.yaml", out / f"{n}.csv", edition_year=2018)
    data[n] = load(n, out / f"{n}.csv", root / f"schemas/datasets/{n}.yaml")
data["places"] = data["cities"]   # config roles: places
from dpaper.figures import registry
figures = registry(root / "figures")
from dpaper.figures import bind
d = lambda n: bind.fill(dict(figures[n].declaration), data, n)
for name, svg in (("timeline", timeline.timeline(data, d("pp-cooperation-timeline")).svg),
                  ("map", maps.map_figure(data, d("pp-cambodian-cities")).svg),
                  ("diagram", diagram.diagram(data, d("pp-sewerage-partnership")).svg)):
    (out / f"{name}.svg").write_text(svg, encoding="utf-8")
    print(name, hashlib.sha256(svg.encode()).hexdigest())
"""


def test_every_kind_gives_the_same_bytes_in_another_process_and_directory(tmp_path):
    runs = []
    for d in ("one", "two with space"):
        work = tmp_path / d
        work.mkdir()
        done = subprocess.run([sys.executable, "-c", DRAW_ALL, str(ROOT), str(work)], cwd=work,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        runs.append(done.stdout)
    assert runs[0] == runs[1] and len(runs[0].splitlines()) == 3


def test_weasyprint_renders_every_kind_with_the_shipped_fonts_only(data, tmp_path):
    from pypdf import PdfReader

    from dpaper.fonts import face_paths
    from dpaper.pdf import write_pdf
    (tmp_path / "fonts").mkdir()
    faces = ""
    for name, weight in (("SourceSansPro-Regular.ttf", 400), ("SourceSansPro-Semibold.ttf", 600)):
        shutil.copy(face_paths()[name], tmp_path / "fonts" / name)
        faces += f'@font-face {{ font-family: "Source Sans Pro"; font-weight: {weight}; src: url(fonts/{name}); }}'
    drawings = {"t": tl.timeline(data, declaration("pp-cooperation-timeline")),
                "m": mp.map_figure(data, declaration("pp-cambodian-cities")),
                "d": dg.diagram(data, filled("pp-sewerage-partnership", data))}
    body = ""
    for key, drawing in drawings.items():
        (tmp_path / f"{key}.svg").write_text(drawing.svg, encoding="utf-8")
        body += f'<div style="break-after: page"><img src="{key}.svg" alt="A {key} drawing" style="width: 150mm"></div>'
    html = tmp_path / "doc.html"
    html.write_text(f'<!DOCTYPE html><html lang=en><head><title>t</title><style>{faces} body {{ font-family: '
                    f'"Source Sans Pro" }} @page {{ size: A4; margin: 10mm }}</style></head><body>{body}</body></html>',
                    encoding="utf-8")
    pages = write_pdf(html, tmp_path / "out.pdf", root=tmp_path, families={"Source Sans Pro"}, say=lambda *_: None)
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(tmp_path / "out.pdf").pages)
    assert pages == 3
    for words in ("PPWSA founded", "Sister city agreement", "Phnom Penh", "Sihanoukville", "CAMBODIA",
                  "Kitakyushu City Water and", "in cooperation", "Phnom Penh"):
        assert words.replace(" ", "") in text, words          # pypdf reads SVG text without its spaces


def test_the_documented_examples_draw(data):
    section = (ROOT / "docs/figures.md").read_text(encoding="utf-8").split("## Add a figure", 1)[1]
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", section, re.S)]
    timeline, geo, diagram = blocks
    assert len(tl.timeline(data, {**timeline, "lanes": declaration("pp-cooperation-timeline")["lanes"]}).table) == 52
    assert "Phnom Penh, Cambodia" in mp.map_figure(data, geo).alt
    from dpaper.figures import bind
    alt = dg.diagram(data, bind.fill(diagram, data, "readme")).alt
    assert "2 boxes, 1 link." in alt and "MoU on technical cooperation, February 2017" in alt


def test_every_declared_figure_draws_with_alt_text_and_its_data(cleaned):
    """Each figure of figures/*.py, drawn from the real data; photographs are slots, not drawn."""
    import yaml

    from dpaper.config import Edition
    from dpaper.figures import registry
    from dpaper.figures.draw import drawing
    ed = Edition(yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8")))
    roles = ed.roles({p.stem for p in (ROOT / "schemas/datasets").glob("*.yaml")})   # config roles: places
    specs = registry(ROOT / "figures", roles)
    assert {s.kind for s in specs.values()} >= {"chart", "timeline", "map", "diagram", "photo"}
    for spec in specs.values():
        if spec.drawn:
            d = drawing(spec, {name: cleaned(name) for name in spec.datasets}, roles)
            assert d.svg.startswith("<?xml") and d.alt.strip(), spec.id
            assert d.table or spec.kind == "diagram", spec.id


def test_a_changed_event_date_moves_the_timeline(data):
    decl = declaration("pp-cooperation-timeline")
    before = tl.timeline(data, decl)
    events = data["events"].copy()
    at = events.index[events["id"] == "pp-1997-ppwsa-founded"][0]
    events.loc[at, ["date", "date_year"]] = ["1998-07", 1998]
    after = tl.timeline({**data, "events": events}, decl)
    assert after.svg != before.svg
    row = next(r for r in after.table if r["event"] == "pp-1997-ppwsa-founded")
    assert row["date"] == "1998-07"


# -- values named in a figure's labels (dpaper.figures.bind) -----------------

def test_a_diagram_label_names_key_figures_and_dates_and_prints_them_as_the_text_does(cleaned):
    from dpaper.figures import bind, registry
    spec = registry(ROOT / "figures")["dl-material-cycle"]
    assert set(spec.datasets) >= {"events", "key_figures"}        # read because the labels name them
    filled = bind.fill(spec.declaration, {d: cleaned(d) for d in spec.datasets}, spec.id)
    labels = [x.get("label", "").replace("\u00a0", " ") for x in filled["nodes"] + filled["links"]]
    assert "Memorandum of Understanding on Material-Cycle City Cooperation (May 2008)" in labels
    assert "support, 2009–2011" in labels
    assert "experts and technology transfer, JPY 15 million a year" in labels
    assert not any("{" in label for label in labels)


def test_a_changed_key_figure_changes_the_diagram_label(cleaned):
    from dpaper.figures import bind
    facts = cleaned("key_figures").copy()
    decl = {"nodes": [{"id": "a", "label": "loan of {fact:dalian_oda_loan_jpy} ({number:dalian_oda_loan_jpy})"}]}
    def label():
        return bind.fill(decl, {"key_figures": facts}, "f")["nodes"][0]["label"].replace("\u00a0", " ")
    assert label() == "loan of JPY 8.5 billion (8.5 billion)"
    from decimal import Decimal
    facts.loc[facts["key"] == "dalian_oda_loan_jpy", "value"] = Decimal("9000000000")
    assert label() == "loan of JPY 9 billion (9 billion)"


def test_a_label_naming_an_unknown_value_stops_the_build(cleaned):
    from dpaper.figures import bind
    with pytest.raises(BuildError, match=r"figure 'f': a label names 'no-such-event': expected an id of "
                                         r"the dataset events, found none"):
        bind.fill({"nodes": [{"label": "{date:no-such-event}"}]}, {"events": cleaned("events")}, "f")


# Digits a diagram label may type: part of a name, not a value the data holds.
LABEL_DIGITS_ALLOWED: dict[str, str] = {      # pattern: reason
    r"\b5S\b": "the name of a shop-floor method (Figure 3.4.5)",
    r"^Factor [1-7]\b": "the seven factors' names, numbered as Chapter 4 numbers them (Figure 4.1)"}


def test_no_diagram_label_types_a_number_or_date_the_data_could_give():
    """Numbers and dates in diagram labels come from key_figures or events ({fact:…}, {date:…})."""
    from dpaper.figures import bind, registry
    typed = []
    for spec in registry(ROOT / "figures").values():
        if spec.kind != "diagram":
            continue
        for part in ("groups", "nodes", "links"):
            for item in spec.declaration.get(part, []):
                label = bind.PLACEHOLDER.sub("", item.get("label", ""))
                for allowed in LABEL_DIGITS_ALLOWED:
                    label = re.sub(allowed, "", label)
                if re.search(r"\d", label):
                    typed.append(f"figures/{spec.module}.py: {spec.id}: {label!r}")
    assert typed == []
