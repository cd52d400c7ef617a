"""The page around the text, on the fixture edition's web folder: each page's title, description and Open
Graph tags; the 404 page and the sitemap; the downloads with their sizes; "Cite this" with the imprint's
citation; previous and next through every page; "On this page" as text; the two dark blocks alike."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree

from conftest import ROOT, Build


class Head(HTMLParser):
    """A page's <title>, its meta tags (name or property -> content), its pagers' links and base."""

    def __init__(self):
        super().__init__()
        self.title, self.meta, self.rel, self.base, self._in_title = "", {}, {}, None, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and (a.get("name") or a.get("property")):
            self.meta[a.get("name") or a.get("property")] = a.get("content")
        elif tag == "a" and a.get("rel") in ("prev", "next"):
            self.rel.setdefault(a["rel"], a["href"])
        elif tag == "base":
            self.base = a.get("href")

    def handle_endtag(self, tag):
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head(path: Path) -> Head:
    h = Head()
    h.feed(path.read_text(encoding="utf-8"))
    return h


def chapters(build: Build) -> list[dict]:
    return json.loads(build.path("labels.json").read_text(encoding="utf-8"))["chapters"]


def test_every_page_has_its_own_title_description_and_open_graph_tags(fixture: Build):
    pages = sorted(fixture.path("web").glob("*.html"))
    heads = {p.name: head(p) for p in pages}
    titles = [h.title for h in heads.values()]
    assert len(set(titles)) == len(titles), titles
    for name, h in heads.items():
        assert fixture.edition.meta["title"] in h.title, name
        assert 20 <= len(h.meta.get("description") or "") <= 200, (name, h.meta.get("description"))
        assert {"og:title", "og:description", "og:type", "og:site_name"} <= set(h.meta), name
        assert not re.search(r"[*_`<]|Where this comes from", h.meta["description"] + h.title), name
    assert heads["water.html"].title.startswith("Case Study 1: Water in Cambodian cities — ")
    assert heads["water.html"].meta["description"].startswith("Phnom Penh covers 678.46 km²; its")
    assert heads["water.html"].meta["og:type"] == "article"


def test_previous_and_next_run_from_the_contents_through_every_chapter_to_the_data(fixture: Build):
    order = ["index.html", *(f"{c['id']}.html" for c in chapters(fixture)), "data.html"]
    for before, after in zip(order, order[1:]):
        assert head(fixture.path(f"web/{before}")).rel.get("next") == after, before
        assert head(fixture.path(f"web/{after}")).rel.get("prev") == before, after
    assert "prev" not in head(fixture.path("web/index.html")).rel
    assert "next" not in head(fixture.path("web/data.html")).rel


def test_the_front_page_gives_the_downloads_sizes_and_the_imprints_citation(fixture: Build):
    from dpaper.render.pages import file_size
    index = fixture.path("web/index.html").read_text(encoding="utf-8")
    for name, kind in (("fixture-edition.pdf", "PDF"), ("fixture-edition.epub", "EPUB 3")):
        size = file_size(fixture.path(name).stat().st_size)
        assert re.search(rf'href="{name}"[^>]*>[^<]+</a> <span class="size">\({kind}, {size}\)', index), name
    cited = re.search(r'<p class="citation">(.*?)</p>', index)[1]
    imprint = re.sub(r"<[^>]+>", "", re.search(r'<p class="citation">(.*?)</p>',
                                               fixture.path("book.html").read_text(encoding="utf-8"))[1])
    assert imprint == "Suggested citation: " + cited
    assert 'href="index.html#cite"' in fixture.path("web/water.html").read_text(encoding="utf-8")


def test_a_404_page_and_a_sitemap_only_with_a_base_url(fixture: Build):
    from dpaper.render.pages import not_found_page, sitemap
    page = fixture.path("web/404.html")
    assert head(page).title.startswith("Page not found") and head(page).base is None   # relative: no base URL
    assert not fixture.path("web/sitemap.xml").exists()                               # none configured
    meta = fixture.edition.meta | {"base_url": "https://example.org/paper/"}
    published = not_found_page(meta, chapters(fixture), ROOT / "templates")
    assert '<base href="https://example.org/paper/">' in published
    assert 'rel="canonical"' not in published                      # a missing address has no canonical URL
    xml = etree.fromstring(sitemap("https://example.org/paper/", ["index.html", "a&b.html"], "2018-07-01").encode())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert xml.xpath("//s:loc/text()", namespaces=ns) == ["https://example.org/paper/index.html",
                                                          "https://example.org/paper/a&b.html"]


def test_on_this_page_lists_headings_as_text():
    from dpaper.render.markdown import plain
    assert plain("Keywords: “environment” and “*monozukuri* (technology)”") == \
        "Keywords: “environment” and “monozukuri (technology)”"
    assert plain("R&D in `Kitakyushu` <b>x</b>") == "R&D in Kitakyushu <b>x</b>"


def test_the_chosen_dark_scheme_is_the_systems_dark_scheme():
    css = (ROOT / "templates/screen.css").read_text(encoding="utf-8")
    system = re.search(r'prefers-color-scheme: dark\) \{\s*:root:not\(\[data-theme="light"\]\) \{([^}]*)\}', css)[1]
    chosen = re.search(r':root\[data-theme="dark"\] \{([^}]*)\}', css)[1]
    assert system.split() == chosen.split() and "--bg" in chosen


def crumbs(path: Path) -> list[str]:
    from lxml import html as lhtml
    nav = lhtml.fromstring(path.read_text(encoding="utf-8")).xpath('//nav[@class="crumbs"]')
    return [" ".join(li.text_content().split()) for li in nav[0].xpath(".//li")] if nav else []


def test_breadcrumbs_lead_from_the_contents_through_a_case_studys_chapter_to_the_page(fixture: Build):
    """Every page but the contents says where it is: Contents › (a case study's chapter ›) the page, itself
    not a link; the 404 and search pages too."""
    assert crumbs(fixture.path("web/index.html")) == []
    for c in chapters(fixture):
        trail = crumbs(fixture.path(f"web/{c['id']}.html"))
        assert trail[0] == "Contents" and trail[-1].endswith(c["short"].split(" · ")[-1]), (c["id"], trail)
    water = crumbs(fixture.path("web/water.html"))
    assert len(water) == 3 and water[1].startswith("Chapter") and water[2].startswith("Case Study 1")
    assert crumbs(fixture.path("web/data.html")) == ["Contents", "The data behind this edition"]
    assert crumbs(fixture.path("web/search.html")) == ["Contents", "Search"]
    page = fixture.path("web/water.html").read_text(encoding="utf-8")
    assert re.search(r'<li><span aria-current="page">Case Study 1 · [^<]+</span></li>\s*</ol></nav>', page)
