"""Shared fixtures: real Snakemake builds in temporary directories.

The builds the collected tests need start in the background as soon as the
tests are collected, and the tests are ordered by module: first those that
need no build, then those on the fixture edition, then those on the whole
paper; so the builds run while the tests that need none do (the machine has
two cores; WeasyPrint uses one).

Two builds per test session, each shared:
- `built`: the whole paper, built once; the tests that read the paper (its
  tables, sentences, footnotes, contents, metadata, web pages) only read it.
- `fixture`: the small fixture edition (tests/fixture/config.yaml: a chapter,
  a case study, a table, a chart, a footnote, a cross-reference), on which the
  workflow's properties are tested; tests that change inputs work on a copy of
  it (`fixture_copy`, Snakemake's records included: up to date, ready to
  break), so their cost does not grow with the paper.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PDF_NAME = "actions-for-a-sustainable-society-2018.pdf"
FIXTURE_CONFIG = "tests/fixture/config.yaml"
FIXTURE = ("--config", f"edition_file={FIXTURE_CONFIG}")   # snakemake arguments of the fixture edition


def project_files() -> list[str]:
    """The project's own files (tracked, or new and not ignored): what a fresh clone has."""
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return [p for p in out.stdout.splitlines() if (ROOT / p).is_file()]


def copy_project(dest: Path) -> Path:
    for rel in project_files():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
    return dest


def snakemake(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run([str(BIN / "snakemake"), "-c2", *args], cwd=workdir, env=env,
                          capture_output=True, text=True, timeout=900)


@dataclass
class Build:
    dir: Path
    result: subprocess.CompletedProcess
    out: str = "build/2018"
    pdf_name: str = PDF_NAME

    @property
    def pdf(self) -> Path:
        return self.dir / self.out / self.pdf_name

    @cached_property
    def pages(self) -> list[str]:
        from pypdf import PdfReader
        return [p.extract_text() or "" for p in PdfReader(self.pdf).pages]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @cached_property
    def edition(self):
        import yaml

        from dpaper.config import Edition
        config = "config.yaml" if self.out == "build/2018" else FIXTURE_CONFIG
        return Edition(yaml.safe_load((self.dir / config).read_text(encoding="utf-8")))

    def path(self, rel: str) -> Path:
        return self.dir / self.out / rel


_PARSED: dict = {}


def plumbed(pdf: Path):
    """The PDF opened with pdfplumber once per session and file version: every test that reads its characters
    and rules shares one parse (pdfplumber keeps each page's objects once read); `with plumbed(pdf) as doc:`."""
    import contextlib

    import pdfplumber
    stat = Path(pdf).stat()
    key = (str(pdf), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        _PARSED[key] = pdfplumber.open(pdf)
    return contextlib.nullcontext(_PARSED[key])


@pytest.fixture(scope="session")
def cleaned(tmp_path_factory):
    """`cleaned(name)`: a shipped raw table cleaned as the build cleans it (foreign keys aside), as a DataFrame."""
    from dpaper.data.clean import clean
    from dpaper.data.load import load
    out, done = tmp_path_factory.mktemp("clean"), {}

    def get(name: str):
        if name not in done:
            schema = ROOT / f"schemas/datasets/{name}.yaml"
            clean(ROOT / f"data/raw/{name}.csv", schema, out / f"{name}.csv", edition_year=2018)
            done[name] = load(name, out / f"{name}.csv", schema)
        return done[name]
    return get


class Background:
    """A build started at collection, in a process of its own; `build()` waits for it."""

    def __init__(self, dest: Path, args: tuple[str, ...], out: str, pdf_name: str):
        self.dest, self.args, self.out, self.pdf_name = dest, args, out, pdf_name
        copy_project(dest)
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
        self.log = dest.parent / f"{dest.name}.log"
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen([str(BIN / "snakemake"), "-c2", *args], cwd=dest, env=env,
                                         stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)

    def build(self) -> Build:
        code = self.proc.wait(timeout=900)
        result = subprocess.CompletedProcess(self.proc.args, code, "", self.log.read_text())
        assert code == 0, result.stderr[-4000:]
        return Build(self.dest, result, self.out, self.pdf_name)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


# name -> (folder, snakemake arguments, output folder, PDF); the fixtures of the same names wait for them
BUILDS = {
    "built": ("a/paper", (), "build/2018", PDF_NAME),
    "fixture": ("f/fixture", FIXTURE, "build/fixture", "fixture-edition.pdf"),
    # the fixture edition again, in a path with spaces (tests/test_build.py: identical bytes)
    "fixture_elsewhere": ("b/some where/else", FIXTURE, "build/fixture", "fixture-edition.pdf"),
}
_started: dict[str, Background] = {}
RANK = {"fixture": 1, "fixture_elsewhere": 1, "built": 2}   # module order: no build, fixture, whole paper


def _module(item) -> str:
    return item.nodeid.split("::")[0]


@pytest.hookimpl(trylast=True)          # after -k and -m have deselected
def pytest_collection_modifyitems(session, config, items):
    """Run the tests that need no build (or a quicker one) first; a module's tests stay together (its
    module-scoped fixtures are set up once)."""
    rank: dict[str, int] = {}
    for item in items:
        used = set(getattr(item, "fixturenames", ())) & set(BUILDS)
        rank[_module(item)] = max([rank.get(_module(item), 0), *(RANK[n] for n in used)])
    items.sort(key=lambda item: rank[_module(item)])


def pytest_collection_finish(session):
    """Start the builds the selected tests use, each in a process of its own."""
    if session.config.option.collectonly:
        return
    for item in session.items:
        for name in sorted(set(getattr(item, "fixturenames", ())) & set(BUILDS) - set(_started)):
            folder, args, out, pdf_name = BUILDS[name]
            _started[name] = Background(session.config._tmp_path_factory.getbasetemp() / "builds" / folder,
                                        args, out, pdf_name)


def pytest_sessionfinish(session):
    for background in _started.values():
        background.stop()


def _wait(name: str, tmp_path_factory) -> Build:
    if name not in _started:       # not seen at collection (a test asked for it another way)
        folder, args, out, pdf_name = BUILDS[name]
        _started[name] = Background(tmp_path_factory.getbasetemp() / "builds" / folder, args, out, pdf_name)
    return _started[name].build()


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Build:
    """The whole paper, built once per test session."""
    return _wait("built", tmp_path_factory)


@pytest.fixture(scope="session")
def fixture(tmp_path_factory) -> Build:
    """The fixture edition, built once per test session."""
    return _wait("fixture", tmp_path_factory)


@pytest.fixture(scope="session")
def fixture_elsewhere(tmp_path_factory) -> Build:
    """The fixture edition built again in another folder, whose path has spaces."""
    return _wait("fixture_elsewhere", tmp_path_factory)


@pytest.fixture
def fixture_copy(fixture, tmp_path) -> Build:
    """A private copy of the built fixture edition, Snakemake's records included: up to date, ready to break."""
    dest = tmp_path / "copy"
    shutil.copytree(fixture.dir, dest, symlinks=True)
    return Build(dest, fixture.result, fixture.out, fixture.pdf_name)


def run_fixture(build: Build, *args: str) -> subprocess.CompletedProcess:
    """Snakemake on a copy of the fixture edition (`--config` last: it takes every word after it, so other
    --config values join it there)."""
    args = list(args)
    extra = []
    if "--config" in args:
        i = args.index("--config")
        extra = [a for a in args[i + 1:] if "=" in a]
        args = args[:i] + [a for a in args[i + 1:] if "=" not in a]
    return snakemake(build.dir, *args, *FIXTURE, *extra)
