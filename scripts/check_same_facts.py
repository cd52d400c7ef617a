"""Snakemake: facts that two datasets hold must agree (rule `same_facts`): stop the build when they differ."""
import json
from pathlib import Path

from dpaper.config import Edition
from dpaper.data.same import Cells, disagreements, load_declarations, load_frames
from dpaper.errors import BuildError, run

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    if not sm.input.declarations:       # the paper declares no fact held twice
        Path(sm.output.report).write_text(json.dumps({"facts_checked": 0}) + "\n", encoding="utf-8")
        return
    source = sm.input.declarations[0]
    declarations = load_declarations(source)
    names = [Path(p).stem for p in sm.input.data]      # those of datasets_named() this edition has
    frames, schemas = load_frames(Path(sm.params.clean_dir), names, Edition(sm.config).schemas)
    problems, checked = disagreements(Cells(frames, schemas), declarations)
    if problems:
        raise BuildError([f"{source}: {p}" for p in problems])
    Path(sm.output.report).write_text(json.dumps({"facts_checked": checked}) + "\n", encoding="utf-8")
    print(f"{source}: {checked} facts held in two places agree")


run(main, sm.log[0])
