"""Snakemake: the contents and the manuscript -> the label index, labels.json (rule `labels`)."""
import json
from pathlib import Path

from dpaper.config import Edition
from dpaper.errors import run
from dpaper.figures import registry
from dpaper.render import labels, tables

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    ed = Edition(sm.config)
    index = labels.build(list(zip(ed.units, map(Path, sm.input.chapters))),
                         registry(ed.declarations, sm.params.roles), tables.REGISTRY, sm.params.words)
    Path(sm.output[0]).write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


run(main, sm.log[0], sm.input)
