"""Files a chapter links to: photographs from the images directory (only inside the project), charts.

Paths are relative to the project root; a page links to them relative to where
it lives (the book part in the output directory, the web page in its `web/`).
"""
from __future__ import annotations

import math
import os
import re
from pathlib import Path

from dpaper import limits
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
    if problem := image_problem(root / images / name) or not_a_photograph(root / images / name):
        raise BuildError(f"image {name!r}: {problem}")
    return images / name


def image_problem(path: Path) -> str | None:
    """What makes a photograph too large to set (`limits.IMAGE_BYTES` on disk, `limits.IMAGE_PIXELS`
    decoded), read from its header alone: a decompression bomb (30,000 x 30,000 pixels in a 1 MB PNG)
    is refused before anything decodes it. None if it is within the limits (an SVG: its size on disk)."""
    import warnings

    from PIL import Image

    if (size := path.stat().st_size) > limits.IMAGE_BYTES:
        return f"expected an image of at most {limits.IMAGE_BYTES:,} bytes, found {size:,}"
    if path.suffix.lower() == ".svg":
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                width, height = im.size
    except Image.DecompressionBombError:   # Pillow's own limit (far above ours), said our way
        return f"expected an image of at most {limits.IMAGE_PIXELS:,} pixels, found far more (scale it down)"
    except (OSError, SyntaxError, ValueError):
        return None          # not a raster image at all: not_a_photograph says what it is
    if width * height > limits.IMAGE_PIXELS:
        return (f"expected an image of at most {limits.IMAGE_PIXELS:,} pixels, found {width:,} x {height:,} "
                "(scale it down)")
    return None


PHOTOGRAPH_FORMATS = ("JPEG", "PNG", "WEBP")


def not_a_photograph(path: Path) -> str | None:
    """Why `path` is not a photograph the paper may show (a raster image: JPEG, PNG or WebP), or None.

    Read by its content, not its name, and only its first bytes: an SVG (which may carry script or
    external entities) or anything else named .png is refused at once, before any library parses it."""
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(path) as img:
            if img.format in PHOTOGRAPH_FORMATS:
                return None
            found = f"a {img.format} image"
    except Image.DecompressionBombError:
        return "expected a photograph of a printable size, found one of more pixels than an image reader allows"
    except (UnidentifiedImageError, OSError):
        head = path.read_bytes()[:512].lstrip().lower()
        found = "an SVG drawing" if b"<svg" in head or head.startswith(b"<?xml") else "a file that is no image"
    return f"expected a photograph in JPEG, PNG or WebP, found {found}"


def link(path: Path, out_dir: Path, mode: str) -> str:
    """How the print part (in `out_dir`) or the web page (in `out_dir/web`) refers to `path`."""
    return Path(os.path.relpath(path, out_dir / ("web" if mode == "web" else ""))).as_posix()


SVG_ID = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')
SVG_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)


def inline_svg(path: Path, prefix: str | None = None) -> str:
    """A figure's SVG (ours, drawn by the figures job) for inlining in a web page, where an SVG in an
    <img> could not use the page's fonts: without its XML declaration, doctype and RDF metadata, on one
    line, each id (matplotlib's `patch_1`, Graphviz's `node1`, clip paths) and reference to one prefixed
    with the figure's id (or `prefix`: the changes page shows a figure's old and new drawing), so that
    two figures on a page share none."""
    text = path.read_text(encoding="utf-8")
    text = SVG_METADATA.sub("", text[text.index("<svg"):])
    text = SVG_ID.sub(lambda m: f"{m[1]}{prefix or path.stem}-{m[2]}", text)
    return " ".join(text.split("\n"))   # one line: the figure stays one HTML block


SVG_OPEN = re.compile(r"<svg\b[^>]*>")
SVG_VIEWBOX = re.compile(r'<svg\b[^>]*\bviewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')
SVG_FONT_SIZE = re.compile(r'font-size(?::\s*|=")([\d.]+)')


def standalone_svg(path: Path) -> str:
    """A figure's SVG as the web edition's full-size drawing (`web/figures/<id>.svg`): the same drawing,
    its text set in the edition's fonts (the web folder's `assets/fonts.css`) when opened on its own."""
    text = path.read_text(encoding="utf-8")
    tag = SVG_OPEN.search(text)
    return text[:tag.end()] + '<style>@import url("../assets/fonts.css");</style>' + text[tag.end():]


def legible_width(svg: str, px: float) -> int:
    """The width, in CSS pixels, at which the smallest text of `svg` is `px` pixels high (0 if it has none)."""
    box = SVG_VIEWBOX.search(svg)
    sizes = [float(s) for s in SVG_FONT_SIZE.findall(svg)]
    if not box or not sizes:
        return 0
    return math.ceil(px * float(box.group(3)) / min(sizes))
