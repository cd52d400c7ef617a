"""Check raw datasets without building: `python -m dpaper.data.check [dataset ...]`.

For editors and data entry: validates each named dataset (default: all) from
the raw directory of the edition in config.yaml, cleaning the datasets its
foreign keys point into first, and prints one line per problem.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import yaml

from dpaper.data.clean import clean
from dpaper.data.read import one_raw_table, raw_table_paths
from dpaper.data.schema import foreign_keys, load_schema, resolve_references
from dpaper.errors import BuildError


def order(names: list[str], schemas: Path) -> list[str]:
    """Datasets with the ones they reference first."""
    done: list[str] = []

    def visit(n: str, path: tuple = ()) -> None:
        if n in done or n == "bibliography":
            return
        if n in path:
            cycle = " -> ".join(path + (n,))
            raise BuildError(f"schemas/datasets/{n}.yaml: foreign keys go round in a circle: {cycle}")
        for _, res, _ in foreign_keys(load_schema(schemas / f"{n}.yaml")):
            visit(res, path + (n,))
        done.append(n)

    for n in names:
        visit(n)
    return done


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("datasets", nargs="*")
    ap.add_argument("--config", default="config.yaml")
    args = ap.parse_args(argv)
    config_path = Path(args.config).resolve()
    os.chdir(config_path.parent)  # paths in messages as editors know them: relative to the project
    config = yaml.safe_load(open(config_path, encoding="utf-8"))
    raw_dir, bib = Path(config["paths"]["raw"]), Path(config["paths"]["bibliography"])
    schemas = Path("schemas/datasets")
    year = int(str(config["edition"]["date"])[:4])
    names = args.datasets or sorted(p.stem for p in schemas.glob("*.yaml"))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in order(names, schemas):
            schema = schemas / f"{name}.yaml"
            try:
                raw = one_raw_table(raw_table_paths(raw_dir, name))

                def locate(res: str) -> Path:
                    return bib if res == "bibliography" else Path(tmp) / f"{res}.csv"
                refs = resolve_references(schema, locate)
                report = clean(raw, schema, Path(tmp) / f"{name}.csv", refs, year)
                print(f"ok: {raw}: {report['rows']} rows, {report['checks']} checks passed")
            except (BuildError, FileNotFoundError) as exc:
                failed += 1
                for p in getattr(exc, "problems", [str(exc)]):
                    print(f"error: {p}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
