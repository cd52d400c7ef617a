"""Everything from a file editors write reaches HTML as text: references, notes, captions, front matter, data."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_render import NRW, ROOT, TABLES, chapter_file

from dpaper.config import Unit
from dpaper.errors import BuildError
from dpaper.render import labels
from dpaper.render.chapter import Context, render
from dpaper.render.citations import Bibliography, Notes
from dpaper.render.manuscript import read
from dpaper.render.pages import chapter_pages

STYLE = "chicago-notes-bibliography"
HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)>"
REFERENCES = f"""\
- id: evil
  type: report
  title: "{HOSTILE} & more"
  author: [{{family: "<b>Bad</b>", given: A}}]
  publisher: "P <i>x</i>"
  issued: {{date-parts: [[2012]]}}
  URL: "https://example.org/a?b=1&c=<2>"
"""
NOTES = f"""\
- id: evil-note
  text: "{HOSTILE} [click](javascript:alert(3)) <javascript:alert(4)> [ok](https://example.org) *fine*"
  refs: [evil]
- id: unknown-ref-note
  text: Text.
  refs: [nobody1999]
"""


def live_html(html: str) -> list[str]:
    """Tags a browser would run or load from the hostile input (the page's own script files aside)."""
    return re.findall(r"<(?:script(?! src=\"assets/(?:web|theme)\.js\")|img src=x|b>|i>x)|href=\"javascript:"
                      r"|onerror=alert\(2\)>", html)


def files(tmp_path: Path, references: str = REFERENCES, notes: str = NOTES) -> tuple[Path, Path]:
    (tmp_path / "references.yaml").write_text(references, encoding="utf-8")
    (tmp_path / "notes.yaml").write_text(notes, encoding="utf-8")
    return tmp_path / "references.yaml", tmp_path / "notes.yaml"


def context(tmp_path: Path, body: str, front: str = "title: Test") -> Context:
    refs, notes = files(tmp_path)
    path = chapter_file(tmp_path, body, front=front)
    index = labels.build([(Unit("ch", "chapter", "5"), path)], {"nrw-cambodia"}, {"nrw-asean"})
    return Context(tables=TABLES, src=read(path), chapter=index["chapters"][0], labels=index["labels"], datasets=NRW,
                   bibliography=Bibliography(refs, STYLE), figures={"nrw-cambodia": {"alt": "a chart"}},
                   root=tmp_path, images=Path("img"), out_dir=Path("build/x"), figures_dir=Path("build/x/figures"),
                   notes_file=Notes(notes), templates=ROOT / "templates")


def test_a_reference_is_text_inside_citeprocs_markup(tmp_path):
    refs, _ = files(tmp_path)
    html = str(Bibliography(refs, STYLE).format("evil"))
    assert html == ('&lt;b&gt;Bad&lt;/b&gt;, A. <i>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img Src=x '
                    'Onerror=alert(2)&gt; &amp; More</i>. P &lt;i&gt;x&lt;/i&gt;, 2012. '
                    '<a href="https://example.org/a?b=1&amp;c=&lt;2&gt;">https://example.org/a?b=1&amp;c=&lt;2&gt;</a>.')


@pytest.mark.parametrize("url, found", [("javascript:alert(1)", "'javascript:alert(1)'"),
                                        ("data:text/html,<script>x</script>", "'data:text/html,<script>x</script>'"),
                                        ("www.example.org", "'www.example.org'"), ("2012", "2012")])
def test_a_url_that_is_not_http_is_refused(tmp_path, url, found):
    refs, _ = files(tmp_path, REFERENCES.replace('"https://example.org/a?b=1&c=<2>"', f'"{url}"' if ":" in url
                                                  else url))
    with pytest.raises(BuildError) as exc:
        Bibliography(refs, STYLE)
    assert exc.value.problems == [f"{refs}:7: evil: URL: expected an http(s) address, found {found}"]


def test_a_private_use_character_cannot_pass_for_markup(tmp_path):
    refs, _ = files(tmp_path, REFERENCES.replace("& more", "\ue001script\ue002"))
    with pytest.raises(BuildError) as exc:
        Bibliography(refs, STYLE)
    assert exc.value.problems == [f"{refs}:3: evil: title: expected text, found a character of Unicode's "
                                  "private use area"]


def test_the_shipped_bibliography_formats_as_before():
    """As before the escaping, but for `&`, now `&amp;`."""
    bib = Bibliography(ROOT / "content/2018/references.yaml", STYLE)
    assert str(bib.format("ishinabe2010")) == (
        "Ishinabe, N. <i>Analysis of International City-to-city Cooperation and Intercity Networks for "
        "Japanese National &amp; Local Governments</i>. IGES Discussion Paper. Institute for Global Environmental "
        "Strategies, March 2010.")   # the month the 2018 edition gives (fn 3)


def test_a_note_is_text_and_its_links_only_to_the_web(tmp_path):
    for mode in ("print", "web"):
        html, notes = render(context(tmp_path, 'A note.{{ note("evil-note") }}\n'), mode)
        text = html if mode == "print" else str(notes[0])
        assert live_html(text) == [], text
        assert ("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; [click](javascript:alert(3)) "
                '&lt;javascript:alert(4)&gt; <a href="https://example.org">ok</a> <em>fine</em> '
                "&lt;b&gt;Bad&lt;/b&gt;") in text


def test_a_note_written_in_place_and_a_caption_are_text(tmp_path):
    body = (f'{{{{ table("nrw-asean", caption="{HOSTILE.replace(chr(34), "")}", source="[x](javascript:y)") }}}}\n\n'
            'A note.{{ note("<script>alert(5)</script> [x](javascript:alert(6))") }}\n')
    html, _ = render(context(tmp_path, body), "print")
    assert live_html(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;script&gt;alert(5)&lt;/script&gt;" in html
    assert '<p class="source">Source: [x](javascript:y)</p>' in html


def test_a_notes_unknown_reference_is_an_error(tmp_path):
    with pytest.raises(BuildError) as exc:
        render(context(tmp_path, 'A note.{{ note("unknown-ref-note") }}\n'), "print")
    assert exc.value.problems == [f"{tmp_path}/ch.md:4: note 'unknown-ref-note': unknown citation key 'nobody1999': "
                                  f"expected an id in {tmp_path}/references.yaml"]


def test_front_matter_and_data_are_text_on_every_page(tmp_path):
    front = f'title: "{HOSTILE}"\nshort: "<script>s</script>"\nauthors: ["<img src=x onerror=alert(2)>"]'
    ctx = context(tmp_path, "Rate {{ data.nrw_asean.rows[1].note }}.{{ cite('evil') }}\n", front=front)
    edition = {"language": "en", "title": "The paper", "copyright": "© us"}
    part, page = chapter_pages(ctx, edition, [ctx.chapter])
    for html in (part, page):
        assert live_html(html) == [], html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Rate A &lt;guess&gt;" in page


def test_links_in_the_body_go_only_to_the_web_mail_or_the_paper(tmp_path):
    body = ("[a](javascript:alert(1)) [b](data:text/html,x) [c](file:///etc/hostname) [d](vbscript:x) "
            "[e](https://example.org) [f](mailto:a@example.org) [g](#tab-nrw-asean) [h](other.html)\n")
    html, _ = render(context(tmp_path, body), "web")
    assert re.findall(r'href="([^"]*)"', html) == ["https://example.org", "mailto:a@example.org", "#tab-nrw-asean",
                                                    "other.html"]


TAGS = ("a, abbr, b, blockquote, br, cite, code, dd, div, dl, dt, em, h2, h3, h4, i, li, ol, p, q, small, span, "
        "strong, sub, sup, ul")


@pytest.mark.parametrize("line, expected", [
    ("<script>alert(1)</script>", f"expected HTML tags among {TAGS}, found <script>"),
    ("<script\nsrc=x", f"expected HTML tags among {TAGS}, found <script>"),
    ('<img src="file:///etc/hostname" onerror=alert(2)>', f"expected HTML tags among {TAGS}, found <img>"),
    ('<iframe src="https://example.org"></iframe>', f"expected HTML tags among {TAGS}, found <iframe>"),
    ('<style>body { background: url(http://example.org/x) }</style>',
     f"expected HTML tags among {TAGS}, found <style>"),
    ('<span onmouseover="alert(3)">x</span>', "<span>: expected attributes among class, id, lang, title, "
                                             "found onmouseover="),
    ('<p style="background: url(x)">x</p>', "<p>: expected attributes among class, id, lang, title, found style="),
    ('<a href="javascript:alert(4)">x</a>', "<a href>: expected a link to the web, mail or the paper, "
                                            "found 'javascript:alert(4)'"),
    ('<a href=" JavaScript:alert(5)">x</a>', "<a href>: expected a link to the web, mail or the paper, "
                                             "found ' JavaScript:alert(5)'"),
    ('<a href="{{ data.d.rows[0].url }}">x</a>', "<a href>: expected a link written out, found one from data"),
    ('<span {{ data.d.rows[0].attrs }}>x</span>', "<span>: expected attributes written out, found some from data"),
])
def test_raw_html_in_the_body_is_plain_structure(tmp_path, line, expected):
    path = chapter_file(tmp_path, f"Text.\n{line}\n")
    with pytest.raises(BuildError) as exc:
        read(path)
    assert exc.value.problems == [f"{path}:5: {expected}"]


def test_raw_html_the_manuscript_uses_and_what_is_not_html(tmp_path):
    body = ('<dl class="abbreviations">\n<dt>{{ a }}<span class="added" title="added">†</span></dt><dd>x</dd>\n</dl>\n'
            '<h2 class="group">G</h2> <p class="decision">d</p> <a href="https://example.org">w</a> '
            '<https://example.org> <a@example.org> `<script>` <!-- a comment -->\n```\n<script>\n```\n')
    read(chapter_file(tmp_path, body))
