"""Nothing stale, nothing half-written: every output is current or the last good one, the web folder included.

The output folder lies in build/, apart from every source (so `make clean` finds it and touches nothing
else); one build per output folder at a time; a build stopped at the PDF or the web step (SIGTERM,
SIGKILL) leaves the last good PDF beside and the published web folder as it was, leaves no debris, and
the next run rebuilds what is stale; a setting reruns the jobs that read it; an input saved while a job
reads it fails that job, so the next run reads it again."""
from __future__ import annotations

import base64
import fcntl
import hashlib
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from test_failures import published

from conftest import BIN, FIXTURE, FIXTURE_CONFIG, ROOT, Build, run_fixture
from dpaper.config import SOURCE_FOLDERS, Edition
from dpaper.errors import run

pytestmark = pytest.mark.e2e

EXPECTED = "expected a folder inside build/ (apart from every source; `make clean` removes it), found "


def edition(output: str) -> Edition:
    config = yaml.safe_load((ROOT / FIXTURE_CONFIG).read_text(encoding="utf-8"))
    config["paths"]["output"] = output
    return Edition(config)


@pytest.mark.parametrize("output", ["data/raw", "content/2018", "tests/fixture/content", "data/images", "data",
                                    *SOURCE_FOLDERS, ".", "build", "build/..", "build/../src", "out/2018"])
def test_an_output_folder_among_the_sources_is_refused(output):
    assert edition(output).output_problem(ROOT) == EXPECTED + repr(output)


def test_an_output_folder_that_a_link_leads_into_the_sources_is_refused(tmp_path):
    (tmp_path / "build").mkdir()
    (tmp_path / "data/raw").mkdir(parents=True)
    (tmp_path / "build/sneaky").symlink_to(tmp_path / "data/raw")
    assert edition("build/sneaky").output_problem(tmp_path) == (
        EXPECTED + "'build/sneaky', which is paths.raw (data/raw) or shares files with it")
    assert edition("build/2018").output_problem(tmp_path) is None


def test_the_build_refuses_such_a_folder_when_it_loads_and_writes_nothing(fixture_copy: Build):
    cfg = fixture_copy.dir / FIXTURE_CONFIG
    cfg.write_text(cfg.read_text().replace("output: build/fixture", "output: data/raw"))
    before = sorted(p.name for p in (fixture_copy.dir / "data/raw").iterdir())
    result = run_fixture(fixture_copy)
    assert result.returncode != 0
    assert re.findall(r"^error: .*$", result.stdout + result.stderr, re.M) == [
        f"error: {FIXTURE_CONFIG}: paths.output: {EXPECTED}'data/raw'"]
    assert sorted(p.name for p in (fixture_copy.dir / "data/raw").iterdir()) == before


