"""The web edition's folder (build/<ed>/web), read from the one shared build: it stands alone when copied
anywhere, holds the PDF and every dataset, nothing readers should not see, WOFF2 subsets that cover its
text, and colours that meet WCAG contrast (text 4.5:1, chart marks 3:1). tests/test_browser.py opens it
in a real browser."""
from __future__ import annotations

import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT, Build
from dpaper.publish import safe_csv

DATASETS = sorted(p.stem for p in (ROOT / "schemas/datasets").glob("*.yaml"))
# what the folder may hold, by suffix: pages, styles, script, fonts and their licences, icon and drawings,
# the PDF and EPUB, the datasets, photographs, Pagefind's index and interface, a sitemap (given a base URL)
ALLOWED = {".html", ".css", ".js", ".woff2", ".txt", ".svg", ".pdf", ".epub", ".xml", ".csv", ".jpg", ".jpeg",
           ".png", ".webp", ".json", ".pagefind", ".pf_meta", ".pf_fragment", ".pf_index"}


class Links(HTMLParser):
    """Every URL a page loads or links to, and every id it has."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []   # (tag, url)
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src", "action", "popovertarget"):
            if a.get(key) is not None and not (tag == "svg" or key == "popovertarget"):
                self.urls.append((tag, a[key]))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def site(built: Build, tmp_path_factory) -> Path:
    """The web folder copied elsewhere, alone, as a publisher would copy it."""
    dest = tmp_path_factory.mktemp("host") / "public_html"
    shutil.copytree(built.path("web"), dest)
    return dest


def test_every_link_and_resource_resolves_inside_the_copied_folder(site: Path):
    pages = {p.relative_to(site).as_posix(): parse(p) for p in site.rglob("*.html")}
    problems = []
    for name, page in pages.items():
        for tag, url in page.urls:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https", "mailto") and tag == "a":
                continue                                  # a link out to the web: the references' addresses
            if parts.scheme or parts.netloc or url.startswith("/") or ".." in Path(unquote(parts.path)).parts:
                problems.append(f"{name}: <{tag}> {url}: expected a relative link inside the folder")
                continue
            target = (site / name).parent / unquote(parts.path) if parts.path else site / name
            if not target.resolve().is_relative_to(site.resolve()) or not target.exists():
                problems.append(f"{name}: <{tag}> {url}: expected {target.relative_to(site)} in the folder, found none")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target.relative_to(site).as_posix()].ids
                if parts.fragment not in ids:
                    problems.append(f"{name}: <{tag}> {url}: expected id {parts.fragment!r} there, found none")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if url.startswith("data:"):
                continue
            if not (css.parent / url).resolve().is_file() or "://" in url or url.startswith("/"):
                problems.append(f"{css.relative_to(site)}: url({url}): expected a file in the folder")
    assert problems == []
    assert len(pages) >= 15 and "search.html" in pages


def test_the_folder_holds_the_pdf_and_every_dataset_and_every_page_links_them(site: Path, built: Build):
    assert (site / built.pdf_name).read_bytes() == built.pdf.read_bytes()
    for d in DATASETS:
        assert (site / f"data/{d}.csv").read_bytes() == safe_csv(built.path(f"data/{d}.csv").read_bytes()), d
    data_links = {url for _, url in parse(site / "data.html").urls}
    assert {f"data/{d}.csv" for d in DATASETS} <= data_links                 # a link per dataset
    for page in site.glob("*.html"):
        urls = {url for _, url in parse(page).urls}
        assert {built.pdf_name, "data.html", "index.html", "search.html"} <= urls, page.name


def test_nothing_in_the_folder_that_readers_should_not_see(site: Path, built: Build):
    files = [p for p in site.rglob("*") if p.is_file()]
    assert [p.name for p in files if p.suffix not in ALLOWED] == []
    names = {p.relative_to(site).as_posix() for p in files}
    assert not {"book.html", "labels.json", "validation.json"} & names
    assert not [n for n in names if n.startswith(("parts/", "logs/", "validation/"))]
    for p in files:
        if p.suffix in (".html", ".css", ".js", ".svg", ".csv", ".json"):
            text = p.read_text(encoding="utf-8")
            assert str(built.dir) not in text and tempfile.gettempdir() not in text and "file:" not in text, p


def test_fonts_are_woff2_subsets_that_swap_and_cover_every_page(site: Path):
    from fontTools.ttLib import TTFont
    css = (site / "assets/fonts.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*{([^}]*)}", css)
    assert len(faces) == 9 and all("font-display: swap" in f and 'format("woff2")' in f for f in faces)
    fonts = sorted((site / "assets/fonts").glob("*.woff2"))
    assert len(fonts) == 9 and not list(site.rglob("*.ttf"))
    assert all(f.read_bytes()[:4] == b"wOF2" for f in fonts)
    assert sum(f.stat().st_size for f in fonts) < 400_000           # the nine TTFs: 2.0 MB
    cmaps = {f.stem: set(TTFont(f).getBestCmap()) for f in fonts}
    used = {ch for p in site.glob("*.html") for ch in "".join(parse(p).text) if not ch.isspace()}
    for face in ("SourceSerifPro-Regular", "SourceSansPro-Regular"):
        missing = sorted(f"U+{ord(c):04X} {c}" for c in used if ord(c) not in cmaps[face])
        assert missing == [], face


def test_page_references_print_nothing_on_the_web(site: Path):
    intro = (site / "introduction.html").read_text(encoding="utf-8")
    assert '<a class="xref" href="kitakyushu.html#ch-kitakyushu">Chapter 2</a>' in intro
    assert 'class="pageref"' not in intro


# -- contrast -------------------------------------------------------------------

def luminance(colour: str) -> float:
    c = colour.lstrip("#")
    rgb = [int(c[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def schemes() -> dict[str, dict[str, str]]:
    """The custom properties of templates/screen.css: light (:root), dark (its prefers-color-scheme block)."""
    css = (ROOT / "templates/screen.css").read_text(encoding="utf-8")
    light = css[css.index(":root"):css.index("}", css.index(":root"))]
    dark_at = css.index("prefers-color-scheme: dark")
    dark = css[dark_at:css.index("}", dark_at)]
    props = lambda block: dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", block))   # noqa: E731
    return {"light": props(light), "dark": props(dark)}


TEXT_ON = {   # text colour -> the backgrounds it is set on
    "ink": ("bg", "surface", "tint"), "muted": ("bg", "surface", "tint"), "brand": ("bg", "surface", "tint"),
    "brand-dark": ("bg", "surface", "tint"), "accent": ("bg", "surface", "tint"), "bar-ink": ("bar",)}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_colours_reach_4_5_to_1_in_both_schemes(scheme):
    c = schemes()[scheme]
    low = [f"--{fg} on --{bg}: {contrast(c[fg], c[bg]):.2f}" for fg, bgs in TEXT_ON.items() for bg in bgs
           if contrast(c[fg], c[bg]) < 4.5]
    assert low == []


def test_chart_marks_reach_3_to_1_and_chart_text_4_5_to_1():
    """The palette of src/dpaper/figures/style.py on the charts' white and the timeline's lanes; drawings
    sit on white in the light scheme, and on a light panel, not white, in the dark one (figure .svg)."""
    from dpaper.figures import style
    backgrounds = ("#ffffff", "#f2f5f7")   # the page of a chart; a timeline's alternate lane (kinds/timeline.py)
    assert "#f2f5f7" in (ROOT / "src/dpaper/figures/kinds/timeline.py").read_text(encoding="utf-8")
    low = [f"{name} on {bg}: {contrast(getattr(style, name), bg):.2f}" for name in ("PRIMARY", "SECONDARY", "ACCENT")
           for bg in backgrounds if contrast(getattr(style, name), bg) < 3]
    low += [f"{name} on {bg}: {contrast(getattr(style, name), bg):.2f}" for name in ("INK", "MUTED")
            for bg in backgrounds if contrast(getattr(style, name), bg) < 4.5]
    assert low == []
    css = (ROOT / "templates/screen.css").read_text(encoding="utf-8")
    assert re.search(r"figure \.svg \{[^}]*background: var\(--drawing\)", css)
    assert schemes()["light"]["drawing"] == "#ffffff" and 0.5 < luminance(schemes()["dark"]["drawing"]) <= 0.8


# Template syntax and the data's internal names, as they would show if the manuscript's or a template's
# markup reached a reader: `fact("key")`, `.number`, `{{ … }}`, `{% … %}`, `data.<dataset>`
TEMPLATE_SYNTAX = re.compile(r"\b(?:fact|event|table|figure|ref)\(|\.number\b|\{\{|\}\}|\{%|%\}|\bdata\.[a-z_]+\b")
READER_ATTRIBUTES = ("title", "aria-label", "alt", "content", "placeholder")


def reader_text(path: Path) -> str:
    """What a reader sees of a page: its text (no script or style) and the attributes a browser shows."""
    from lxml import html as lhtml
    root = lhtml.fromstring(path.read_text(encoding="utf-8"))
    for el in root.xpath("//script|//style"):
        el.drop_tree()
    shown = [a for attr in READER_ATTRIBUTES for a in root.xpath(f"//*[not(self::svg)]/@{attr}")]
    return " ".join([root.text_content(), *shown])


def test_no_template_syntax_reaches_any_reader_page(site: Path):
    """Every built page, the data page included: no manuscript or template syntax in what a reader sees."""
    found = {p.name: TEMPLATE_SYNTAX.findall(reader_text(p)) for p in sorted(site.glob("*.html"))}
    assert len(found) > 20 and {k: v for k, v in found.items() if v} == {}


def test_a_values_source_says_what_it_is_where_the_2018_edition_stated_it_and_links_its_row(site: Path):
    """Each value's popover: what the value is, where the 2018 edition stated it (a chapter or section, never
    a line of a file), and a link to its own row on the data page, which is there; no internal name."""
    from lxml import html as lhtml
    data_ids = parse(site / "data.html").ids
    seen, problems = 0, []
    for page in sorted(site.glob("*.html")):
        root = lhtml.fromstring(page.read_text(encoding="utf-8"))
        for pop in root.xpath('//*[contains(concat(" ", @class, " "), " datum-source ")]'):
            seen += 1
            text = " ".join(pop.text_content().split())
            rows = [a.get("href") for a in pop.xpath(".//a") if a.get("href", "").startswith("data.html#")]
            where = f"{page.name} {pop.get('id')}: {text}"
            if not pop.xpath('.//*[@class="datum-what"]') or "Stated in:" not in text:
                problems.append(f"{where}: no 'what' or 'Stated in'")
            if len(rows) != 1 or rows[0].split("#")[1] not in data_ids:
                problems.append(f"{where}: its row {rows} is not on the data page")
            if re.search(r"\blines? \d|\b[a-z]+_[a-z_]+\b|Source:", text):
                problems.append(f"{where}: a line number or an internal name")
    assert seen > 100 and problems == []
