"""Bad input stops the build with one clear line per problem, and the last good PDF survives.

Each case breaks a copy of the built fixture edition and runs Snakemake on it:
the messages as an editor sees them on the command line. Render failures that
need no workflow are unit tests (tests/test_render.py)."""
from __future__ import annotations

import re

import pytest

from conftest import FIXTURE, FIXTURE_CONFIG, Build, run_fixture, snakemake

pytestmark = pytest.mark.e2e


def append(build: Build, rel: str, text: str) -> int:
    """Append `text` to a project file; return the line number where it starts."""
    path = build.dir / rel
    old = path.read_text(encoding="utf-8")
    path.write_text(old + "\n" + text + "\n", encoding="utf-8")
    return old.count("\n") + 2


def published(build: Build) -> dict[str, bytes]:
    """The published web folder, file by file."""
    web = build.path("web")
    return {p.relative_to(web).as_posix(): p.read_bytes() for p in sorted(web.rglob("*")) if p.is_file()}


def fails_with(build: Build, *lines: str, args=()) -> str:
    before, site = build.pdf.read_bytes(), published(build)
    result = run_fixture(build, *args)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    errors = re.findall(r"^error: .*$", out, re.M)
    assert errors == [f"error: {line}" for line in lines], out[-3000:]
    # the PDF is the last good one, or absent (it failed itself) with the last good one kept beside it
    kept = build.pdf if build.pdf.exists() else build.path(f"last-good/{build.pdf_name}")
    assert kept.read_bytes() == before, "the last good PDF must survive a failed build"
    assert published(build) == site, "a failed build leaves the published web folder as it was"
    return out


OPENING = "tests/fixture/content/opening.md"
WATER = "tests/fixture/content/water.md"


def test_broken_cross_reference(fixture_copy):
    n = append(fixture_copy, OPENING, 'See {{ ref("tab:nrw-laos") }}.')
    fails_with(fixture_copy, f"{OPENING}:{n}: broken cross-reference 'tab:nrw-laos': no such label "
                             "(known: tab:nrw-cambodia)")


def test_a_chapter_that_includes_itself_is_refused(fixture_copy):
    n = append(fixture_copy, WATER, '{% include "water" %}')
    fails_with(fixture_copy, f"{WATER}:{n}: expected text, data and the manuscript's functions, "
                           "found {% include %} (not allowed in the manuscript)")


def test_code_from_the_manuscript_is_refused(fixture_copy):
    n = append(fixture_copy, OPENING,
               '{{ fact.__globals__.__builtins__.open("/etc/hostname").read() }}')
    fails_with(fixture_copy, f"{OPENING}:{n}: access to '__globals__': expected data and the "
                           "manuscript's functions, found Python internals (not allowed in the manuscript)")


def test_malformed_csv_reports_every_problem(fixture_copy):
    raw = fixture_copy.dir / "data/raw/nrw_cambodia.csv"
    text = raw.read_text().replace("Siem Reap,2015,8%", "Siem Reap,2015,eight").replace(
        "Kampot,2013,18%", "Kampot,2013,118%")
    raw.write_text(text + "Kampot,2013,18%,Table 3.2.3 (2018 edition)\n")
    fails_with(
        fixture_copy,
        "data/raw/nrw_cambodia.csv, row 5, column nrw_percent: expected a number from 0% to 100%, found '118'",
        "data/raw/nrw_cambodia.csv, row 17, column nrw_percent: expected a number, found 'eight'",
        "data/raw/nrw_cambodia.csv, row 18, column city/year: expected a unique city/year, "
        "found 'Kampot, 2013' again (first at row 5)")


def test_missing_image(fixture_copy):
    """An image= the manuscript names: a placeholder in a draft, an error naming the file in a release build."""
    from PIL import Image
    Image.new("RGB", (30, 20)).save(fixture_copy.dir / "data/images/pp-survey.png")   # the declared one is there
    n = append(fixture_copy, WATER,
               '{{ figure("pp-visit", caption="A visit", image="visit-2015.jpg") }}')
    fails_with(fixture_copy, f"{WATER}:{n}: image 'visit-2015.jpg': expected the file "
                           "data/images/visit-2015.jpg, found none", args=("--config", "draft=False"))


