"""Manuscript rendering: strict names, escaping of data, numbering, references, footnotes."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from dpaper.config import Unit
from dpaper.errors import BuildError
from dpaper.render import labels
from dpaper.render.chapter import Context, Renderer, render
from dpaper.render.citations import Bibliography, Notes
from dpaper.render.manuscript import read
from dpaper.tables import registry as table_registry
from dpaper.tables import render as render_table

ROOT = Path(__file__).resolve().parents[1]
TABLES = table_registry(ROOT / "tables")


def chapter_file(tmp_path: Path, body: str, name="ch", front="title: Test") -> Path:
    path = tmp_path / f"{name}.md"
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    return path


def render_one(tmp_path, body, datasets=None, mode="print", tables=frozenset({"nrw-asean"}),
               figures=frozenset({"nrw-cambodia"}), draft=False, front="title: Test"):
    path = chapter_file(tmp_path, body, front=front)
    index = labels.build([(Unit("ch", "chapter", "5"), path)], set(figures), set(tables))
    ctx = Context(tables=TABLES, src=read(path), chapter=index["chapters"][0], labels=index["labels"],
                  datasets=datasets or {}, bibliography=Bibliography(ROOT / "content/2018/references.yaml",
                                                                     "chicago-notes-bibliography"),
                  figures={"nrw-cambodia": {"alt": "a chart"}}, root=tmp_path, images=Path("img"),
                  out_dir=Path("build/x"), figures_dir=Path("build/x/figures"),
                  notes_file=Notes(ROOT / "content/2018/notes.yaml"), templates=ROOT / "templates", draft=draft)
    return render(ctx, mode)


def test_data_values_are_escaped_for_html_and_markdown(tmp_path):
    ds = pd.DataFrame({"name": pd.Series(["<script>alert(1)</script> *bold* [x](y)"], dtype="string")})
    html, _ = render_one(tmp_path, "Value: {{ data.d.rows[0].name }}\n", {"d": ds})
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *bold* [x](y)" in html


def test_unknown_names_stop_the_render_with_file_and_line(tmp_path):
    with pytest.raises(BuildError) as exc:
        render_one(tmp_path, "line one\n\n{{ nope }}\n")
    assert exc.value.problems == [f"{tmp_path}/ch.md:6: unknown name: 'nope' is undefined"]


def test_unknown_dataset(tmp_path):
    with pytest.raises(BuildError, match=r"ch.md:4: unknown dataset 'missing'"):
        render_one(tmp_path, "{{ data.missing.rows }}\n")


def test_sections_are_numbered_and_labelled(tmp_path):
    html, _ = render_one(tmp_path, "## One\n\n{#sec-two}\n## Two\n\n### Two a\n\nSee {{ ref('sec:two') }}.\n")
    assert '<h2 id="ch-s1"><span class="secnum">1</span> One</h2>' in html
    assert '<h2 id="sec-two"><span class="secnum">2</span> Two</h2>' in html
    assert '<h3 id="ch-s2-1"><span class="secnum">2.1</span> Two a</h3>' in html
    assert '<a class="xref" href="#sec-two">Section 2</a>' in html


def test_tables_figures_and_boxes_are_numbered_in_order(tmp_path):
    path = chapter_file(tmp_path, '{{ figure("nrw-cambodia", caption="c") }}\n{{ table("a", caption="x") }}\n'
                                  '{{ table("b", caption="y") }}\n{% call box("k", title="t") %}x{% endcall %}\n',
                        front="title: T")
    index = labels.build([(Unit("ch", "case-study", "3.2"), path)], {"nrw-cambodia"}, {"a", "b"})
    got = {k: v["text"] for k, v in index["labels"].items()}
    assert got == {"ch:ch": "Case Study 2", "fig:nrw-cambodia": "Figure 3.2.1", "tab:a": "Table 3.2.1",
                   "tab:b": "Table 3.2.2", "box:k": "Box 1"}


def test_duplicate_and_unknown_ids_are_reported_together(tmp_path):
    path = chapter_file(tmp_path, '{{ table("a", caption="x") }}\n{{ table("a", caption="x") }}\n'
                                  '{{ figure("nope", caption="c") }}\n')
    with pytest.raises(BuildError) as exc:
        labels.build([(Unit("ch", "chapter", "5"), path)], set(), {"a"})
    assert len(exc.value.problems) == 2
    assert "expected each label once, found 'tab:a' again" in exc.value.problems[0]
    assert "unknown figure 'nope'" in exc.value.problems[1]


def test_footnotes_float_in_print_and_collect_on_screen(tmp_path):
    body = 'Text.{{ cite("adb2012") }} More.{{ note("An *explanation*.") }}\n'
    html, notes = render_one(tmp_path, body)
    assert html.count('<span class="footnote">') == 2 and notes == []
    assert "Good Practices in Urban Water Management" in html
    web, notes = render_one(tmp_path, body, mode="web")
    assert '<sup class="fn-call" id="fnref-2"><a href="#fn-2">2</a></sup>' in web
    assert notes[1] == "An <em>explanation</em>."


def test_facts_format_with_their_unit(tmp_path):
    kf = pd.DataFrame({"key": ["x"], "value": [Decimal("9.82")], "unit": ["percent"],
                       "year": pd.array([2013], dtype="Int64"), "scope": ["s"]})
    html, _ = render_one(tmp_path, 'Rate {{ fact("x") }} in {{ fact("x").year }}.\n', {"key_figures": kf})
    assert "Rate 9.82% in 2013." in re.sub(r"<[^>]+>", "", html)
    assert '<span class="datum" title="s. Source: " data-row="key_figures#x">9.82%</span>' in html   # traceable
    with pytest.raises(BuildError, match="unknown key figure 'y'"):
        render_one(tmp_path, '{{ fact("y") }}\n', {"key_figures": kf})


def test_the_web_gets_values_as_buttons_tables_in_scrollers_and_its_lead_from_the_structure(tmp_path):
    """No HTML is re-read: a value's button and popover come from its text and source (numbered through the
    page), a table's scroller from the table's template, the page's summary from the
    first paragraph's tokens."""
    kf = pd.DataFrame({"key": ["x"], "value": [Decimal("9.82")], "unit": ["percent"], "year": [2013],
                       "scope": ["s"], "provenance": ["Table 3.2.1"], "qualifier": [None]})
    body = ('Rate *{{ fact("x") }}*.{{ note("Again " ~ fact("x") ~ ".") }} Then {{ fact("x").number }}.\n\n'
            '{{ table("nrw-asean", caption="c") }}\n')
    path = chapter_file(tmp_path, body)
    index = labels.build([(Unit("ch", "chapter", "5"), path)], set(), {"nrw-asean"})
    r = Renderer(Context(tables=TABLES, src=read(path), chapter=index["chapters"][0], labels=index["labels"],
                         datasets={"key_figures": kf, **NRW}, bibliography=None, figures={}, root=tmp_path,
                         images=Path("img"), out_dir=Path("build/x"), figures_dir=Path("build/x/figures"),
                         templates=ROOT / "templates"), "web")
    html = str(r.body())
    assert re.findall(r'popovertarget="src-(\d+)"', html) == ["1", "2"]
    assert ('<em><button type="button" class="datum" popovertarget="src-1" aria-describedby="src-1" '
            'data-row="key_figures#x">9.82%</button><span class="datum-source" id="src-1" popover role="note" '
            'data-pagefind-ignore><span class="datum-head">Where this comes from</span>'
            '<span class="datum-what">s</span><span class="datum-line"><span class="datum-k">Stated in:</span> '
            'Table 3.2.1</span><span class="datum-line"><span class="datum-k">In the data:</span> '
            '<a href="data.html#key_figures-x">key_figures</a> · '
            '<a class="datum-csv" href="data/key_figures.csv" download>CSV</a></span></span></em>') in html
    assert html.count('<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table>') == 1
    assert r.lead == "Rate 9.82%.1 Then 9.82%."
    assert "table-scroll" not in render_one(tmp_path, '{{ table("nrw-asean", caption="c") }}\n', NRW)[0]


