"""The reader's book, not the editors' log (manuscript standard, "Apparatus: the reader's book"): on the built
PDF and web edition, no trace of the build on a reader's page; few editorial notes, in the footnotes; "About this
edition" short; every lost item marked where it stood and in the lists; the full log in the web edition, and in
print only when config.yaml asks for it."""
from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import yaml

from conftest import ROOT, Build, plumbed

MAX_INTERVENTIONS = 8          # editors' notes in the running text, in the whole book (the standard: "about eight")
MAX_ABOUT_PAGES = 2


def identifiers() -> set[str]:
    """Names only the build knows: every dataset and field name of the schemas that no reader's word could be
    (those with an underscore; 'cities' or 'year' are English too)."""
    names = set()
    for path in (ROOT / "schemas/datasets").glob("*.yaml"):
        schema = yaml.safe_load(path.read_text(encoding="utf-8"))
        names |= {path.stem, *(f["name"] for f in schema["fields"])}
    return {n for n in names if "_" in n}


TRACES = [
    (re.compile(r"\blines? \d{2,4}\b"), "a line number of a file"),
    (re.compile(r"\b[\w-]+\.(?:jpe?g|png|webp|csv|svg|yaml|md)\b", re.I), "a file name"),
    (re.compile(r"\bD\d{1,2}[a-z]?\b"), "an editors' log id"),
    (re.compile(r"Editor['’]s note"), "an editor's note box"),
    (re.compile(r"\bdatasets?\b", re.I), "the word dataset"),
    (re.compile(r"validation checks|checks passed"), "a build fact"),
    (re.compile(r"\{\{|\{%|\}\}"), "template syntax"),
]


def traces(text: str, where: str) -> list[str]:
    found = [f"{where}: {what}: {m.group()!r} in …{text[max(0, m.start() - 40):m.end() + 40]!r}…"
             for pattern, what in TRACES for m in pattern.finditer(text)]
    words = re.compile(r"\b(" + "|".join(map(re.escape, sorted(identifiers(), key=len, reverse=True))) + r")\b")
    found += [f"{where}: a dataset or field name: {m.group()!r}" for m in words.finditer(text)]
    return found


def visible(page: str) -> str:
    """What a reader of a web page sees: its text, and the sources its popovers and tooltips show."""
    body = page.split("<body", 1)[-1]
    body = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", body, flags=re.S)
    titles = " ".join(re.findall(r'title="([^"]*)"', body))
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", body) + " " + titles)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "").replace("-\n", ""))


def test_no_production_traces_on_reader_pages(built: Build):
    problems = []
    for n, page in enumerate(built.pages, 1):
        problems += traces(flat(page), f"PDF page {n}")
    index = yaml.safe_load(built.path("labels.json").read_text(encoding="utf-8"))
    for c in index["chapters"]:
        problems += traces(visible(built.path(f"web/{c['id']}.html").read_text(encoding="utf-8")), f"web {c['id']}")
    problems += traces(visible(built.path("web/index.html").read_text(encoding="utf-8")), "web index")
    assert not problems, "\n".join(problems[:30])


def test_the_build_facts_are_in_the_metadata_not_on_the_imprint(built: Build):
    from pypdf import PdfReader
    imprint = flat(next(p for p in built.pages if "Suggested citation" in p))
    assert not re.search(r"\brows\b|checks|datasets", imprint), imprint
    subject = str(PdfReader(built.pdf).metadata.get("/Subject", ""))
    assert re.search(r"\d+ validated datasets \([\d,]+ rows; [\d,]+ checks passed\)", subject), subject
    data_page = visible(built.path("web/data.html").read_text(encoding="utf-8"))
    assert re.search(r"validated \d+ datasets with [\d,]+ rows ?: [\d,]+ checks passed", flat(data_page))