def test_image_outside_the_project(fixture_copy):
    n = append(fixture_copy, WATER,
               '{{ figure("pp-secret", caption="Secret", image="../../../../etc/hostname") }}')
    fails_with(fixture_copy, f"{WATER}:{n}: image '../../../../etc/hostname': expected a file "
                           "inside the project, found a path outside it")


def test_raw_html_reaching_outside_is_refused_when_the_manuscript_is_read(fixture_copy):
    """Raw HTML is plain structure (render/rawhtml.py); the PDF's URL fetcher would refuse the file as well
    (tests/test_pdf_and_figures.py)."""
    n = append(fixture_copy, WATER, '<img src="file:///etc/hostname" alt="x">')
    fails_with(fixture_copy, f"{WATER}:{n}: expected HTML tags among a, abbr, b, blockquote, br, "
                           "cite, code, dd, div, dl, dt, em, h2, h3, h4, i, li, ol, p, q, small, span, strong, sub, "
                           "sup, ul, found <img>")


def test_markup_that_jinja_writes_is_refused_at_the_gate_before_any_page_is_published(fixture_copy):
    """What is produced is checked (render/gate.py), not only what is typed: the issue's own case."""
    n = append(fixture_copy, WATER, 'See <{{ "img" }} src=x onerror=alert(1)> here.')
    fails_with(fixture_copy, f"{WATER}:{n}: <img>: expected attributes among class, id, lang, title, found onerror=")
    assert "onerror" not in fixture_copy.path("web/water.html").read_text(encoding="utf-8")


def test_bad_config_is_caught_when_the_workflow_loads(fixture_copy):
    cfg = fixture_copy.dir / FIXTURE_CONFIG
    bad = cfg.read_text().replace('date: "2018-07-01"', 'date: "July 2018"').replace("language: en", "language: 5")
    cfg.write_text(bad.replace("  raw: data/raw", "  raw: data/raw\n  rawx: data/raw"))   # every problem, one line each
    fails_with(fixture_copy,
               f"{FIXTURE_CONFIG}: edition.date: expected text matching ^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$, "
               "found 'July 2018'",
               f"{FIXTURE_CONFIG}: edition.language: expected text, found 5",
               f"{FIXTURE_CONFIG}: paths.rawx: expected no such key (known: raw, manuscript, bibliography, notes, "
               "images, output, schemas, same_facts, figures, tables, templates, words, stylesheet), found one")


def test_the_configuration_runs_no_code_and_names_a_key_given_twice(fixture_copy):
    """YTE templating in the edition's file would run its values as Python: only dpaper's loader reads it
    (config.yaml, or `--config edition_file=FILE`), which refuses it, so the command never runs; a
    --configfile, which Snakemake itself reads (and templates) first, is refused outright. A key given twice
    is an error naming both lines (YAML would keep the last silently)."""
    ran = fixture_copy.dir / "yte-ran"
    yte = "__use_yte__: true\nx: ?__import__('pathlib').Path('yte-ran').touch()\n"
    root = fixture_copy.dir / "config.yaml"
    root.write_text(yte + root.read_text())
    result = snakemake(fixture_copy.dir)                      # config.yaml, read by dpaper alone
    assert re.findall(r"^error: .*$", result.stderr, re.M) == [
        "error: config.yaml:1: expected plain configuration, found __use_yte__ (YTE templates run the Python "
        "their values hold: write each value out)"], result.stderr[-2000:]
    cfg = fixture_copy.dir / FIXTURE_CONFIG
    cfg.write_text(cfg.read_text() + "draft: false\n")
    lines = cfg.read_text().count("\n")
    fails_with(fixture_copy,
               f"{FIXTURE_CONFIG}:{lines}: expected each key once, found 'draft' again (first at line "
               f"{next(n for n, x in enumerate(cfg.read_text().splitlines(), 1) if x.startswith('draft:'))})")
    assert not ran.exists(), "nothing in config.yaml may run"
    # Snakemake reads a --configfile (and runs its YTE) before the workflow: such a build is refused whole
    result = snakemake(fixture_copy.dir, "--configfile", FIXTURE_CONFIG)
    assert re.findall(r"^error: .*$", result.stderr, re.M) == [
        f"error: --configfile {FIXTURE_CONFIG}: expected --config edition_file=FILE (a --configfile is read by "
        "Snakemake, its YTE templates run, before the workflow can check it), found --configfile"]


