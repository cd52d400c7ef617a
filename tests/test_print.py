"""The PDF as a designer and an accessibility auditor read it: the built paper's pages, characters and tags.

Every test reads the one shared build of the whole paper (`built`) with
pdfplumber (characters: font, size, position) or pikepdf (objects: the
structure tree, page labels, metadata)."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from conftest import Build, plumbed

pytestmark = pytest.mark.e2e

CALL_PT, MARKER_PT = 6.5, 7.5          # print.css: ::footnote-call and ::footnote-marker (Source Sans Pro Semibold)
MM = 72 / 25.4
TEXT_LEFT = (30 * MM, 48 * MM)         # print.css @page: the text block's left edge on rectos and versos


@cache
def digit_runs(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """(page, size, top, x0, digits) for each run of Semibold digits of the PDF, in reading order."""
    runs = []
    with plumbed(pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            run: list[dict] = []

            def flush():
                if run:
                    runs.append((number, round(run[0]["size"], 1), run[0]["top"], run[0]["x0"],
                                 "".join(c["text"] for c in run)))
                    run.clear()
            for c in page.chars:
                if not (c["text"].isdigit() and "Semi-Bold" in c["fontname"]):
                    flush()
                    continue
                if run and (round(c["size"], 1) != round(run[-1]["size"], 1) or abs(c["top"] - run[-1]["top"]) > 1
                            or c["x0"] - run[-1]["x1"] > 1):
                    flush()
                run.append(c)
            flush()
    return runs


def footnote_pages(pdf: Path) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(page, number) of every footnote call and of every footnote's number at a page foot, in order."""
    runs = digit_runs(pdf)
    calls = [(p, int(d)) for p, size, _, _, d in runs if size == CALL_PT]
    # a note's number hangs at the text block's left edge (chart labels of the same size do not)
    notes = [(p, int(d)) for p, size, _, x, d in runs
             if size == MARKER_PT and any(abs(x - left) < 0.5 for left in TEXT_LEFT)]
    return calls, notes


def test_every_footnote_prints_on_the_page_of_its_call(built: Build):
    calls, notes = footnote_pages(built.pdf)
    html = built.path("book.html").read_text(encoding="utf-8")
    assert len(calls) == len(notes) == html.count('class="footnote"'), (len(calls), len(notes))
    misplaced = [f"note {n} (call on page {p}) prints on page {q}" for (p, n), (q, m) in zip(calls, notes)
                 if (p, n) != (q, m)]
    assert not misplaced, misplaced
    # numbered per chapter: each run of calls starts at 1 and counts up
    for (_, a), (_, b) in zip(calls, calls[1:]):
        assert b == a + 1 or b == 1, (a, b)


# ---------- tables ----------

def _cells(html: str) -> list[tuple[str, list[list[str]]]]:
    """(label, rows of cell texts) of every table the book prints above its caption line."""
    import html as html_lib
    out = []
    head = r'<th scope="colgroup"[^>]*>(Table [\d.]+) \(continued\)</th>.*?</thead>(.*?)</table>'
    for label, body in re.findall(head, html, re.S):      # every row group: the first and last two rows are kept
        rows = [[html_lib.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<span class="tmark">.*?</span>', "", c)))
                 .replace("\u2060", "").split()
                 for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
                for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]
        out.append((label, rows))
    return out


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\u2010-]\n", "", text.replace("\u2060", "")))


def test_long_tables_break_between_rows_and_say_continued(built: Build):
    pages = [_flat(p) for p in built.pages]
    html = built.path("book.html").read_text(encoding="utf-8")
    tables = _cells(html)
    assert tables, "no table with a (continued) header row"
    spanning = 0
    for label, rows in tables:
        on = [i for i, p in enumerate(pages) if f"{label} (continued)" in p]
        assert on, label
        # the caption's page: the last page up to the first "(continued)" row that names the table
        # (the list of tables in the front matter names it too)
        caption_page = max(i for i in range(on[0] + 1) if re.search(rf"{re.escape(label)} [A-Z]", pages[i]))
        first = " ".join(rows[0][0][:3])
        # the caption is never alone, and there is no empty page between it and the table
        assert first in pages[caption_page], (label, caption_page + 1, first)
        spanning += len(on) > 1
        for row in rows:
            head, tail = " ".join(row[0][:3]), " ".join(row[-1][-2:])
            assert any(head in pages[i] and tail in pages[i] for i in on), (label, head, tail)
    assert spanning >= 1          # Table 3.1.1 runs over two pages: its header repeats there


# ---------- type ----------

def test_ranges_of_numbers_never_break_at_their_dash(built: Build):
    broken = re.findall(r"\d[\u2013-]\n\d", built.text.replace("\u2060", ""))
    assert not broken, broken
    html = built.path("book.html").read_text(encoding="utf-8")
    assert "2008\u2013\u20602015" in html or re.search(r"\d{4}\u2013\u2060\d{4}", html)


