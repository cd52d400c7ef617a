"""tools/contact_sheet.py on the fixture edition's PDF: one PNG per figure, cropped from the figure's top to
the end of its caption, and a sheet (index.html) naming each with its page; every page at 60 dpi as the
book's spreads (pages/)."""
from __future__ import annotations

import importlib.util
import json
import sys

from conftest import ROOT


def tool():
    spec = importlib.util.spec_from_file_location("contact_sheet", ROOT / "tools/contact_sheet.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module                      # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def test_the_contact_sheet_has_every_figure_of_the_pdf_at_print_size(fixture, tmp_path):
    from PIL import Image
    sheet = tool()
    labels = json.loads(fixture.path("labels.json").read_text(encoding="utf-8"))["labels"]
    figures = [e for e in labels.values() if e["kind"] == "fig"]
    out = tmp_path / "sheet"
    assert sheet.main([str(fixture.pdf), str(fixture.path("labels.json")), str(out)]) == 0
    pngs = sorted(out.glob("*.png"))
    assert len(pngs) == len(figures) >= 2
    page_mm = {}
    for png in pngs:
        with Image.open(png) as im:
            dpi = round(im.info["dpi"][0])
            page_mm[png.name] = (im.width / dpi * 25.4, im.height / dpi * 25.4)
    # as wide as the A4 page but 12 mm each side, as tall as a drawing and its caption
    assert all(185 <= w <= 187 and 25 <= h <= 280 for w, h in page_mm.values()), page_mm
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(e["title"][:20] in index for e in figures) and "p. " in index
    # every page as the book opens: page 1 a recto alone, then each verso beside its recto
    from pypdf import PdfReader
    count = len(PdfReader(fixture.pdf).pages)
    spreads = sorted((out / "pages").glob("spread-*.png"))
    assert [s.name for s in spreads][:2] == ["spread-000-001.png", "spread-002-003.png"]
    assert len(spreads) == count // 2 + 1, (count, len(spreads))
    with Image.open(spreads[1]) as im:            # two A4 pages side by side at 60 dpi
        assert round(im.info["dpi"][0]) == 60 and 990 <= im.width <= 1005 and 700 <= im.height <= 704, im.size
    pages_index = (out / "pages" / "index.html").read_text(encoding="utf-8")
    assert all(s.name in pages_index for s in spreads) and "pages/index.html" in index
    assert sheet.main([str(tmp_path / "none.pdf"), str(fixture.path("labels.json")), str(out)]) == 1
    assert sorted(out.glob("*.png")) == pngs                 # a failed run leaves the last sheet alone
