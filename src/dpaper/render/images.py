"""Files a chapter links to: photographs from the images directory (only inside the project), charts.

Paths are relative to the project root; a page links to them relative to where
it lives (the book part in the output directory, the web page in its `web/`).
"""
from __future__ import annotations

import os
from pathlib import Path

from dpaper.errors import BuildError
from dpaper.paths import outside


def image(name: str, root: Path, images: Path, draft: bool = False) -> Path | None:
    """The photograph `name` of the images directory, relative to `root`; None if a draft lacks it."""
    if "://" in name or name.startswith(("/", "file:", "data:")):
        raise BuildError(f"image {name!r}: expected a file name inside {images}/, found an "
                         "absolute path or URL")
    if outside(images / name, root):     # the project's one boundary check (dpaper.paths), links followed
        raise BuildError(f"image {name!r}: expected a file inside the project, found a path outside it")
    if not (root / images / name).is_file():
        if draft:
            return None
        raise BuildError(f"image {name!r}: expected the file {images / name}, found none")
    return images / name


def link(path: Path, out_dir: Path, mode: str) -> str:
    """How the print part (in `out_dir`) or the web page (in `out_dir/web`) refers to `path`."""
    return Path(os.path.relpath(path, out_dir / ("web" if mode == "web" else ""))).as_posix()
