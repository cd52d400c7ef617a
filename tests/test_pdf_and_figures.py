"""WeasyPrint under a project-only fetcher; figures that are the same bytes for the same data."""
from __future__ import annotations

from pathlib import Path

import pytest

from dpaper.data.load import load
from dpaper.errors import BuildError
from dpaper.pdf import write_pdf

ROOT = Path(__file__).resolve().parents[1]


def page(tmp_path: Path, body: str, css: str = "") -> Path:
    html = tmp_path / "doc.html"
    html.write_text(f"<!DOCTYPE html><html lang=en><head><title>t</title><style>{css}</style></head>"
                    f"<body>{body}</body></html>", encoding="utf-8")
    return html


@pytest.mark.parametrize("src, message", [
    ("file:///etc/hostname", "refused file:///etc/hostname: only files inside the project may be used"),
    ("../../../../../etc/hostname", "refused file:///etc/hostname"),   # URL joining lands outside
    ("http://example.org/a.png", "refused http://example.org/a.png"),
    ("missing.png", "missing file missing.png"),
])
def test_the_fetcher_serves_only_project_files(tmp_path, src, message):
    html = page(tmp_path, f'<img src="{src}" alt="An image">')
    with pytest.raises(BuildError, match=message.replace(".", r"\.").replace("(", r"\(")):
        write_pdf(html, tmp_path / "out.pdf", root=tmp_path, say=lambda *_: None)
    assert not (tmp_path / "out.pdf").exists()


def test_css_weasyprint_cannot_use_fails_the_build(tmp_path):
    html = page(tmp_path, "<p>x</p>", css="p { colour: red }")
    with pytest.raises(BuildError, match="unknown property"):
        write_pdf(html, tmp_path / "out.pdf", root=tmp_path, say=lambda *_: None)


def test_a_failed_render_keeps_the_previous_pdf(tmp_path):
    good = page(tmp_path, "<p>fine</p>")
    write_pdf(good, tmp_path / "out.pdf", root=tmp_path, say=lambda *_: None)
    before = (tmp_path / "out.pdf").read_bytes()
    page(tmp_path, '<img src="gone.png">')
    with pytest.raises(BuildError):
        write_pdf(good, tmp_path / "out.pdf", root=tmp_path, say=lambda *_: None)
    assert (tmp_path / "out.pdf").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_same_html_same_bytes_wherever_it_sits(tmp_path):
    outs = []
    for d in ("one", "two/deeper"):
        root = tmp_path / d
        root.mkdir(parents=True)
        (root / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                                      '<circle cx="5" cy="5" r="4"/></svg>')
        html = page(root, '<p>Same</p><img src="dot.svg" alt="A dot">')
        write_pdf(html, root / "out.pdf", root=root, epoch=1530403200, say=lambda *_: None)
        outs.append((root / "out.pdf").read_bytes())
    assert outs[0] == outs[1]


def test_figures_are_deterministic_and_carry_their_data(tmp_path):
    from dpaper.data.clean import clean
    from dpaper.figures import registry
    from dpaper.figures.draw import draw_module
    clean(ROOT / "data/raw/nrw_cambodia.csv", ROOT / "schemas/datasets/nrw_cambodia.yaml", tmp_path / "c.csv")
    ds = {"nrw_cambodia": load("nrw_cambodia", tmp_path / "c.csv", ROOT / "schemas/datasets/nrw_cambodia.yaml")}
    specs = [registry(ROOT / "figures")["nrw-cambodia"]]
    draw_module(specs, ds, tmp_path / "a")
    draw_module(specs, ds, tmp_path / "b")
    svg = (tmp_path / "a/nrw-cambodia.svg").read_bytes()
    assert svg == (tmp_path / "b/nrw-cambodia.svg").read_bytes()
    assert b"<dc:date>" not in svg and b"Source Sans Pro" in svg
    meta = (tmp_path / "a/nrw-cambodia.json").read_text()
    assert "Siem Reap: 13% to 8%" in meta and "Every city's rate fell, by 2 to 9 percentage points" in meta


def test_labels_are_drawn_as_typed_never_as_mathtext():
    """Data reaches a figure's text as ticks, annotations, legends and titles: `$` is a dollar sign there."""
    from dpaper.figures import style
    from dpaper.figures.draw import Drawing
    labels = ["$x^$", r"$\sqrt{2}$", "US$ 5 and $10"]
    with style.figure(height_mm=30) as fig:
        ax = fig.add_axes((0.3, 0.2, 0.6, 0.6))
        ax.scatter([1, 2, 3], [0, 1, 2], label=labels[0])
        ax.set_yticks(range(3), labels)
        ax.annotate(labels[1], (1, 0))
        ax.set_title(labels[2])
        ax.legend()
        svg = Drawing.from_figure(fig).svg
    assert svg.count("$x^$") == 2 and svg.count(r"$\sqrt{2}$") == 2 and svg.count("US$ 5 and $10") == 2


def test_a_glyph_the_shipped_fonts_lack_fails_the_build(tmp_path):
    """Pango would fall back to a font of the machine: the PDF would depend on where it was built."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    from dpaper.fonts import face_paths
    regular = face_paths()["SourceSerifPro-Regular.ttf"]
    (fonts / regular.name).write_bytes(regular.read_bytes())
    css = f'@font-face {{ font-family: "Source Serif Pro"; src: url(fonts/{regular.name}); }} ' \
          'body { font-family: "Source Serif Pro"; }'
    ok = page(tmp_path, "<p>Plain text</p>", css)
    write_pdf(ok, tmp_path / "ok.pdf", root=tmp_path, families={"Source Serif Pro"}, say=lambda *_: None)
    bad = page(tmp_path, "<p>A check mark \u2713 and an arrow \u21a9</p>", css)
    with pytest.raises(BuildError, match="expected only the shipped fonts in the PDF, found the machine's"):
        write_pdf(bad, tmp_path / "bad.pdf", root=tmp_path, families={"Source Serif Pro"}, say=lambda *_: None)
    assert not (tmp_path / "bad.pdf").exists()


def test_an_image_without_alt_text_fails_the_tagged_build(tmp_path):
    (tmp_path / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    html = page(tmp_path, '<p>Text</p><img src="dot.svg">')
    with pytest.raises(BuildError, match="no required alt description"):
        write_pdf(html, tmp_path / "out.pdf", root=tmp_path, say=lambda *_: None)
