"""The edition as an EPUB 3, made from the web edition's chapter pages (the same HTML readers see).

Each chapter's text is taken from its web page (`main > section.chapter`, notes at its end) and made fit
for an e-reader: a value's source becomes its `title` (as in print; readers have no popovers), a figure's
inline SVG becomes an `<img>` of the figure's own SVG file (its text stays text) with the same alt text,
links between pages point at the book's documents, and links to what only the web folder has (the data
page, the CSV files) keep their text without the link. The package has a title page with the suggested
citation, a navigation document (chapters, case studies, sections) and the edition's metadata; it is
written reproducibly (fixed dates in the package and the ZIP) and atomically.
"""
from __future__ import annotations

import html
import os
import uuid
import zipfile
from pathlib import Path

from ebooklib import epub
from lxml import html as lhtml

from dpaper.errors import BuildError
from dpaper.render.markdown import plain

STYLE = "style/epub.css"


def identifier(edition: dict) -> str:
    """A stable identifier of the edition (the same as the PDF's document ID is derived from)."""
    name = f"{edition['slug']}/{edition['id']}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def chapter_title(chapter: dict) -> str:
    return f"{chapter['label']}: {plain(chapter['title'])}" if chapter.get("label") else plain(chapter["title"])


def chapter_body(page: str, chapter: dict, chapters: set[str], figures: dict[str, str]) -> tuple[str, set[str]]:
    """The chapter's text from its web page, made fit for an e-reader; and the files it refers to
    (figures' SVGs as `figures/<id>.svg`, photographs as `images/…`)."""
    root = lhtml.document_fromstring(page)
    found = root.xpath('//main//section[contains(concat(" ", @class, " "), " chapter ")]')
    if not found:
        raise BuildError(f"web page of {chapter['id']}: expected a <section class=\"chapter\"> in <main>, "
                         "found none")
    part, used = found[0], set()
    for el in part.xpath('.//*[contains(concat(" ", @class, " "), " datum-source ")]'):
        for head in el.xpath('.//*[@class="datum-head"]'):
            head.drop_tree()                   # "Where this comes from": the title says it by being one
        # what the value is and where the 2018 edition stated it; not its row on the web's data page
        lines = [" ".join(x.text_content().split()) for x in el.xpath('./*[@class="datum-what" or @class="datum-line"]')
                 if not x.xpath(".//a")]
        button = part.xpath(f'.//button[@popovertarget="{el.get("id")}"]')
        if button:
            title = ". ".join(lines) or " ".join(el.text_content().split())
            span = lhtml.Element("span", {"class": "datum", "title": title})
            span.text, span.tail = button[0].text_content(), button[0].tail
            button[0].getparent().replace(button[0], span)
        el.drop_tree()
    for el in part.xpath('.//div[contains(concat(" ", @class, " "), " svg ")]'):
        anchor = el.getparent().get("id", "")
        if anchor not in figures:
            raise BuildError(f"web page of {chapter['id']}: figure {anchor!r} is not in the label index")
        src = f"figures/{figures[anchor]}.svg"
        used.add(src)
        img = lhtml.Element("img", {"src": src, "alt": el.get("aria-label", "")})
        img.tail = el.tail
        el.getparent().replace(el, img)
    for el in part.xpath('.//div[contains(concat(" ", @class, " "), " table-scroll ")]'):
        el.drop_tag()
    for el in part.xpath('.//p[contains(concat(" ", @class, " "), " block-data ")]'):
        el.drop_tree()                         # which CSV a table or drawing shows: only the web folder has them
    for el in part.xpath(".//img[@src]"):
        if el.get("src").startswith("images/"):
            used.add(el.get("src"))
    for el in part.xpath(".//a[@href]"):
        href = el.get("href")
        target, _, fragment = href.partition("#")
        if href.startswith(("http://", "https://", "mailto:", "#")):
            continue
        if target.endswith(".html") and target[:-5] in chapters:
            el.set("href", f"{target[:-5]}.xhtml" + (f"#{fragment}" if fragment else ""))
        else:
            el.drop_tag()                          # the data page, a CSV, the PDF: only the web folder has them
    for el in part.xpath(".//*[@class]"):
        cls = el.get("class").split()
        if "fn-call" in cls:
            for a in el.iter("a"):
                a.set("role", "doc-noteref")
        if "back" in cls and el.tag == "a":
            el.set("role", "doc-backlink")
    for el in part.xpath('.//section[@id="notes"]'):
        el.set("role", "doc-endnotes")
    for el in part.iter():
        for attr in [a for a in el.attrib if a.startswith("data-pagefind") or a in ("popover", "tabindex")]:
            del el.attrib[attr]
    return lhtml.tostring(part, encoding="unicode"), used


