"""Shared fixtures: real Snakemake builds in temporary directories.

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


def build_in(dest: Path, *args: str, out: str = "build/2018", pdf_name: str = PDF_NAME) -> Build:
    copy_project(dest)
    result = snakemake(dest, *args)   # targets and options, --config last
    assert result.returncode == 0, result.stderr[-4000:]
    return Build(dest, result, out, pdf_name)


def build_fixture(dest: Path) -> Build:
    return build_in(dest, *FIXTURE, out="build/fixture", pdf_name="fixture-edition.pdf")


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


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Build:
    """The whole paper, built once per test session."""
    return build_in(tmp_path_factory.mktemp("a") / "paper")


@pytest.fixture(scope="session")
def fixture(tmp_path_factory) -> Build:
    """The fixture edition, built once per test session."""
    return build_fixture(tmp_path_factory.mktemp("f") / "fixture")


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
