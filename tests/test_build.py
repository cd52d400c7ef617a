"""End to end: Snakemake builds the paper and the fixture edition in temporary directories; we read the PDFs.

The paper's content is read from the one shared build of the whole paper
(`built`); the workflow's properties (no-op, one-table rebuild, identical
bytes, another edition) are tested on the small fixture edition, so their
cost does not grow with the paper."""
from __future__ import annotations

import csv
import html as html_lib
import json
import re
import shutil

import pytest
from pypdf import PdfReader

from conftest import FIXTURE_CONFIG, Build, run_fixture, snakemake

pytestmark = pytest.mark.e2e


def norm(text: str) -> str:
    """PDF text with hyphenation, line breaks and spacing folded, for phrase searches."""
    text = re.sub(r"[\u2010\u00ad-]\n", "", text)
    return re.sub(r"\s+", " ", text)


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9]+", re.sub(r"[\u2010\u00ad-]\n", "", text))


def test_the_pdf_has_the_tables_values(built: Build):
    text = norm(built.text)
    assert "Table 3.2.1 Non-revenue water in major ASEAN cities" in text
    for row in ("Phnom Penh Cambodia 6.2% 2008", "Kuala Lumpur Malaysia 33.9% 2008", "Yangon Myanmar 45% 2012",
                "Singapore Singapore 4.4% 2008", "Bangkok Thailand 42.8% unknown"):
        assert row in text
    assert "Manila Water Company Inc. (east Manila) only" in text           # the table's note, from data
    assert "Table 3.2.3 Non-revenue water in the provincial cities of Cambodia" in text
    for row in ("Battambang 20% 11%", "Kampong Cham 11% 9%", "Kampong Thom 15% 11%", "Kampot 18% 11%",
                "Pursat 16% 11%", "Svay Rieng 13% 10%", "Sihanoukville 17% 13%", "Siem Reap 13% 8%"):
        assert row in text


def test_the_data_bound_sentences(built: Build):
    text = norm(built.text)
    assert "from 72% in 1993, the year of the master plan, the rate was down to 20% by 2003" in text
    assert "fell further, to 6.2% in 2008" in text
    assert "Siem Reap reached the lowest rate of the group, 8%, down from 13% in 2013" in text
    assert "30 expert posts filled under three JICA schemes and 20 PPWSA staff trained in Japan" in text
    assert "covers 678.46 km² and has about 1.5 million inhabitants" in text
    assert ("Of the ASEAN cities in Table 3.2.1, only Singapore reported a lower rate, and Phnom Penh’s figure "
            "is below even the 9.82% of Japan’s waterworks as a whole in fiscal 2013") in text


def test_footnotes_sit_at_the_foot_of_their_page_numbered_per_chapter(built: Build):
    opener = next(i for i, p in enumerate(built.pages) if "CHAPTER 1" in p)   # the chapter's title page
    intro = built.pages[opener + 1]                                           # its text starts overleaf
    body = norm(intro)
    assert "City-to-City Cooperation: Issues Arising from Experience" in body
    assert "Report of the First Session of the World Urban Forum" in body
    assert re.search(r"\n1 +United Nations Centre for Human Settlements", intro)
    assert re.search(r"\n2 +United Nations Centre for Human Settlements \(Habitat\)\. Report of the First", intro)
    assert re.search(r"\n3 +Ishinabe, N\. Analysis of International City-to-city Cooperation", intro)
    assert re.search(r"directly\.1,2\s", intro)
    # the case study restarts at 1: its first note is the city-facts page
    pp = next(p for p in built.pages if "CASE STUDY 2" in p)
    assert re.search(r"\n1 +Phnom Penh Capital Hall", pp)


def test_every_footnote_of_the_html_reaches_the_pdf(built: Build):
    html = built.path("book.html").read_text(encoding="utf-8")
    calls = html.count('class="footnote"')
    assert calls >= 8                          # the slice has at least its eight notes
    # each footnote body ends up as a line starting with its number at a page foot
    texts = re.findall(r'class="footnote"[^>]*>(.*?)</span>', html)
    assert len(texts) == calls
    pdf_words = " ".join(words(built.text))
    for body in texts:
        assert " ".join(words(html_lib.unescape(re.sub(r"<[^>]+>", "", body)))[:8]) in pdf_words, body


def test_contents_page_numbers_are_the_pages_of_the_headings(built: Build):
    pages = built.pages
    contents = next(p for p in pages if p.lstrip().startswith("Contents"))
    # a numbered title too long for one line continues on the next, where its leader and page are
    leader = re.compile(r"\.{3,}\s*(\d+|[ivxlc]+)$")
    lines: list[str] = []
    for line in contents.split("\n"):
        if lines and re.match(r"(Chapter|Case Study) \d+", lines[-1]) and not leader.search(lines[-1]) \
                and leader.search(line) and not re.match(r"(Chapter|Case Study) \d+", line):
            lines[-1] += " " + line
        else:
            lines.append(line)
    contents = "\n".join(lines)
    entries = re.findall(r"^(?:Chapter \d+|Case Study \d+)?\s*(.+?)\s*\.+\s*(\d+|[ivxlc]+)$", contents, re.M)
    index = json.loads(built.path("labels.json").read_text(encoding="utf-8"))
    # every unit after the contents (the Foreword precedes it), but the log of editorial decisions unless printed
    listed = [c["id"] for c in index["chapters"] if not c.get("before_contents")
              and (built.edition.print_log or not c.get("log"))]
    assert len(entries) == len(listed), contents
    for title, number in entries:
        # the page whose folio is `number` must carry the heading
        folio_pages = [p for p in pages if re.search(rf"(^|\n)\s*{number}\s*$", p.strip()) or
                       p.strip().endswith(f"\n{number}")]
        assert any(norm(title)[:30] in norm(p) for p in folio_pages), (title, number)


