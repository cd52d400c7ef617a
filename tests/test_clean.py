"""Cleaning and validating raw tables: editors' forms parse; bad input gets one line per problem."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dpaper.data.clean import clean
from dpaper.data.normalise import normalise_cell, partial_date
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


@pytest.mark.parametrize("typed, canonical, start, end", [
    ("2001–2004", "2001–2004", "2001", "2004"), ("2001-2004", "2001–2004", "2001", "2004"),
    ("2001 - 2004", "2001–2004", "2001", "2004"), ("2013–", "2013–", "2013", ""), ("2013-", "2013–", "2013", ""),
    ("2012", "2012", "2012", "2012"), ("Unknown", "", "", ""), ("—", "", "", "")])
def test_periods_as_editors_type_them(tmp_path, typed, canonical, start, end):
    schema = tmp_path / "s.yaml"
    schema.write_text("fields:\n  - {name: n, type: integer}\n  - {name: p, type: string, kind: period}\n")
    raw = tmp_path / "t.csv"
    raw.write_text(f"n,p\n1,{typed}\n", encoding="utf-8")
    clean(raw, schema, tmp_path / "o.csv", edition_year=2018)
    row = next(csv.DictReader(open(tmp_path / "o.csv", encoding="utf-8")))
    assert (row["p"], row["p_start"], row["p_end"]) == (canonical, start, end)


@pytest.mark.parametrize("typed, canonical", [
    ("2015", "2015"), ("2015-12", "2015-12"), ("2015.12", "2015-12"), ("2015/12", "2015-12"), ("Dec 2015", "2015-12"),
    ("December 2015", "2015-12"), ("16 December 2015", "2015-12-16"), ("2015-12-16", "2015-12-16"),
    ("Sept 2016", "2016-09"), ("Sep. 2016", "2016-09")])
def test_dates_as_editors_type_them(typed, canonical):
    assert partial_date(typed, 2018) == (canonical, None)


def test_excel_and_csv_give_the_same_clean_data(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER.split(","))
    ws.append(["Phnom Penh", "Cambodia", 0.062, 2008, None, "T"])
    ws["C2"].number_format = "0.0%"
    ws.append(["Bangkok", "Thailand", 42.8, "Unknown", None, "T"])
    wb.save(tmp_path / "nrw_asean.xlsx")
    clean(tmp_path / "nrw_asean.xlsx", SCHEMA, tmp_path / "from_xlsx.csv")
    csv_rows = run_clean(tmp_path, f"{HEADER}\nPhnom Penh,Cambodia,6.2%,2008,,T\nBangkok,Thailand,42.8,Unknown,,T\n")
    assert list(csv.DictReader(open(tmp_path / "from_xlsx.csv", encoding="utf-8"))) == csv_rows


@pytest.mark.parametrize("schema", sorted((ROOT / "schemas/datasets").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_dataset_says_where_its_rows_come_from(schema):
    from dpaper.data.schema import load_schema, primary_key
    d = load_schema(schema)
    fields = {f["name"]: f for f in d["fields"]}
    assert fields["provenance"]["constraints"]["required"] is True
    assert d.get("title") and d.get("provenance") and primary_key(d)


def problems_of(tmp_path: Path, schema: str, content: str) -> list[str]:
    from dpaper.errors import BuildError
    (tmp_path / "s.yaml").write_text(schema, encoding="utf-8")
    (tmp_path / "t.csv").write_text(content, encoding="utf-8")
    with pytest.raises(BuildError) as exc:
        clean(tmp_path / "t.csv", tmp_path / "s.yaml", tmp_path / "o.csv")
    return [p.replace(f"{tmp_path}/", "") for p in exc.value.problems]


def test_every_rule_a_cell_breaks_is_said_once(tmp_path):
    schema = ("fields:\n  - {name: n, type: integer, constraints: {minimum: 5, enum: [7, 8]}}\n"
              "  - {name: t, type: string, constraints: {pattern: '[a-z]+', maxLength: 3}}\n")
    assert problems_of(tmp_path, schema, "n,t\n3,ABCDE\nx,ab\n") == [
        "t.csv, row 2, column n: expected a whole number of at least 5, found '3'",
        "t.csv, row 2, column n: expected one of 7, 8, found '3'",
        "t.csv, row 2, column t: expected at most 3 characters, found 'ABCDE'",
        "t.csv, row 2, column t: expected text matching [a-z]+, found 'ABCDE'",
        "t.csv, row 3, column n: expected a whole number, found 'x'"]


def test_a_key_given_again_points_to_its_first_row(tmp_path):
    schema = "fields:\n  - {name: k, type: string}\n  - {name: n, type: integer}\nprimaryKey: [k, n]\n"
    assert problems_of(tmp_path, schema, "k,n\na,1\nb,1\na,01\na,1\n") == [
        "t.csv, row 4, column k/n: expected a unique k/n, found 'a, 01' again (first at row 2)",
        "t.csv, row 5, column k/n: expected a unique k/n, found 'a, 1' again (first at row 2)"]


def test_a_row_without_its_key(tmp_path):
    schema = "fields:\n  - {name: k, type: string}\n  - {name: n, type: integer}\nprimaryKey: [k]\n"
    assert problems_of(tmp_path, schema, "k,n\na,1\n-,2\n") == [
        "t.csv, row 3, column k: expected a value, found an empty cell"]
    required = schema.replace("string}", "string, constraints: {required: true}}")
    assert problems_of(tmp_path, required, "k,n\na,1\nUnknown,2\n") == [
        "t.csv, row 3, column k: expected a value, found 'Unknown'"]     # said once, at the cell


def test_a_dataset_has_one_raw_table(tmp_path):
    from dpaper.data.read import one_raw_table, raw_table_paths
    from dpaper.errors import BuildError
    assert raw_table_paths(tmp_path, "d") == [tmp_path / "d.csv"]            # the one expected, named
    with pytest.raises(BuildError, match=r"d.csv: expected the raw table, found none"):
        one_raw_table(raw_table_paths(tmp_path, "d"))
    (tmp_path / "d.xlsx").write_bytes(b"")
    assert one_raw_table(raw_table_paths(tmp_path, "d")) == tmp_path / "d.xlsx"
    (tmp_path / "d.csv").write_text("a\n1\n")
    assert raw_table_paths(tmp_path, "d") == [tmp_path / "d.csv", tmp_path / "d.xlsx"]
    with pytest.raises(BuildError) as exc:
        one_raw_table(raw_table_paths(tmp_path, "d"))
    assert exc.value.problems == [f"{tmp_path}/d.csv: expected one raw table per dataset, found both "
                                  f"{tmp_path}/d.csv and {tmp_path}/d.xlsx (keep one)"]


FIELD_KEYS = {"name", "type", "title", "description", "unit", "kind", "constraints"}


@pytest.mark.parametrize("schema", sorted((ROOT / "schemas/datasets").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_field_reads_as_written(schema):
    """An unquoted comma in an inline mapping cuts a description short and turns the rest into keys."""
    import yaml
    for field in yaml.safe_load(schema.read_text(encoding="utf-8"))["fields"]:
        stray = {k: v for k, v in field.items() if k not in FIELD_KEYS or v is None}
        assert not stray, f"{field['name']}: quote the text with commas ({', '.join(map(str, stray))})"


# -- reading: one row a line, every cell on it --------------------------------------
def test_rows_are_numbered_by_their_line(tmp_path):
    schema = "fields:\n  - {name: n, type: integer}\n  - {name: t, type: string}\n"
    assert problems_of(tmp_path, schema, "n,t\r\n\r\n1,a\r2,b\n\nx,c\n") == [
        "t.csv, row 6, column n: expected a whole number, found 'x'"]


def test_a_quoted_cell_keeps_its_commas_and_quotes(tmp_path):
    schema = tmp_path / "s.yaml"
    schema.write_text("fields:\n  - {name: n, type: integer}\n  - {name: t, type: string}\n")
    (tmp_path / "t.csv").write_text('n,t\n1,"Kampong, Cham"\n2,"the ""Clean City"" award"\n3,""\n')
    clean(tmp_path / "t.csv", schema, tmp_path / "o.csv")
    rows = list(csv.DictReader(open(tmp_path / "o.csv", encoding="utf-8")))
    assert [r["t"] for r in rows] == ["Kampong, Cham", 'the "Clean City" award', ""]


@pytest.mark.parametrize("line, trouble", [
    ('a,b,c', None), ('"a,b",c', None), ('a,"b ""c""",d', None), ('"",', None), ('a,b"c,d', None),
    ('a,"b', (1, "open", "")), ('"a""', (0, "open", "")), ('a,"b" c,d', (1, "after", '"b" c')),
    ('"b"c', (0, "after", '"b"c'))])
