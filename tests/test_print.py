"""The PDF as a designer and an accessibility auditor read it: the built paper's pages, characters and tags.

Every test reads the one shared build of the whole paper (`built`) with
pdfplumber (characters: font, size, position) or pikepdf (objects: the
structure tree, page labels, metadata)."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from conftest import Build

pytestmark = pytest.mark.e2e

CALL_PT, MARKER_PT = 6.5, 7.5          # print.css: ::footnote-call and ::footnote-marker (Source Sans Pro Semibold)
MM = 72 / 25.4
TEXT_LEFT = (30 * MM, 48 * MM)         # print.css @page: the text block's left edge on rectos and versos


@cache
def digit_runs(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """(page, size, top, x0, digits) for each run of Semibold digits of the PDF, in reading order."""
    import pdfplumber

    runs = []
    with pdfplumber.open(pdf) as doc:
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