def test_pdf_metadata_and_fonts(built: Build):
    reader = PdfReader(built.pdf)
    meta = reader.metadata
    assert meta.title.startswith("Actions for a Sustainable Society")
    assert "Junko Akagi" in meta.author and "Yatsuka Kataoka" in meta.author
    assert str(meta.get("/CreationDate", "")).startswith("D:20180701")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    fonts = set()
    for page in reader.pages:
        for f in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(f.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(f.startswith(("Source-Serif-Pro", "Source-Sans-Pro")) for f in fonts), fonts
    outline = [o.title if not isinstance(o, list) else None for o in reader.outline]
    assert "Chapter 1 · Introduction" in outline and "Contents" in outline


def test_chapter_web_pages_stand_alone(built: Build):
    page = built.path("web/phnom-penh.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="assets/screen.css">' in page    # the web folder's own assets
    assert '<div class="svg" role="img" aria-label="Dot chart of non-revenue water' in page   # inline: the page's fonts
    assert '<figure class="timeline" id="fig-pp-cooperation-timeline"><div class="svg"' in page
    assert 'rel="prev" href="dalian.html"' in page            # navigation to the previous chapter
    assert '<section class="notes"' in page and 'id="fn-1"' in page  # notes at the end on screen
    assert (built.path("web/../figures/nrw-cambodia.svg")).is_file()
    intro = built.path("web/introduction.html").read_text(encoding="utf-8")
    assert 'href="kitakyushu.html#' in intro                         # cross-page reference


def test_cleaned_datasets_and_figure_data_sit_beside_the_pdf(built: Build):
    rows = list(csv.DictReader(open(built.path("data/nrw_asean.csv"), encoding="utf-8")))
    assert rows[0] == {"city": "Phnom Penh", "country": "Cambodia", "nrw_percent": "6.2", "year": "2008",
                       "note": "", "provenance": "Table 3.2.1 (2018 edition)"}
    fig = list(csv.DictReader(open(built.path("figures/nrw-cambodia.csv"), encoding="utf-8")))
    assert {"city": "Siem Reap", "nrw_percent_2013": "13.0", "nrw_percent_2015": "8.0"} in fig


def test_a_second_run_does_nothing(fixture_copy: Build):
    result = run_fixture(fixture_copy)
    assert result.returncode == 0
    assert "Nothing to be done" in result.stdout + result.stderr


def test_lint_reports_only_the_environment_suggestion(fixture: Build):
    result = snakemake(fixture.dir, "--lint")
    lints = re.findall(r"^\s+\* (.+?):?$", result.stdout + result.stderr, re.M)
    assert lints, result.stdout
    assert set(lints) == {"Specify a conda environment or container for each rule."}


def test_two_builds_in_different_directories_give_identical_bytes(fixture: Build, fixture_elsewhere: Build):
    """...and a project whose path has spaces builds as well as any."""
    other = fixture_elsewhere
    assert other.pdf.read_bytes() == fixture.pdf.read_bytes()
    for rel in ("figures/nrw-cambodia.svg", "book.html", "web/water.html", "data/nrw_cambodia.csv"):
        assert other.path(rel).read_bytes() == fixture.path(rel).read_bytes(), rel


def test_the_fixture_edition_exercises_every_mechanism(fixture: Build):
    text = norm(fixture.text)
    assert "points ahead to Table 2.1.1 on p. 4 and to Section 1" in text       # cross-reference, page reference
    assert "Case Study 1 Water in Cambodian cities" in text                      # a case study, numbered in its chapter
    assert "Siem Reap reached 8% in 2015." in text                               # data-bound prose
    assert "covers 678.46 km²; its water authority was founded in July 1997." in text   # fact(), event()
    assert "Table 2.1.1 Non-revenue water in the provincial cities of Cambodia" in text and "Siem Reap 13% 8%" in text
    assert "Box 1 A box" in text
    assert "Good Practices in Urban Water Management" in text                   # a citation footnote
    assert fixture.path("figures/nrw-cambodia.svg").is_file()


def test_one_edited_value_reaches_table_figure_and_sentence(fixture_copy: Build):
    raw = fixture_copy.dir / "data/raw/nrw_cambodia.csv"
    raw.write_text(raw.read_text().replace("Siem Reap,2015,8%", "Siem Reap,2015,7.5%"))
    result = run_fixture(fixture_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    ran = re.findall(r"\(Rule: (\w+)\)", result.stdout + result.stderr)
    assert sorted(set(ran)) == ["all", "book", "chapter", "clean", "data_dictionary", "epub", "figures_phnom_penh",
                                "pdf", "publish", "search", "web_files", "web_index"]   # the web folder follows, whole
    assert ran.count("chapter") == 1 and ran.count("clean") == 1, ran   # only the chapter and table that use it
    text = norm(fixture_copy.text)
    assert "Siem Reap 13% 7.5%" in text
    assert "Siem Reap reached 7.5% in 2015." in text
    fig = fixture_copy.path("figures/nrw-cambodia.csv").read_text()
    assert "Siem Reap,13.0,7.5" in fig
    assert "7.5%" in fixture_copy.path("figures/nrw-cambodia.svg").read_text()
    assert "Siem Reap,2015,7.5" in fixture_copy.path("web/data/nrw_cambodia.csv").read_text()


def test_moving_an_entry_of_the_contents_renumbers_everything(fixture_copy: Build):
    cfg = fixture_copy.dir / FIXTURE_CONFIG
    moved = cfg.read_text().replace("    - opening\n", "")
    cfg.write_text(moved.replace("      case-studies: [water]\n", "      case-studies: [water]\n    - opening\n"))
    result = run_fixture(fixture_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    text = norm(fixture_copy.text)
    assert "Chapter 1 Cases" in text and "Chapter 2 Opening" in text
    assert "Table 1.1.1 Non-revenue water in the provincial cities of Cambodia" in text
    assert "points ahead to Table 1.1.1" in text


def test_another_edition_builds_into_its_own_path(fixture_copy: Build):
    d = fixture_copy.dir
    shutil.copytree(d / "data/raw", d / "data/raw-next")
    raw = d / "data/raw-next/nrw_cambodia.csv"
    raw.write_text(raw.read_text().replace("Siem Reap,2015,8%", "Siem Reap,2015,5.9%"))
    cfg = (d / FIXTURE_CONFIG).read_text()
    for old, new in (("id: fixture", 'id: "next"'), ('date: "2018-07-01"', 'date: "2019-07-01"'),
                     ("slug: fixture-edition", "slug: next-edition"),
                     ("raw: data/raw", "raw: data/raw-next"), ("output: build/fixture", "output: build/next")):
        assert old in cfg, old
        cfg = cfg.replace(old, new)
    (d / "next.yaml").write_text(cfg)
    before = fixture_copy.pdf.read_bytes()
    result = snakemake(d, "--config", "edition_file=next.yaml")
    assert result.returncode == 0, result.stderr[-3000:]
    nxt = Build(d, result, out="build/next", pdf_name="next-edition.pdf")
    assert "Siem Reap reached 5.9% in 2015." in norm(nxt.text)
    assert "Siem Reap 13% 5.9%" in norm(nxt.text)
    assert fixture_copy.pdf.read_bytes() == before


def test_cover_title_page_and_colophon_carry_the_edition(built: Build):
    cover, title, back = norm(built.pages[0]), norm(built.pages[2]), norm(built.pages[-1])
    assert "IGES DISCUSSION PAPER" in cover and "Actions for a Sustainable Society" in cover and "July 2018" in cover
    assert "Institute for Global Environmental Strategies City of Kitakyushu" in title   # publishers, in order
    assert "International Village Center 3F" in back and "kitakyushu-info@iges.or.jp" in back
    assert "©2018 Institute for Global Environmental Strategies. All rights reserved." in back


def test_markup_in_a_reference_or_a_note_is_text_on_the_web_and_in_print(fixture_copy: Build):
    """The hole a hostile test found: a <script> in a reference's title was live in the web edition."""
    refs = fixture_copy.dir / "content/2018/references.yaml"
    refs.write_text(refs.read_text(encoding="utf-8").replace(
        '  title: "Good Practices in Urban Water Management: Decoding Good Practices for a Successful Future"\n',
        '  title: "Good Practices <script>alert(1)</script> in Urban Water"\n'), encoding="utf-8")
    notes = fixture_copy.dir / "content/2018/notes.yaml"
    notes.write_text(notes.read_text(encoding="utf-8").replace(
        "  text: Non-revenue water is water that brings in no fee income,",
        '  text: "<img src=x onerror=alert(2)> [click](javascript:alert(3))" # ', 1), encoding="utf-8")
    result = run_fixture(fixture_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    for page in ("web/opening.html", "parts/opening.html"):
        html = fixture_copy.path(page).read_text(encoding="utf-8")
        assert "<script>" not in html and "Good Practices &lt;script&gt;alert(1)&lt;/script&gt; in Urban Water" in html
    for page in ("web/water.html", "parts/water.html"):
        html = fixture_copy.path(page).read_text(encoding="utf-8")
        assert "<img src=x" not in html and 'href="javascript:' not in html
        assert "&lt;img src=x onerror=alert(2)&gt; [click](javascript:alert(3))" in html
    assert "Good Practices <script>alert(1)</script> in Urban Water" in norm(fixture_copy.text)
