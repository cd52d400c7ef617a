"""tools/contact_sheet.py on the fixture edition's PDF: one PNG per figure, cropped from the figure's top to
the end of its caption, and a sheet (index.html) naming each with its page."""
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
    assert sheet.main([str(tmp_path / "none.pdf"), str(fixture.path("labels.json")), str(out)]) == 1
    assert sorted(out.glob("*.png")) == pngs                 # a failed run leaves the last sheet alone
