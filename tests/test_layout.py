"""Pages a publisher prints: the built paper's tables, figures, paragraphs and pages, measured.

Reads the one shared build of the whole paper (`built`): the PDF with pdfplumber
(characters, drawings and their positions) and the book HTML with lxml. What
dpaper.layout mends in its passes (figures that float, table breaks) and what
print.css and the renderer see to (paragraphs, quotes, calls, addresses) is
checked here on the result, so that it stays so when the data change."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from test_print import CALL_PT, MM, TEXT_LEFT, _flat, digit_runs, footnote_pages

from conftest import Build, plumbed

pytestmark = pytest.mark.e2e

PAGE_H = 297 * MM
TEXT_TOP, TEXT_FOOT = 24 * MM, (297 - 26) * MM        # print.css @page margins: the text block
HALF = 0.5                                            # a page of running text is not more than half empty


@cache
def book(path: Path):
    import lxml.html
    return lxml.html.parse(str(path)).getroot()


@cache
def pdf_pages(pdf: Path) -> list[dict]:
    """Per page: its running head (text above the text block), the foot of what is set in the text block
    above the notes, the top of the notes, and the captions it prints ("Figure 3.1.3", top)."""
    notes = {}
    for page, _, top, _, _ in [r for r in digit_runs(pdf) if r[1] == 7.5 and any(abs(r[3] - x) < 0.5
                                                                                 for x in TEXT_LEFT)]:
        notes[page] = min(top, notes.get(page, top))
    out = []
    with plumbed(pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            limit = notes.get(number, TEXT_FOOT) - 3 * MM
            chars = [c for c in page.chars if TEXT_TOP - 2 < c["top"] < limit]
            shapes = [s for s in page.rects + page.curves + page.lines + page.images
                      if TEXT_TOP - 2 < s["top"] and s["bottom"] < limit and s["bottom"] - s["top"] < PAGE_H * 0.9]
            bottom = max([c["bottom"] for c in chars] + [s["bottom"] for s in shapes], default=TEXT_TOP)
            head = "".join(c["text"] for c in page.chars if c["top"] < TEXT_TOP - 2).strip()
            lines: dict[int, str] = {}
            for c in page.chars:
                if "Sans" in c["fontname"] and "Bold" in c["fontname"] and round(c["size"], 1) == 9.0:
                    lines[round(c["top"])] = lines.get(round(c["top"]), "") + c["text"]
            captions = [(m.group(0), top) for top, text in lines.items()
                        if (m := re.match(r"Figure [\d.]+\d", text))]
            out.append({"head": head, "bottom": bottom, "limit": limit, "text": bool(page.chars),
                        "captions": captions, "shapes": shapes})
    return out


# ---------- figures ----------

def test_every_figure_prints_on_the_page_of_its_caption(built: Build):
    """A caption with nothing drawn above it on its page has lost its figure to the page before."""
    html = book(built.path("book.html"))
    figures = [f for f in html.iter("figure") if "table" not in f.get("class", "").split()
               or "table-figure" in f.get("class", "").split()]
    pages = pdf_pages(built.pdf)
    found, apart = 0, []
    for number, page in enumerate(pages, 1):
        if number <= 14 and not page["head"]:
            continue                                          # the list of figures names them too
        for label, top in page["captions"]:
            found += 1
            above = [s for s in page["shapes"] if s["bottom"] <= top + 1 and s["bottom"] > top - 40 * MM]
            if not above:
                apart.append(f"{label} (caption on page {number}, its drawing not above it)")
    assert found >= len(figures) - 2, (found, len(figures))     # a caption that runs onto two lines
    assert not apart, apart


def test_a_figure_follows_its_first_mention_within_two_pages(built: Build):
    """Figures float on past the text after them (dpaper.layout), but never far from where they are cited."""
    html = book(built.path("book.html"))
    pages = [_flat(p) for p in built.pages]
    far = []
    for figure in html.iter("figure"):
        label = figure.find(".//span[@class='label']")
        if label is None or not label.text.startswith("Figure"):
            continue
        # where the text first names it (not the list of figures) and where its caption prints
        named = [i for i, p in enumerate(pages) if re.search(rf"{re.escape(label.text)}(?![\d.]\d)", p) and i > 14]
        if len(named) < 2:
            continue
        printed = next((i for i, p in enumerate(pages) if re.search(rf"{re.escape(label.text)} [A-Z“]", p)
                        and i > 14), None)
        if printed is not None and printed > named[0] and printed - named[0] > 2:
            far.append(f"{label.text}: named on page {named[0] + 1}, printed on page {printed + 1}")
    assert not far, far


# ---------- pages ----------

def test_no_page_of_running_text_is_more_than_half_empty_unless_its_unit_ends_there(built: Build):
    """Every page of running text bears a running head, and so does the next one unless a unit (chapter, case
    study, back matter) ends on it: the next page then opens a unit, without a head, or is blank. Only that
    last page of a unit may end short; any other is at most half empty, measured from the top of its text
    block to the foot of what it sets there (text, drawings, table rules), above its footnotes. None is:
    figures move on past the text after them, headings included (dpaper.layout), and a table's notes may
    run on to the next page between two notes."""
    pages = pdf_pages(built.pdf)
    short, ends = [], 0
    for number, (page, nxt) in enumerate(zip(pages, pages[1:]), 1):
        if not page["head"]:
            continue                                      # an opener, the front matter, a cover
        if not nxt["head"]:
            ends += 1                                     # its unit's last page
            continue
        empty = (page["limit"] - page["bottom"]) / (TEXT_FOOT - TEXT_TOP)
        if empty > HALF:
            short.append(f"page {number}: {empty:.0%} empty")
    assert ends >= 8, ends                                # the units of the paper end: the measure sees them
    assert not short, short


def test_a_chapters_short_introduction_shares_its_page(built: Build):
    """Chapter 3's few lines of introduction do not stand alone on a page: its first case study follows."""
    pages = built.pages
    for i, text in enumerate(pages):
        if "This chapter follows" in text:
            assert "CASE STUDY 1" in text.upper() or len(text.split()) > 250, (i + 1, text[:300])