def test_names_from_the_data_are_not_hyphenated(built: Build):
    """Places and countries (proper names) are never broken; organisations' names are made of ordinary words
    ("People's Committee", "Cleansing Department") and may break like them (docs/decisions/126-loose-lines.md)."""
    import csv
    names = set()
    for row in csv.DictReader(built.path("data/cities.csv").open(encoding="utf-8")):
        names |= {row["name"], *filter(None, (row.get("aliases") or "").split(";"))}
    names |= {r["name"] for r in csv.DictReader(built.path("data/countries.csv").open(encoding="utf-8"))}
    words = {w for n in names for w in re.findall(r"\w{7,}", n)}
    split = [f"{a}-{b}" for a, b in re.findall(r"(\w+)-\n(\w+)", built.text) if a + b in words]
    assert not split, split
    assert built.path("book.html").read_text(encoding="utf-8").count('<span class="name">') > 100


def test_no_more_than_two_hyphenated_lines_in_a_row(built: Build):
    """WeasyPrint 70 has no hyphenate-limit-lines: dpaper.hyphens lays out again, keeping whole the word that
    would make a third hyphenated line. A compound broken at its own hyphen ("Short-Lived") does not count."""
    html = built.path("book.html").read_text(encoding="utf-8")
    words = set(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", html)))
    runs, run = [], []
    lines = built.text.split("\n")
    for line, nxt in zip(lines, lines[1:]):
        a, b = re.search(r"(\w+)-$", line.rstrip()), re.match(r"\s*(\w+)", nxt)
        if a and b and a.group(1) + b.group(1) in words and f"{a.group(1)}-{b.group(1)}" not in html:
            run.append(line)
            if len(run) == 3:
                runs.append(" / ".join(run))
        else:
            run = []
    assert not runs, runs


def test_the_third_hyphenated_word_is_kept_whole_in_its_paragraph_only():
    import xml.etree.ElementTree as ET

    from dpaper.hyphens import protect
    p = ET.fromstring('<p>environmental work, <span class="name">Kitakyushu</span> environmental aid,'
                      ' <b>environmental</b> <svg><text>environmental</text></svg> environmentally</p>')
    protect(p, "environmental")
    out = ET.tostring(p, encoding="unicode")
    assert out.count('<span class="name">environmental</span>') == 3      # text, a tail, inside <b>
    assert "<text>environmental</text>" in out and "environmentally" in out


@cache
def body_lines(pdf: Path) -> list[int]:
    """Characters per line of the body text (Source Serif at 10.5 pt), lines of at least 40 characters."""
    lengths = []
    with plumbed(pdf) as doc:
        for page in doc.pages:
            lines: dict[int, int] = {}
            for c in page.chars:
                if "Serif" in c["fontname"] and round(c["size"], 1) == 10.5:
                    lines[round(c["top"])] = lines.get(round(c["top"]), 0) + 1
            lengths += [n for n in lines.values() if n >= 40]
    return lengths


def test_body_lines_are_seventy_to_eighty_characters(built: Build):
    lengths = sorted(body_lines(built.pdf))
    median = lengths[len(lengths) // 2]
    assert 68 <= median <= 82, median


# ---------- pages ----------

def test_chapters_open_on_right_hand_title_pages_and_few_pages_are_blank(built: Build):
    from pypdf import PdfReader
    reader = PdfReader(built.pdf)
    labels = reader.page_labels
    pages = built.pages
    openers = [i for i, p in enumerate(pages) if re.match(r"\s*CHAPTER \d+\n", p)]
    assert len(openers) == sum(u.kind == "chapter" for u in built.edition.units), openers
    for i in openers:
        assert int(labels[i]) % 2 == 1, (i + 1, labels[i])          # a recto: odd folio
        assert len(pages[i].split()) < 40, pages[i][:200]             # a title page: label, title, authors
    blank = [i + 1 for i, p in enumerate(pages) if not p.strip()]
    assert len(blank) <= len(pages) // 10, blank


def test_page_labels_are_roman_before_chapter_one_and_arabic_from_it(built: Build):
    from pypdf import PdfReader
    labels = PdfReader(built.pdf).page_labels
    first = next(i for i, p in enumerate(built.pages) if re.match(r"\s*CHAPTER 1\n", p))
    assert labels[:3] == ["i", "ii", "iii"] and labels[first] == "1" and labels[first + 1] == "2"
    assert all(re.fullmatch(r"[ivxlc]+", x) for x in labels[:first])


def test_the_imprint_suggests_a_citation_from_the_edition(built: Build):
    imprint = _flat(next(p for p in built.pages if "Suggested citation" in p))
    ed = built.edition.meta
    assert re.search(rf"Suggested citation: Akagi, J\., Ota, J\., .*Nuzir, F\. A\. {ed['date'][:4]}\. "
                     rf"{re.escape(ed['title'])}: {re.escape(ed['subtitle'])}\. {re.escape(ed['series'])}\. "
                     r"Institute for Global Environmental Strategies and City of Kitakyushu\.", imprint), imprint


# ---------- accessibility and archiving ----------

def ua_problems(path: Path) -> list[str]:
    """What a PDF/UA-1 check of the structure finds wrong (the parts a validator would test that pikepdf can
    read: see docs/decisions/ for what only a full validator checks)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    from dpaper.pdfpost import _walk
    problems = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if root.get("/MarkInfo", {}).get("/Marked") is not True:
            problems.append("MarkInfo /Marked is not true")
        if not str(root.get("/Lang", "")):
            problems.append("no /Lang")
        if root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
            problems.append("DisplayDocTitle is not true")
        meta = pdf.open_metadata()
        if meta.get("pdfuaid:part") != "1":
            problems.append(f"XMP pdfuaid:part is {meta.get('pdfuaid:part')!r}")
        if not str(meta.get("dc:title", "")):
            problems.append("XMP dc:title missing")
        if not str(meta.get("xmpMM:DocumentID", "")).startswith("uuid:"):
            problems.append("XMP xmpMM:DocumentID missing")
        if "/ID" not in pdf.trailer:
            problems.append("no document /ID in the trailer")
        tree = root.StructTreeRoot
        doc = tree.K[0]
        elements = list(_walk(doc))
        reachable = {e.objgen for e in elements}
        nums = tree.ParentTree.Nums
        for i in range(0, len(nums), 2):
            if isinstance(nums[i + 1], Array):
                for mcid, e in enumerate(nums[i + 1]):
                    if isinstance(e, Dictionary) and e.objgen not in reachable:
                        problems.append(f"page {int(nums[i]) + 1}: marked content {mcid} belongs to no element")
        for e in elements:
            if e.S == Name.Figure and not str(e.get("/Alt", "")):
                problems.append(f"a Figure without /Alt (page {page_of(pdf, e)})")
            if e.S == Name.Note and "/ID" not in e:
                problems.append("a Note without /ID")
            if e.S == Name.TH and "/Scope" not in e.get("/A", {}):
                problems.append(f"a TH without /Scope (page {page_of(pdf, e)})")
            if e.S in (Name.NonStruct,) and e.P.objgen == doc.objgen:
                problems.append("a NonStruct at the top of the document")
        for n, page in enumerate(pdf.pages, 1):
            for a in page.get("/Annots") or []:
                if a.get("/Subtype") == Name.Link and not str(a.get("/Contents", "")):
                    problems.append(f"page {n}: a link without /Contents")
            if page.get("/Annots") and page.get("/Tabs") != Name.S:
                problems.append(f"page {n}: annotations but no /Tabs /S")
    return problems


def page_of(pdf, e) -> int | str:
    pg = e.get("/Pg")
    return next((i for i, p in enumerate(pdf.pages, 1) if pg is not None and p.objgen == pg.objgen), "?")


def test_the_pdf_is_tagged_pdf_ua_1(built: Build):
    assert ua_problems(built.pdf) == []


def test_tags_hold_footnotes_as_notes_and_running_heads_as_artifacts(built: Build):
    import pikepdf
    from pikepdf import Name

    from dpaper.pdfpost import _walk
    with pikepdf.open(built.pdf) as pdf:
        elements = list(_walk(pdf.Root.StructTreeRoot.K[0]))
        notes = [e for e in elements if e.S == Name.Note]
        html = built.path("book.html").read_text(encoding="utf-8")
        assert len(notes) == html.count('class="footnote"')
        # a chapter page: the running head and folio are pagination artifacts, not text of the structure
        page = pdf.pages[20]
        ops = pikepdf.parse_content_stream(page)
        tags = [operands[0] for operands, op in ops if op == pikepdf.Operator("BDC")]
        assert Name.Artifact in tags
        figures = [e for e in elements if e.S == Name.Figure]
        assert figures and all(str(e.Alt) for e in figures)
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "en"


def test_footnote_numbers_hang_left_of_their_text(built: Build):
    hang = 5 * MM                                      # print.css: .footnote margin-left / text-indent
    runs = [r for r in digit_runs(built.pdf) if r[1] == MARKER_PT and any(abs(r[3] - x) < 0.5 for x in TEXT_LEFT)]
    by_page: dict[int, list[float]] = {}
    for page, _, top, _, _ in runs:
        by_page.setdefault(page, []).append(top)
    wrong, lines_seen = [], 0
    with plumbed(built.pdf) as doc:
        for number, tops in by_page.items():
            page = doc.pages[number - 1]
            left = min(TEXT_LEFT, key=lambda x: abs(x - min(r[3] for r in runs if r[0] == number)))
            starts: dict[int, float] = {}
            for c in page.chars:
                if round(c["size"], 1) == MARKER_PT and c["top"] >= min(tops) - 1 and c["x0"] > left + 1 \
                        and "Semi-Bold" not in c["fontname"]:
                    key = round(c["top"])
                    starts[key] = min(starts.get(key, 1e9), c["x0"])
            for top, x in starts.items():
                lines_seen += 1
                if abs(x - (left + hang)) > 0.6:
                    wrong.append((number, top, round(x - left, 1)))
    assert lines_seen > 100 and not wrong, wrong[:10]
