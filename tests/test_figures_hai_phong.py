"""Case Study 4's figures follow the data: dates and numbers in the diagrams come from the events and key
figures, Figure 3.4.9 from the dataset of Table 3.4.1 (figures/hai_phong.py)."""
from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dpaper.figures import registry
from dpaper.figures.draw import drawing

ROOT = Path(__file__).resolve().parents[1]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def specs():
    return registry(ROOT / "figures")


@pytest.fixture(scope="module")
def data(cleaned):
    return {n: cleaned(n) for n in ("events", "key_figures", "haiphong_pilot_projects")}


def texts(svg: str) -> str:
    return " ".join("".join(t.itertext()) for t in ET.fromstring(svg.encode()).iter(f"{SVG}text"))


def test_the_policy_cascade_reads_its_dates_and_figures_from_the_data(specs, data):
    d = drawing(specs["hp-environmental-policies"], data)
    alt = d.alt.replace("\u00a0", " ")
    assert "March 2014" in alt and "about 250 million tonnes of CO₂e a year in 2010" in alt and "25%" in alt
    assert "expected by 2030" in alt                                    # {fact.year:…}
    events = data["events"].copy()
    events.loc[events["id"] == "hp-2014-national-green-growth-action-plan", "date"] = "2014-04"
    moved = drawing(specs["hp-environmental-policies"], {**data, "events": events})
    assert "April 2014" in moved.alt and "March 2014" not in moved.alt


def test_the_sectors_chart_draws_every_project_of_table_3_4_1(specs, data):
    rows = data["haiphong_pilot_projects"]
    d = drawing(specs["hp-ggp-sectors"], data)
    shown = texts(d.svg)
    assert all(s in shown for s in set(rows["sector"]) if len(s) < 20)
    assert all(f"{int(n):02d}" in shown for n in rows["number"])
    assert len(d.table) == len(rows) and f"its {len(rows)} pilot projects" in d.alt
    fewer = drawing(specs["hp-ggp-sectors"], {**data, "haiphong_pilot_projects": rows.iloc[:-1]})
    assert len(fewer.table) == len(rows) - 1


def test_the_sectors_chart_shows_the_structure_and_fits_its_panel(specs, data, monkeypatch):
    """Figure 3.4.9 shows the sectors, the key ones apart, and how many pilot projects each has (the table
    under it lists them): every text at 7 pt or more, inside the panel, clear of every other; no tile clipped."""
    from matplotlib.patches import FancyBboxPatch

    from dpaper.figures.draw import Drawing
    from dpaper.figures.kinds import label_boxes
    seen = {}
    real = Drawing.from_figure.__func__

    def measure(cls, fig):               # while the figure is open: its texts and tiles as the renderer sets them
        renderer = fig.canvas.get_renderer()
        seen.update(size=(fig.get_figwidth() * 25.4, fig.get_figheight() * 25.4), boxes=label_boxes(fig),
                    pt=[t.get_fontsize() for t in fig.axes[0].texts], canvas=fig.bbox,
                    tiles=[(type(p), p.get_window_extent(renderer)) for p in fig.axes[0].patches])
        return real(cls, fig)
    monkeypatch.setattr(Drawing, "from_figure", classmethod(measure))
    d = drawing(specs["hp-ggp-sectors"], data)
    (w, h), boxes = seen["size"], seen["boxes"]
    assert "Key sectors, closely linked with GHG emissions" in [t for t, _ in boxes]
    for text, b in boxes:
        assert 0 <= b.x0 and b.x1 <= w and 0 <= b.y0 and b.y1 <= h, text
    for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (ta, tb)
    assert min(seen["pt"]) >= 7
    for kind, e in seen["tiles"]:
        assert kind is FancyBboxPatch
        assert e.x0 >= 0 and e.x1 <= seen["canvas"].width and e.y0 >= 0 and e.y1 <= seen["canvas"].height, e
    rows = data["haiphong_pilot_projects"]
    counts = rows.groupby("sector", sort=False).size()
    shown = texts(d.svg)
    assert all(f"{n} pilot project" in shown for n in counts)              # counts computed from the data
    assert not any(p in shown for p in rows["project"])                      # the items are the table's
