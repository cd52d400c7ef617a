"""Chapter parts + edition metadata -> the book HTML WeasyPrint lays out, and the web index."""
from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup

from dpaper.data.load import load, records
from dpaper.render.chapter import templates


def write_book(ed, inputs, outputs) -> None:
    index = json.loads(Path(inputs.labels).read_text(encoding="utf-8"))
    chapters = index["chapters"]
    authors = list(dict.fromkeys(a for c in chapters for a in c["authors"]))
    parts = [Markup(Path(p).read_text(encoding="utf-8")) for p in inputs.parts]
    publishers = records(load("publishers", inputs.publishers, inputs.publishers_schema)
                         .sort_values("order", kind="stable"))
    validation = json.loads(Path(inputs.validation).read_text(encoding="utf-8"))
    env = templates()
    html = env.get_template("book.html.j2").render(edition=ed.meta, chapters=chapters, parts=parts,
                                                   authors=authors, publishers=publishers, validation=validation)
    Path(outputs.book).write_text(html, encoding="utf-8")
    web = env.get_template("index.html.j2").render(edition=ed.meta, chapters=chapters, publishers=publishers,
                                                   pdf_name=ed.pdf.name)
    Path(outputs.index).write_text(web, encoding="utf-8")
