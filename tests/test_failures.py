"""Bad input stops the build with one clear line per problem, and the last good PDF survives."""
from __future__ import annotations

import re

import pytest

from conftest import Build, snakemake

pytestmark = pytest.mark.e2e


def append(build: Build, rel: str, text: str) -> int:
    """Append `text` to a project file; return the line number where it starts."""
    path = build.dir / rel
    old = path.read_text(encoding="utf-8")
    path.write_text(old + "\n" + text + "\n", encoding="utf-8")
    return old.count("\n") + 2


def fails_with(build: Build, *lines: str, args=()) -> str:
    before = build.pdf.read_bytes()
    result = snakemake(build.dir, *args)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    errors = re.findall(r"^error: .*$", out, re.M)
    assert errors == [f"error: {line}" for line in lines], out[-3000:]
    assert build.pdf.read_bytes() == before, "the last good PDF must survive a failed build"
    return out


def test_unknown_name_in_the_manuscript(built_copy):
    n = append(built_copy, "content/2018/introduction.md", "The {{ fact_of_the_day }} is unknown.")
    fails_with(built_copy, f"content/2018/introduction.md:{n}: unknown name: 'fact_of_the_day' is undefined")


def test_a_chapter_that_includes_itself_is_refused(built_copy):
    n = append(built_copy, "content/2018/phnom-penh.md", '{% include "phnom-penh" %}')
    fails_with(built_copy, f"content/2018/phnom-penh.md:{n}: expected text, data and the manuscript's functions, "
                           "found {% include %} (not allowed in the manuscript)")


def test_code_from_the_manuscript_is_refused(built_copy):
    n = append(built_copy, "content/2018/introduction.md",
               '{{ fact.__globals__.__builtins__.open("/etc/hostname").read() }}')
    fails_with(built_copy, f"content/2018/introduction.md:{n}: access to '__globals__': expected data and the "
                           "manuscript's functions, found Python internals (not allowed in the manuscript)")


def test_broken_cross_reference(built_copy):
    n = append(built_copy, "content/2018/introduction.md", 'See {{ ref("tab:nrw-laos") }}.')
    fails_with(built_copy, f"content/2018/introduction.md:{n}: broken cross-reference 'tab:nrw-laos': "
                           "no such label (known: tab:cambodia-activities, tab:nrw-asean, tab:nrw-cambodia, "
                           "tab:pp-cooperation)")


def test_unknown_citation_key(built_copy):
    n = append(built_copy, "content/2018/introduction.md", 'As argued before.{{ cite("nobody1999") }}')
    fails_with(built_copy, f"content/2018/introduction.md:{n}: unknown citation key 'nobody1999': "
                           "expected an id in content/2018/references.yaml")


def test_malformed_csv_reports_every_problem(built_copy):
    raw = built_copy.dir / "data/raw/nrw_cambodia.csv"
    text = raw.read_text().replace("Siem Reap,2015,8%", "Siem Reap,2015,eight").replace(
        "Kampot,2013,18%", "Kampot,2013,118%")
    raw.write_text(text + "Kampot,2013,18%,Table 3.2.3 (2018 edition)\n")
    fails_with(
        built_copy,
        "data/raw/nrw_cambodia.csv, row 5, column nrw_percent: expected a number from 0% to 100%, found '118'",
        "data/raw/nrw_cambodia.csv, row 17, column nrw_percent: expected a number, found 'eight'",
        "data/raw/nrw_cambodia.csv, row 18, column city/year: expected a unique city/year, "
        "found 'Kampot, 2013' again (first at row 5)")


def test_missing_image(built_copy):
    n = append(built_copy, "content/2018/phnom-penh.md",
               '{{ figure("pp-visit", caption="A visit", image="visit-2015.jpg") }}')
    fails_with(built_copy, f"content/2018/phnom-penh.md:{n}: image 'visit-2015.jpg': expected the file "
                           "data/images/visit-2015.jpg, found none")


def test_image_outside_the_project(built_copy):
    n = append(built_copy, "content/2018/phnom-penh.md",
               '{{ figure("pp-secret", caption="Secret", image="../../../../etc/hostname") }}')
    fails_with(built_copy, f"content/2018/phnom-penh.md:{n}: image '../../../../etc/hostname': expected a file "
                           "inside the project, found a path outside it")


def test_raw_html_reaching_outside_is_refused_when_the_manuscript_is_read(built_copy):
    """Raw HTML is plain structure (render/rawhtml.py); the PDF's URL fetcher would refuse the file as well
    (tests/test_pdf_and_figures.py)."""
    n = append(built_copy, "content/2018/phnom-penh.md", '<img src="file:///etc/hostname" alt="x">')
    fails_with(built_copy, f"content/2018/phnom-penh.md:{n}: expected HTML tags among a, abbr, b, blockquote, br, "
                           "cite, code, dd, div, dl, dt, em, h2, h3, h4, i, li, ol, p, q, small, span, strong, sub, "
                           "sup, ul, found <img>")


def test_bad_config_is_caught_when_the_workflow_loads(built_copy):
    cfg = built_copy.dir / "config.yaml"
    cfg.write_text(cfg.read_text().replace('date: "2018-07-01"', 'date: "July 2018"'))
    result = snakemake(built_copy.dir)
    assert result.returncode != 0
    assert "'July 2018' does not match" in result.stderr


def test_a_dataset_given_twice(built_copy):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["city", "year", "nrw_percent", "provenance"])
    wb.save(built_copy.dir / "data/raw/nrw_cambodia.xlsx")
    fails_with(built_copy, "data/raw/nrw_cambodia.csv: expected one raw table per dataset, found both "
                           "data/raw/nrw_cambodia.csv and data/raw/nrw_cambodia.xlsx (keep one)")


def test_an_excel_table_replaces_its_csv(built_copy):
    """Editors may keep a table in a spreadsheet: same clean data, so nothing downstream changes."""
    import csv as csvmod

    from openpyxl import Workbook
    raw = built_copy.dir / "data/raw/nrw_cambodia.csv"
    wb = Workbook()
    for row in csvmod.reader(raw.open(encoding="utf-8")):
        wb.active.append([int(c) if c.isdigit() else c for c in row])
    wb.save(built_copy.dir / "data/raw/nrw_cambodia.xlsx")
    raw.unlink()
    clean = built_copy.path("data/nrw_cambodia.csv").read_bytes()
    result = snakemake(built_copy.dir)
    assert result.returncode == 0, result.stderr[-2000:]
    assert built_copy.path("data/nrw_cambodia.csv").read_bytes() == clean


def test_a_chapter_the_config_names_but_nobody_wrote(built_copy):
    cfg = built_copy.dir / "config.yaml"
    cfg.write_text(cfg.read_text().replace("    - kitakyushu-style\n", "    - kitakyushu-style\n    - epilogue\n"))
    fails_with(built_copy, "config.yaml: contents: expected content/2018/epilogue.md, found none")
