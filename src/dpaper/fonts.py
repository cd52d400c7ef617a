"""The typefaces of the paper: open-licence fonts from pinned PyPI packages.

Source Serif Pro for text, Source Sans Pro for headings, tables and figures
(SIL Open Font License). The PDF embeds these files and never looks at the
fonts installed on the machine. `missing_glyphs` says which characters of a text
the faces cannot draw (from their cmaps, read with fontTools), so that bad text
is refused where it is written, not found at layout.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import import_module
from pathlib import Path

# (package, file) for every face the stylesheets and figures use.
FACES = [
    ("font_source_serif_pro", "SourceSerifPro-Regular.ttf"),
    ("font_source_serif_pro", "SourceSerifPro-It.ttf"),
    ("font_source_serif_pro", "SourceSerifPro-Semibold.ttf"),
    ("font_source_serif_pro", "SourceSerifPro-Bold.ttf"),
    ("font_source_sans_pro", "SourceSansPro-Regular.ttf"),
    ("font_source_sans_pro", "SourceSansPro-It.ttf"),
    ("font_source_sans_pro", "SourceSansPro-Semibold.ttf"),
    ("font_source_sans_pro", "SourceSansPro-Bold.ttf"),
    ("font_source_sans_pro", "SourceSansPro-Light.ttf"),
]
FAMILIES = {"Source Serif Pro", "Source Sans Pro"}   # as the faces name themselves
LICENCES = [("font_source_serif_pro", "LICENSE.txt", "SourceSerifPro-LICENSE.txt"),
            ("font_source_sans_pro", "LICENSE.txt", "SourceSansPro-LICENSE.txt")]


def package_dir(package: str) -> Path:
    return Path(import_module(package).font_directory)


def face_paths() -> dict[str, Path]:
    """File name -> installed path of every face."""
    return {name: package_dir(pkg) / name for pkg, name in FACES}


def licence_paths() -> dict[str, Path]:
    return {target: package_dir(pkg) / name for pkg, name, target in LICENCES}


# -- coverage: which characters the shipped faces can draw -------------------------
def _face_info(path: Path) -> tuple[str, bool, frozenset[int]]:
    """(family as the face names itself, italic?, the code points its cmap maps) of one face file."""
    from fontTools.ttLib import TTFont  # imported lazily: only when a text needs more than ASCII
    font = TTFont(path, lazy=True)
    try:
        italic = bool(font["OS/2"].fsSelection & 1)
        return font["name"].getBestFamilyName(), italic, frozenset(font.getBestCmap())
    finally:
        font.close()


@lru_cache(maxsize=None)
def _coverage(family: str | None, italic: bool) -> frozenset[int]:
    """The code points every face of `family` (None: of every family) in that style maps."""
    faces = [info for info in map(_face_info, face_paths().values())
             if info[1] == italic and (family is None or info[0] == family)]
    if not faces:
        raise ValueError(f"no shipped {'italic' if italic else 'upright'} face of {family!r} "
                         f"(the families are {', '.join(sorted(FAMILIES))})")
    return frozenset.intersection(*(cmap for _, _, cmap in faces))


def missing_glyphs(text: str, family: str | None = None, *, italic: bool = False) -> list[str]:
    """The characters of `text` that some shipped face cannot draw, each once, in order of appearance.

    `family` is "Source Serif Pro" or "Source Sans Pro"; None (the default) asks of both, as
    text that may be set in either must be. The faces asked are the family's upright ones
    (regular, semibold, bold, light), or with `italic=True` its italic ones: the italic
    faces of these packages cover fewer characters (Vietnamese letters such as 'ễ' among
    them), so text set in italics is asked of them. The text is asked in Unicode NFC (the
    form the clean data is in: `é` as one character, not `e` and an accent). Line ends,
    tabs and other control characters have no glyph: they are missing too. The faces' cmaps
    are read once a process.
    """
    if text.isascii() and text.isprintable():
        return []          # the shipped faces all draw printable ASCII: no need to read them
    covered = _coverage(family, italic)
    return list(dict.fromkeys(c for c in unicodedata.normalize("NFC", text) if ord(c) not in covered))


def describe_characters(chars, limit: int = 5) -> str:
    """`U+4E2D '中', U+6587 '文'` for messages; invisible characters by name (`U+200B ZERO WIDTH SPACE`),
    control characters by code point alone; more than `limit` end with `and N more`."""
    chars = list(chars)
    words = []
    for c in chars[:limit]:
        category = unicodedata.category(c)
        if category == "Cc":
            words.append(f"U+{ord(c):04X}")
        elif category[0] in "CZM":
            words.append(f"U+{ord(c):04X} {unicodedata.name(c, '(unnamed)')}")
        else:
            words.append(f"U+{ord(c):04X} {c!r}")
    more = f" and {len(chars) - limit} more" if len(chars) > limit else ""
    return ", ".join(words) + more
