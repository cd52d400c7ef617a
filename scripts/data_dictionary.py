"""Snakemake: schemas, validation reports, key figures -> data dictionary page and summary (rule `data_dictionary`)."""
import json
from pathlib import Path

from dpaper import ENGINE
from dpaper.config import Edition
from dpaper.data.dictionary import dictionary, summary
from dpaper.data.load import load, records
from dpaper.errors import run
from dpaper.provenance import build_facts, source_words
from dpaper.render.pages import data_page
from dpaper.render.values import events_as_printed, key_figures_as_printed

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    edition = Edition(sm.config).web_meta
    datasets = dictionary(list(sm.input.schemas), list(sm.input.reports))
    s = summary(datasets) | {"build": build_facts(sm.params.source, list(sm.input.data), ENGINE / "uv.lock")}
    Path(sm.output.summary).write_text(json.dumps(s, indent=1) + "\n", encoding="utf-8")
    printed = {}   # dataset -> its rows as the text prints them (each value of the text links to its row)
    for role, as_printed in (("key_figures", key_figures_as_printed), ("events", events_as_printed)):
        if name := sm.params[role]:   # the dataset playing the role (config roles), if any
            schema = next(p for p in sm.input.schemas if Path(p).stem == name)
            rows = records(load(name, sm.input[role][0], schema))
            printed[name] = as_printed(rows, edition.get("language"))
    chapters = json.loads(Path(sm.input.labels).read_text(encoding="utf-8"))["chapters"]
    page = data_page(edition, datasets, s, printed, Edition(sm.config).templates, chapters=chapters,
                     source=source_words(s["build"]))
    Path(sm.output.page).write_text(page, encoding="utf-8")


run(main, sm.log[0], sm.input)
