"""One fact, one place: every value the data hold twice is declared (the same fact, or two facts that happen
to be equal), and the build stops when a fact declared the same differs between its datasets."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import fixture_copy  # noqa: F401 (a fixture, used by name)
from dpaper.data.load import records
from dpaper.data.same import CELL, Cells, disagreements, held_twice, load_declarations
from dpaper.data.schema import load_schema

ROOT = Path(__file__).resolve().parents[1]
DECLARATIONS = ROOT / "schemas/same-facts.yaml"
DATASETS = sorted(p.stem for p in (ROOT / "schemas/datasets").glob("*.yaml"))


@pytest.fixture(scope="module")
def shipped(cleaned):
    frames = {n: cleaned(n) for n in DATASETS}
    schemas = {n: load_schema(ROOT / f"schemas/datasets/{n}.yaml") for n in DATASETS}
    return frames, schemas


def test_every_value_held_twice_is_declared(shipped):
    declared = [set(e["cells"]) for section in ("same", "distinct") for e in load_declarations(DECLARATIONS)[section]]
    groups = held_twice(*shipped)
    assert len(groups) > 10          # the scan sees the data: populations, areas, orders, shares
    undeclared = [f"{unit} {value}: {a}, {b}" for (unit, value), cells in groups.items()
                  for i, a in enumerate(cells) for b in cells[i + 1:] if not any({a, b} <= d for d in declared)]
    assert undeclared == [], "values held twice, declared in neither list of schemas/same-facts.yaml"


def test_every_declared_cell_is_in_the_data(shipped):
    cells = Cells(*shipped)
    decl = load_declarations(DECLARATIONS)
    missing = [c for section in ("same", "distinct") for e in decl[section] for c in e["cells"] if not cells.get(c)[0]]
    assert missing == []


def test_declared_facts_agree_and_a_difference_is_named(shipped):
    frames, schemas = shipped
    decl = load_declarations(DECLARATIONS)
    problems, checked = disagreements(Cells(frames, schemas), decl)
    assert problems == [] and checked == len(decl["same"])
    changed = frames["cities"].copy()
    changed.loc[changed["name"] == "Phnom Penh", "population"] = 1_600_000
    problems, _ = disagreements(Cells({**frames, "cities": changed}, schemas), decl)
    assert problems == ["Phnom Penh's population: expected one value, found "
                        "key_figures[pp_population].value = 1500000; cities[Phnom Penh].population = 1600000"]


def test_dalian_population_is_stored_once(shipped):
    frames, _ = shipped
    dalian = [r for r in records(frames["cities"]) if r["name"] == "Dalian"][0]
    assert dalian["population"] is None
    assert [r["value"] for r in records(frames["key_figures"]) if r["key"] == "dalian_population_2016"] == [5930000]


def test_a_cell_is_written_dataset_key_field():
    assert CELL.match("pp_water_indicators[non_revenue_water, Phnom Penh, 2008].value")
    assert not CELL.match("cities.Phnom Penh.population")


@pytest.mark.e2e
def test_the_build_stops_when_declared_facts_differ(fixture_copy):  # noqa: F811
    from test_failures import fails_with
    raw = fixture_copy.dir / "data/raw/cities.csv"
    raw.write_text(raw.read_text(encoding="utf-8").replace("Phnom Penh,Cambodia,partner,,1500000,",
                                                           "Phnom Penh,Cambodia,partner,,1600000,"), encoding="utf-8")
    fails_with(fixture_copy, "schemas/same-facts.yaml: Phnom Penh's population: expected one value, found "
                             "key_figures[pp_population].value = 1500000; cities[Phnom Penh].population = 1600000")
