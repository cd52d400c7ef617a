"""Cleaning and validating raw tables: editors' forms parse; bad input gets one line per problem."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from dpaper.data.clean import clean, normalise_cell
from dpaper.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "schemas/datasets/nrw_asean.yaml"
HEADER = "city,country,nrw_percent,year,note,provenance"


def run_clean(tmp_path: Path, content: bytes | str, schema: Path = SCHEMA) -> list[dict]:
    raw = tmp_path / "nrw_asean.csv"
    raw.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out = tmp_path / "clean.csv"
    clean(raw, schema, out)
    return list(csv.DictReader(open(out, encoding="utf-8")))


def problems(tmp_path: Path, content: bytes | str) -> list[str]:
    with pytest.raises(BuildError) as exc:
        run_clean(tmp_path, content)
    return [p.replace(str(tmp_path) + "/", "") for p in exc.value.problems]


@pytest.mark.parametrize("typed, value", [
    ("6.2%", "6.2"), ("6.2 %", "6.2"), ("\u00a06.2%\u00a0", "6.2"), ("45", "45"), (" 33.9 ", "33.9")])
def test_percentages_as_editors_type_them(tmp_path, typed, value):
    rows = run_clean(tmp_path, f"{HEADER}\nPhnom Penh,Cambodia,{typed},2008,,T\n")
    assert rows[0]["nrw_percent"] == value


@pytest.mark.parametrize("typed", ["Unknown", "-", "\u2013", "\u2014", "", "n/a"])
def test_missing_values_as_editors_type_them(tmp_path, typed):
    rows = run_clean(tmp_path, f"{HEADER}\nBangkok,Thailand,42.8%,{typed},,T\n")
    assert rows[0]["year"] == ""


def test_bom_crlf_column_order_and_spaces(tmp_path):
    content = "\ufeffcountry,city,year,nrw_percent,provenance,note\r\nCambodia, Phnom\u00a0 Penh ,2008,6.2%,T,\r\n"
    rows = run_clean(tmp_path, content)
    assert rows == [{"city": "Phnom Penh", "country": "Cambodia", "nrw_percent": "6.2", "year": "2008",
                     "note": "", "provenance": "T"}]


@given(st.integers(min_value=0, max_value=10**9))
def test_thousands_separators(n):
    field = {"type": "integer"}
    assert normalise_cell(f"{n:,}", field)[0] == str(n)
    assert normalise_cell(f"{n:,}".replace(",", "\u00a0"), field)[0] == str(n)


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_any_percentage_with_a_percent_sign(x):
    assert normalise_cell(f"{x}%", {"type": "number", "unit": "percent"})[0] == str(x)


CORPUS = [
    ("wrong type", f"{HEADER}\nPhnom Penh,Cambodia,six,2008,,T\n",
     ["nrw_asean.csv, row 2, column nrw_percent: expected a number, found 'six'"]),
    ("percentage out of range", f"{HEADER}\nPhnom Penh,Cambodia,106.2%,2008,,T\n",
     ["nrw_asean.csv, row 2, column nrw_percent: expected a number from 0% to 100%, found '106.2'"]),
    ("negative percentage", f"{HEADER}\nPhnom Penh,Cambodia,-3,2008,,T\n",
     ["nrw_asean.csv, row 2, column nrw_percent: expected a number from 0% to 100%, found '-3'"]),
    ("year out of range", f"{HEADER}\nPhnom Penh,Cambodia,6.2,208,,T\n",
     ["nrw_asean.csv, row 2, column year: expected a whole number from 1900 to 2100, found '208'"]),
    ("unknown country", f"{HEADER}\nPhnom Penh,Cambodja,6.2,2008,,T\n",
     ["nrw_asean.csv, row 2, column country: expected one of Brunei, Cambodia, Indonesia, Laos, Malaysia, "
      "Myanmar, Philippines, Singapore, Thailand, Viet Nam, found 'Cambodja'"]),
    ("empty required cell", f"{HEADER}\nPhnom Penh,Cambodia,,2008,,T\n",
     ["nrw_asean.csv, row 2, column nrw_percent: expected a value, found an empty cell"]),
    ("duplicate key", f"{HEADER}\nPhnom Penh,Cambodia,6.2,2008,,T\nPhnom Penh,Cambodia,7,2009,,T\n",
     ["nrw_asean.csv, row 3, column city: expected a unique city, found 'Phnom Penh' again (first at row 2)"]),
    ("missing column", "city,country,nrw_percent,note,provenance\nPhnom Penh,Cambodia,6.2,,T\n",
     ["nrw_asean.csv, row 1, column year: expected a column named 'year', found none "
      "(columns are: city, country, nrw_percent, note, provenance)"]),
    ("extra column", f"{HEADER},source\nPhnom Penh,Cambodia,6.2,2008,,T,ADB\n",
     ["nrw_asean.csv, row 1, column source: expected only the columns city, country, nrw_percent, year, "
      "note, provenance, found an extra column 'source'"]),
    ("short row", f"{HEADER}\nPhnom Penh,Cambodia,6.2\n",
     ["nrw_asean.csv:2: expected 6 cells, found 3"]),
    ("empty file", "", ["nrw_asean.csv: expected a header row and data, found an empty file"]),
    ("header only", f"{HEADER}\n", ["nrw_asean.csv: expected at least one data row, found only the header"]),
    ("wrong encoding", f"{HEADER}\nPhnom Penh,Cambodia,6.2,2008,caf\xe9,T\n".encode("latin-1"),
     ["nrw_asean.csv:2: expected UTF-8 text, found the byte 0xe9 (save the file as 'CSV UTF-8')"]),
    ("several problems at once", f"{HEADER}\nPhnom Penh,Cambodia,x,2008,,T\nYangon,Myanmar,45,20x2,,\n",
     ["nrw_asean.csv, row 2, column nrw_percent: expected a number, found 'x'",
      "nrw_asean.csv, row 3, column year: expected a whole number, found '20x2'",
      "nrw_asean.csv, row 3, column provenance: expected a value, found an empty cell"]),
]


@pytest.mark.parametrize("name, content, expected", CORPUS, ids=[c[0] for c in CORPUS])
def test_malformed_input_gets_its_exact_message(tmp_path, name, content, expected):
    assert problems(tmp_path, content) == expected


@pytest.mark.parametrize("schema", sorted((ROOT / "schemas/datasets").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_dataset_is_valid(tmp_path, schema):
    raw = ROOT / "data/raw" / f"{schema.stem}.csv"
    assert clean(raw, schema, tmp_path / "out.csv", edition_year=2018)["rows"] > 0