def title_page(edition: dict, authors: list[str], publishers: list[dict], citation: str) -> str:
    e = {k: html.escape(str(v)) for k, v in edition.items() if isinstance(v, str)}
    names = html.escape(", ".join(authors))
    by = html.escape(" · ".join(p["name"] for p in publishers))
    return (f'<section class="title-page"><p class="series">{e["series"]}</p>'
            f'<h1>{e["title"]}</h1><p class="subtitle">{e["subtitle"]}</p><p class="authors">{names}</p>'
            f'<p class="publishers">{by} — {e["date_display"]}</p><p class="copyright">{e["copyright"]}</p>'
            f'<h2>Suggested citation</h2><p class="citation">{html.escape(citation)}</p></section>')


def build(edition: dict, chapters: list[dict], pages: dict[str, str], labels: dict, files: dict[str, Path],
          css: str, authors: list[str], publishers: list[dict], citation: str, out: Path) -> None:
    """Write the EPUB of `chapters` (label index entries, in order) from their web `pages` (id -> HTML) to
    `out`; `files` maps each `figures/<id>.svg` and `images/…` a page may use to the file to package."""
    book = epub.EpubBook()
    book.set_identifier(identifier(edition))
    book.set_title(edition["title"])
    book.set_language(edition["language"])
    for i, a in enumerate(authors, start=1):
        book.add_author(a, uid=f"creator-{i}")          # each its own id (EbookLib's default repeats one)
    for p in publishers:
        book.add_metadata("DC", "publisher", p["name"])
    book.add_metadata("DC", "date", str(edition["date"]))
    book.add_metadata("DC", "description", f"{edition['title']}: {edition['subtitle']}. {edition['series']}.")
    book.add_metadata("DC", "rights", edition["copyright"])
    for k in edition.get("keywords", []):
        book.add_metadata("DC", "subject", k)
    style = epub.EpubItem(uid="style", file_name=STYLE, media_type="text/css", content=css.encode())
    book.add_item(style)
    figures = {v["anchor"]: key.split(":", 1)[1] for key, v in labels.items() if key.startswith("fig:")}
    ids = {c["id"] for c in chapters}

    def doc(uid: str, name: str, title: str, body: str) -> epub.EpubHtml:
        item = epub.EpubHtml(uid=uid, file_name=name, title=title, lang=edition["language"],
                             content=f"<html><body>{body}</body></html>")
        item.add_item(style)
        book.add_item(item)
        return item

    title = doc("title-page", "title.xhtml", edition["title"], title_page(edition, authors, publishers, citation))
    spine, toc, used = [title, "nav"], [epub.Link("title.xhtml", edition["title"], "toc-title")], set()
    tree: list[dict] = []        # chapters, their case studies and sections, as the navigation lists them
    for ch in chapters:
        body, refs = chapter_body(pages[ch["id"]], ch, ids, figures)
        used |= refs
        spine.append(doc(f"ch-{ch['id']}", f"{ch['id']}.xhtml", chapter_title(ch), body))
        node = {"href": f"{ch['id']}.xhtml", "title": chapter_title(ch), "uid": f"toc-{ch['id']}",
                "children": [{"href": f"{ch['id']}.xhtml#{s['anchor']}",
                              "title": f"{s['number']} {plain(s['title'])}".strip(),
                              "uid": f"toc-{ch['id']}-{s['anchor']}", "children": []}
                             for s in ch["sections"] if s["level"] == 2]}
        if ch["kind"] == "case-study" and tree and tree[-1]["kind"] == "chapter":
            tree[-1]["children"].append(node)
        else:
            tree.append(node | {"kind": ch["kind"]})
    toc += [_nav(n) for n in tree]
    for rel in sorted(used):
        if rel not in files:
            raise BuildError(f"EPUB: a page uses {rel}, expected it among the rule's inputs, found it missing")
        media = "image/svg+xml" if rel.endswith(".svg") else None
        item = epub.EpubItem(uid=rel.replace("/", "-").replace(".", "-"), file_name=rel,
                             media_type=media or _image_type(rel), content=Path(files[rel]).read_bytes())
        book.add_item(item)
    book.toc = toc
    book.spine = spine
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    stamp = _date(edition)
    tmp = out.with_name(out.name + ".tmp")
    epub.write_epub(str(tmp), book, {"mtime": stamp, "epub3_pages": False, "raise_exceptions": True})
    _reproducible(tmp, stamp.timetuple()[:6])
    os.replace(tmp, out)


def _nav(node: dict):
    if not node["children"]:
        return epub.Link(node["href"], node["title"], node["uid"])
    return (epub.Section(node["title"], node["href"]), [_nav(c) for c in node["children"]])


def _image_type(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower()
    return {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}[ext]


def _date(edition: dict):
    import datetime
    return datetime.datetime.fromisoformat(str(edition["date"]))


def _reproducible(path: Path, stamp: tuple) -> None:
    """Rewrite the ZIP with every entry dated `stamp` (ebooklib dates them now): the same inputs, the same
    bytes. `mimetype` stays first and stored, as EPUB requires."""
    with zipfile.ZipFile(path) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
