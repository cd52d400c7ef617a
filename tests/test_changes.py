"""The changes report (rule `changes`, dpaper.changes): what changed from a previous edition.

The fixture edition is built once per session (`fixture`); a copy of its folder is kept as the previous
edition, the tables and the text are edited as an analyst and an editor would, and the rule runs on what
changed: the report must name each change and no other. The same on the paper (`built`) with a synthetic
updated edition. Both rebuild only what the edits touch.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import Build, run_fixture, snakemake
from dpaper.changes import redline, summary_line, table_changes
from dpaper.config import Edition


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: expected {old!r} once, found it {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def since(build: Build, config: str, name: str) -> Path:
    """Keep the built edition as the previous one (`build/<name>`) and point `config`'s changes at it."""
    prev = build.dir / "build" / name
    shutil.copytree(build.dir / build.out, prev, symlinks=True)
    conf = yaml.safe_load((build.dir / config).read_text(encoding="utf-8"))
    conf["changes"] = {"since": f"build/{name}", "print": True}
    (build.dir / config).write_text(yaml.safe_dump(conf, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return prev


def report(build: Build) -> dict:
    return json.loads(build.path("changes/changes.json").read_text(encoding="utf-8"))


def named(r: dict) -> set[tuple]:
    """Every change the report names, as (what, which)."""
    out = {("dataset", d["name"], c) for d in r["datasets"] for c in
           [*(tuple(sorted(x["key"].items())) + tuple(i["field"] for i in x["cells"]) for x in d["changed"]),
            *(("added",) + tuple(a[k] for k in d["key"]) for a in d["added"]),
            *(("removed",) + tuple(a[k] for k in d["key"]) for a in d["removed"])]}
    out |= {("value", v["dataset"], v["key"], v["status"], v["prints_the_same"]) for v in r["values"]}
    out |= {("cell", t["label"], c["row"], c["column"], c["old"], c["new"]) for t in r["tables"] for c in t["cells"]}
    out |= {("figure", f["id"]) for f in r["figures"]}
    out |= {("text", u["unit"], len(u["paragraphs"])) for u in r["text"]}
    return out


# -- the parts ---------------------------------------------------------------------

def test_rows_are_aligned_by_key_and_compared_cell_by_cell():
    old = [["key", "value"], ["a", "1"], ["b", "2"], ["c", "3"]]
    new = [["key", "value"], ["a", "1"], ["d", "4"], ["b", "2.5"]]
    t = table_changes(old, new, ["key"])
    assert [r["key"] for r in t["added"]] == ["d"] and [r["key"] for r in t["removed"]] == ["c"]
    assert [(c["key"], c["cells"]) for c in t["changed"]] == [({"key": "b"}, [{"field": "value", "old": "2",
                                                                                "new": "2.5"}])]
    assert not any(table_changes(old, old, ["key"])[k] for k in ("added", "removed", "changed"))


def test_a_redline_marks_words():
    assert redline("The city covers 678 km².", "The city spans 678 km².") == [
        ["=", "The city "], ["-", "covers"], ["+", "spans"], ["=", " 678 km²."]]


def test_the_previous_edition_is_named_by_its_folder_or_its_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = {"paths": {"output": "build/2025"}, "edition": {"id": "2025"}}
    assert Edition(base).changes is None
    assert Edition(base | {"changes": {"since": "build/2018"}}).changes["name"] == "2018"
    Path("config-2018.yaml").write_text("edition: {id: '2018'}\npaths: {output: build/first}\n", encoding="utf-8")
    ch = Edition(base | {"changes": {"since": "config-2018.yaml"}}).changes
    assert (ch["folder"], ch["name"]) == (Path("build/first"), "2018")
    assert Edition(base | {"changes": {"since": "config-2018.yaml"}}).changes_problem() == (
        "config.yaml: changes.since: expected a built edition in build/first (labels.json, data/, web/), "
        "found none: build the previous edition first")
    assert "inside the project" in Edition(base | {"changes": {"since": "/elsewhere"}}).changes_problem()


# -- the fixture: two editions -------------------------------------------------------

def test_the_fixture_report_names_each_change_and_no_other(fixture_copy):
    b = fixture_copy
    since(b, "tests/fixture/config.yaml", "fixture-before")
    targets = ("build/fixture/changes/changes.json", "build/fixture/book.html")
    result = run_fixture(b, *targets)
    assert result.returncode == 0, result.stderr[-3000:]
    same = report(b)
    assert not same["changed"] and not named(same)
    assert summary_line(same) == "Changes from the fixture-before edition: no changes."
    page = b.path("web-next/changes.html").read_text(encoding="utf-8")
    assert "Changes from the fixture-before edition" in page and "No changes" in page

    raw, text = b.dir / "data/raw", b.dir / "tests/fixture/content"
    edit(raw / "events.csv", "pp-1997-ppwsa-founded,Jul 1997,", "pp-1997-ppwsa-founded,Aug 1997,")
    edit(raw / "key_figures.csv", "pp_area,678.46,km2,,\"Phnom Penh, area of the capital\",Case study 2 introduction",
         "pp_area,678.46,km2,,\"Phnom Penh, area of the capital\",Case study 2 opening")   # prints the same
    edit(raw / "nrw_cambodia.csv", "Siem Reap,2015,8%", "Siem Reap,2015,7.5%")
    awards = (raw / "awards.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (raw / "awards.csv").write_text("".join(awards[:-1]), encoding="utf-8")   # the 2018 award dropped
    edit(text / "water.md", "Phnom Penh covers", "Phnom Penh spans")
    result = run_fixture(b, *targets)
    assert result.returncode == 0, result.stderr[-3000:]
    r = report(b)
    assert named(r) == {
        ("dataset", "events", (("id", "pp-1997-ppwsa-founded"), "date")),
        ("dataset", "key_figures", (("key", "pp_area"), "provenance")),
        ("dataset", "nrw_cambodia", (("city", "Siem Reap"), ("year", "2015"), "nrw_percent")),
        ("dataset", "awards", ("removed", "2018", "Model city for promoting the SDGs")),
        ("value", "events", "pp-1997-ppwsa-founded", "changed", False),
        ("value", "key_figures", "pp_area", "changed", True),
        ("cell", "Table 2.1.1", "Siem Reap", "2015", "8%", "7.5%"),
        ("figure", "nrw-cambodia"),
        ("text", "water", 2),            # "covers" -> "spans"; the Siem Reap rate the sentence prints
    }
    assert summary_line(r) == ("Changes from the fixture-before edition: 2 values in the text (1 printing the same), "
                               "1 table cell in 1 table, 1 figure, 2 paragraphs in 1 unit, 4 rows in 4 datasets.")
    founded = next(v for v in r["values"] if v["key"] == "pp-1997-ppwsa-founded")
    assert [(p["unit_name"], p["old"], p["new"]) for p in founded["places"]] == [
        ("Case Study 1 · Water in Cambodian cities",
         "Phnom Penh covers 678.46 km²; its water authority was founded in July 1997.",
         "Phnom Penh spans 678.46 km²; its water authority was founded in August 1997.")]
    assert founded["what"].startswith("Phnom Penh Waterworks Bureau relaunched")
    page = b.path("web-next/changes.html").read_text(encoding="utf-8")
    assert "<del>covers</del><ins>spans</ins>" in page and "prints the same" in page
    assert page.count('<figure class="before">') == 1 and page.count("<svg") >= 2   # old and new drawing
    book = b.path("book.html").read_text(encoding="utf-8")
    assert 'id="ch-changes"' in book and "Changes from the fixture-before edition" in book


# -- the paper: a synthetic updated edition ---------------------------------------------

@pytest.fixture
def paper_copy(built, tmp_path) -> Build:
    dest = tmp_path / "paper"
    shutil.copytree(built.dir, dest, symlinks=True)
    return Build(dest, built.result)


def test_the_paper_report_on_a_synthetic_updated_edition(paper_copy):
    """An analyst's update of the Phnom Penh tables: a rate corrected, a row dropped, a figure of the text and
    a rate of a chart changed. Only what they touch is rebuilt (a manuscript edit would renumber, so rerender,
    every chapter: the fixture test covers the text's redline)."""
    b = paper_copy
    since(b, "config.yaml", "2018-published")
    raw = b.dir / "data/raw"
    edit(raw / "nrw_asean.csv", "Singapore,Singapore,4.4%", "Singapore,Singapore,4.1%")
    lines = (raw / "nrw_asean.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (raw / "nrw_asean.csv").write_text("".join(x for x in lines if not x.startswith("Kuala Lumpur,")),
                                       encoding="utf-8")
    edit(raw / "pp_water_indicators.csv", "population_served,Phnom Penh,1993,25,",
         "population_served,Phnom Penh,1993,26,")
    edit(raw / "nrw_cambodia.csv", "Kampot,2015,11%", "Kampot,2015,10%")
    result = snakemake(b.dir, "build/2018/changes/changes.json")
    assert result.returncode == 0, result.stderr[-3000:]
    r = report(b)
    assert named(r) == {
        ("dataset", "nrw_asean", (("city", "Singapore"), "nrw_percent")),
        ("dataset", "nrw_asean", ("removed", "Kuala Lumpur")),
        ("dataset", "pp_water_indicators", (("indicator", "population_served"), ("place", "Phnom Penh"),
                                            ("year", "1993"), "value")),
        ("dataset", "nrw_cambodia", (("city", "Kampot"), ("year", "2015"), "nrw_percent")),
        ("cell", "Table 3.2.1", "Singapore", "Non-revenue water", "4.4%", "4.1%"),
        ("cell", "Table 3.2.3", "Kampot", "2015", "11%", "10%"),
        ("figure", "nrw-cambodia"),
        ("text", "phnom-penh", 1),           # "from 25% in 1993": a value printed without a mark
    }
    table = next(t for t in r["tables"] if t["label"] == "Table 3.2.1")
    assert table["rows_removed"] == ["Kuala Lumpur"] and table["unit_name"].startswith("Case Study 2 ·")
    [paragraph] = r["text"][0]["paragraphs"]
    assert [op for op in paragraph["redline"] if op[0] != "="] == [["-", "25%"], ["+", "26%"]]
    page = b.path("web-next/changes.html").read_text(encoding="utf-8")
    assert "Changes from the 2018-published edition" in page and "<del>25%</del><ins>26%</ins>" in page