def test_where_quoting_goes_wrong(line, trouble):
    from dpaper.data.read import quote_trouble
    assert quote_trouble(line) == trouble


def test_a_cell_longer_than_csvs_own_limit_is_one_line(tmp_path):
    schema = "fields:\n  - {name: n, type: integer}\n  - {name: t, type: string}\n"
    limit = csv.field_size_limit()
    assert problems_of(tmp_path, schema, f"n,t\n1,{'ab' * 70_000}\n") == [
        f"t.csv, row 2, column t: expected at most 2,000 characters, found '{'ab' * 20}…' (140,000 characters)"]
    assert csv.field_size_limit() == limit      # lifted while reading only


def test_excel_rows_are_the_sheets_and_a_cell_is_one_line(tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    for row in [HEADER.split(","), ["Phnom Penh", "Cambodia", 6.2, 2008, "two\nlines", "T"], [],
                ["Bangkok", "Thailand", 42.8, "NaN", None, "T"]]:
        ws.append(row)
    wb.save(tmp_path / "nrw_asean.xlsx")
    with pytest.raises(BuildError) as exc:
        clean(tmp_path / "nrw_asean.xlsx", SCHEMA, tmp_path / "o.csv")
    assert [p.replace(f"{tmp_path}/", "") for p in exc.value.problems] == [
        "nrw_asean.xlsx, row 2, column note: expected a cell on one line, found a line break",
        "nrw_asean.xlsx, row 4, column year: expected a whole number, found 'NaN'"]


# -- cells: finite numbers, real dates, text that can be set ------------------------
@pytest.mark.parametrize("typed", ["NaN", "nan", "-nan", "sNaN", "Infinity", "-Infinity", "inf", "+Inf", "1_000", "١٢"])
@pytest.mark.parametrize("ftype, kind", [("number", "a number"), ("integer", "a whole number")])
def test_only_finite_numbers_in_ascii_digits(typed, ftype, kind):
    assert normalise_cell(typed, {"type": ftype}) == (typed, f"expected {kind}, found {typed!r}")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2018, 12, 31)))
