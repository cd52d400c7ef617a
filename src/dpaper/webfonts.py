"""The web edition's fonts: WOFF2 subsets of the shipped faces, and their @font-face rules.

The PDF embeds the TrueType faces (dpaper.fonts); a browser gets each face
subset to the scripts an edition of this series sets (Latin with its
extensions, Vietnamese included, punctuation, currency signs, arrows) and
compressed as WOFF2 (fontTools with Brotli): about a tenth of the TTF. The
@font-face rules are the print stylesheet's own (templates/fonts.css: one
place says which file is which weight and style), pointed at the WOFF2 files
and with `font-display: swap`, so the text is readable before the fonts arrive.
"""
from __future__ import annotations

import re
from pathlib import Path

# What the subsets keep: Basic Latin to Latin Extended-B, IPA's schwa, spacing and combining
# diacritics, Latin Extended Additional (Vietnamese), general punctuation, super/subscripts,
# currency, letterlike symbols, number forms, arrows (the pager's ← →, the notes' ↩), minus and
# a few relations. tests/test_web.py checks every character of the edition's pages is in them.
UNICODES = ("U+0000-024F, U+0259, U+02B0-02FF, U+0300-036F, U+1E00-1EFF, U+2000-206F, U+2070-209F, "
            "U+20A0-20CF, U+2100-218F, U+2190-21FF, U+2212, U+2215, U+2248, U+2260, U+2264-2265, U+25CF")
FEATURES = ["*"]   # every OpenType feature of the face (kerning, ligatures, tabular and old-style figures...)


def codepoints(ranges: str = UNICODES) -> list[int]:
    out = []
    for part in ranges.split(","):
        lo, _, hi = part.strip().removeprefix("U+").partition("-")
        out += range(int(lo, 16), int(hi or lo, 16) + 1)
    return out


def subset(src: str | Path, dst: str | Path) -> None:
    """One face as a WOFF2 subset (the same bytes for the same face: no timestamps are written)."""
    from fontTools import subset as ft

    options = ft.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.name_IDs = ["*"]           # keep the names (the licence's reserved font name among them)
    options.notdef_outline = True
    options.hinting = False            # screens of today render unhinted outlines well; hints are a third of a face
    options.desubroutinize = True      # compresses better under Brotli
    font = ft.load_font(str(src), options, dontLoadGlyphNames=True)
    subsetter = ft.Subsetter(options)
    subsetter.populate(unicodes=codepoints())
    subsetter.subset(font)
    ft.save_font(font, str(dst), options)


FACE = re.compile(r"url\(fonts/([^)]+)\.ttf\)")


def web_css(print_css: str) -> str:
    """The print stylesheet's @font-face rules for the web: WOFF2 files, `font-display: swap`,
    the subset's unicode-range."""
    if not FACE.search(print_css):
        raise ValueError("templates/fonts.css: expected @font-face rules with src: url(fonts/<face>.ttf)")
    css = FACE.sub(r'url(fonts/\1.woff2) format("woff2"); font-display: swap; unicode-range: ' + UNICODES,
                   print_css)
    return css.replace("shipped with the build (assets/fonts/)", "WOFF2 subsets made by the build (assets/fonts/)")


def woff2_name(ttf_name: str) -> str:
    return Path(ttf_name).with_suffix(".woff2").name
