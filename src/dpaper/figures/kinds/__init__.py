"""Drawing kinds: timeline, map, diagram. Each is a pure function

    kind(data: {dataset name: DataFrame}, declaration: dict) -> Drawing

whose declaration is plain data (a dict, as read from YAML), documented in
the kind's module. The SVG is the same bytes for the same input, keeps its
text as text in the paper's font (Source Sans Pro) and is 150 mm wide (the
text block); `alt` and `table` come from the same rows the drawing shows.

This module holds what the matplotlib kinds share: text measured with
matplotlib's own renderer (so a layout knows each label's extent before it
draws), boxes in millimetres, and a figure whose data coordinates are
millimetres from the top left, so layouts are plain arithmetic on the page.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from dpaper.errors import BuildError
from dpaper.figures import style
from dpaper.figures.numbers import number

PT = 25.4 / 72            # millimetres per point
FAMILY = "Source Sans Pro"
MEASURE_DPI = 300         # text measured at this resolution (hinting error below 0.05 mm)


@dataclass(frozen=True)
class Box:
    """A rectangle in millimetres, y downwards."""
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Box", gap: float = 0.0) -> bool:
        return (self.x0 < other.x1 + gap and other.x0 < self.x1 + gap
                and self.y0 < other.y1 + gap and other.y0 < self.y1 + gap)

    def inside(self, other: "Box") -> bool:
        return self.x0 >= other.x0 and self.y0 >= other.y0 and self.x1 <= other.x1 and self.y1 <= other.y1

    def area_with(self, other: "Box") -> float:
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(w, 0) * max(h, 0)


@lru_cache(maxsize=4096)
def text_size(text: str, size_pt: float, weight: str = "normal") -> tuple[float, float]:
    """Width and height (ascent + descent) of one line of `text`, in millimetres, as matplotlib sets it."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties
    style.register_fonts()
    renderer = _renderer(RendererAgg)
    w, h, _ = renderer.get_text_width_height_descent(
        text, FontProperties(family=FAMILY, size=size_pt, weight=weight), ismath=False)
    return w / MEASURE_DPI * 25.4, h / MEASURE_DPI * 25.4


@lru_cache(maxsize=1)
def _renderer(cls):
    return cls(10, 10, MEASURE_DPI)


def wrap_to(text: str, width_mm: float, size_pt: float, weight: str = "normal") -> list[str]:
    """`text` broken at spaces into lines no wider than `width_mm` (a word longer than that stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_size(f"{lines[-1]} {word}", size_pt, weight)[0] <= width_mm:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def count(n: int, word: str, plural: str | None = None) -> str:
    """`1 link`, `2 links`: a count for alt text."""
    return f"{number(n)} {word if n == 1 else plural or word + 's'}"


def need(declaration: dict, key: str, kind: str):
    if key not in declaration:
        raise BuildError(f"{kind} declaration: expected the key {key!r}, found only {', '.join(declaration) or 'none'}")
    return declaration[key]


def check_keys(declaration: dict, allowed: set[str], kind: str) -> None:
    unknown = sorted(set(declaration) - allowed)
    if unknown:
        raise BuildError(f"{kind} declaration: unknown key {', '.join(map(repr, unknown))} "
                         f"(expected {', '.join(sorted(allowed))})")


@contextmanager
def mm_figure(height_mm: float, width_mm: float = style.WIDTH_MM):
    """A house-style figure with one axes filling it, data coordinates in millimetres, y downwards."""
    with style.figure(height_mm=height_mm, width_mm=width_mm) as fig:
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, width_mm)
        ax.set_ylim(height_mm, 0)
        ax.set_axis_off()
        yield fig, ax


def label_boxes(fig) -> list[tuple[str, Box]]:
    """Every text the figure draws, with its box in millimetres as the renderer sets it (for tests)."""
    from matplotlib.text import Text
    renderer = fig.canvas.get_renderer()
    height = fig.get_figheight() * 25.4
    scale = 25.4 / fig.dpi
    out = []
    for t in fig.findobj(Text):
        if not t.get_visible() or not t.get_text():
            continue
        e = t.get_window_extent(renderer)
        out.append((t.get_text(), Box(e.x0 * scale, height - e.y1 * scale, e.x1 * scale, height - e.y0 * scale)))
    return out