def test_every_real_date_reads(d):
    assert partial_date(f"{d.day} {d:%B %Y}", 2018) == (d.isoformat(), None)
    assert partial_date(d.isoformat(), 2018) == (d.isoformat(), None)


@given(st.integers(min_value=1900, max_value=2018), st.integers(min_value=1, max_value=12),
       st.integers(min_value=29, max_value=31))
def test_a_day_its_month_lacks_is_refused(year, month, day):
    try:
        date(year, month, day)
    except ValueError:
        typed = f"{day} {date(year, month, 1):%B} {year}"
        assert partial_date(typed, 2018) == (typed, f"expected a real date, found {typed!r}")
        assert normalise_cell(f"{year}-{month:02d}-{day}", {"type": "date"})[1] == \
            f"expected a real date, found '{year}-{month:02d}-{day}'"


@pytest.mark.parametrize("typed, problem", [
    ("word " * 399 + "word", None),
    ("x" * 2001, "expected at most 2,000 characters, found '" + "x" * 40 + "…' (2,001 characters)"),
    ("a" * 60 + " b", None),
    ("a" * 61, "expected words of at most 60 characters (a line cannot break inside one), found '"
     + "a" * 40 + "…' (61 characters)"),
    ("non-" + "a" * 60 + "–b\u00ad" + "c" * 60, None),           # hyphens, dashes and soft hyphens break words
    ("see https://example.org/" + "a" * 80 + " and www.example.org/" + "b" * 80, None),   # URLs excepted
    ("a\x1bb", "expected printable text, found the control character U+001B"),
    ("a\x00\x07", "expected printable text, found the control characters U+0000, U+0007"),
    ("\u5927\u8fde", "expected text the paper's fonts can draw, found U+5927 '大', U+8FDE '连' "
                     "(missing from Source Serif Pro and Source Sans Pro)"),
])
def test_text_that_can_be_set(typed, problem):
    assert normalise_cell(typed, {"type": "string"})[1] == problem


def test_a_schemas_max_length_replaces_the_cell_limit(tmp_path):
    schema = "fields:\n  - {name: t, type: string, constraints: {maxLength: 3000}}\n"
    assert normalise_cell("word " * 500, {"type": "string", "constraints": {"maxLength": 3000}})[1] is None
    assert problems_of(tmp_path, schema, f"t\n{'word ' * 700}\n") == [
        f"t.csv, row 2, column t: expected at most 3,000 characters, found '{'word ' * 8}…' (3,499 characters)"]


def test_text_is_kept_in_nfc(tmp_path):
    rows = run_clean(tmp_path, f"{HEADER}\nPhnom Penh,Cambodia,6.2%,2008,Caf\u0065\u0301,T\n")
    assert rows[0]["note"] == "Caf\u00e9"


