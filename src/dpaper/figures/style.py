"""The one place for the look of every figure, and deterministic SVG output."""
from __future__ import annotations

from contextlib import contextmanager

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from dpaper.fonts import face_paths  # noqa: E402

INK = "#1f2d3a"
MUTED = "#56646f"
RULE = "#c9d2d9"
PRIMARY = "#00677f"     # teal: the latest or main series
SECONDARY = "#4a93a8"   # lighter teal: the earlier series (3:1 on white and on the timeline's lanes)
ACCENT = "#a4550a"      # burnt orange: one highlighted value (the web's accent)
TINT = "#e6f0f3"        # a pale teal ground for text (tiles)
# A chart's series, in this order: Okabe & Ito's colour-blind-safe palette ("Color Universal Design", 2008),
# the three of its colours that keep 3:1 on white with room (orange, sky blue and yellow fall below it),
# then the ink. Every pair stays apart (CIEDE2000 20 or more; 10 or more for simulated deuteranope, protanope
# and tritanope vision): tests/test_figure_colours.py measures the drawn maps and charts.
BLUE, VERMILLION, GREEN = "#0072b2", "#d55e00", "#009e73"
SERIES = (BLUE, VERMILLION, GREEN, INK)
WIDTH_MM = 150          # text block width
MIN_PT = 7.0            # no figure text is set smaller in print

RC = {
    "font.family": "Source Sans Pro",
    "font.size": 8.5,
    "axes.edgecolor": RULE,
    "axes.labelcolor": INK,
    "axes.titlesize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "text.color": INK,
    "text.parse_math": False,      # labels come from data: "$x^$" is drawn as typed, never read as mathtext
    "svg.fonttype": "none",        # text stays text: selectable, set in the paper's font
    "svg.hashsalt": "dpaper",      # fixed ids: same data, same bytes
    "path.simplify": False,
}


def register_fonts() -> None:
    for path in face_paths().values():
        if path.name.startswith("SourceSansPro"):
            font_manager.fontManager.addfont(str(path))


@contextmanager
def figure(height_mm: float, width_mm: float = WIDTH_MM):
    register_fonts()
    with plt.rc_context(RC):
        fig = plt.figure(figsize=(width_mm / 25.4, height_mm / 25.4))
        try:
            yield fig
        finally:
            plt.close(fig)


def save_svg(fig, path) -> None:
    fig.savefig(path, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches=None)
