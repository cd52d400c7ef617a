"""The corpus of hostile inputs: each case under tests/corpus/ must give exactly its expected lines, fast.

A case is a folder holding `expected.txt` (the error lines, one per problem,
paths relative to the case) and one input, read as the build reads it:

- a raw table named after its dataset (`.csv` or `.xlsx`), optionally with a
  `schema.yaml` (otherwise the shipped schema of that dataset): cleaned;
- `config.yaml`: checked as the workflow checks a configuration before and
  after Snakemake reads it (its text, then its schema); `edition.yaml`: read as
  `--config edition_file=edition.yaml` names it; `configfile.yaml`: as given with
  `--configfile` (refused: Snakemake would read it first);
- a chapter (`.md`): read and its Jinja parsed, as the DAG does;
- `references.yaml` or `notes.yaml`: loaded as the bibliography or the notes;
- a photograph (`.png`, `.jpg`): checked as a chapter placing it checks it;
- `input.json`, a recipe for an input too large to keep in git:
  `{"file": name, "text": [[text, times], ...]}` (the file is the texts, each
  repeated) or `{"file": name, "png": [width, height]}` (a 1-bit PNG of that
  size, every pixel black): made in a temporary folder, then read as above.

No case may take more than `SECONDS` to refuse (a hostile input must not hang the build).
"""
from __future__ import annotations

import json
import os
import struct
import time
import zlib
from pathlib import Path

import pytest

from dpaper import yamlfile
from dpaper.config import EDITION_FILE, config_file_problems, load_config, schema_problems
from dpaper.data.clean import clean
from dpaper.data.schema import reference_values
from dpaper.errors import BuildError
from dpaper.render.citations import Bibliography, Notes
from dpaper.render.images import image
from dpaper.render.manuscript import environment, read, scan

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted(p for p in (ROOT / "tests/corpus").iterdir() if p.is_dir())
SECONDS = 5


@pytest.fixture(scope="module")
def references(tmp_path_factory) -> dict:
    refs = tmp_path_factory.mktemp("refs")
    for name in ("countries", "cities"):
        clean(ROOT / f"data/raw/{name}.csv", ROOT / f"schemas/datasets/{name}.yaml", refs / f"{name}.csv",
              edition_year=2018)
    return {"cities": reference_values(refs / "cities.csv", "name"),
            "countries": reference_values(refs / "countries.csv", "name"),
            "bibliography": reference_values(ROOT / "content/2018/references.yaml", "id")}


def png(width: int, height: int) -> bytes:
    """A 1-bit greyscale PNG of `width` x `height` black pixels: a few hundred KB that decode to gigabytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    z = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)
    data = b"".join(z.compress(row) for _ in range(height)) + z.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def make(recipe: Path, tmp_path: Path) -> Path:
    spec = json.loads(recipe.read_text(encoding="utf-8"))
    path = tmp_path / spec["file"]
    if "png" in spec:
        path.write_bytes(png(*spec["png"]))
    else:
        path.write_text("".join(text * times for text, times in spec["text"]), encoding="utf-8")
    return path


def problems_of(path: Path, case: Path, references: dict, tmp_path: Path) -> list[str]:
    """The build's lines about the input `path`, as the build reads it (see the module's list)."""
    try:
        if path.name in ("edition.yaml", "configfile.yaml"):
            rel = os.path.relpath(path)   # as typed on the command line, from the project
            given = ({EDITION_FILE: rel}, []) if path.name == "edition.yaml" else ({}, [rel])
            return load_config(*given)[1]
        if path.name == "config.yaml":
            return config_file_problems(path) or schema_problems(
                yamlfile.load(path), yamlfile.load(ROOT / "schemas/config.schema.yaml"), str(path))
        if path.suffix == ".md":
            scan(read(path), environment())
        elif path.name == "references.yaml":
            Bibliography(path, "chicago-notes-bibliography")
        elif path.name == "notes.yaml":
            Notes(path)
        elif path.suffix in (".png", ".jpg", ".jpeg", ".gif"):
            image(path.name, path.parent, Path("."))
        else:
            schema = case / "schema.yaml"
            schema = schema if schema.exists() else ROOT / f"schemas/datasets/{path.stem}.yaml"
            clean(path, schema, tmp_path / "out.csv", references, edition_year=2018)
    except BuildError as exc:
        return exc.problems
    return []


def run_case(case: Path, references: dict, tmp_path: Path) -> list[str]:
    given = next(p for p in sorted(case.iterdir()) if p.name not in ("expected.txt", "schema.yaml"))
    path = make(given, tmp_path) if given.name == "input.json" else given
    start = time.process_time()     # this process's own work: the suite runs builds beside it
    lines = problems_of(path, case, references, tmp_path)
    assert time.process_time() - start < SECONDS, "a hostile input must be refused in a few seconds"
    return [line.replace(f"{case}/", "").replace(f"{tmp_path}/", "").replace(f"{case.relative_to(ROOT)}/", "")
            for line in lines]


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_each_malformed_input_gets_its_exact_message(case, references, tmp_path):
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, "a corpus case must expect at least one problem"
    assert run_case(case, references, tmp_path) == expected
