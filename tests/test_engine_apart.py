"""The engine knows nothing of this paper: no file under src/, rules/, scripts/ or templates/ (nor the
Snakefile) names this paper's datasets, chapters, places or words (nor those of tests/paper-fr). A second
paper is a folder, with no line of the engine changed (tests/test_new_paper.py builds one).

The allow-list is short and reasoned:
- ROLE names (key_figures, events, places, countries, publishers, abbreviations) are the engine's own
  words for the parts a dataset may play (config roles); this paper's datasets of those names play them
  by default.
- ORDINARY words: some of this paper's datasets and chapters are named with ordinary English words that
  the engine uses in their ordinary sense (a chapter's `authors` in its front matter, the starter
  paper's `introduction`, a timeline's `agreements`, a map's `cities`).
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import yaml

from dpaper.config import ROLES, Edition

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ["src", "rules", "scripts", "templates", "Snakefile"]
ORDINARY = {"authors", "introduction", "foreword", "acknowledgments", "agreements", "awards", "benefits",
            "stakeholders", "examples", "cities"}
MOVING: set[str] = set()   # files on their way out of the engine: none now


def paper_terms() -> set[str]:
    """This paper's datasets, chapters, places and proper names."""
    ed = Edition(yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8")))
    datasets = {p.stem for p in (ROOT / "schemas/datasets").glob("*.yaml")}
    places = {r["name"] for r in csv.DictReader((ROOT / "data/raw/cities.csv").open(encoding="utf-8"))}
    names = {"IGES", "Kitakyushu", "Discussion Paper"}
    french = ROOT / "tests/paper-fr"           # the second paper: its datasets and chapters likewise
    fr = Edition(yaml.safe_load((french / "config.yaml").read_text(encoding="utf-8")))
    datasets |= {p.stem for p in (french / "schemas/datasets").glob("*.yaml")}
    return (datasets | set(ed.chapters) | set(fr.chapters) | places | names) - set(ROLES) - ORDINARY


def engine_files() -> list[Path]:
    out = []
    for name in ENGINE:
        path = ROOT / name
        out += [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return [p for p in out if "__pycache__" not in p.parts and p.relative_to(ROOT).as_posix() not in MOVING]


def test_the_engine_names_nothing_of_this_paper():
    terms = paper_terms()
    assert len(terms) > 40 and {"nrw_cambodia", "phnom-penh", "Dalian", "jalons", "releves"} <= terms
    found = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, terms), key=len, reverse=True))
                       + r")(?![\w-])")
    hits = [f"{p.relative_to(ROOT)}:{n}: {m[1]}" for p in engine_files()
            for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
            for m in [found.search(line)] if m]
    assert hits == [], "\n".join(hits)
