"""Every declared diagram is legible, measured on the SVG Graphviz writes for it (dpaper.figures.geometry).

Each diagram of figures/*.py is drawn as the build draws it, from the real data, and measured in print
points: no text under 7 pt, nothing outside the panel, every node wholly inside its group, no link label on a
link (its own included), a node, a group's title or border or another label, no link through a node or a
group's title, at most one crossing of links. A failure names the figure and the element; the crossings of
every diagram are reported. A data change that makes a label collide fails here, not in front of a reader.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from dpaper.figures import geometry

ROOT = Path(__file__).resolve().parents[1]


def diagrams() -> dict:
    from dpaper.figures import registry
    return {i: s for i, s in registry(ROOT / "figures").items() if s.kind == "diagram"}


@pytest.fixture(scope="module")
def layouts(cleaned) -> dict[str, geometry.Layout]:
    from dpaper.figures import bind
    from dpaper.figures.draw import drawing
    out = {}
    for ident, spec in diagrams().items():
        data = {name: cleaned(name) for name in spec.datasets}
        out[ident] = geometry.read(drawing(spec, data).svg, bind.fill(spec.declaration, data, ident))
    return out


def test_every_figure_of_the_paper_that_is_a_diagram_is_measured():
    # the diagrams of the 2018 edition's Figures 2.6-2.8, 3.1.3, 3.1.5, 3.1.6, 3.2.4, 3.4.1, 3.4.5, 3.4.8, 4.1,
    # 4.4 and 4.5: a new declaration is measured as soon as it is added
    assert len(diagrams()) >= 13


@pytest.mark.parametrize("ident", sorted(diagrams()))
def test_a_diagram_is_legible_in_print(layouts, ident):
    layout = layouts[ident]
    assert layout.nodes and len(layout.links) == len(layout.ends)     # every element found by its id
    problems = geometry.problems(layout)
    assert not problems, f"{ident}: " + f"\n{ident}: ".join(problems)


def test_link_crossings_are_reported_for_every_diagram(layouts, capsys):
    counts = {ident: len(geometry.crossings(layout)) for ident, layout in layouts.items()}
    with capsys.disabled():
        print("\nlink crossings per diagram: " + ", ".join(f"{i} {n}" for i, n in sorted(counts.items())))
    assert max(counts.values()) <= geometry.MAX_CROSSINGS, counts


# -- the measure itself: it finds what it is meant to find ------------------------------------------------
BAD = """<?xml version="1.0" encoding="UTF-8"?>
<svg width="200.00pt" height="100.00pt" viewBox="0.00 0.00 200.00 100.00" xmlns="http://www.w3.org/2000/svg">
<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(0 100)">
<g class="cluster group-g"><path d="M5,-5L120,-5L120,-95L5,-95Z"/>
<text text-anchor="start" x="10" y="-85" font-size="8.00">Group title</text></g>
<g class="node node-a"><polygon points="10,-40 50,-40 50,-60 10,-60 10,-40"/>
<text text-anchor="middle" x="30" y="-47" font-size="8.50">A</text></g>
<g class="node node-b"><polygon points="150,-40 190,-40 190,-60 150,-60 150,-40"/>
<text text-anchor="middle" x="170" y="-47" font-size="8.50">B</text></g>
<g class="node node-c"><polygon points="80,-45 100,-45 100,-55 80,-55 80,-45"/>
<text text-anchor="middle" x="90" y="-48" font-size="6.00">C</text></g>
<g class="edge link-1"><path d="M50,-50C80,-50 120,-50 150,-50"/>
<text text-anchor="middle" x="106" y="-48" font-size="7.50">on the line</text></g>
<g class="edge link-2"><path d="M30,-90C60,-70 120,-30 170,-10"/></g>
<g class="edge link-3"><path d="M30,-15C60,-30 130,-70 170,-95"/></g>
</g></svg>"""


def test_the_measure_finds_every_kind_of_fault():
    layout = geometry.read(BAD, {"nodes": [{"id": "a", "group": "g"}, {"id": "b", "group": "g"}, {"id": "c"}],
                                 "links": [{"from": "a", "to": "b"}, {"from": "a", "to": "b"},
                                           {"from": "a", "to": "b"}]})
    found = "\n".join(geometry.problems(layout))
    for fault in ("node 'c': text “C” is 6.0 pt in print",
                  "node 'b': not wholly inside its group 'g'",
                  "node 'c': overlaps group 'g', which it is not in",
                  "link 1 (a → b: “on the line”): runs through node 'c'",
                  "link 1 (a → b: “on the line”): its label sits on its own line",
                  "link 1 (a → b: “on the line”): its label sits on node 'c'",
                  "link 1 (a → b: “on the line”): its label sits on the border of group 'g'",
                  "link 2 (a → b): runs through the title of group 'g'",
                  "link crossings (at most 1)"):
        assert fault in found, fault
    assert len(geometry.crossings(layout)) >= 2
    narrow = BAD.replace('width="200.00pt"', 'width="150.00pt"').replace("0.00 0.00 200.00", "0.00 0.00 150.00")
    assert "node 'b': outside the panel (clipped)" in geometry.problems(geometry.read(narrow))


def test_the_faults_of_the_first_drawings_are_found(cleaned):
    """Figure 3.2.4 with KOWBA beside the bureau (a label dot sets across its own line) and Figure 3.1.6 in its
    first order (too wide to print at 7 pt) fail, naming the element."""
    from dpaper.errors import BuildError
    from dpaper.figures import bind
    from dpaper.figures.kinds import diagram as dg
    specs = diagrams()
    pp = bind.fill({**specs["pp-sewerage-partnership"].declaration, "ranks": [["bureau", "kowba"]]},
                   {"events": cleaned("events")}, "pp")
    assert "link 3 (kowba → bureau: “in cooperation”): its label sits on its own line" in \
        geometry.problems(geometry.read(dg.diagram({}, pp).svg, pp))
    first = ["mou", "meti", "companies", "kitakyushu", "qingdao", "tianjin", "dalian", "stakeholders"]
    decl = specs["dl-material-cycle"].declaration
    dl = bind.fill({**decl, "nodes": sorted(decl["nodes"], key=lambda n: first.index(n["id"])),
                    "ranks": [["qingdao", "tianjin", "dalian"]]},
                   {n: cleaned(n) for n in specs["dl-material-cycle"].datasets}, "dl")
    with pytest.raises(BuildError, match=r"diagram 'Japan–China .*: 4\d\d\.\d pt wide with its labels wrapped at 18 "
                                         r"characters, so its text would print under 7 pt"):
        dg.diagram({}, dl)
