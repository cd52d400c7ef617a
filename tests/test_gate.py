"""The gate after Jinja and Markdown (render/gate.py): each hostile case of tests/corpus-markup/ is refused
with its exact line, in print as on the web; what the gate lets through is what nh3 keeps.

A case is a folder with `ch.md` (a chapter's body: its line 4 is the file's first line after three lines of
front matter), `expected.txt`, the error lines, and any photograph it places (in the images folder)."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from test_render import render_one

from dpaper.errors import BuildError
from dpaper.render import gate

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted(p for p in (ROOT / "tests/corpus-markup").iterdir() if p.is_dir())


def problems(tmp_path: Path, body: str, mode: str) -> list[str]:
    with pytest.raises(BuildError) as exc:
        render_one(tmp_path, body, mode=mode, figures={"nrw-cambodia", "visit"})
    return [p.replace(f"{tmp_path}/", "") for p in exc.value.problems]


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_each_route_to_markup_ends_at_the_gate(case, tmp_path):
    body = (case / "ch.md").read_text(encoding="utf-8")
    (tmp_path / "img").mkdir()
    for f in case.iterdir():             # a case's other files are its photographs
        if f.name not in ("ch.md", "expected.txt"):
            shutil.copyfile(f, tmp_path / "img" / f.name)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    started = time.process_time()   # this process's own work: the suite runs builds beside it
    assert problems(tmp_path, body, "print") == expected
    assert problems(tmp_path, body, "web") == expected
    assert time.process_time() - started < 5, "a hostile input is refused in well under a few seconds"


def test_comments_are_editors_notes_and_never_published(tmp_path):
    body = ('Text.<!-- internal: {{ 6 * 7 }} -->\n\n<!-- a block comment -->\n\n'
            '<div class="x">\n<!-- inside a block -->\n</div>\n')
    for mode in ("print", "web"):
        html, _ = render_one(tmp_path, body, mode=mode)
        assert "<!--" not in html and "internal" not in html and "42" not in html
        assert "<p>Text.</p>" in html


def test_what_the_manuscript_may_write_passes_unchanged():
    html = ('<p>A <a href="https://example.org/a?b=1&amp;c=2" title="t">link</a>, <a href="#sec-x">here</a>, '
            '<a href="mailto:x@example.org">mail</a>, <abbr title="Non-revenue water">NRW</abbr>, '
            '<span lang="ja">北九州</span>—“quotes”</p>')
    assert gate.problem(html) is None
    assert gate.clean(html) == html


def test_the_line_is_the_manuscripts_line_whatever_jinja_did_before_it(tmp_path):
    body = ('{%- set a = 1 %}\n{% call box("k", title="A box") %}\nInside.\n{% endcall %}\n\n'
            'After <{{ "b" }} onclick="x()">it</b>.\n')
    assert problems(tmp_path, body, "print") == ["ch.md:9: <b>: expected attributes among class, id, lang, title, "
                                                 "found onclick="]
