"""A fuzzer over the data layer, the configuration and the manuscript renderer (Hypothesis).

The property, for every generated input: it is built, or refused with the
project's one-line errors (BuildError: one line a problem, naming the file),
never another exception, never more than `DEADLINE`; and what is built keeps
every value the editor typed (a number or a text cell comes out as it went in,
but for the documented normalisations).

The normal suite runs a short budget (`EXAMPLES` examples a property, a few
seconds, the same examples every run). For a longer, random run: `make fuzz`
(2,000 examples a property; `make fuzz FUZZ=10000`), which sets `DPAPER_FUZZ`.
Every failure it finds becomes a case in tests/corpus/.
"""
from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_render import NRW, render_one

from dpaper.data.clean import clean
from dpaper.data.schema import DEFAULT_MISSING, load_schema
from dpaper.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("DPAPER_FUZZ", "0")) or 25
DEADLINE = timedelta(seconds=5)
FUZZ = settings(max_examples=EXAMPLES, deadline=DEADLINE, derandomize=not os.environ.get("DPAPER_FUZZ"),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
SCHEMAS = sorted((ROOT / "schemas/datasets").glob("*.yaml"))


def one_line_errors(exc: BuildError, name: str) -> None:
    assert exc.problems, "a BuildError says what is wrong"
    for line in exc.problems:
        assert "\n" not in line and "Traceback" not in line, line
        assert name in line, f"every line names the file: {line}"


# -- the data layer ----------------------------------------------------------------------
HOSTILE = st.sampled_from([
    "", " ", "-", "–", "n/a", "0", "-0", "+0", "-0%", "4.600", "1,234", "1 234", "0,500", "1.234,5", "12.5%",
    "1e3", "NaN", "Infinity", "1_000", "٣", "２", "2015", "Dec 2015", "2015-02-30", "2001–2004", "2013–",
    "yes", "no", "x", "Dal\u00adian", "a\u200bb", "\u202eabc", "\x00", "<b>x</b>", "**x**", '"', '""', ",",
    "=HYPERLINK(\"x\")", "a; b;c", "Phnom Penh", "Japan", "\ufeff", "\r", "\t", "A" * 70, "é" "\u0301"])
CELL = st.one_of(HOSTILE, st.text(max_size=12), st.integers(-10**6, 10**7).map(str),
                 st.decimals(-1000, 1000, places=3, allow_nan=False).map(str),
                 st.builds(lambda a, b: f"{a}{b}", HOSTILE, HOSTILE))


LETTERS = st.text(st.sampled_from("abcdefghij KLMNOP-é’.,()"), min_size=1, max_size=15).map(str.strip).filter(bool)


def grouped(n: int) -> st.SearchStrategy[str]:
    return st.sampled_from([str(n), f"{n:,}", f"{n:,}".replace(",", " ")])


def valid(field: dict) -> st.SearchStrategy[str]:
    """Cells an editor may type in `field`, in the forms docs/data.md allows."""
    c, kind, ftype = field.get("constraints", {}), field.get("kind"), field.get("type", "string")
    lo, hi = c.get("minimum"), c.get("maximum")
    hi = 2018 if hi == "edition-year" else hi
    if "enum" in c:
        return st.sampled_from([str(v) for v in c["enum"]])
    if ftype in ("integer", "year"):
        return st.integers(lo if lo is not None else -10**6, hi if hi is not None else 10**7).flatmap(grouped)
    if ftype == "number":
        pct = "%" if field.get("unit") == "percent" else ""
        return st.decimals(lo if lo is not None else -10**6, hi if hi is not None else 10**6, places=2,
                           allow_nan=False, allow_infinity=False).map(lambda d: f"{d.normalize():f}{pct}")
    if ftype == "boolean":
        return st.sampled_from(["yes", "no", "true", "false", ""])
    if ftype == "date":
        return st.dates(date(1950, 1, 1), date(2018, 12, 31)).map(date.isoformat)
    if "pattern" in c:
        return st.from_regex(c["pattern"], fullmatch=True).filter(lambda s: s.isascii() and s.isprintable())
    if kind == "period":
        return st.integers(1950, 2010).map(lambda y: f"{y}\u2013{y + 3}")
    if kind == "partial-date":
        return st.sampled_from(["2015", "2015-12", "Dec 2015", "16 December 2015"])
    if kind == "list":
        return st.lists(LETTERS, min_size=1, max_size=3).map("; ".join)
    return LETTERS


@st.composite
def tables(draw):
    """A schema of the project and a raw table around it: mostly the cells it allows, some hostile;
    now and then a wrong header or a ragged row."""
    schema = draw(st.sampled_from(SCHEMAS))
    fields = load_schema(schema)["fields"]
    names = [f["name"] for f in fields]
    header = draw(st.one_of(st.just(names), st.just(names), st.just(names), st.permutations(names),
                            st.lists(st.sampled_from(names + ["", "extra"]), max_size=len(names) + 1)))
    by_name = {f["name"]: f for f in fields}
    rows, hostile = [], draw(st.booleans())
    for _ in range(draw(st.integers(1, 5))):
        row = [draw(CELL if n not in by_name else st.one_of(valid(by_name[n]), CELL) if hostile
                     else valid(by_name[n])) for n in header]
        if draw(st.integers(0, 20)) == 0:
            row = row[:-1] if draw(st.booleans()) else row + [draw(CELL)]
        rows.append(row)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    return schema, out.getvalue()


def typed_as_written(raw: str, clean_text: str, field: dict) -> bool:
    """A clean cell keeps what the editor typed: a number its value (grouping, `%` and the minus sign's
    form aside), text its characters (spaces and Unicode normalisation aside)."""
    text = unicodedata.normalize("NFC", re.sub(r"[\s\u00a0\u2007\u2009\u202f]+", " ", raw).strip())
    if text in DEFAULT_MISSING or text in ("\u2013", "\u2014"):
        return clean_text == "" or field.get("type") == "boolean"
    kind, ftype = field.get("kind"), field.get("type", "string")
    if ftype in ("number", "integer", "year"):
        plain = re.sub(r"(?<=\d)[, ](?=\d)", "", text.removesuffix("%").rstrip()).translate(
            {0x2013: "-", 0x2014: "-", 0x2212: "-"})
        try:
            return Decimal(plain) == Decimal(clean_text)
        except InvalidOperation:
            return False
    if ftype == "string" and not kind:
        return clean_text == text
    return True   # periods, partial dates, lists, booleans, dates: their forms are tested in test_clean.py


@FUZZ
@given(tables())
def test_a_generated_table_is_cleaned_or_refused_with_one_line_a_problem(tmp_path, table):
    schema, text = table
    raw = tmp_path / f"{schema.stem}.csv"
    raw.write_text(text, encoding="utf-8")
    out = tmp_path / "out.csv"
    try:
        clean(raw, schema, out, None, edition_year=2018)
    except BuildError as exc:
        one_line_errors(exc, raw.name)
        return
    fields = {f["name"]: f for f in load_schema(schema)["fields"]}
    given_rows = list(csv.DictReader(io.StringIO(text)))
    clean_rows = list(csv.DictReader(open(out, encoding="utf-8")))
    given_rows = [r for r in given_rows if any((v or "").strip() for v in r.values())]
    assert len(clean_rows) == len(given_rows), "no row lost or added"
    for given_row, clean_row in zip(given_rows, clean_rows):
        for name, field in fields.items():
            assert typed_as_written(given_row[name], clean_row[name], field), (name, given_row[name], clean_row[name])


XLSX_VALUES = st.one_of(
    st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.datetimes(datetime(1900, 3, 1), datetime(2100, 1, 1)), st.dates(date(1900, 3, 1), date(2100, 1, 1)),
    st.times(), st.timedeltas(timedelta(0), timedelta(days=3)), CELL)
XLSX_FORMATS = st.sampled_from(["General", "0", "0.00", "0%", "0.0%", "#,##0", "mmm yyyy", "yyyy", "d-mmm",
                                "yyyy-mm-dd", "h:mm", "[h]:mm", "yyyy-mm-dd h:mm", "@", '"x"0', "0.00E+00"])


@FUZZ
@given(st.sampled_from(SCHEMAS), st.lists(st.tuples(XLSX_VALUES, XLSX_FORMATS), min_size=1, max_size=12),
       st.integers(1, 4))
def test_a_generated_workbook_is_cleaned_or_refused_with_one_line_a_problem(tmp_path, schema, cells, rows):
    """Excel cells of every type and format Excel stores, in a sheet laid out for a schema."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # what a workbook cannot hold at all
    names = [f["name"] for f in load_schema(schema)["fields"]]
    wb = Workbook()
    wb.active.append(names)
    for r in range(rows):
        for c, name in enumerate(names):
            value, number_format = cells[(r * len(names) + c) % len(cells)]
            value = ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
            cell = wb.active.cell(row=r + 2, column=c + 1, value=value)
            cell.number_format = number_format
    raw = tmp_path / f"{schema.stem}.xlsx"
    wb.save(raw)
    try:
        clean(raw, schema, tmp_path / "out.csv", None, edition_year=2018)
    except BuildError as exc:
        one_line_errors(exc, raw.name)


# -- the manuscript renderer -----------------------------------------------------------------
WORDS = st.sampled_from(["Water", "the city", "*emphasis*", "**strong**", "[a link](https://example.org)",
                         "<em>em</em>", "<b>", "&amp;", "&#x202E;", "`code`", "\\", "{", "}", "{%", "%}", "{{",
                         "}}", "{#", "#}", "{##", "<!--", "-->", "|", "---", "> ", "- ", "1. ", "# ", "\n", "\n\n",
                         "~~~", "```", "  ", "\t", "é", "\u00ad", "&", "<", ">", "javascript:alert(1)"])
SAFE = st.sampled_from(["Water", "the city", "*emphasis*", "[a link](https://example.org)", "\n\n", "- ", "> ",
                        '{{ data.nrw_asean.rows[0].city }}', '{{ cite("adb2012") }}', '{{ ref("tab:nrw-asean") }}',
                        '{{ data.nrw_asean.rows[0].nrw_percent | pct }}', "## A heading\n", "12.5%", "&amp;"])
CALLS = st.sampled_from([
    '{{ data.nrw_asean.rows[0].city }}', '{{ data.nrw_asean.rows[0].nrw_percent | pct }}',
    '{{ data.nrw_asean.rows[5].city }}', '{{ data.nope }}', '{{ nope }}', '{{ cite("adb2012") }}',
    '{{ cite("no-such-key") }}', '{{ note("A note with *emphasis*.") }}', '{{ ref("tab:nrw-asean") }}',
    '{{ ref("tab:none") }}', '{{ table("nrw-asean", caption="Rates") }}', '{{ table("nrw-asean") }}',
    '{{ "<script>" }}', '{{ range(10**9) | list }}', '{{ "x" * 10**9 }}', '{{ 1/0 }}', '{{ data.__class__ }}',
    '{{ cycler.__init__.__globals__ }}', '{% for r in data.nrw_asean.rows %}{{ r.city }} {% endfor %}',
    '{% include "x" %}', '{% raw %}{{{% endraw %}', '{{ self }}', '{{ lipsum() }}'])
FRONT = st.one_of(st.just("title: A chapter"),   # half of them good, half hostile
                  st.one_of(st.just("title: [unclosed"), st.just("title: &a A\nshort: *a"), st.just("nope: 1"),
                            st.just("title: A\ntitle: B"), st.just("title: !!binary aGk="),
                            st.builds(lambda t: f"title: {t!r}", st.text(max_size=20))))


@FUZZ
@given(FRONT, st.lists(st.one_of(SAFE, SAFE, SAFE, WORDS, CALLS, st.text(st.characters(codec="latin-1"), max_size=10),
                              st.text(max_size=5)), max_size=25))
def test_a_generated_chapter_is_rendered_or_refused_with_one_line_a_problem(tmp_path, front, parts):
    try:
        render_one(tmp_path, " ".join(parts) + "\n", NRW, front=front)
    except BuildError as exc:
        one_line_errors(exc, "ch.md")


@pytest.mark.parametrize("body", [
    "*a " * 100_000,                                   # 100,000 emphasis markers, none closed
    "[" * 50_000 + "x" + "]" * 50_000,                 # brackets nested 50,000 deep
    "> " * 15 + "deep but allowed\n" + "text " * 50_000,
])
def test_pathological_markdown_is_handled_in_seconds(tmp_path, body):
    """Markdown that is slow for naive parsers, under the chapter limit: rendered or refused, quickly."""
    import time
    start = time.process_time()     # this process's own work: the suite runs builds beside it
    try:
        render_one(tmp_path, body, NRW)
    except BuildError as exc:
        one_line_errors(exc, "ch.md")
    assert time.process_time() - start < 10


# -- the configuration -----------------------------------------------------------------------
CONFIG = (ROOT / "tests/fixture/config.yaml").read_text(encoding="utf-8")
YAML_VALUES = st.sampled_from([
    "", "~", "null", "true", "2018-07-01", "5", "-1", "1e9", "[]", "{}", "[a, [b, [c]]]", "&a x", "*a", "!!str x",
    "!!python/name:os.system", "'unclosed", '"\\x00"', "|\n  block", "a: b", "- x", "xx", "en-XX", "a" * 300,
    "../outside", "/etc", "data/raw", "{file: x}", "\u202e", "? complex", "<<: {a: 1}", "@x", "`x`", "%TAG"])


@st.composite
def configs(draw):
    """The fixture's configuration with a few values (or keys) replaced by hostile YAML."""
    lines = CONFIG.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        n = draw(st.integers(0, len(lines) - 1))
        key, sep, _ = lines[n].partition(":")
        value = draw(st.one_of(YAML_VALUES, st.text(max_size=8)))
        lines[n] = f"{key}: {value}" if sep and draw(st.booleans()) else f"{value}:{lines[n].partition(':')[2]}"
    return "\n".join(lines) + "\n"


@FUZZ
@given(configs())
def test_a_generated_configuration_is_accepted_or_refused_with_one_line_a_problem(tmp_path, text):
    from dpaper import yamlfile
    from dpaper.config import config_file_problems, schema_problems
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    lines = config_file_problems(path)
    if not lines:
        config = yamlfile.load(path)
        lines = (schema_problems(config, yamlfile.load(ROOT / "schemas/config.schema.yaml"), str(path))
                 if isinstance(config, dict) else ["not a mapping"])
    for line in lines:
        assert "\n" not in line and "Traceback" not in line, line