def test_editorial_interventions_are_few_short_and_in_the_footnotes(built: Build):
    book = built.path("book.html").read_text(encoding="utf-8")
    notes = re.findall(r'<span class="footnote" data-kind="ed">(.*?)</span>(?=[\s<])', book, flags=re.S)
    assert 1 <= len(notes) <= MAX_INTERVENTIONS, len(notes)
    assert 'class="editor-note"' not in book
    for note in notes:
        words = len(re.sub(r"<[^>]+>", "", note).split())
        assert words <= 60, (words, note[:120])                       # a short note, not an essay
    # each links to its entry of the log in the web edition, and the entry is there
    log = built.path("web/editors-notes.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<dt id="(log-[^"]+)"', log))
    index = yaml.safe_load(built.path("labels.json").read_text(encoding="utf-8"))
    links = [h for c in index["chapters"]
             for h in re.findall(r'class="logref" href="editors-notes\.html#([^"]+)"',
                                 built.path(f"web/{c['id']}.html").read_text(encoding="utf-8"))]
    assert len(links) >= len(notes) and set(links) <= anchors, sorted(set(links) - anchors)


def test_the_web_log_has_an_anchor_per_decision_in_readers_terms(built: Build, cleaned):
    log = cleaned("editor_notes")
    page = built.path("web/editors-notes.html").read_text(encoding="utf-8")
    missing = [i for i in log["id"] if f'id="log-{i.lower()}"' not in page]
    assert not missing, missing
    part = built.path("parts/editors-notes.html").read_text(encoding="utf-8")   # what print_log: true prints
    assert not traces(visible(part), "the log"), traces(visible(part), "the log")[:5]


def about_pages(built: Build) -> list[int]:
    from pypdf import PdfReader
    reader = PdfReader(built.pdf)
    marks = [(str(o.title), reader.get_destination_page_number(o)) for o in reader.outline if not isinstance(o, list)]
    start = next(i for i, (t, _) in enumerate(marks) if t == "About this edition")
    first, after = marks[start][1], marks[start + 1][1]
    return list(range(first, after))


def test_about_this_edition_says_what_readers_need_in_at_most_two_pages(built: Build):
    pages = about_pages(built)
    assert 1 <= len(pages) <= MAX_ABOUT_PAGES, pages
    text = flat(" ".join(built.pages[p] for p in pages))
    for words in ("How it was rebuilt", "What is lost", "[not preserved]", "The data and the log", "web edition"):
        assert words in text, words


def test_every_lost_item_keeps_its_number_and_place_as_a_lacuna_mark(built: Build):
    index = yaml.safe_load(built.path("labels.json").read_text(encoding="utf-8"))
    lost = [e for e in index["labels"].values() if e.get("lost")]
    assert {e["text"] for e in lost} >= {"Table 2.2", "Figure 2.4", "Figure 2.10"}
    text = flat(built.text)
    problems = []
    for e in lost:
        marks = re.findall(re.escape(e["text"]) + r"\b[^\[\]]{0,160}?\[not preserved\]", text)
        if len(marks) < 2:           # where it stood, and in its list
            problems.append(f"{e['text']}: expected its mark in its place and in the list, found {len(marks)}")
    book = built.path("book.html").read_text(encoding="utf-8")
    for e in lost:      # a line, never a figure box or a placeholder
        block = re.search(rf'id="{e["anchor"]}"[^>]*>', book)
        if not block or 'class="lacuna' not in book[book.rfind("<", 0, block.start()):block.end()]:
            problems.append(f"{e['text']}: expected a lacuna mark, found another block")
    assert "[title not preserved]" in text
    assert re.search(r'<h2 [^>]*class="lacuna"[^>]*>.*?\[title not preserved\]', book)
    for wrong in ("Title lost", "Section title lost", "Photograph to come: "):
        if wrong in text:
            problems.append(f"found {wrong!r}")
    assert not problems, problems


def test_photograph_placeholders_keep_proportions_at_a_modest_height(built: Build):
    book = built.path("book.html").read_text(encoding="utf-8")
    boxes = re.findall(r'<div class="placeholder" style="width: ?([\d.]+)%; ?padding-top: ?([\d.]+)%"', book)
    assert boxes
    for width, pad in boxes:
        assert float(pad) * 150 / 100 <= 40, (width, pad)           # mm of a 150 mm figure: not 40% of a page
    assert not re.search(r"Photograph to come:", book)


def test_the_title_page_carries_the_series_and_the_date(built: Build):
    ed = built.edition.meta
    title_page = flat(next(p for p in built.pages[1:6] if f"– {ed['subtitle']} –" in flat(p)))
    # the series is set in capitals (CSS), as on the cover
    assert ed["series"].upper() in title_page.upper() and ed["date_display"] in title_page, title_page


def test_the_log_is_printed_only_when_the_config_asks(tmp_path):
    from dpaper.render.pages import book_pages
    chapters = [{"id": "one", "kind": "chapter", "label": "Chapter 1", "title": "One", "anchor": "ch-one",
                 "authors": [], "short": "One"},
                {"id": "log", "kind": "back", "label": None, "title": "Log of editorial decisions",
                 "anchor": "ch-log", "authors": [], "short": "Log", "log": True}]
    parts = ['<section class="chapter" id="ch-one">one</section>', '<section class="chapter" id="ch-log">LOG</section>']
    edition = {"title": "T", "subtitle": "S", "series": "Series", "date": "2018-07-01", "date_display": "July 2018",
               "language": "en", "keywords": [], "imprint_note": "", "copyright": "", "disclaimer": "", "slug": "t"}
    validation = {"datasets": 1, "rows": 2, "checks": 3}
    off = book_pages(edition, chapters, parts, [], validation, directory=ROOT / "templates")
    on = book_pages(edition, chapters, parts, [], validation, directory=ROOT / "templates", print_log=True)
    assert "LOG" not in off and 'href="#ch-log"' not in off
    assert "LOG" in on and 'href="#ch-log"' in on
    # the switch is config.yaml's apparatus.print_log, off unless asked for
    config = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    assert config["apparatus"]["print_log"] is False
    schema = yaml.safe_load((ROOT / "schemas/config.schema.yaml").read_text(encoding="utf-8"))
    assert schema["properties"]["apparatus"]["properties"]["print_log"]["default"] is False


def test_print_refers_to_the_log_only_when_it_is_printed(tmp_path):
    """logref(): in print without the log, nothing (About this edition says where it is); with it, its page."""
    from markupsafe import Markup

    from dpaper.render.environment import blocks
    b = blocks(ROOT / "templates")
    assert "editors’ log" in str(b.logref("#log-d4", True)) and 'class="pageref"' in str(b.logref("#log-d4", True))
    assert 'href="editors-notes.html#log-d4"' in str(b.logref("editors-notes.html#log-d4"))
    assert isinstance(b.logref("#x"), (str, Markup))


def test_the_schema_lists_of_identifiers_are_not_empty():
    assert {"editor_notes", "in_table_2_3", "cambodia_city_activities"} <= identifiers()
    assert Path(ROOT / "config.yaml").is_file()


# ---------- the front matter: contents, lists, abbreviations ----------

def outline_pages(built: Build) -> dict[str, range]:
    """Each top-level bookmark's title -> its pages (0-based), up to the next bookmark."""
    from pypdf import PdfReader
    reader = PdfReader(built.pdf)
    marks = [(str(o.title), reader.get_destination_page_number(o)) for o in reader.outline if not isinstance(o, list)]
    return {t: range(p, q) for (t, p), (_, q) in zip(marks, marks[1:] + [("", len(reader.pages))])}


MARGIN_SHIFT = (48 - 30) * 72 / 25.4    # print.css: a verso's text block sits 18 mm further right than a recto's


def right_edges(built: Build, pages) -> list[float]:
    """The right edge of every page number set at a line's end on these pages (folios aside), as on a recto
    (physical pages 1, 3 … are rectos: the cover is page 1)."""
    edges = []
    with plumbed(built.pdf) as pdf:
        for n in pages:
            page = pdf.pages[n]
            words = page.extract_words()
            body = [w for w in words if w["bottom"] < page.height - 20 * 72 / 25.4]      # above the folio
            for w in body:
                if re.fullmatch(r"\d+|[ivxl]+", w["text"]) and not any(
                        v["x0"] > w["x1"] and abs(v["top"] - w["top"]) < 2 for v in body):
                    edges.append(round(w["x1"] - (MARGIN_SHIFT if n % 2 else 0), 1))
    return edges


def test_contents_and_lists_set_their_page_numbers_flush_at_the_same_right_edge(built: Build):
    pages = outline_pages(built)
    contents = right_edges(built, pages["Contents"])
    lists = right_edges(built, [*pages["Figures"], *pages["Tables"]])
    assert contents and lists
    edge = max(contents)
    assert all(abs(e - edge) < 1 for e in contents), sorted(set(contents))
    assert all(abs(e - edge) < 1 for e in lists), sorted(set(lists))


def test_no_list_entry_wraps_its_label_into_the_title(built: Build):
    """An added chart's label ("Chart added in this edition") is one line of its own, never broken."""
    pages = outline_pages(built)
    with plumbed(built.pdf) as pdf:
        for n in [*pages["Figures"], *pages["Tables"]]:
            lines = pdf.pages[n].extract_text().split("\n")
            for i, line in enumerate(lines):
                if "added in" in line:
                    assert re.search(r"(Chart|Figure|Table) added in this edition", line), (n + 1, lines[i:i + 2])


def test_the_abbreviations_leave_no_page_to_a_few_entries(built: Build, cleaned):
    pages = outline_pages(built)["Abbreviations and acronyms"]
    abbreviations = cleaned("abbreviations")
    listed = set(abbreviations[abbreviations["expansion"].notna()]["abbreviation"])
    last = {w for w in re.findall(r"[A-Za-z0-9-]+", built.pages[pages[-1]]) if w in listed}
    assert len(pages) == 1 or len(last) >= 6, (len(pages), sorted(last))


def test_the_contents_page_has_a_folio(built: Build):
    from pypdf import PdfReader
    page = outline_pages(built)["Contents"][0]
    label = PdfReader(built.pdf).page_labels[page]
    assert re.search(rf"\b{label}\s*$", built.pages[page].strip()), built.pages[page][-80:]
