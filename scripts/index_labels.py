"""Snakemake: the contents and the manuscript -> the label index, labels.json (rule `labels`)."""
import json
from pathlib import Path

from dpaper.config import Edition
from dpaper.errors import run
from dpaper.figures import registry
from dpaper.render import labels
from dpaper.tables import registry as table_registry

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    ed = Edition(sm.config)
    figures = registry(ed.declarations, sm.params.roles)
    tables = table_registry(ed.table_declarations)
    index = labels.build(list(zip(ed.units, map(Path, sm.input.chapters))), figures, tables, sm.params.words)
    Path(sm.output[0]).write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


run(main, sm.log[0], sm.input)
