"""The whole book against the 2018 edition: every unit, heading, table, figure caption and footnote, and what
is lost stated as lost (tests/book/book.yaml, derived from ../shared/source/inventory.md); every figure, table
and box mention a live reference, and every reference, in the book and across the web edition's pages,
resolving to its target.

Each test collects every problem before it fails and says it one line each, naming the unit and the item, so
a unit still to be written (a placeholder) shows exactly what it lacks.
"""
from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = yaml.safe_load((ROOT / "tests/book/book.yaml").read_text(encoding="utf-8"))
UNITS = BOOK["units"]
MANIFESTS = ROOT / "tests/manifests"
MENTION = re.compile(r"\b(?:Figure|Table|Box)\s+\d+(?:\.\d+)*")


def norm(text: str) -> str:
    """PDF or HTML text for comparison: hyphenation at line ends undone, quotes plain, whitespace single."""
    text = re.sub(r"[\u2010\u00ad-]\n(?=[a-z])", "", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "}))
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def plain(fragment: str) -> str:
    return norm(htmllib.unescape(re.sub(r"<[^>]+>", "", fragment)))


def problems_say(problems: list[str]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def index(built):
    return json.loads(built.path("labels.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pdf_text(built):
    return norm(built.text)


def unit_name(u: dict) -> str:
    return f"{u['id']} ({u['label']})"


# -- the manifest itself: derived from the inventory's counts ------------------------------------------------
def test_the_book_manifest_has_the_inventorys_counts():
    tables = sum(len(u.get("tables", [])) + len(u.get("table_figures", [])) for u in UNITS)
    captions = sum(len(u.get("figures", [])) for u in UNITS) + 1   # + Table 3.2.4, a "Figure 3.2.4" in 2018
    assert tables == 15, "inventory §2: 13 numbered tables and the two printed as figures"
    assert captions == 57, "inventory §3: 57 figure captions"
    assert sum(u["footnotes"] for u in UNITS) == 123, "inventory §4: 123 footnotes survive"
    assert sum(len(u["headings"]) for u in UNITS) == 0 + 9 + 19 + 14 + 22 + 17 + 11 + 10


def test_the_book_has_every_unit_in_order(index):
    expected = BOOK["front"] + [u["id"] for u in UNITS] + BOOK["back"]
    found = [c["id"] for c in index["chapters"]]
    missing = [f"unit {u}: expected in the contents, found no such unit" for u in expected if u not in found]
    assert not missing and found == expected, problems_say(missing or [f"order: expected {expected}, found {found}"])
    labels = {c["id"]: c["label"] for c in index["chapters"]}
    wrong = [f"{u['id']}: expected the label {u['label']!r}, found {labels[u['id']]!r}" for u in UNITS
             if labels[u["id"]] != u["label"]]
    assert not wrong, problems_say(wrong)


# -- headings -------------------------------------------------------------------------------------------------
def test_every_heading_of_every_unit_is_in_the_pdf_in_order(index, pdf_text):
    """Each unit has the 2018 edition's sections, numbered as there (titles as the unit's own manifest words
    them, where it has one), and the PDF prints each "number title" in order."""
    chapters = {c["id"]: c for c in index["chapters"]}
    problems = []
    for u in UNITS:
        sections = chapters[u["id"]]["sections"]
        want = [str(n) for n, _ in u["headings"]]
        have = [s["number"] for s in sections]
        if have != want:
            lacking = [f"{n} {t}" for n, t in u["headings"] if str(n) not in have]
            extra = [n for n in have if n not in want]
            problems.append(f"{unit_name(u)}: expected {len(want)} sections, found {len(have)}"
                            + (f"; missing: {'; '.join(lacking)}" if lacking else "")
                            + (f"; not in the 2018 edition: {', '.join(extra)}" if extra else "")
                            + ("" if have or not want else " (the unit is still a placeholder)"))
            continue
        manifest = MANIFESTS / f"{u['id']}.yaml"
        if manifest.exists():
            titles = yaml.safe_load(manifest.read_text(encoding="utf-8"))["headings"]
            if [s["title"] for s in sections] != titles:
                problems.append(f"{unit_name(u)}: headings differ from tests/manifests/{manifest.name}")
        start = pdf_text.find(norm(chapters[u["id"]]["title"]))
        pos = start
        for s in sections:
            heading = norm(f"{s['number']} {s['title']}")
            found = pdf_text.find(heading, pos)
            if found < 0:
                problems.append(f"{unit_name(u)}: section {heading!r} not found in the PDF after "
                                f"{'the opener' if pos == start else 'the section before it'}")
            else:
                pos = found
    assert not problems, problems_say(problems)


# -- tables and figures ------------------------------------------------------------------------------------------
def test_every_table_and_figure_caption_is_in_the_pdf(index, pdf_text):
    """The tables (14 numbered, Table 2.2 kept as a lost slot) and the figure captions (56 figures, Figure 3.5.2
    a table printed as a figure), each numbered in its unit and printed with its caption."""
    problems, tables, captions = [], 0, 0
    for u in UNITS:
        mine = [(k, v["text"]) for k, v in index["labels"].items() if v["chapter"] == u["id"]]
        lost = [item["item"] for item in u.get("lost", []) if re.fullmatch(r"(Table|Figure) [\d.]+", item["item"])]
        for kind, want in (("tab", u.get("tables", []) + [x for x in lost if x.startswith("Table")]),
                           ("fig", u.get("figures", []) + [x for x in lost if x.startswith("Figure")])):
            have = [t for k, t in mine if k.startswith(kind + ":") and "added" not in t]
            for label in want:
                if label not in have:
                    problems.append(f"{unit_name(u)}: expected {label}, found no such {kind} label"
                                    f" (found: {', '.join(have) or 'none'})")
                elif not re.search(re.escape(label) + r" \S", pdf_text):
                    problems.append(f"{unit_name(u)}: {label} has no caption in the PDF")
                elif label not in lost:
                    tables += kind == "tab"
                    captions += kind == "fig"
            problems += [f"{unit_name(u)}: {t} is not in the 2018 edition" for t in have if t not in want]
        for label in u.get("table_figures", []):
            key = next((k for k, t in mine if t == label), None)
            if key is None or index["labels"][key]["kind"] != "fig":
                problems.append(f"{unit_name(u)}: expected {label} to be a table printed as a figure")
            else:
                tables += 1
    assert not problems, problems_say(problems)
    assert tables == 15 and captions + 1 == 57      # Table 3.2.4's caption is the 2018 edition's second 3.2.4


# -- footnotes ---------------------------------------------------------------------------------------------------
FOOTNOTE = re.compile(r'<span class="footnote"[^>]*>(.*?)</span>(?=<|\s|$)', re.S)


def test_every_unit_keeps_its_footnotes_numbered_from_one(built, pdf_text):
    """Print: each footnote is printed at the page foot with its number within the unit (1, 2 …); web: the
    unit's notes are numbered 1 … n; each unit has at least the footnotes that survive of the 2018 edition,
    those that named a table's or figure's source now in its Source line."""
    problems, total = [], 0
    for u in UNITS:
        part = built.path(f"parts/{u['id']}.html").read_text(encoding="utf-8")
        notes = re.split(r'<span class="footnote"[^>]*>', part)[1:]      # the 2018 notes and the editors' few
        n = len(notes)
        # a 2018 footnote that gave a table's or figure's source prints in its "Source:" line (one convention)
        carried = n + part.count('<span class="source-ref">')
        total += min(carried, u["footnotes"])
        if carried < u["footnotes"]:
            problems.append(f"{unit_name(u)}: expected at least {u['footnotes']} footnotes (the 2018 edition's), "
                            f"found {n} and {carried - n} in Source lines")
        web = built.path(f"web/{u['id']}.html").read_text(encoding="utf-8")
        ids = [int(i) for i in re.findall(r'<li id="fn-(\d+)">', web)]
        if ids != list(range(1, n + 1)):
            problems.append(f"{unit_name(u)}: web notes numbered {ids[:5]}…, expected 1 to {n}")
        for i, note in enumerate(notes, 1):
            words = " ".join([w for w in plain(note.split("</span>")[0]).split() if len(w) <= 25][:4])
            if words and f"{i} {words}" not in pdf_text:
                problems.append(f"{unit_name(u)}: footnote {i} ({words} …) not printed with its number {i}")
    assert not problems, problems_say(problems)
    assert total == 123


# -- what is lost --------------------------------------------------------------------------------------------
def test_what_is_lost_is_stated_as_lost(built, pdf_text, cleaned):
    problems = [f"{unit_name(u)}: {item['item']} is lost; expected the paper to say so ({item['stated']!r})"
                for u in UNITS for item in u.get("lost", []) if norm(item["stated"]) not in pdf_text]
    notes = built.path("web/editors-notes.html").read_text(encoding="utf-8")     # the log, in the web edition
    lost = cleaned("editor_notes")
    problems += [f"editors-notes: expected the decision {i} on lost content, found none"
                 for i in lost[lost["kind"] == "lost"]["id"] if f'id="log-{i.lower()}"' not in notes]
    assert not problems, problems_say(problems)


# -- references ----------------------------------------------------------------------------------------------------
def test_every_figure_table_and_box_mention_is_a_live_reference(built, index):
    """In the running text of every chapter and case study, "Figure/Table/Box N" is a link made by ref(); only
    what the 2018 edition lost (Figure 2.10) is named without one. Captions, tables and table notes (data) aside."""
    problems = []
    for c in index["chapters"]:
        if c["kind"] not in ("chapter", "case-study"):
            continue
        part = built.path(f"parts/{c['id']}.html").read_text(encoding="utf-8")
        prose = re.sub(r"<figure.*?</figure>|<aside.*?</aside>|<header.*?</header>|<a [^>]*>.*?</a>"
                       r"|<p class=\"lacuna[^\"]*\" id=.*?</p>"          # a lost item's own mark, as a caption
                       r"|<span class=\"footnote\">.*?</span>", " ", part, flags=re.S)
        for m in MENTION.finditer(plain(prose)):
            if m.group() not in BOOK["unlinked"]:
                problems.append(f"{c['id']}: {m.group()!r} is named without a reference (use ref())")
    assert not problems, problems_say(problems)


def test_every_reference_resolves_in_the_book_and_across_the_web_pages(built):
    book = built.path("book.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', book))
    problems = [f"book.html: link to #{h}, no such id" for h in re.findall(r'href="#([^"]+)"', book) if h not in ids]
    web = built.path("web")
    pages = {p.name: set(re.findall(r'\bid="([^"]+)"', p.read_text(encoding="utf-8"))) for p in web.glob("*.html")}
    for name, _ in pages.items():
        text = (web / name).read_text(encoding="utf-8")
        for page, anchor in re.findall(r'href="([a-z0-9-]*\.html)?#([^"]+)"', text):
            target = page or name
            if target not in pages:
                problems.append(f"web/{name}: link to {target}#{anchor}, no such page")
            elif anchor not in pages[target]:
                problems.append(f"web/{name}: link to {target}#{anchor}, no such id there")
    assert not problems, problems_say(problems)
