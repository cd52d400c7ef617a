"""Snakemake: chapter parts -> the book HTML (rule `book`)."""
import json
from pathlib import Path

from dpaper.config import Edition
from dpaper.data.load import load, records
from dpaper.errors import run
from dpaper.provenance import in_words
from dpaper.render.pages import book_pages

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    ed, inputs = Edition(sm.config), sm.input
    index = json.loads(Path(inputs.labels).read_text(encoding="utf-8"))
    parts = [Path(p).read_text(encoding="utf-8") for p in inputs.parts]
    publishers = records(load("publishers", inputs.publishers, inputs.publishers_schema)
                         .sort_values("order", kind="stable"))
    validation = json.loads(Path(inputs.validation).read_text(encoding="utf-8"))
    if validation.get("build"):      # which build of which data: the PDF's Subject names it
        validation["build_words"] = in_words(validation["build"])
    cities = records(load("cities", inputs.cities, inputs.cities_schema))
    countries = records(load("countries", inputs.countries, inputs.countries_schema))
    organisations = records(load("abbreviations", inputs.abbreviations, inputs.abbreviations_schema))
    names = ([n for c in cities for n in [c["name"], *(c["aliases"] or [])]] + [c["name"] for c in countries]
             + [o["expansion"] for o in organisations])
    appendix = Path(inputs.changes[0]).read_text(encoding="utf-8") if inputs.changes else ""
    book = book_pages(ed.meta, index["chapters"], parts, publishers, validation, names=names,
                      print_log=ed.print_log, appendix=appendix)
    Path(sm.output.book).write_text(book, encoding="utf-8")


run(main, sm.log[0], sm.input)
