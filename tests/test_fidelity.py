"""Fidelity: the cleaned quantitative tables hold exactly the values of the 2018 edition.

Each expectation was checked by hand against the source text (line numbers of
the text conversion in the comments).
"""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from dpaper.data.load import records
from dpaper.tables.cells import fmt

ROOT = Path(__file__).resolve().parents[1]




def test_table_3_2_1_non_revenue_water_in_asean_cities(cleaned):       # line 672
    got = {r["city"]: (r["nrw_percent"], r["year"]) for r in records(cleaned("nrw_asean"))}
    assert got == {"Phnom Penh": (Decimal("6.2"), 2008), "Kuala Lumpur": (Decimal("33.9"), 2008),
                   "Yangon": (Decimal("45"), 2012), "Manila": (Decimal("21"), 2008),
                   "Singapore": (Decimal("4.4"), 2008), "Bangkok": (Decimal("42.8"), None),
                   "Ho Chi Minh": (Decimal("42.8"), None)}


def test_table_3_2_2_technical_cooperation_with_ppwsa(cleaned):          # lines 695-697
    df = cleaned("pp_technical_cooperation")
    got = [(r["start_year"], r["end_year"], r["experts"], r["trainees"]) for r in records(df)]
    assert got == [(1999, 2002, 4, None), (2001, 2002, 8, None), (2003, 2006, 18, 20)]


def test_table_3_2_3_non_revenue_water_in_eight_cambodian_cities(cleaned):  # lines 783-784
    df = cleaned("nrw_cambodia")
    got = dict(zip(zip(df["city"], df["year"]), df["nrw_percent"]))
    expected_2013 = dict(Battambang=20, **{"Kampong Cham": 11, "Kampong Thom": 15}, Kampot=18, Pursat=16,
                         **{"Svay Rieng": 13}, Sihanoukville=17, **{"Siem Reap": 13})
    expected_2015 = dict(Battambang=11, **{"Kampong Cham": 9, "Kampong Thom": 11}, Kampot=11, Pursat=11,
                         **{"Svay Rieng": 10}, Sihanoukville=13, **{"Siem Reap": 8})
    assert got == {**{(c, 2013): Decimal(v) for c, v in expected_2013.items()},
                   **{(c, 2015): Decimal(v) for c, v in expected_2015.items()}}


def test_phnom_penh_water_indicators(cleaned):                            # lines 663, 667
    got = {(r["indicator"], r["place"], r["year"]): r["value"] for r in records(cleaned("pp_water_indicators"))}
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
    table = cleaned("nrw_asean").query("city == 'Phnom Penh'")
    w = cleaned("pp_water_indicators")
    text = w[(w["indicator"] == "non_revenue_water") & (w["place"] == "Phnom Penh") & (w["year"] == 2008)]
    assert table["nrw_percent"].item() == text["value"].item()


def test_adipura_history_of_surabaya(cleaned):                            # lines 1060-1062
    df = cleaned("adipura")
    by = df.groupby("award")["year"].agg(set)
    assert by["Adipura"] == {1982, *range(1993, 1998), *range(2006, 2018)}
    assert by["none"] == set(range(1998, 2006))
    assert by["Adipura Kencana"] == set(range(2011, 2018))
    assert by["Adipura Paripurna"] == {2016}
    assert set(df.loc[df["asean_esc"], "year"]) == {2011, 2012}
    assert not df["year"].between(1983, 1992).any()   # the text says nothing of these years


def test_columns_have_the_dtypes_their_schema_declares(cleaned):
    df = cleaned("events")
    assert df.attrs["name"] == "events" and [f["name"] for f in df.attrs["fields"]] == list(df.columns)
    assert df["date_year"].dtype == "Int64" and df["end_year"].dtype == "Int64"
    assert isinstance(df["id"].dtype, pd.StringDtype) and df["end"].isna().any()
    assert all(isinstance(v, list) for v in df["figures"])
    assert cleaned("abbreviations")["added"].dtype == "boolean"
    w = cleaned("pp_water_indicators")
    assert w["value"].dtype == object and all(isinstance(v, Decimal) for v in w["value"])
    assert w.loc[w["year"].isna(), "indicator"].tolist() == ["supply_hours"]
    row = records(w[w["year"].isna()])[0]
    assert row["year"] is None and type(row["value"]) is Decimal and type(w["year"].dropna().tolist()[0]) is int


@pytest.mark.parametrize("name", ["nrw_asean", "nrw_cambodia"])
def test_every_percent_prints_as_the_raw_table_has_it(cleaned, name):
    """Decimals from raw to print: 6.2% stays 6.2%, never 6.2000000001%."""
    with open(ROOT / f"data/raw/{name}.csv", encoding="utf-8", newline="") as fh:
        raw = [row["nrw_percent"] for row in csv.DictReader(fh)]
    df = cleaned(name)
    assert [fmt(v, "percent") for v in df["nrw_percent"]] == raw
    assert [f"{v}%" for v in df["nrw_percent"]] == raw
    assert df["nrw_percent"].sum() == sum(Decimal(v.rstrip("%")) for v in raw)     # exact arithmetic too


def test_event_dates_keep_the_day_the_2018_text_gives(cleaned):    # lines 206, 307, 1346
    dates = dict(zip(cleaned("events")["id"], cleaned("events")["date"]))
    assert dates["kk-2004-grand-design"] == "2004-10-09"       # the Fourth Council, 9 October 2004
    assert dates["kk-2004-oeaed"] == "2004-11-16"              # Chapter 2 fn 19
    assert dates["md-2013-oda-loan"] == "2013-01-15"           # Case study 5 §1
    assert dates["pp-kampong-cham"] == "2012"                  # dated as Table 3.2.4 dates it (2012–2016)


def test_event_days_print_as_days(built):
    chapter2 = built.path("parts/kitakyushu.html").read_text(encoding="utf-8")
    mandalay = built.path("parts/mandalay.html").read_text(encoding="utf-8")
    assert "9 October 2004" in chapter2
    assert "15 January 2013" in mandalay