def test_a_quote_left_open_is_said_where_it_opens(tmp_path):
    """The quote would swallow every row after it; the table would lose them without a word."""
    lines = (ROOT / "data/raw/nrw_cambodia.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = '"' + lines[4]
    (tmp_path / "nrw_cambodia.csv").write_text("".join(lines), encoding="utf-8")
    with pytest.raises(BuildError) as exc:
        clean(tmp_path / "nrw_cambodia.csv", ROOT / "schemas/datasets/nrw_cambodia.yaml", tmp_path / "o.csv")
    assert [p.replace(f"{tmp_path}/", "") for p in exc.value.problems] == [
        "nrw_cambodia.csv, row 5, column city: expected a cell on one line, found a quote that runs on to row 17 "
        "(a missing closing quote?)"]



FIELDS = {"partial-date": "{name: v, type: string, kind: partial-date}", "date": "{name: v, type: date}",
          "year": "{name: v, type: integer}"}
HOW = ("(format the cell as yyyy-mm-dd, mmm yyyy or yyyy, or type the date as text (2015-12-16, Dec 2015, 2015))")


def excel_date(tmp_path, field: str, number_format: str, hour: int = 0) -> str:
    """The clean value of an Excel date cell of `number_format` in a column of `field`, or its problem."""
    from datetime import datetime

    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["k", "v"])
    wb.active.append(["a", datetime(2015, 12, 1, hour)])
    wb.active["B2"].number_format = number_format
    wb.save(tmp_path / "t.xlsx")
    (tmp_path / "s.yaml").write_text(f"fields:\n  - {{name: k, type: string}}\n  - {FIELDS[field]}\n")
    try:
        clean(tmp_path / "t.xlsx", tmp_path / "s.yaml", tmp_path / "out.csv")
    except BuildError as exc:
        return exc.problems[0].split("column v: ")[1]
    return next(csv.DictReader(open(tmp_path / "out.csv", encoding="utf-8")))["v"]


@pytest.mark.parametrize("number_format, precision", [
    ("mmm yyyy", "month"), ("mmmm yyyy", "month"), ("mm/yyyy", "month"), ("yyyy-mm", "month"),
    ('[$-409]mmm\\-yy;@', "month"), ("mmm-yy", "month"), ("yyyy", "year"),
    ("yyyy-mm-dd", "day"), ("m/d/yyyy", "day"), ("d mmmm yyyy", "day"), ("mm-dd-yy", "day"),
    ("yyyy-mm-dd h:mm", "day")])
@pytest.mark.parametrize("field", FIELDS)
def test_an_excel_date_keeps_the_precision_its_cell_format_shows(tmp_path, field, number_format, precision):
    """Excel stores `Dec 2015` as 1 December 2015: the cell's format says whether the editor meant the month."""
    value = {"year": "2015", "month": "2015-12", "day": "2015-12-01"}[precision]
    expected = {"partial-date": value,
                "date": value if precision == "day" else f"expected a date (YYYY-MM-DD), found {value!r}",
                "year": value if precision == "year" else f"expected a whole number, found {value!r}"}[field]
    assert excel_date(tmp_path, field, number_format) == expected


@pytest.mark.parametrize("number_format, hour, expected", [
    ("d-mmm", 0, f"expected a date that shows its year, found a date cell formatted 'd-mmm' {HOW}"),
    ("mmm", 0, f"expected a date that shows its year, found a date cell formatted 'mmm' {HOW}"),
    ("yyyy-mm-dd h:mm", 9, f"expected a date, found a date and time cell formatted 'yyyy-mm-dd h:mm' {HOW}"),
])
def test_an_excel_date_that_hides_its_year_or_holds_a_time_is_refused(tmp_path, number_format, hour, expected):
    assert excel_date(tmp_path, "partial-date", number_format, hour) == expected


@pytest.mark.parametrize("convention, cells, expected", [
    (",", ["4.600", '"4.600,5"', '"0,25"'], ["4600", "4600.5", "0.25"]),
    (".", ["4.600", "12", "0.25"], ["4.600", "12", "0.25"]),
])
def test_a_schema_that_states_the_decimal_mark_reads_numbers_by_it(tmp_path, convention, cells, expected):
    """`4.600` among whole numbers reads two ways (tests/corpus/44-…), unless the schema says which."""
    (tmp_path / "s.yaml").write_text("fields:\n  - {name: k, type: string}\n"
                                     f"  - {{name: n, type: number, decimalChar: '{convention}'}}\n")
    (tmp_path / "t.csv").write_text("k,n\n" + "".join(f"r{i},{c}\n" for i, c in enumerate(cells)))
    clean(tmp_path / "t.csv", tmp_path / "s.yaml", tmp_path / "out.csv")
    assert [r["n"] for r in csv.DictReader(open(tmp_path / "out.csv", encoding="utf-8"))] == expected
