"""The typefaces of the paper: open-licence fonts from pinned PyPI packages.

Source Serif Pro for text, Source Sans Pro for headings, tables and figures
(SIL Open Font License). The PDF embeds these files and never looks at the
fonts installed on the machine.
"""
from __future__ import annotations

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