def test_labels_index_of_the_shipped_manuscript():
    import yaml

    from dpaper.config import Edition
    ed = Edition(yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8")))
    from dpaper.figures import registry
    index = labels.build([(u, ROOT / "content/2018" / f"{u.stem}.md") for u in ed.units], registry(ROOT / "figures"),
                         TABLES)
    texts = {k: v["text"] for k, v in index["labels"].items()}
    assert texts["tab:nrw-asean"] == "Table 3.2.1"
    assert texts["tab:pp-cooperation"] == "Table 3.2.2"
    assert texts["tab:nrw-cambodia"] == "Table 3.2.3"
    assert texts["tab:cambodia-activities"] == "Table 3.2.4"
    assert texts["fig:pp-hun-sen-visit"] == "Figure 3.2.1"          # the 2018 edition's numbers
    assert texts["fig:pp-young-trainees"] == "Figure 3.2.7"
    assert texts["fig:nrw-cambodia"] == "Chart added in this edition"   # no number: the edition's stay its own
    assert texts["box:intercity"] == "Box 1"
    # every table in the list of tables has a title: Table 3.4.1's caption is computed, its declaration's stands
    assert all(e["title"] for e in index["labels"].values() if e["kind"] == "tab" and not e["lost"])
    assert index["labels"]["tab:hp-pilot-projects"]["title"].startswith("Pilot projects of the")
    json.dumps(index)  # serialisable as labels.json


def test_explanatory_notes_by_id(tmp_path):
    html, _ = render_one(tmp_path, 'A city.{{ note("ch2-fn1-ordinance-designated-city") }}\n')
    assert "An ordinance-designated city is one with 500,000 inhabitants or more" in html
    with pytest.raises(BuildError, match="unknown note 'ch2-fn99-nothing'"):
        render_one(tmp_path, '{{ note("ch2-fn99-nothing") }}\n')
    with pytest.raises(BuildError, match="is marked lost in"):
        render_one(tmp_path, '{{ note("ch2-fn17-lost") }}\n')


def test_events_give_dates_as_prose(tmp_path):
    ev = pd.DataFrame({"id": ["pp-ppwsa", "pp-phase"], "date": ["1997-07", "2003"],
                       "date_year": pd.array([1997, 2003], dtype="Int64"),
                       "end": pd.array([None, "2006"], dtype="string"),
                       "end_year": pd.array([None, 2006], dtype="Int64"), "label": ["PPWSA founded", "Phase 1"]})
    html, _ = render_one(tmp_path, 'Founded in {{ event("pp-ppwsa") }}; phase 1 ran {{ event("pp-phase").period }}.\n',
                         {"events": ev})
    assert "Founded in July 1997; phase 1 ran 2003–2006." in re.sub(r"<[^>]+>", "", html)
    assert 'title="PPWSA founded. Source: " data-row="events#pp-ppwsa">July 1997</span>' in html
    with pytest.raises(BuildError, match="unknown event 'pp-nope'"):
        render_one(tmp_path, '{{ event("pp-nope") }}\n', {"events": ev})


def test_the_manuscript_scan_finds_the_datasets_a_chapter_reads():
    from dpaper.render.manuscript import environment, read, scan
    s = scan(read(ROOT / "content/2018/phnom-penh.md"), environment())
    assert {"nrw_asean", "nrw_cambodia", "pp_water_indicators", "pp_technical_cooperation"} <= s.datasets
    assert s.roles == {"events", "key_figures"}     # fact() and event(): the datasets config roles names


def test_a_reference_without_author_names_its_title_once():
    bib = Bibliography(ROOT / "content/2018/references.yaml", "chicago-notes-bibliography")
    text = str(bib.format("kitakyushu1996-agenda21"))
    assert text.count("Agenda 21 Kitakyushu") == 1, text


NRW = {"nrw_asean": pd.DataFrame({
    "city": pd.Series(["Phnom Penh", "Manila"], dtype="string"),
    "country": pd.Series(["Cambodia", "Philippines"], dtype="string"),
    "nrw_percent": [Decimal("6.2"), Decimal("68")],
    "year": pd.Series([2008, None], dtype="Int64"),
    "note": pd.Series([None, "A <guess>."], dtype="string")})}


def test_a_table_block_is_one_line_with_lettered_notes_note_and_source(tmp_path):
    body = ('{{ table("nrw-asean", caption="Rates & *more*", note="Data *as printed*.", source="ADB <2012>",'
            ' cite="adb2012") }}\n\nAfter.\n')
    html, _ = render_one(tmp_path, body, NRW)
    block = html.split("\n")[0]
    # the caption has no footnote: a block's cite= is named in its source line
    assert block.startswith('<figure class="table" id="tab-nrw-asean"><figcaption><span class="label">Table 5.1'
                            '</span> Rates &amp; <em>more</em></figcaption>')
    # print: a first header row that repeats on the pages a long table runs on; a table of two rows never breaks
    assert ('<thead><tr class="continued"><th scope="colgroup" colspan="4">Table 5.1 (continued)</th></tr>'
            '<tr><th scope="col">City</th><th scope="col">Country</th>'
            '<th scope="col" class="num">Non-revenue water</th><th scope="col" class="num">Year</th>'
            '</tr></thead><tbody class="keep"><tr><th scope="row">Phnom Penh</th><td>Cambodia</td>'
            '<td class="num">6.2%</td><td class="num">2008</td></tr><tr><th scope="row">Manila'
            '<sup class="tnote">a</sup></th><td>Philippines</td><td class="num">68%</td>'
            '<td class="num">unknown</td></tr></tbody></table>'
            '<p class="table-note"><sup>a</sup> A &lt;guess&gt;.</p>'
            '<p class="table-note">Data <em>as printed</em>.</p>'
            '<p class="source">Source: ADB &lt;2012&gt;; <span class="source-ref">Chiplunkar, A., K. Seetharam, and '
            'C. K. Tan. <i>Good Practices in Urban Water Management') in block
    assert block.endswith("</p></figure>") and 'class="footnote"' not in block
    web, _ = render_one(tmp_path, body, NRW, mode="web")
    assert 'class="continued"' not in web and 'Source: ADB &lt;2012&gt;; <span class="source-ref">Chiplunkar' in web
    assert html.split("\n")[1:3] == ["<p>After.</p>", ""]


def test_figure_blocks_chart_photo_and_placeholder(tmp_path):
    (tmp_path / "img").mkdir()
    from PIL import Image
    Image.new("RGB", (30, 20)).save(tmp_path / "img" / "visit.jpg")   # a photograph is read (its size checked)
    (tmp_path / "build/x/figures").mkdir(parents=True)
    svg = '<?xml version="1.0"?>\n<svg viewBox="0 0 425.2 100">\n<text style="font-size: 7px">8%</text>\n</svg>\n'
    (tmp_path / "build/x/figures/nrw-cambodia.svg").write_text(svg)
    body = ('{{ figure("nrw-cambodia", caption="Chart", source="Ministry") }}\n\n'
            '{{ figure("visit", caption="A \\"visit\\"", image="visit.jpg") }}\n\n'
            '{{ figure("later", caption="Later", image="later.jpg") }}\n')
    html, _ = render_one(tmp_path, body, mode="print", figures={"nrw-cambodia", "visit", "later"}, draft=True)
    assert html.split("\n")[:3] == [
        '<figure class="chart" id="fig-nrw-cambodia"><img src="figures/nrw-cambodia.svg" alt="a chart">'
        '<figcaption><span class="label">Figure 5.1</span> Chart'     # the source in the caption: valid HTML
        '<p class="source">Source: Ministry</p></figcaption></figure>',
        '<figure class="photo" id="fig-visit"><img src="../../img/visit.jpg" alt="A &quot;visit&quot;">'
        '<figcaption><span class="label">Figure 5.2</span> A “visit”</figcaption></figure>',
        '<figure class="photo" id="fig-later"><div class="placeholder" style="width:38.0%;padding-top:25.33%" '
        'role="img" aria-label="Later"><span>Photograph to come</span></div>'
        '<figcaption><span class="label">Figure 5.3</span> Later</figcaption></figure>']
    web, _ = render_one(tmp_path, body, mode="web", figures={"nrw-cambodia", "visit", "later"}, draft=True)
    assert web.split("\n")[0].startswith(      # inline: the SVG's text uses the page's fonts
        '<figure class="chart" id="fig-nrw-cambodia"><div class="svg" role="img" aria-label="a chart" tabindex="0" '
        'style="--legible-phone:669px;--legible-wide:729px">'      # 7 px in 425.2: 11 px at 669 px (nh3's form)
        '<svg viewBox="0 0 425.2 100"> <text style="font-size: 7px">8%</text> </svg> </div>'
        '<p class="drawing-tools"><span class="scroll-hint">Scroll sideways for the rest of the drawing</span> '
        '<a href="figures/nrw-cambodia.svg">Open the drawing full size</a></p>')


def test_a_box_opens_and_closes_around_its_markdown(tmp_path):
    html, _ = render_one(tmp_path, '{% call box("k", title="What *is* it?") %}\nSome *text*.\n{% endcall %}\n')
    assert html == ('<aside class="box" id="box-k">\n<p class="box-title"><span class="label">Box 1</span> '
                    'What <em>is</em> it?</p>\n<p>Some <em>text</em>.</p>\n</aside>\n')


def test_page_references_print_the_page_or_say_what_they_point_to(tmp_path):
    body = "See {{ pageref('tab:nrw-asean') }}.\n\n{{ table('nrw-asean', caption='c') }}\n"
    html, _ = render_one(tmp_path, body, NRW)
    assert '<a class="pageref" href="#tab-nrw-asean"></a>' in html
    web, _ = render_one(tmp_path, body, NRW, mode="web")
    assert "pageref" not in web and "See." in web      # no pages on the web: nothing, nor the space before it
    body = ("In a table ({{ ref('tab:nrw-asean') }}, {{ pageref('tab:nrw-asean') }}).\n\n"
            "{{ table('nrw-asean', caption='c') }}\n")
    web, _ = render_one(tmp_path, body, NRW, mode="web")
    assert 'In a table (<a class="xref" href="#tab-nrw-asean">Table 5.1</a>).' in web


def test_chapter_pages_are_returned_not_written(tmp_path):
    from dpaper.render.pages import chapter_pages
    path = chapter_file(tmp_path, "Text.{{ cite('adb2012') }}\n")
    index = labels.build([(Unit("ch", "chapter", "5"), path)], set(), set())
    ctx = Context(tables=TABLES, src=read(path), chapter=index["chapters"][0], labels=index["labels"], datasets={},
                  bibliography=Bibliography(ROOT / "content/2018/references.yaml", "chicago-notes-bibliography"),
                  figures={}, root=tmp_path, images=Path("img"), out_dir=Path("build/x"),
                  figures_dir=Path("build/x/figures"), templates=ROOT / "templates")
    edition = {"language": "en", "title": "The paper", "copyright": "© us"}
    part, page = chapter_pages(ctx, edition, index["chapters"])
    assert part.startswith('<section class="chapter kind-chapter" id="ch-ch"') and part.endswith("</section>\n")
    assert '<span class="footnote">Chiplunkar' in part and 'class="notes"' not in part
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert '<li id="fn-1">Chiplunkar' in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ch.md"]   # nothing written


def test_an_unknown_citation_key_names_file_line_and_bibliography(tmp_path):
    with pytest.raises(BuildError) as exc:
        render_one(tmp_path, 'As argued before.{{ cite("nobody1999") }}\n')
    assert exc.value.problems == [f"{tmp_path}/ch.md:4: unknown citation key 'nobody1999': expected an id in "
                                  f"{ROOT}/content/2018/references.yaml"]


@pytest.mark.parametrize("front, problem", [
    ("title: T\nauthors: Yatsuka Kataoka", "authors: expected a list such as [A, B], found 'Yatsuka Kataoka'"),
    ("title: T\nnumber: 3.10", "number: expected no such key (kind and number come from the contents in config.yaml)"),
    ("title: T\nkind: chapter", "kind: expected no such key (kind and number come from the contents in config.yaml)"),
    ("- title: T", "expected the front matter to be a mapping of keys (title: ...), found list"),
    ("short: S", "expected 'title' in the front matter, found none"),
    ("title: T\nnumbered: maybe", "numbered: expected true or false, found 'maybe'"),
])
def test_front_matter_is_checked_against_its_schema(tmp_path, front, problem):
    path = chapter_file(tmp_path, "Text.\n", front=front)
    with pytest.raises(BuildError) as exc:
        read(path)
    assert [p.split(": ", 1)[1] for p in exc.value.problems] == [problem]
    assert exc.value.problems[0].startswith(f"{path}:")


def test_a_table_printed_as_a_figure_is_numbered_as_a_figure(tmp_path):
    from dpaper.figures.declare import FigureSpec
    path = chapter_file(tmp_path, '{{ figure("matrix") }}\n\n{{ table("nrw-asean", caption="T") }}\n')
    spec = FigureSpec("matrix", "table", "x", caption="The table as the 2018 edition printed it",
                      declaration={"table": "nrw-asean"})
    index = labels.build([(Unit("ch", "chapter", "5"), path)], {"matrix": spec}, {"nrw-asean"})
    ctx = Context(tables=TABLES, src=read(path), chapter=index["chapters"][0], labels=index["labels"], datasets=NRW,
                  bibliography=Bibliography(ROOT / "content/2018/references.yaml", "chicago-notes-bibliography"),
                  figures={}, root=tmp_path, images=Path("img"), out_dir=Path("build/x"),
                  figures_dir=Path("build/x/figures"), declared={"matrix": spec})
    html, _ = render(ctx, "print")
    first = html.split("\n")[0]
    assert first.startswith('<figure class="table table-figure" id="fig-matrix"><table>')
    assert '<figcaption><span class="label">Figure 5.1</span> The table as the 2018 edition printed it' in first
    assert "<td>Cambodia</td>" in first and "Table 5.1" in html


def test_table_specs_filter_rows_group_items_and_keep_a_lost_tables_place():
    """Tables 2.1 (grouped rows, lists), 2.3 (the awards rows marked for it) and 2.2 (lost: no data)."""
    from dpaper.tables import TableSpec
    awards = pd.DataFrame({"year": [1990, 2001, 2018], "award": ["A", "B", "C"], "organizer": ["x", "y", "z"],
                           "summary": ["s", "t", "u"], "in_table_2_3": pd.array([True, False, True], "boolean")})
    html, _ = render_table(TABLES["kk-acclaim"], awards)
    assert re.findall(r"<th scope=\"row\">(\d+)</th>", html) == ["1990", "2018"]
    wc = pd.DataFrame({"part": ["philosophy", "pillar", "pillar", "principle", "principle"],
                       "number": [1, 1, 2, 1, 2], "text": ["P", "a", "b", "one", "two"]})
    html, _ = render_table(TABLES["kk-world-capital"], wc)
    assert "<td>P</td>" in html and "<ul><li>a</li><li>b</li></ul>" in html
    assert "<ol><li>one</li><li>two</li></ol>" in html and html.count("<tr>") == 4
    with pytest.raises(BuildError, match="no row has part 'philosophy'"):
        render_table(TABLES["kk-world-capital"], wc[wc["part"] != "philosophy"])
    assert render_table(TableSpec("", lost=True), None) == ("", [])


def test_the_timeline_matrix_keeps_its_empty_year_and_leads_entries_with_their_letters():
    """Figure 3.5.2: tracks as columns, one row per year of the span (2011 has no data and keeps its row),
    entries of a cell one per line, each after its link letters; a row off the matrix is refused."""
    df = pd.DataFrame({"year": [2012, 2015, 2015, 2015], "entry": ["Kitakyushu", "IGES CCET", "Online", "Note"],
                       "track": ["fund-and-scheme", "fund-and-scheme", "environmental-education",
                                 "environmental-education"],
                       "scheme_letter": [None, ["c", "d"], ["c"], ["d"]]})
    html, notes = render_table(TABLES["md-timeline-matrix"], df)
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", html)
    assert [r[0] for r in rows] == ["2011<br>(Myanmar<br>Reformation)", "2012", "2013", "2014", "2015", "2016",
                                    "2017"]
    assert rows[0][1] == "<td></td>" * 6                                   # the empty 2011 row (D9)
    assert rows[1][1].startswith("<td>Kitakyushu</td>")                     # no letter, no brackets
    assert "<td>(c, d)\u00a0IGES CCET</td>" in rows[4][1]
    assert "<td>(c)\u00a0Online<br>(d)\u00a0Note</td>" in rows[4][1] and notes == []
    with pytest.raises(BuildError, match=r"track 'energy', year 2018: expected a track of fund-and-scheme"):
        render_table(TABLES["md-timeline-matrix"],
                     pd.concat([df, pd.DataFrame({"year": [2018], "entry": ["x"], "track": ["energy"],
                                                  "scheme_letter": [None]})]))


def test_a_table_printed_as_a_figure_takes_a_note_and_other_figures_refuse_one(tmp_path):
    from dpaper.figures.declare import FigureSpec
    path = chapter_file(tmp_path, '{{ figure("matrix", note="Letters tie *schemes* to work.") }}\n\n'
                                  '{{ figure("pic", note="x") }}\n')
    specs = {"matrix": FigureSpec("matrix", "table", "x", caption="M", declaration={"table": "nrw-asean"}),
             "pic": FigureSpec("pic", "photo", "x", caption="P")}
    index = labels.build([(Unit("ch", "chapter", "5"), path)], specs, {"nrw-asean"})
    ctx = Context(tables=TABLES, src=read(path), chapter=index["chapters"][0], labels=index["labels"], datasets=NRW,
                  bibliography=Bibliography(ROOT / "content/2018/references.yaml", "chicago-notes-bibliography"),
                  figures={}, root=tmp_path, images=Path("img"), out_dir=Path("build/x"),
                  figures_dir=Path("build/x/figures"), declared=specs, draft=True)
    with pytest.raises(BuildError, match="expected note= only on a table printed as a figure; found it on a photo"):
        render(ctx, "print")
    path.write_text(path.read_text().replace('{{ figure("pic", note="x") }}', ""), encoding="utf-8")
    html, _ = render(Context(**{**ctx.__dict__, "src": read(path)}), "print")
    assert '<p class="table-note">Letters tie <em>schemes</em> to work.</p><figcaption>' in html


def test_a_grouped_table_can_take_its_groups_from_the_data_and_keep_the_items_numbers():
    """Table 3.4.1: one row per sector in the data's order (the editors' grouping lives in the data),
    each project with its own number."""
    pilots = pd.DataFrame({"number": [1, 2, 4, 9], "sector": ["Waste", "Waste", "Energy", "Water"],
                           "project": ["Compost", "Heat", "Saving", "U-BCF"]})
    html, _ = render_table(TABLES["hp-pilot-projects"], pilots)
    assert re.findall(r'<th scope="row">([^<]+)</th>', html) == ["Waste", "Energy", "Water"]
    assert "<td>01\u2002Compost<br>02\u2002Heat</td>" in html and "<td>09\u2002U-BCF</td>" in html


def test_chapter_4_table_specs_merge_mark_date_amounts_and_nest():
    """Tables 4.1 (rows without measures left to the note, first column merged), 4.2 (agreements in their own
    column, dated), 4.4 (rows Table 2.3 lacks carry the sign) and 4.5 (nested groups, amounts from data)."""
    from decimal import Decimal

    plan = pd.DataFrame({"city_image": ["A", "A", "B", "C"], "measure": ["m1", "m2", "m3", None],
                         "example": ["e1", "e2", "e3", None]})
    html, _ = render_table(TABLES["ks-renaissance-plan"], plan)
    assert '<th scope="row" rowspan="2">A</th>' in html and html.count("<tr") == 4 and ">C<" not in html
    stake = pd.DataFrame({"type": ["administrative", "administrative"], "organisation": ["JICA", "KITA"],
                          "note": [None, "a note"], "agreement_date": ["2013-02", None],
                          "agreement": ["Partnership agreement", None]})
    html, _ = render_table(TABLES["ks-stakeholders"], stake)
    assert "<td>Partnership agreement, February 2013</td>" in html and "<td>KITA: a note</td><td></td>" in html
    assert "Administrative agencies and corporations" in html and 'class="merged"' in html
    awards = pd.DataFrame({"year": [1990, 2001], "award": ["A", "B"], "organizer": ["x", "y"], "summary": ["s", "t"],
                           "in_table_2_3": pd.array([True, False], "boolean"),
                           "in_table_4_4": pd.array([True, True], "boolean")})
    html, _ = render_table(TABLES["ks-assessments"], awards)
    assert html.count('class="marked"') == 1 and '2001<span class="tmark">†</span>' in html
    benefits = pd.DataFrame({"city": ["Dalian"] * 3 + [None] * 3 + ["Phnom Penh", "Surabaya", "Hai Phong", "Mandalay"],
                             "group": ["G", "G", None, "H", None, None, None, None, None, None],
                             "benefit": list("abcdefghij"),
                             "amount_jpy": [None, None, Decimal(200000000)] + [None] * 6 + [Decimal(20000000)],
                             "approximate": [False] * 9 + [True]})
    html, _ = render_table(TABLES["ks-benefits"], benefits)
    assert "<li>G<ul><li>a</li><li>b</li></ul></li><li>c (JPY\u00a0200 million)</li>" in html
    assert "j (about JPY\u00a020 million)" in html and html.index("Mandalay") < html.index("Common to all")


def test_a_list_of_tables_is_a_loop_over_the_labels_and_calls_work_inside_loops(tmp_path):
    """listing() gives every label of a kind in book order; ref() and pageref() inside a {% for %} take the
    loop variable (Jinja's own _loop_vars are not the manuscript's arguments); | date words a date of the data."""
    body = ('{{ table("nrw-asean", caption="Rates") }}\n\n'
            '{% for t in listing("tab") %}<p>{{ ref(t.key) }}: {{ t.title }} {{ pageref(t.key) }}</p>{% endfor %}\n\n'
            '{{ "2018-07" | date }}')
    html, _ = render_one(tmp_path, body, datasets=NRW)
    assert re.search(r"<p><a[^>]*>Table 5\.1</a>: Rates <a class=\"pageref\" href=\"#tab-nrw-asean\"", html)
    assert "July 2018" in html
    with pytest.raises(BuildError, match="listing\\(\\): expected 'fig', 'tab' or 'box', found 'x'"):
        render_one(tmp_path, '{{ listing("x") }}')
    with pytest.raises(BuildError, match="\\| date: expected a date of the data"):
        render_one(tmp_path, '{{ "July" | date }}')
