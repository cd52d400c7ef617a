"""Figures: one pure function per figure, grouped in one module per chapter.

REGISTRY maps a figure id to the module and function that draw it and the
cleaned datasets it reads. Adding a figure is a function in a module plus a
line here. The Snakefile makes one job per module (importing matplotlib costs
about 1.2 s a process, drawing a figure about 0.2 s), whose inputs are the
datasets of its figures and the module's source.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FigureSpec:
    module: str          # dpaper.figures.<module>
    function: str        # function(datasets) -> Drawing
    datasets: tuple[str, ...]


REGISTRY: dict[str, FigureSpec] = {
    "nrw-cambodia": FigureSpec("phnom_penh", "nrw_cambodia", ("nrw_cambodia",)),
}


def modules() -> dict[str, list[str]]:
    """Module name -> ids of the figures it draws, in registry order."""
    out: dict[str, list[str]] = {}
    for fig_id, spec in REGISTRY.items():
        out.setdefault(spec.module, []).append(fig_id)
    return out
