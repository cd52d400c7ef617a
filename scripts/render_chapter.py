"""Snakemake: manuscript + data + figures -> chapter HTML, book part and web page (rule `chapter`)."""
import json
from pathlib import Path

from dpaper.config import Edition
from dpaper.data.load import load
from dpaper.errors import run
from dpaper.figures import registry
from dpaper.render.chapter import Context
from dpaper.render.citations import Bibliography, Notes
from dpaper.render.manuscript import read
from dpaper.render.pages import chapter_pages
from dpaper.tables import registry as table_registry

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    ed, inputs = Edition(sm.config), sm.input
    index = json.loads(Path(inputs.labels).read_text(encoding="utf-8"))
    chapter = next(c for c in index["chapters"] if c["id"] == sm.wildcards.chapter)
    datasets = {Path(p).stem: load(Path(p).stem, p, s) for p, s in zip(inputs.data, inputs.schemas)}
    figures = {Path(p).stem: json.loads(Path(p).read_text(encoding="utf-8"))
               for p in inputs.figures if p.endswith(".json")}
    ctx = Context(src=read(inputs.source), chapter=chapter, labels=index["labels"], datasets=datasets,
                  bibliography=Bibliography(inputs.bibliography, ed.meta["citation_style"]), figures=figures,
                  notes_file=Notes(inputs.notes),
                  root=Path("."), images=ed.images, out_dir=ed.out, figures_dir=ed.out / "figures",
                  draft=ed.draft, print_log=ed.print_log, language=ed.meta["language"],
                  declared=registry(ed.declarations, sm.params.roles),
                  tables=table_registry(ed.table_declarations),
                  templates=ed.templates, words=sm.params.words, roles=sm.params.roles)
    part, page = chapter_pages(ctx, ed.web_meta, index["chapters"])
    Path(sm.output.part).write_text(part, encoding="utf-8")
    Path(sm.output.web).write_text(page, encoding="utf-8")


run(main, sm.log[0], sm.input)
