"""The corpus of malformed inputs: each case under tests/corpus/ must give exactly its expected lines.

A case is a folder holding one raw table (named after its dataset), optionally
a `schema.yaml` (otherwise the shipped schema of that dataset), and
`expected.txt`: the error lines, one per problem, paths relative to the case.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from dpaper.data.clean import clean
from dpaper.data.schema import reference_values
from dpaper.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted(p for p in (ROOT / "tests/corpus").iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def references(tmp_path_factory) -> dict:
    refs = tmp_path_factory.mktemp("refs")
    for name in ("countries", "cities"):
        clean(ROOT / f"data/raw/{name}.csv", ROOT / f"schemas/datasets/{name}.yaml", refs / f"{name}.csv",
              edition_year=2018)
    return {"cities": reference_values(refs / "cities.csv", "name"),
            "countries": reference_values(refs / "countries.csv", "name"),
            "bibliography": reference_values(ROOT / "content/2018/references.yaml", "id")}


def run_case(case: Path, references: dict, tmp_path: Path) -> list[str]:
    raw = next(p for p in case.iterdir() if p.name not in ("expected.txt", "schema.yaml"))
    schema = case / "schema.yaml" if (case / "schema.yaml").exists() else ROOT / f"schemas/datasets/{raw.stem}.yaml"
    try:
        clean(raw, schema, tmp_path / "out.csv", references, edition_year=2018)
    except BuildError as exc:
        return [p.replace(f"{case}/", "") for p in exc.problems]
    return []


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_each_malformed_input_gets_its_exact_message(case, references, tmp_path):
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, "a corpus case must expect at least one problem"
    assert run_case(case, references, tmp_path) == expected