@pytest.mark.parametrize("key, value, why", [
    ("raw", "../outside", "a path that leads outside the project"),
    ("bibliography", "/etc/passwd", "an absolute path"),
    ("output", "/var/paper", "an absolute path")])
def test_configured_paths_stay_inside_the_project(fixture_copy, key, value, why):
    cfg = fixture_copy.dir / FIXTURE_CONFIG
    text = cfg.read_text()
    old = next(line for line in text.splitlines() if line.startswith(f"  {key}: "))
    cfg.write_text(text.replace(old, f"  {key}: {value}"))
    (fixture_copy.dir.parent / "outside").mkdir(exist_ok=True)
    fails_with(fixture_copy,
               f"{FIXTURE_CONFIG}: paths.{key}: expected a path inside the project, found {why}: {value!r}")


def test_a_link_out_of_the_project_is_refused(fixture_copy):
    (fixture_copy.dir / "data/raw/cities_extra.csv").symlink_to("/etc/hostname")
    (fixture_copy.dir / "templates/evil.css").symlink_to("/etc/hostname")
    fails_with(fixture_copy,
               "data/raw/cities_extra.csv: expected a file inside the project, found a path that leads outside "
               "the project (through a link)",
               "templates/evil.css: expected a file inside the project, found a path that leads outside "
               "the project (through a link)")


def test_a_dataset_given_twice(fixture_copy):
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.append(["city", "year", "nrw_percent", "provenance"])
    wb.save(fixture_copy.dir / "data/raw/nrw_cambodia.xlsx")
    fails_with(fixture_copy, "data/raw/nrw_cambodia.csv: expected one raw table per dataset, found both "
                           "data/raw/nrw_cambodia.csv and data/raw/nrw_cambodia.xlsx (keep one)")


def test_an_excel_table_replaces_its_csv(fixture_copy):
    """Editors may keep a table in a spreadsheet: same clean data, so nothing downstream changes."""
    import csv as csvmod

    from openpyxl import Workbook
    raw = fixture_copy.dir / "data/raw/nrw_cambodia.csv"
    wb = Workbook()
    for row in csvmod.reader(raw.open(encoding="utf-8")):
        wb.active.append([int(c) if c.isdigit() else c for c in row])
    wb.save(fixture_copy.dir / "data/raw/nrw_cambodia.xlsx")
    raw.unlink()
    clean = fixture_copy.path("data/nrw_cambodia.csv").read_bytes()
    result = run_fixture(fixture_copy)
    assert result.returncode == 0, result.stderr[-2000:]
    assert fixture_copy.path("data/nrw_cambodia.csv").read_bytes() == clean


def test_a_chapter_the_config_names_but_nobody_wrote(fixture_copy):
    cfg = fixture_copy.dir / FIXTURE_CONFIG
    cfg.write_text(cfg.read_text().replace("  back: []", "  back: [epilogue]"))
    fails_with(fixture_copy, f"{FIXTURE_CONFIG}: contents: expected tests/fixture/content/epilogue.md, found none")


def test_check_data_lists_the_problems_of_every_raw_table_at_once(fixture_copy):
    """`make check-data`: the `check_data` target, every clean job, --keep-going; nothing else is built."""
    raw = fixture_copy.dir / "data/raw/nrw_cambodia.csv"
    raw.write_text(raw.read_text().replace("Siem Reap,2015,8%", "Siem Reap,2015,eight"))
    other = fixture_copy.dir / "data/raw/nrw_asean.csv"
    other.write_text(other.read_text().replace("Phnom Penh,Cambodia,6.2%", "Phnom Penh,Cambodia,x%"))
    result = run_fixture(fixture_copy, "check_data", "--keep-going")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    expected = {"nrw_asean": "error: data/raw/nrw_asean.csv, row 2, column nrw_percent: expected a number, found 'x%'",
                "nrw_cambodia": "error: data/raw/nrw_cambodia.csv, row 17, column nrw_percent: "
                                "expected a number, found 'eight'"}
    for name, line in expected.items():
        assert line in out, out[-3000:]
        assert fixture_copy.path(f"logs/clean/{name}.log").read_text().strip() == line
    assert "(Rule: chapter)" not in out and "(Rule: pdf)" not in out


