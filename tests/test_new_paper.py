"""A second paper is a folder: `python -m dpaper new` makes one that builds at once with the engine's
Snakefile (`snakemake --directory <paper> -s <engine>/Snakefile`), with no line of the engine changed;
a change of language reruns exactly what prints words (tests/test_paper_fr.py builds a paper in French)."""
from __future__ import annotations

import re
import subprocess
import sys

from pypdf import PdfReader

from conftest import ROOT, snakemake


def text_of(pdf) -> str:
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(pdf).pages).split())


def test_a_new_paper_builds_from_its_own_folder_and_a_change_of_language_reruns_its_words(tmp_path):
    made = subprocess.run([sys.executable, "-m", "dpaper", "new", "paper"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    paper = tmp_path / "paper"
    assert {p.name for p in paper.iterdir()} >= {"config.yaml", "content", "data", "figures", "schemas"}
    again = subprocess.run([sys.executable, "-m", "dpaper", "new", "paper"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert again.returncode == 1
    assert again.stderr == "error: paper: expected a new or empty folder for the paper, found one with files in it\n"

    build = ("--directory", "paper", "-s", str(ROOT / "Snakefile"))
    result = snakemake(tmp_path, *build)
    assert result.returncode == 0, result.stderr[-3000:]
    pdf = paper / "build/paper/new-paper.pdf"
    text = text_of(pdf)
    for words in ("Contents", "Chapter 1 Introduction", "Table 1.1 Observations by year",
                  "Figure 1.1 Observations by year", "the last value, for 2023, is 17.25",
                  "Suggested citation: Author, A. N. 2025. A New Paper: Its subtitle. Working Paper. ©"):
        assert words in text, words
    assert not (ROOT / "papers").exists() and not list(tmp_path.glob("build"))   # all of it in the paper's folder

    cfg = paper / "config.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("  language: en ", "  language: fr "), encoding="utf-8")
    result = snakemake(tmp_path, *build, "--dry-run", "--quiet", "rules")
    assert result.returncode == 0, result.stderr[-3000:]
    planned = set(re.findall(r"^(\w+)\s+\d+$", result.stdout + result.stderr, re.M)) - {"total"}
    assert {"labels", "chapter", "book", "pdf", "data_dictionary", "web_index", "search",
            "figures_introduction"} <= planned, planned          # a chart's numbers are written the language's way
    assert not planned & {"clean", "assets"}, planned   # what prints no word or number stays
