"""Datasets as the manuscript reads them: typed DataFrames behind `data.<name>`, rows as plain dicts."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from dpaper.data.clean import clean
from dpaper.data.load import load
from dpaper.errors import BuildError
from dpaper.render.access import DatasetAccess, access

SCHEMA = """fields:
  - {name: city, type: string, constraints: {required: true}}
  - {name: year, type: integer}
  - {name: rate, type: number, unit: percent}
  - {name: tags, type: string, kind: list}
  - {name: done, type: boolean}
  - {name: period, type: string, kind: period}
primaryKey: [city, year]
"""
RAW = """city,year,rate,tags,done,period
Siem Reap,2013,13%,a; b,yes,2001–2004
Siem Reap,2015,8%,,no,2013–
Kampot,2015,11.10%,c,,Unknown
Kampot,Unknown,6.2%,,x,2012
"""


@pytest.fixture
def ds(tmp_path: Path) -> DatasetAccess:
    (tmp_path / "s.yaml").write_text(SCHEMA, encoding="utf-8")
    (tmp_path / "t.csv").write_text(RAW, encoding="utf-8")
    clean(tmp_path / "t.csv", tmp_path / "s.yaml", tmp_path / "o.csv", edition_year=2018)
    return DatasetAccess("towns", load("towns", tmp_path / "o.csv", tmp_path / "s.yaml"))


def test_rows_are_plain_dicts_with_none_for_missing_values(ds):
    assert ds.rows[0] == {"city": "Siem Reap", "year": 2013, "rate": Decimal("13"), "tags": ["a", "b"], "done": True,
                          "period": "2001–2004", "period_start": 2001, "period_end": 2004}
    assert ds.rows[1]["tags"] is None and ds.rows[1]["period_end"] is None and ds.rows[2]["period"] is None
    assert ds.rows[3]["year"] is None and ds.rows[2]["done"] is False
    assert {type(v) for r in ds.rows for v in r.values()} <= {str, int, bool, Decimal, list, type(None)}
    assert str(ds.rows[2]["rate"]) == "11.10" and str(ds.rows[3]["rate"]) == "6.2"   # exact decimals
    assert list(ds) == ds.rows and len(ds) == 4


def test_one_where_and_column(ds):
    assert ds.one(city="Siem Reap", year=2015)["rate"] == Decimal("8")
    assert ds.one(city="Kampot", year=None)["rate"] == Decimal("6.2")            # None matches a missing value
    assert [r["year"] for r in ds.where(city="Kampot")] == [2015, None]
    assert ds.where(done=True, city="Kampot") == [ds.rows[3]]
    assert ds.where(year=1999) == []
    assert ds.column("year") == [2013, 2015, 2015, None]
    assert ds.column("city") == ["Siem Reap", "Siem Reap", "Kampot", "Kampot"]


def test_unknown_columns_and_ambiguous_rows_are_one_line_each(ds):
    expected = ("dataset towns: expected a column of towns (city, year, rate, tags, done, period, period_start, "
                "period_end), found 'nope'")
    for call in (lambda: ds.column("nope"), lambda: ds.one(nope=1), lambda: ds.where(city="Kampot", nope=1)):
        with pytest.raises(BuildError) as exc:
            call()
        assert exc.value.problems == [expected]
    with pytest.raises(BuildError) as exc:
        ds.one(city="Kampot")
    assert exc.value.problems == ["dataset towns: expected one row with {'city': 'Kampot'}, found 2"]
    with pytest.raises(BuildError, match=r"expected one row with \{'city': 'Pursat'\}, found 0"):
        ds.one(city="Pursat")


def test_access_by_name(ds):
    assert access({"towns": ds.frame}, "towns").rows == ds.rows
    assert access({"towns": ds.frame}, "other") is None


def test_the_manuscript_reads_rows_with_jinja_filters(ds, tmp_path):
    from test_render import render_one
    body = ('{% set t = data.towns %}{{ t | length }} rows; '
            '{{ t.rows | selectattr("done") | map(attribute="city") | join(", ") }}; '
            '{{ (t.rows | sort(attribute="rate") | first).rate | pct }}; '
            '{{ t.one(city="Siem Reap", year=2013).rate | pct }}; '
            '{% for r in t %}{{ r.year }} {% endfor %}; {{ t.column("year") | select | max }}\n')
    html, _ = render_one(tmp_path, body, {"towns": ds.frame})
    assert "4 rows; Siem Reap, Kampot; 6.2%; 13%; 2013 2015 2015 None ; 2015" in re.sub(r"<[^>]+>", "", html)
    with pytest.raises(BuildError, match=r"ch.md:4: dataset towns: expected a column of towns \(.*\), found 'town'"):
        render_one(tmp_path, '{{ data.towns.one(town="Kampot") }}\n', {"towns": ds.frame})


def test_a_pivot_table_keeps_the_rows_order_sorts_its_columns_and_marks_gaps(ds):
    from dpaper.tables import TableSpec, render
    spec = TableSpec("towns", pivot=("city", "year", "rate"), pivot_header="City", fmt="percent")
    html, notes = render(spec, ds.frame[ds.frame["year"].notna()])
    assert notes == [] and html == (
        '<table class="compact"><thead><tr><th scope="col">City</th><th scope="col" class="num">2013</th>'
        '<th scope="col" class="num">2015</th></tr></thead><tbody>'
        '<tr><th scope="row">Siem Reap</th><td class="num">13%</td><td class="num">8%</td></tr>'
        '<tr><th scope="row">Kampot</th><td class="num">–</td><td class="num">11.1%</td></tr></tbody></table>')
