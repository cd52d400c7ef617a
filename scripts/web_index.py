"""Snakemake: the label index, the publishers, the PDF and the EPUB -> the web edition's front page (with
the downloads' sizes and the suggested citation), its 404 page and, given a base URL, its sitemap.xml
(rule `web_index`)."""
import json
from pathlib import Path

from dpaper.config import Edition
from dpaper.data.load import ordered_publishers
from dpaper.errors import run
from dpaper.render.pages import index_page, not_found_page, sitemap

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    ed, inputs = Edition(sm.config), sm.input
    chapters = json.loads(Path(inputs.labels).read_text(encoding="utf-8"))["chapters"]
    publishers = ordered_publishers(inputs.publishers)
    sizes = {Path(p).name: Path(p).stat().st_size for p in (inputs.pdf, inputs.epub)}
    changes = (ed.changes or {}).get("name", "")     # the changes report's page, linked from the front page
    page = index_page(ed.web_meta, chapters, publishers, sizes, ed.templates, changes=changes)
    Path(sm.output.index).write_text(page, encoding="utf-8")
    Path(sm.output.not_found).write_text(not_found_page(ed.web_meta, chapters, ed.templates), encoding="utf-8")
    if sm.output.get("sitemap"):
        pages = ["index.html", *(f"{c['id']}.html" for c in chapters), "data.html",
                 *(["changes.html"] if changes else [])]
        Path(sm.output.sitemap).write_text(sitemap(ed.web_meta["base_url"], pages, str(ed.meta["date"])),
                                           encoding="utf-8")


run(main, sm.log[0])
