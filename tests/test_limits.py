"""Words and titles too long to set are errors naming file and line (docs/manuscript.md)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from test_escaping import REFERENCES, STYLE, files
from test_render import NRW, render_one

from dpaper.data.load import records
from dpaper.errors import BuildError
from dpaper.limits import TITLE_MAX, WORD_MAX
from dpaper.render.citations import Bibliography, Notes
from dpaper.render.manuscript import read

LONG = "A" * (WORD_MAX + 1)
WORD = f"expected words of at most {WORD_MAX} characters (or a URL), found one of {WORD_MAX + 1} ('{'A' * 20}'…)"


def problems(fn, tmp_path: Path) -> list[str]:
    with pytest.raises(BuildError) as exc:
        fn()
    return [p.replace(f"{tmp_path}/", "") for p in exc.value.problems]


@pytest.mark.parametrize("front, expected", [
    (f"title: {'T' * (TITLE_MAX + 1)}", f"ch.md:2: title: expected at most {TITLE_MAX} characters, "
                                       f"found {TITLE_MAX + 1}"),
    (f"title: A {LONG} title", f"ch.md:2: title: {WORD}"),
    (f"title: T\nshort: {LONG}", f"ch.md:3: short: {WORD}"),
    (f"title: T\nauthors: [Ann, {LONG}]", f"ch.md:3: authors: {WORD}"),
])
def test_front_matter(tmp_path, front, expected):
    path = tmp_path / "ch.md"
    path.write_text(f"---\n{front}\n---\nText.\n", encoding="utf-8")
    assert problems(lambda: read(path), tmp_path) == [expected]


def test_a_word_in_the_body_but_not_a_url_a_tag_or_a_compound(tmp_path):
    ok = (f"{'B' * WORD_MAX} https://example.org/{'u' * 200} [link](https://example.org/{'v' * 200}) "
          f"{'c' * 60}-{'d' * 60} {{{{ note('{'e' * 200}') }}}} <span title=\"{'f' * 200}\">x</span>\n")
    path = tmp_path / "ch.md"
    path.write_text(f"---\ntitle: T\n---\n{ok}\nAnd {LONG} here.\n", encoding="utf-8")
    assert problems(lambda: read(path), tmp_path) == [f"ch.md:6: {WORD}"]


def test_a_printed_value_a_cell_and_a_caption(tmp_path):
    long = {"d": pd.DataFrame({"name": pd.Series([LONG], dtype="string")})}
    assert problems(lambda: render_one(tmp_path, "Name: {{ data.d.rows[0].name }}\n", long), tmp_path) == [
        f"ch.md:4: a printed value: {WORD}"]
    cells = {"nrw_asean": NRW["nrw_asean"].head(1).assign(city=LONG)}
    assert problems(lambda: render_one(tmp_path, '{{ table("nrw-asean", caption="c") }}\n', cells), tmp_path) == [
        f"ch.md:4: table cell, column City: {WORD}"]
    assert problems(lambda: render_one(tmp_path, f'{{{{ table("nrw-asean", caption="{LONG}") }}}}\n', NRW),
                    tmp_path) == [f"ch.md:4: caption: {WORD}"]
    assert problems(lambda: render_one(tmp_path, f'A note.{{{{ note("{LONG}") }}}}\n', NRW), tmp_path) == [
        f"ch.md:4: text: {WORD}"]
    html, _ = render_one(tmp_path, "Rate {{ data.nrw_asean.rows[0].nrw_percent | pct }}.\n", NRW)
    assert "6.2%" in html and Decimal("6.2") == records(NRW["nrw_asean"])[0]["nrw_percent"]


def test_notes_and_references(tmp_path):
    refs, notes = files(tmp_path, REFERENCES.replace("& more", LONG), f"- id: n\n  cited_in: x\n  text: A {LONG}\n")
    assert problems(lambda: Notes(notes), tmp_path) == [f"notes.yaml:3: n: text: {WORD}"]
    assert problems(lambda: Bibliography(refs, STYLE), tmp_path) == [f"references.yaml:3: evil: title: {WORD}"]


def test_a_glyph_the_fonts_lack_is_named_at_its_line(tmp_path):
    path = tmp_path / "ch.md"
    path.write_text("---\ntitle: T\n---\nDalian (大连) and Hải Phòng.\n", encoding="utf-8")
    assert problems(lambda: read(path), tmp_path) == [
        "ch.md:4: expected text the paper's fonts can draw, found U+5927 '大', U+8FDE '连'"]


def test_a_workbook_understating_its_rows_is_read_only_to_the_limit_and_refused(tmp_path, monkeypatch):
    import re
    import zipfile

    from openpyxl import Workbook

    from dpaper import limits
    from dpaper.data.read import read_raw
    monkeypatch.setattr(limits, "TABLE_ROWS", 3)
    book, made = Workbook(), tmp_path / "made.xlsx"
    for row in [("city", "year"), *((f"City {i}", 2000 + i) for i in range(9))]:
        book.active.append(row)
    book.save(made)
    path = tmp_path / "t.xlsx"                    # the same workbook, its sheet declaring two rows only
    with zipfile.ZipFile(made) as zin, zipfile.ZipFile(path, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            zout.writestr(name, re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B2"/>', data))
    assert problems(lambda: read_raw(path), tmp_path) == ["t.xlsx: expected at most 3 data rows, found more than 3"]
