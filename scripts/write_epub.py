"""Snakemake: the web edition's chapter pages + figures + photographs -> the EPUB 3 (rule `epub`)."""
import json
from pathlib import Path

from dpaper.config import Edition
from dpaper.data.load import ordered_publishers
from dpaper.epub import build
from dpaper.errors import run
from dpaper.render.pages import suggested_citation

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    ed, inputs = Edition(sm.config), sm.input
    index = json.loads(Path(inputs.labels).read_text(encoding="utf-8"))
    chapters = index["chapters"]
    pages = {Path(p).stem: Path(p).read_text(encoding="utf-8") for p in inputs.pages}
    publishers = ordered_publishers(inputs.publishers)
    authors = list(dict.fromkeys(a for c in chapters for a in c["authors"]))
    files = {f"figures/{Path(p).name}": p for p in inputs.figures}
    files |= {f"images/{Path(p).relative_to(ed.images).as_posix()}": p for p in inputs.images}
    build(ed.meta, chapters, pages, index["labels"], files, Path(inputs.css).read_text(encoding="utf-8"),
          authors, publishers, suggested_citation(ed.print_meta, authors, publishers), Path(sm.output[0]))


run(main, sm.log[0])
