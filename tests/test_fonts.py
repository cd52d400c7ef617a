"""Which characters the shipped fonts can draw: `missing_glyphs`, read from the faces' cmaps."""
from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

from dpaper.errors import BuildError
from dpaper.fonts import FAMILIES, describe_characters, face_paths, missing_glyphs
from dpaper.pdf import write_pdf

ROOT = Path(__file__).resolve().parents[1]


def cmap(name: str) -> set[int]:
    from fontTools.ttLib import TTFont
    return set(TTFont(face_paths()[name], lazy=True).getBestCmap())


def test_every_face_draws_printable_ascii():
    """`missing_glyphs` answers printable ASCII without reading the fonts."""
    for name in face_paths():
        assert set(range(0x20, 0x7F)) <= cmap(name), name


@pytest.mark.parametrize("text, family, missing", [
    ("Phnom Penh, 6.2%", None, []),
    ("Nguyễn Văn Tùng – 678.46 km² · “quoted” …", None, []),
    ("Dalian 大连 and 中文", None, ["大", "连", "中", "文"]),
    ("25 \u2103", None, ["\u2103"]),                       # DEGREE CELSIUS: type "°C"
    ("x \u2208 A", "Source Sans Pro", ["\u2208"]),
    ("a\x00b\tc\x1b", None, ["\x00", "\t", "\x1b"]),       # no glyph: control characters are missing too
    ("zero\u200bwidth", None, ["\u200b"]),
    ("e\u0301", None, []),                                 # asked in NFC: é
])
def test_missing_glyphs(text, family, missing):
    assert missing_glyphs(text, family) == missing


def test_the_italic_faces_draw_less():
    assert missing_glyphs("Nguyễn") == []
    assert missing_glyphs("Nguyễn", "Source Serif Pro", italic=True) == ["ễ"]


def test_an_unknown_family_is_a_mistake_of_the_caller():
    with pytest.raises(ValueError, match="no shipped upright face of 'Helvetica'"):
        missing_glyphs("é", "Helvetica")


def test_missing_glyphs_agrees_with_every_face():
    """A character is missing exactly when some upright face of the family has no glyph for it
    (asked in NFC: a few characters, such as U+0A36, are two there)."""
    sample = unicodedata.normalize("NFC", "".join(chr(c) for c in range(0x20, 0x2200)))
    for family in FAMILIES:
        prefix = family.replace(" ", "")
        faces = [cmap(n) for n in face_paths() if n.startswith(prefix) and "-It" not in n]
        assert set(missing_glyphs(sample, family)) == {c for c in sample if not all(ord(c) in f for f in faces)}


def test_characters_are_described_by_code_point():
    assert describe_characters(["中", "\x00", "\u200b", "\u0301"]) == \
        "U+4E2D '中', U+0000, U+200B ZERO WIDTH SPACE, U+0301 COMBINING ACUTE ACCENT"
    assert describe_characters(list("abcdefg"), limit=2) == "U+0061 'a', U+0062 'b' and 5 more"


def test_the_data_needs_no_glyph_the_fonts_lack():
    for path in sorted((ROOT / "data/raw").glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for n, row in enumerate(csv.reader(fh), start=1):
                for cell in row:
                    assert not missing_glyphs(" ".join(cell.split())), f"{path.name}, row {n}: {cell}"


def test_what_missing_glyphs_passes_lays_out_in_the_shipped_fonts(tmp_path):
    """The check at cleaning and the check after layout agree: text it passes needs no font of the
    machine; a character it finds does."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    rules = []
    for name, path in face_paths().items():
        if "-It" not in name and "Light" not in name:
            (fonts / name).write_bytes(path.read_bytes())
            family = "Source Serif Pro" if name.startswith("SourceSerif") else "Source Sans Pro"
            weight = {"Regular": 400, "Semibold": 600, "Bold": 700}[name.split("-")[1][:-4]]
            rules.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; src: url(fonts/{name}); }}')
    css = " ".join(rules) + ' body { font-family: "Source Serif Pro"; } b { font-weight: 700; } ' \
        '.sans { font-family: "Source Sans Pro"; }'
    text = "Nguyễn Văn Tùng – 678.46 km², CO₂e −3 °C ≤ 5 → “ok” …"
    assert missing_glyphs(text) == []
    html = tmp_path / "doc.html"

    def lay_out(t: str) -> None:
        html.write_text(f"<!DOCTYPE html><html lang=en><head><title>t</title><style>{css}</style></head>"
                        f"<body><p>{t} <b>{t}</b></p><p class=sans>{t} <b>{t}</b></p></body></html>",
                        encoding="utf-8")
        write_pdf(html, tmp_path / "out.pdf", root=tmp_path, families=FAMILIES, say=lambda *_: None)

    lay_out(text)
    assert missing_glyphs("25 \u2103") == ["\u2103"]
    with pytest.raises(BuildError, match="found the machine's"):
        lay_out("25 \u2103")
