"""Snakemake: schemas + validation reports -> data dictionary page and summary (rule `data_dictionary`)."""
import json
from pathlib import Path

from dpaper.config import Edition
from dpaper.data.dictionary import dictionary, summary
from dpaper.errors import run
from dpaper.render.pages import data_page

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    datasets = dictionary(list(sm.input.schemas), list(sm.input.reports))
    s = summary(datasets)
    Path(sm.output.summary).write_text(json.dumps(s, indent=1) + "\n", encoding="utf-8")
    Path(sm.output.page).write_text(data_page(Edition(sm.config).meta, datasets, s), encoding="utf-8")


run(main, sm.log[0])
