"""The PDF writer's variants on a small document: tagged PDF/UA-1 by default, PDF/A-3a with the data attached."""
from __future__ import annotations

import sys
from pathlib import Path

import pikepdf
import pytest

from dpaper.pdf import write_pdf

sys.path.insert(0, str(Path(__file__).parent))
from test_print import ua_problems  # noqa: E402

HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A small paper</title>
<style>@page { @top-right { content: "Running head"; } @bottom-right { content: counter(page); } }
.footnote { float: footnote; }</style></head><body>
<section class="chapter kind-front" id="front"><h1>Front</h1><p>Before Chapter 1.</p></section>
<section class="chapter kind-chapter" id="one" style="break-before: page"><h1>One</h1>
<p>Text with a note.<span class="footnote">The note.</span></p>
<table><thead><tr><th scope="col">City</th><th scope="col">Rate</th></tr></thead>
<tbody><tr><th scope="row">Phnom Penh</th><td>6.2%</td></tr></tbody></table></section></body></html>"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "book.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "rates.csv").write_text("city,rate\nPhnom Penh,6.2\n", encoding="utf-8")
    return tmp_path


def test_the_default_pdf_is_tagged_ua_with_labels_and_notes(project: Path):
    out = project / "out.pdf"
    write_pdf(project / "book.html", out, root=project, epoch=1530403200, say=lambda *_: None, document_id="t/1",
              first_chapter="one")
    assert ua_problems(out) == []
    with pikepdf.open(out) as pdf:
        assert "/AF" not in pdf.Root and not pdf.attachments
        labels = list(pdf.Root.PageLabels.Nums)
        assert int(labels[0]) == 0 and labels[1].S == "/r" and int(labels[2]) == 1 and labels[3].S == "/D"


def test_the_archive_variant_is_pdf_a_3a_with_the_data_attached_and_stable_bytes(project: Path):
    a, b = project / "a.pdf", project / "b.pdf"
    for out in (a, b):
        write_pdf(project / "book.html", out, root=project, epoch=1530403200, say=lambda *_: None,
                  document_id="t/1", archive=[project / "data" / "rates.csv"])
    assert a.read_bytes() == b.read_bytes()
    assert ua_problems(a) == []
    with pikepdf.open(a) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") == "3" and meta.get("pdfaid:conformance") == "A"
        assert meta.get("pdfuaid:part") == "1"
        spec = pdf.attachments["rates.csv"]
        assert spec.get_file().read_bytes() == b"city,rate\nPhnom Penh,6.2\n"
        assert spec.obj.AFRelationship == "/Data"
        assert [f.UF for f in pdf.Root.AF] == ["rates.csv"]
        assert "/OutputIntents" in pdf.Root
