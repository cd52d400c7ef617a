"""Snakemake: chapter parts -> the book HTML (rule `book`)."""
import json
from pathlib import Path

from dpaper.config import Edition
from dpaper.data.load import ordered_publishers, role_rows
from dpaper.errors import run
from dpaper.provenance import in_words
from dpaper.render.pages import book_pages

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    ed, inputs = Edition(sm.config), sm.input
    index = json.loads(Path(inputs.labels).read_text(encoding="utf-8"))
    parts = [Path(p).read_text(encoding="utf-8") for p in inputs.parts]
    publishers = ordered_publishers(inputs.publishers)
    validation = json.loads(Path(inputs.validation).read_text(encoding="utf-8"))
    if validation.get("build"):      # which build of which data: the PDF's Subject names it
        validation["build_words"] = in_words(validation["build"])
    names = []   # never hyphenated in print: places (with their aliases), countries, expansions (config roles)
    for role, columns in (("places", ("name", "aliases")), ("countries", ("name",)), ("abbreviations", ("expansion",))):
        for row in role_rows(getattr(inputs, role, [])):
            names += [n for c in columns if c in row for n in (row[c] if isinstance(row[c], list) else [row[c]]) if n]
    appendix = Path(inputs.changes[0]).read_text(encoding="utf-8") if inputs.changes else ""
    book = book_pages(ed.print_meta, index["chapters"], parts, publishers, validation, ed.templates, names=names,
                      print_log=ed.print_log, stylesheet=sm.params.stylesheet, appendix=appendix)
    Path(sm.output.book).write_text(book, encoding="utf-8")


run(main, sm.log[0], sm.input)