def test_make_clean_removes_the_generated_folders_only():
    recipe = re.search(r"^clean:\n\t(.+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    assert recipe == "rm -rf build .snakemake"       # every output folder lies in build/ (above)


def test_a_second_build_of_one_output_folder_is_refused_with_one_line(fixture_copy: Build):
    lock = fixture_copy.path(".build.lock")
    with open(lock, "w") as f:                   # as the first build holds it while it runs
        fcntl.flock(f, fcntl.LOCK_EX)
        f.write("4242")
        f.flush()
        result = run_fixture(fixture_copy)
    assert result.returncode != 0
    assert re.findall(r"^error: .*$", result.stdout + result.stderr, re.M) == [
        "error: build/fixture: expected no other build of this output folder running, found one (process 4242): "
        "wait for it to finish, or stop it"]


def test_a_setting_reruns_the_jobs_that_read_it(fixture_copy: Build):
    cfg = fixture_copy.dir / FIXTURE_CONFIG
    cfg.write_text(cfg.read_text().replace('copyright: "©2018 The test authors."', 'copyright: "©2019 Others."'))
    result = run_fixture(fixture_copy, "-n", "--quiet", "rules")
    rerun = set(re.findall(r"^(\w+)\s+\d+$", result.stdout, re.M))
    assert {"chapter", "book", "data_dictionary", "search", "pdf", "publish"} <= rerun, result.stdout


def test_a_changed_table_declaration_renumbers_and_rerenders_but_redraws_nothing(fixture_copy: Build):
    """tables/*.py are inputs of the labels and chapter jobs (a declaration's caption is the list of tables'
    entry; its columns, the table), and of no drawing job."""
    for path in (fixture_copy.dir / "tables").glob("*.py"):
        path.write_text(path.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    result = run_fixture(fixture_copy, "-n", "--quiet", "rules")
    rerun = set(re.findall(r"^(\w+)\s+\d+$", result.stdout, re.M))
    assert {"labels", "chapter"} <= rerun and not {r for r in rerun if r.startswith("figures_")}, result.stdout


def test_an_input_saved_while_a_job_reads_it_fails_the_job(tmp_path, capsys):
    raw = tmp_path / "nrw.csv"
    raw.write_text("city,year\nKampot,2013\n")

    def job():
        raw.read_text()
        time.sleep(0.01)
        raw.write_text("city,year\nKampot,2014\n")        # the editor saves meanwhile
    with pytest.raises(SystemExit):
        run(job, tmp_path / "job.log", [str(raw)])
    assert capsys.readouterr().err == (f"error: {raw}: expected it unchanged while the build read it, found it "
                                       "changed (saved during the build?): run the build again\n")


@pytest.mark.parametrize("code, reason, said", [
    (28, "No space left on device", "expected room to write, found the disk full (No space left on device)"),
    (30, "Read-only file system", "expected a folder the build may write, found Read-only file system")])
def test_a_full_disk_or_a_read_only_file_in_a_job_is_one_line(tmp_path, capsys, code, reason, said):
    def job():
        raise OSError(code, reason, "build/fixture/book.html")
    with pytest.raises(SystemExit):
        run(job, tmp_path / "logs/job.log")
    assert capsys.readouterr().err == f"error: build/fixture/book.html: {said}\n"


def running(build: Build, suffix: str) -> bool:
    """Whether Snakemake has a job writing an output that ends with `suffix` (its incomplete marker)."""
    marks = build.dir / ".snakemake/incomplete"
    return marks.is_dir() and any(base64.b64decode(m.name + "=" * (-len(m.name) % 4)).decode(errors="replace")
                                  .endswith(suffix) for m in marks.iterdir() if m.is_file())


def stop_when(build: Build, suffix: str, sig: int, tmp: Path, ready=lambda: True) -> None:
    """Start the fixture's build and send `sig` to all of it once the job writing `suffix` runs (and `ready()`)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "DPAPER_BUILD_LOCK")}
    env.update(TMPDIR=str(tmp), PATH=f"{BIN}{os.pathsep}{env['PATH']}")
    proc = subprocess.Popen([str(BIN / "snakemake"), "-c2", *FIXTURE], cwd=build.dir, env=env,
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None and not (running(build, suffix) and ready()):
        time.sleep(0.02)
    assert proc.poll() is None, f"the build ended before the job writing {suffix} started"
    os.killpg(proc.pid, sig)
    proc.wait(timeout=60)


def test_a_build_stopped_at_the_pdf_step_keeps_the_last_good_and_the_next_run_recovers(fixture_copy: Build,
                                                                                       tmp_path):
    css = fixture_copy.dir / "templates/print.css"      # what only the PDF reads: the test stays short
    style, clean = css.read_text(), outputs(fixture_copy)
    css.write_text(style + "\n.chapter h2 { color: #004d5f; }\n")
    pdf, site, tmp = fixture_copy.pdf.read_bytes(), published(fixture_copy), tmp_path / "tmp"
    tmp.mkdir()
    scratch = fixture_copy.path(f".{fixture_copy.pdf_name}.tmp")        # WeasyPrint at work
    stop_when(fixture_copy, fixture_copy.pdf_name, signal.SIGTERM, tmp,
              lambda: scratch.is_dir() and any(scratch.iterdir()))
    assert not fixture_copy.pdf.exists(), "a PDF that was stopped is absent, not the old one looking current"
    assert fixture_copy.path(f"last-good/{fixture_copy.pdf_name}").read_bytes() == pdf
    assert published(fixture_copy) == site
    assert list(tmp.iterdir()) == [], "no weasyprint-* folder (or anything) left in the temporary directory"
    assert sorted(p.name for p in fixture_copy.path("").glob(".*.pdf*")) == []        # no partial PDF, no scratch

    result = run_fixture(fixture_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    jobs = set(re.findall(r"\(Rule: (\w+)\)", result.stdout + result.stderr))
    assert jobs == {"pdf", "web_files", "web_index", "search", "publish", "all"}, jobs   # exactly what was stale
    assert fixture_copy.pdf.read_bytes() != pdf
    assert fixture_copy.path(f"web/{fixture_copy.pdf_name}").read_bytes() == fixture_copy.pdf.read_bytes()
    assert fixture_copy.path(f"last-good/{fixture_copy.pdf_name}").read_bytes() == fixture_copy.pdf.read_bytes()
    assert "Nothing to be done" in (again := run_fixture(fixture_copy)).stdout + again.stderr
    css.write_text(style)                               # the edit taken back: the bytes of the clean build
    assert run_fixture(fixture_copy).returncode == 0
    assert outputs(fixture_copy) == clean


def test_a_build_killed_at_the_web_step_leaves_the_published_folder_whole(fixture_copy: Build, tmp_path):
    search = fixture_copy.dir / "templates/search.html.j2"   # what only the web's last steps read
    template, clean = search.read_text(), outputs(fixture_copy)
    edited = template.replace("<h1>", '<h1 class="edited">', 1)
    assert edited != template
    search.write_text(edited)
    site = published(fixture_copy)
    stop_when(fixture_copy, "web-next/search.html", signal.SIGKILL, tmp_path)
    assert published(fixture_copy) == site, "a killed build leaves the published web folder as it was"
    unlock = subprocess.run(["bash", "tools/unlock-if-stale"], cwd=fixture_copy.dir, capture_output=True, text=True)
    assert unlock.returncode == 0, unlock.stderr
    result = run_fixture(fixture_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    jobs = set(re.findall(r"\(Rule: (\w+)\)", result.stdout + result.stderr))
    assert jobs == {"search", "publish", "all"}, jobs
    assert '<h1 class="edited">' in fixture_copy.path("web/search.html").read_text(encoding="utf-8")
    now = published(fixture_copy)
    staged = fixture_copy.path("web-next")
    assert now == {p.relative_to(staged).as_posix(): p.read_bytes() for p in sorted(staged.rglob("*"))
                   if p.is_file()}, "the published folder is the staged one, whole"
    assert not fixture_copy.path("web.new").exists() and not fixture_copy.path("web.old").exists()
    search.write_text(template)                         # the edit taken back: the bytes of the clean build
    assert run_fixture(fixture_copy).returncode == 0
    assert outputs(fixture_copy) == clean


def test_the_published_folder_changes_in_one_step(tmp_path):
    from dpaper.publish import publish_folder
    staging, web = tmp_path / "web-next", tmp_path / "web"
    (staging / "a").mkdir(parents=True)
    (staging / "a/x.html").write_text("new")
    (staging / "stray.html").write_text("not declared")
    web.mkdir()
    (web / "old.html").write_text("old")
    manifest = publish_folder(staging, [staging / "a/x.html"], web)
    assert sorted(p.relative_to(web).as_posix() for p in web.rglob("*") if p.is_file()) == ["a/x.html"]
    assert manifest == [f"{hashlib.sha256(b'new').hexdigest()}  a/x.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["web", "web-next"]


def test_no_staging_path_reaches_the_published_pages(fixture: Build):
    for page in fixture.path("web").glob("*.html"):
        assert "web-next" not in page.read_text(encoding="utf-8"), page.name


def test_a_full_disk_fails_with_one_line_and_keeps_the_published_folder(fixture_copy: Build, tmp_path):
    """The output folder on a small tmpfs (a private mount namespace) with little room left."""
    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("no private mount namespace here (unshare -m)")
    out = fixture_copy.path("")
    saved = tmp_path / "saved"
    subprocess.run(["cp", "-a", str(out), str(saved)], check=True)
    used = sum(p.stat().st_size for p in saved.rglob("*") if p.is_file())
    search = fixture_copy.dir / "templates/search.html.j2"
    search.write_text(search.read_text().replace("<h1>", '<h1 class="edited">', 1))
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "DPAPER_BUILD_LOCK")}
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"
    # room for everything but a second copy of the web folder: the disk fills while it is published
    script = ('out="$1"; saved="$2"; shift 2; mount -t tmpfs -o size=$ROOM tmpfs "$out" && cp -a "$saved"/. "$out" '
              '|| exit 99; "$@"; rc=$?; echo "--- web"; cd "$out/web" && find . -type f -exec sha256sum {} + | sort; '
              'exit $rc')
    env["ROOM"] = str(used + 700 * 1024)
    result = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(out), str(saved), str(BIN / "snakemake"),
                             "-c2", *FIXTURE], cwd=fixture_copy.dir, env=env, capture_output=True, text=True,
                            timeout=600)
    before = subprocess.run("find . -type f -exec sha256sum {} + | sort", shell=True, cwd=saved / "web",
                            capture_output=True, text=True, check=True).stdout
    errors = re.findall(r"^error: .*$", result.stdout + result.stderr, re.M)
    assert result.returncode != 0
    assert len(errors) == 1 and re.fullmatch(r"error: build/fixture(/\S+)?: expected room to write, found the disk "
                                             r"full \(No space left on device\)", errors[0]), errors
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.split("--- web\n", 1)[1] == before, "the published folder is as it was"


def test_a_read_only_build_folder_is_one_line(fixture_copy: Build):
    """The output folder mounted read-only (a private mount namespace): refused when the workflow loads."""
    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("no private mount namespace here (unshare -m)")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "DPAPER_BUILD_LOCK")}
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"
    script = 'out="$1"; shift; mount --bind "$out" "$out" && mount -o remount,bind,ro "$out" || exit 99; "$@"'
    result = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(fixture_copy.path("")),
                             str(BIN / "snakemake"), "-c2", *FIXTURE], cwd=fixture_copy.dir, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode not in (0, 99)
    assert re.findall(r"^error: .*$", result.stdout + result.stderr, re.M) == [
        "error: build/fixture: expected a folder the build may write, found Read-only file system"]




def outputs(build: Build) -> dict[str, bytes]:
    """What a reader gets: the PDF, the e-book and the published web folder, file by file."""
    epub = next(build.path("").glob("*.epub"))
    return {"pdf": build.pdf.read_bytes(), "epub": epub.read_bytes(),
            **{f"web/{k}": v for k, v in published(build).items()}}


def test_a_build_killed_at_the_figure_step_recovers_to_what_a_clean_build_makes(fixture_copy: Build, tmp_path):
    raw = fixture_copy.dir / "data/raw/nrw_cambodia.csv"         # what the chart draws
    original, clean = raw.read_bytes(), outputs(fixture_copy)
    raw.write_bytes(original.replace(b"Kampot,2013,18%", b"Kampot,2013,19%"))
    stop_when(fixture_copy, "figures/nrw-cambodia.svg", signal.SIGKILL, tmp_path)
    raw.write_bytes(original)                                    # the editor takes the edit back
    unlock = subprocess.run(["bash", "tools/unlock-if-stale"], cwd=fixture_copy.dir, capture_output=True, text=True)
    assert unlock.returncode == 0, unlock.stderr
    result = run_fixture(fixture_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    jobs = set(re.findall(r"\(Rule: (\w+)\)", result.stdout + result.stderr))
    assert {"clean", "figures_phnom_penh", "pdf", "publish"} <= jobs, jobs
    assert outputs(fixture_copy) == clean, "after the killed build, the outputs are those of a clean build"


def test_a_table_saved_while_its_clean_job_runs_is_read_by_the_next_run(fixture_copy: Build, tmp_path):
    raw = fixture_copy.dir / "data/raw/nrw_cambodia.csv"
    original = raw.read_bytes()
    edited = original.replace(b"Kampot,2013,18%", b"Kampot,2013,19%")
    raw.write_bytes(original.replace(b"Kampot,2013,18%", b"Kampot,2013,17%"))   # a first edit starts a build...
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "DPAPER_BUILD_LOCK")}
    env.update(TMPDIR=str(tmp_path), PATH=f"{BIN}{os.pathsep}{env['PATH']}")
    proc = subprocess.Popen([str(BIN / "snakemake"), "-c2", *FIXTURE], cwd=fixture_copy.dir, env=env,
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None and not running(fixture_copy, "nrw_cambodia.csv"):
        time.sleep(0.005)
    raw.write_bytes(edited)                                      # ...and the editor saves again while it reads
    proc.wait(timeout=240)
    result = run_fixture(fixture_copy)                           # whatever the first run made of it
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Nothing to be done" in (again := run_fixture(fixture_copy)).stdout + again.stderr
    assert "\nKampot,2013,19," in fixture_copy.path("data/nrw_cambodia.csv").read_text(encoding="utf-8")
    assert "\nKampot,19.0," in fixture_copy.path("figures/nrw-cambodia.csv").read_text(encoding="utf-8")
