"""Shared fixtures: real Snakemake builds of the paper in temporary directories.

End-to-end builds are costly (about 10 s each), so the session builds one tree
(`built`) and the tests that only read it share it; tests that change inputs
work on copies of that built tree, so they start from an up-to-date build.
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
        return Edition(yaml.safe_load((self.dir / "config.yaml").read_text(encoding="utf-8")))

    def path(self, rel: str) -> Path:
        return self.dir / self.out / rel


def build_in(dest: Path, *args: str) -> Build:
    copy_project(dest)
    result = snakemake(dest, *args)
    assert result.returncode == 0, result.stderr[-4000:]
    return Build(dest, result)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Build:
    return build_in(tmp_path_factory.mktemp("a") / "paper")


@pytest.fixture
def built_copy(built, tmp_path) -> Build:
    """A private copy of the built tree, Snakemake's records included: up to date, ready to break."""
    dest = tmp_path / "copy"
    shutil.copytree(built.dir, dest, symlinks=True)
    return Build(dest, built.result)