# ---------- tables ----------

BRAND, RULE = (0.0, 0.403922, 0.498039), (0.788235, 0.823529, 0.85098)   # print.css --brand, --rule


@cache
def table_rows(pdf: Path) -> list[tuple[int, int]]:
    """(page, rows) for each part of a table a page prints: the rules under its rows (print.css: a rule
    under each body row) counted below its header's rule (the brand colour, repeated on every page)."""
    out = []
    with plumbed(pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            segments = [(round(r["top"], 1), round(r["x0"], 1), tuple(round(v, 3) for v in r["stroking_color"]))
                        for r in page.lines + page.rects
                        if r["height"] < 2 and r["width"] > 5 and isinstance(r.get("stroking_color"), tuple)]
            heads = sorted({(y, x) for y, x, color in segments if color == tuple(round(v, 3) for v in BRAND)})
            firsts = {}
            for y, x in heads:
                firsts.setdefault(y, x)
            tops = sorted(firsts)
            for k, y in enumerate(tops):
                end = tops[k + 1] if k + 1 < len(tops) else float("inf")
                rows = {r for r, x, color in segments if color == tuple(round(v, 3) for v in RULE)
                        and x > firsts[y] - 1 and y < r < end}
                out.append((number, len(rows)))
    return out


def test_a_table_breaks_with_at_least_two_rows_on_either_side(built: Build):
    """No table leaves one row at a page foot before its "(continued)" header, or carries one row over."""
    html = book(built.path("book.html"))
    single = sum(1 for t in html.iter("table") if sum(len(b) for b in t.findall("tbody")) == 1)
    parts = table_rows(built.pdf)
    assert len(parts) >= 20, parts                      # the paper's tables, a part per page they print on
    alone = [f"page {p}: one row" for p, n in parts if n == 1]
    assert len(alone) <= single, (single, alone)


def test_table_3_1_1_has_no_row_deeper_than_seven_lines(built: Build):
    """Its long study titles and results take the width (print.css), not ten lines of a narrow column: every
    row on its pages, between two of the rules under the rows (8.5 pt type, 11.5 pt a line), is at most
    seven lines and its padding deep."""
    import pdfplumber
    caption = re.compile(r"Table 3\.1\.1[ \n]+(Studies|\(continued)")
    pages = [i for i, p in enumerate(built.pages) if i > 14 and caption.search(p)]
    assert pages
    deep = []
    with pdfplumber.open(built.pdf) as doc:
        for i in pages:
            page = doc.pages[i]
            key = tuple(round(v, 3) for v in RULE)
            rules = sorted({round(r["top"], 1) for r in page.lines + page.rects if r["height"] < 2 and r["width"] > 5
                            and isinstance(r.get("stroking_color"), tuple)
                            and tuple(round(v, 3) for v in r["stroking_color"]) == key})
            deep += [f"page {i + 1}: a row {(b - a) / MM:.0f} mm deep" for a, b in zip(rules, rules[1:])
                     if (b - a) > 7 * 11.5 + 3 * MM + 2]
    assert not deep, deep


def test_a_merged_cell_repeats_its_label_on_the_page_a_table_continues(built: Build):
    """Table 4.2's "Others": a continued page does not open on rows without their label."""
    html = book(built.path("book.html"))
    pages = [_flat(p) for p in built.pages]
    merged = 0
    for figure in html.iter("figure"):
        table = figure.find("table")
        if table is None or "merged" not in table.get("class", ""):
            continue
        merged += 1
        label = figure.find(".//span[@class='label']").text
        names = {" ".join(th.text_content().split()[:2]) for th in table.iter("th") if th.get("scope") == "row"}
        for i, page in enumerate(pages):
            if i > 14 and f"{label} (continued)" in page and not re.search(rf"{re.escape(label)} [A-Z]", page):
                body = page.split(f"{label} (continued)", 1)[1]
                assert any(n in body for n in names), (label, i + 1, body[:200])
    assert merged >= 2


def test_a_table_note_is_never_cut_mid_sentence(built: Build):
    html = book(built.path("book.html"))
    pages = [_flat(p) for p in built.pages]
    for note in html.iter("p"):
        if note.get("class") != "table-note":
            continue
        words = " ".join(note.text_content().replace("\u2060", "").split()).split()
        if len(words) < 12:
            continue
        head, tail = " ".join(words[2:6]), " ".join(words[-4:])
        assert any(head in p and tail in p for p in pages), (head, tail)


def test_formulas_in_tables_have_their_subscripts(built: Build):
    html = built.path("book.html").read_text(encoding="utf-8")
    cells = "".join(re.findall(r"<td[^>]*>.*?</td>", html, re.S))
    assert "CO<sub>2</sub>" in cells
    assert not re.search(r"\b(CO|SO)2\b", cells), re.findall(r".{30}\b(?:CO|SO)2\b.{10}", cells)


# ---------- paragraphs and type ----------

PARAGRAPHS = {"p", "li", "dt", "dd", "td", "th", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = PARAGRAPHS | {"div", "section", "figure", "aside", "body", "blockquote", "ol", "ul", "dl", "table",
                       "tr", "tbody", "thead", "nav", "header", "footer"}


def test_every_piece_of_running_text_is_set_in_a_paragraph_or_list(built: Build):
    """A `{%-` after a figure call once ran the next paragraph into the figure's HTML block (Case Study 1)."""
    html = book(built.path("book.html"))
    loose = []
    for section in html.iter("section"):
        if "chapter" not in section.get("class", "").split():
            continue
        for el in section.iter():
            if not isinstance(el.tag, str) or el.tag in ("svg", "style", "script"):
                continue
            if any(a.tag == "svg" or "placeholder" in a.get("class", "") for a in [el, *el.iterancestors()]):
                continue
            for text in [el.text, *(c.tail for c in el)]:
                if not text or not text.strip():
                    continue
                node = el
                while node.tag not in BLOCKS:
                    node = node.getparent()
                if node.tag not in PARAGRAPHS:
                    loose.append(f"{section.get('id')}: <{node.tag}> holds {text.strip()[:60]!r}")
    assert not loose, loose[:10]


def test_quotes_and_apostrophes_are_typographic_everywhere(built: Build):
    """Body, captions, notes, table cells, lists and running heads (straight quotes only in code)."""
    html = book(built.path("book.html"))
    straight = []
    for el in html.find("body").iter():
        if not isinstance(el.tag, str) or el.tag in ("svg", "style", "script", "code"):
            continue
        if any(a.tag in ("svg", "code") for a in el.iterancestors()):
            continue
        for text in (el.text, el.tail):
            if text and re.search(r"[\"']", text):
                straight.append(text.strip()[:60])
        if re.search(r"[\"']", el.get("data-running", "")):
            straight.append(el.get("data-running"))
    assert not straight, straight[:10]
    assert "“" in built.text and "’" in built.text
    # attributes stay as they are: the versos' running head is the book's title (the body's data-booktitle)
    title = html.find("body").get("data-booktitle")
    assert title and sum(title in p for p in built.pages) > 20, title


def test_the_labels_of_drawn_figures_have_typographic_quotes(built: Build):
    """Timelines, diagrams, maps and charts: the text they draw, as print and web show it (figures.draw)."""
    from dpaper.typography import SVG_TEXT
    svgs = sorted(built.path("figures").glob("*.svg"))
    texts = {svg.stem: [m.group(2) for m in SVG_TEXT.finditer(svg.read_text(encoding="utf-8"))] for svg in svgs}
    straight = [f"{k}: {t!r}" for k, ts in texts.items() for t in ts if re.search(r"[\"']|&#3[49];|&quot;|&apos;", t)]
    assert len(svgs) > 20 and not straight, straight[:10]
    assert sum("\u2019" in t for ts in texts.values() for t in ts) > 10      # "the city’s own", "Mayor’s award"


def test_a_lettered_item_is_not_a_copyright_sign(built: Build):
    html = book(built.path("book.html"))
    text = " ".join(s.text_content() for s in html.iter("section") if "kind-case-study" in s.get("class", ""))
    assert "source (c)" in text and "©" not in text


def test_no_web_address_is_hyphenated_at_a_line_end(built: Build):
    html = book(built.path("book.html"))
    urls = {a.text_content() for a in html.iter("a") if a.get("href", "").startswith("http")}
    joined = "\n".join(built.pages).replace("\u2060", "")
    hyphenated = [f"{a}-/{b}" for a, b in re.findall(r"(\S+)-\n(\S+)", joined)
                  if "/" in a and any((a + b) in u and (a + "-" + b) not in u for u in urls)]
    assert urls and not hyphenated, hyphenated


def test_no_footnote_call_starts_a_line(built: Build):
    calls, _ = footnote_pages(built.pdf)
    assert calls
    starting = [(p, d) for p, size, _, x, d in digit_runs(built.pdf)
                if size == CALL_PT and any(abs(x - left) < 1.5 for left in TEXT_LEFT)]
    assert not starting, starting


def test_no_hard_line_break_inside_a_sentence(built: Build):
    """A line of running text of one or two words that does not end its paragraph ("nomy," on p. 53)."""
    stubs = []
    with plumbed(built.pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            lines: dict[float, list] = {}
            for c in sorted(page.chars, key=lambda c: c["top"]):
                if "Serif" in c["fontname"] and round(c["size"], 1) == 10.5:
                    top = next((t for t in lines if abs(t - c["top"]) < 3), c["top"])
                    lines.setdefault(top, []).append(c)
            tops = sorted(lines)
            for a, b in zip(tops, tops[1:]):
                text = "".join(c["text"] for c in lines[a]).strip()
                if b - a < 16 and len(text) < 12 and not re.search(r"[.:;!?”)]$", text):
                    stubs.append(f"page {number}: {text!r}")
    assert not stubs, stubs


LOOSE = 3.0     # a justified line's word spaces, on average, at most this many times the text's own
WORST = 5.0     # and none beyond this (today's worst: 4.0x)


def test_no_justified_line_is_loose(built: Build):
    """Word spaces of the running text's justified lines (those that reach the text block's right edge; a
    paragraph's last line is set ragged) against the natural space, the median of the ragged lines': a
    line stretched beyond LOOSE times it reads as a river of white. Today about 1 % of the justified lines
    still are (18 of 1,870, most before a place name, never hyphenated, or a range of years; a name of
    ordinary words may hyphenate: dpaper.hyphens): the allowance keeps it so; none may pass WORST."""
    import statistics

    import pdfplumber
    natural, loose, justified = [], [], 0
    with pdfplumber.open(built.pdf) as doc:
        for number, page in enumerate(doc.pages, 1):
            lines: dict[float, list] = {}
            for w in page.extract_words(extra_attrs=["fontname", "size"]):
                key = next((k for k in lines if abs(k - w["bottom"]) < 2.5), w["bottom"])
                lines.setdefault(key, []).append(w)
            body = [sorted(ws, key=lambda w: w["x0"]) for ws in lines.values()
                    if sum(len(w["text"]) for w in ws if "Serif" in w["fontname"] and round(w["size"], 1) == 10.5)
                    > 0.8 * sum(len(w["text"]) for w in ws)]
            if not body:
                continue
            right = max(ws[-1]["x1"] for ws in body)
            for ws in body:
                gaps = [b["x0"] - a["x1"] for a, b in zip(ws, ws[1:])]
                if len(gaps) < 2:
                    continue
                if ws[-1]["x1"] < right - 15:
                    natural += gaps                                 # ragged: a paragraph's last line
                elif ws[-1]["x1"] > right - 1.5:
                    justified += 1
                    loose.append((statistics.mean(gaps), number, " ".join(w["text"] for w in ws)))
    space = statistics.median(natural)
    assert justified > 1000 and 2 < space < 3, (justified, space)      # 10.5 pt Source Serif: about 2.45 pt
    assert statistics.median(g for g, _, _ in loose) < 1.6 * space       # most lines are set close
    worst = sorted((f"page {n}: {g / space:.1f}× {t[:50]!r}" for g, n, t in loose if g > LOOSE * space), reverse=True)
    assert len(worst) <= 0.015 * justified, worst
    assert max(g for g, _, _ in loose) <= WORST * space, worst[:3]