def test_a_deleted_raw_table_stops_the_build_instead_of_publishing_stale_data(fixture_copy):
    (fixture_copy.dir / "data/raw/nrw_cambodia.csv").unlink()
    fails_with(fixture_copy, "data/raw/nrw_cambodia.csv: expected the raw table of the dataset nrw_cambodia "
                             "(schemas/datasets/nrw_cambodia.yaml), found none (deleted or renamed?)")


def test_foreign_keys_are_rechecked_when_the_table_they_point_into_changes(fixture_copy):
    cities = fixture_copy.dir / "data/raw/cities.csv"
    cities.write_text(cities.read_text().replace("\nSiem Reap,Cambodia,", "\nSiemreap,Cambodia,"))
    result = run_fixture(fixture_copy, "--keep-going")
    assert result.returncode != 0
    log = fixture_copy.path("logs/clean/nrw_cambodia.log").read_text().splitlines()   # other tables name it too
    assert log == [f"error: data/raw/nrw_cambodia.csv, row {n}, column city: expected a name listed in cities, "
                   "found 'Siem Reap' (did you mean 'Siemreap'?)" for n in (9, 17)]


def test_a_run_killed_outright_recovers_on_the_next_make_pdf(fixture_copy):
    """kill -9 leaves Snakemake's lock and half-written outputs: tools/unlock-if-stale (run by `make pdf`)
    removes the stale lock; profiles/default's rerun-incomplete rebuilds what was cut short."""
    import os
    import signal
    import subprocess
    import time

    from conftest import BIN
    raw = fixture_copy.dir / "data/raw/nrw_cambodia.csv"
    raw.write_text(raw.read_text().replace("Siem Reap,2015,8%", "Siem Reap,2015,7.5%"))
    proc = subprocess.Popen([str(BIN / "snakemake"), "-c2", *FIXTURE], cwd=fixture_copy.dir, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    incomplete = fixture_copy.dir / ".snakemake/incomplete"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (incomplete.is_dir() and any(incomplete.iterdir())):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert any((fixture_copy.dir / ".snakemake/locks").iterdir()), "the kill should have left a lock"
    unlock = subprocess.run(["bash", "tools/unlock-if-stale"], cwd=fixture_copy.dir, capture_output=True, text=True)
    assert unlock.stdout.strip() == "Removed the lock that a killed run left behind (no snakemake is running here)."
    result = run_fixture(fixture_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Siem Reap reached 7.5% in 2015." in " ".join(fixture_copy.text.split())


def test_a_release_build_lists_every_missing_photograph(fixture_copy):
    """Draft (the fixture edition's setting): a placeholder, which never prints the file name. Release: one line
    per photograph, by number, naming the file."""
    book = fixture_copy.path("book.html").read_text(encoding="utf-8")
    assert "<span>Photograph to come</span>" in book and "pp-survey.jpg" not in book
    fails_with(fixture_copy, "release build: Figure 2.1.1 (pp-survey): expected data/images/pp-survey.jpg "
                             "(or .jpeg, .png, .webp), found none", args=("--config", "draft=False"))


def test_a_photograph_in_the_images_directory_fills_its_slot(fixture_copy):
    from PIL import Image
    Image.new("RGB", (300, 200), (0, 103, 127)).save(fixture_copy.dir / "data/images/pp-survey.png")
    result = run_fixture(fixture_copy, "--config", "draft=False")
    assert result.returncode == 0, result.stderr[-3000:]
    book = fixture_copy.path("book.html").read_text(encoding="utf-8")
    assert '<img src="../../data/images/pp-survey.png" alt="Photograph of a survey carried out in Phnom Penh">' in book
    assert "Photograph to come" not in book


def test_a_photograph_that_would_decode_to_gigabytes_is_refused_in_seconds(fixture_copy):
    """A 30,000 x 30,000 PNG of a hundred KB (WeasyPrint took 84 s to give up on one): refused from its header."""
    import time

    from test_corpus import png
    (fixture_copy.dir / "data/images/pp-survey.png").write_bytes(png(30000, 30000))
    start = time.perf_counter()
    fails_with(fixture_copy, f"{WATER}:19: image 'pp-survey.png': expected an image of at most 40,000,000 pixels, "
                             "found far more (scale it down)")
    assert time.perf_counter() - start < 60, "Snakemake's start and one chapter job, no decoding"
