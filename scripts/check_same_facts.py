"""Snakemake: facts that two datasets hold must agree (rule `same_facts`): stop the build when they differ."""
import json
from pathlib import Path

from dpaper.data.same import Cells, disagreements, load_declarations, load_frames
from dpaper.errors import BuildError, run

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    declarations = load_declarations(sm.input.declarations)
    names = [Path(p).stem for p in sm.input.data]      # those of datasets_named() this edition has
    frames, schemas = load_frames(Path(sm.params.clean_dir), names)
    problems, checked = disagreements(Cells(frames, schemas), declarations)
    if problems:
        raise BuildError([f"{sm.input.declarations}: {p}" for p in problems])
    Path(sm.output.report).write_text(json.dumps({"facts_checked": checked}) + "\n", encoding="utf-8")
    print(f"{sm.input.declarations}: {checked} facts held in two places agree")


run(main, sm.log[0])
