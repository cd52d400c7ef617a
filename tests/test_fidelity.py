"""Fidelity: the cleaned quantitative tables hold exactly the values of the 2018 edition.

Each expectation was checked by hand against the source text (line numbers of
the text conversion in the comments).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from dpaper.data.clean import clean
from dpaper.data.load import load

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory):
    out = tmp_path_factory.mktemp("clean")

    def get(name: str):
        schema = ROOT / f"schemas/datasets/{name}.yaml"
        clean(ROOT / f"data/raw/{name}.csv", schema, out / f"{name}.csv", edition_year=2018)
        return load(name, out / f"{name}.csv", schema)
    return get


def test_table_3_2_1_non_revenue_water_in_asean_cities(cleaned):       # line 672
    got = {r["city"]: (r["nrw_percent"], r["year"]) for r in cleaned("nrw_asean")}
    assert got == {"Phnom Penh": (Decimal("6.2"), 2008), "Kuala Lumpur": (Decimal("33.9"), 2008),
                   "Yangon": (Decimal("45"), 2012), "Manila": (Decimal("21"), 2008),
                   "Singapore": (Decimal("4.4"), 2008), "Bangkok": (Decimal("42.8"), None),
                   "Ho Chi Minh": (Decimal("42.8"), None)}


def test_table_3_2_2_technical_cooperation_with_ppwsa(cleaned):          # lines 695-697
    got = [(r["start_year"], r["end_year"], r["experts"], r["trainees"]) for r in cleaned("pp_technical_cooperation")]
    assert got == [(1999, 2002, 4, None), (2001, 2002, 8, None), (2003, 2006, 18, 20)]


def test_table_3_2_3_non_revenue_water_in_eight_cambodian_cities(cleaned):  # lines 783-784
    got = {(r["city"], r["year"]): r["nrw_percent"] for r in cleaned("nrw_cambodia")}
    expected_2013 = dict(Battambang=20, **{"Kampong Cham": 11, "Kampong Thom": 15}, Kampot=18, Pursat=16,
                         **{"Svay Rieng": 13}, Sihanoukville=17, **{"Siem Reap": 13})
    expected_2015 = dict(Battambang=11, **{"Kampong Cham": 9, "Kampong Thom": 11}, Kampot=11, Pursat=11,
                         **{"Svay Rieng": 10}, Sihanoukville=13, **{"Siem Reap": 8})
    assert got == {**{(c, 2013): Decimal(v) for c, v in expected_2013.items()},
                   **{(c, 2015): Decimal(v) for c, v in expected_2015.items()}}


def test_phnom_penh_water_indicators(cleaned):                            # lines 663, 667
    got = {(r["indicator"], r["place"], r["year"]): r["value"] for r in cleaned("pp_water_indicators")}
    assert got == {("non_revenue_water", "Phnom Penh", 1993): Decimal("72"),
                   ("non_revenue_water", "Phnom Penh", 2003): Decimal("20"),
                   ("non_revenue_water", "Phnom Penh", 2008): Decimal("6.2"),
                   ("non_revenue_water", "Japan", 2013): Decimal("9.82"),
                   ("population_served", "Phnom Penh", 1993): Decimal("25"),
                   ("population_served", "Phnom Penh", 2006): Decimal("92"),
                   ("supply_hours", "Phnom Penh", None): Decimal("10"),
                   ("supply_hours", "Phnom Penh", 2006): Decimal("24")}


def test_the_same_fact_agrees_across_datasets(cleaned):
    """Phnom Penh's 2008 rate is printed in Table 3.2.1 and in the text: one value."""
    table = cleaned("nrw_asean").one(city="Phnom Penh")
    text = cleaned("pp_water_indicators").one(indicator="non_revenue_water", place="Phnom Penh", year=2008)
    assert table["nrw_percent"] == text["value"]


def test_adipura_history_of_surabaya(cleaned):                            # lines 1060-1062
    rows = list(cleaned("adipura"))
    by = {}
    for r in rows:
        by.setdefault(r["award"], set()).add(r["year"])
    assert by["Adipura"] == {1982, *range(1993, 1998), *range(2006, 2018)}
    assert by["none"] == set(range(1998, 2006))
    assert by["Adipura Kencana"] == set(range(2011, 2018))
    assert by["Adipura Paripurna"] == {2016}
    assert {r["year"] for r in rows if r["asean_esc"]} == {2011, 2012}
    assert not any(1983 <= r["year"] <= 1992 for r in rows)   # the text says nothing of these years
