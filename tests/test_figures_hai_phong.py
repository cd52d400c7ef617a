"""Case Study 4's figures follow the data: dates and numbers in the diagrams come from the events and key
figures, Figure 3.4.9 from the dataset of Table 3.4.1 (figures/hai_phong.py)."""
from __future__ import annotations

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
