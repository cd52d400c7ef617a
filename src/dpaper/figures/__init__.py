"""Figures: declared in the top-level `figures/` folder, one file per chapter or case study.

A declaration file calls the functions of `dpaper.figures.declare` (`chart`,
`photo`, `timeline`, `map`, `diagram`): what each figure shows, from which
datasets, its caption, source and credit. `registry()` reads every file of
the folder and returns the declarations by figure id; the Snakefile makes one
drawing job per file (importing matplotlib costs about 1.2 s a process,
drawing a figure about 0.2 s), whose inputs are the datasets its figures read,
the file itself and the library. The drawing kinds and the house style live in
this package (`kinds/`, `style.py`).
"""
from __future__ import annotations

from dpaper.figures.declare import FigureSpec, registry

__all__ = ["FigureSpec", "modules", "registry"]


def modules(specs: dict[str, FigureSpec]) -> dict[str, list[str]]:
    """Declaration file -> ids of the figures it draws (photographs are not drawn), in declaration order."""
    out: dict[str, list[str]] = {}
    for fig_id, spec in specs.items():
        if spec.drawn:
            out.setdefault(spec.module, []).append(fig_id)
    return out
