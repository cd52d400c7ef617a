"""How a figure is declared, in a file of the top-level `figures/` folder.

    from dpaper.figures.declare import chart, photo, timeline

    photo("mayor-visit", caption="The mayor's visit", ratio=3 / 2)

    timeline("pp-cooperation-timeline", caption="…", datasets=("events",),
             events="pp-cooperation-timeline", lanes="sector", span=(1993, 2018))

    @chart("water-loss", datasets=("water_loss",), caption="…")
    def water_loss(data):            # {dataset name: DataFrame} -> Drawing
        ...

Each call adds one declaration; `registry()` reads every file of the folder
and returns them by id. A figure is placed with `{{ figure("id") }}`; the
caption, source and credit given here are its defaults, which the manuscript
may override. A label of a timeline, map or diagram may name a key figure or
an event's date instead of typing it (`{fact:key}`, `{date:id}`: see
dpaper.figures.bind). `added=True` marks a figure the edition's source does not have: it
is printed without a number, so the edition's figure numbers stay its own.
"""
from __future__ import annotations

import runpy
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from dpaper.errors import BuildError, where
from dpaper.figures import bind

DRAWN = ("chart", "timeline", "map", "diagram")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class FigureSpec:
    id: str
    kind: str                              # chart | timeline | map | diagram | photo | table | lost
    module: str                            # the declaration file, without .py
    caption: str = ""
    source: str = ""                       # the "Source:" line under the figure
    datasets: tuple[str, ...] = ()
    alt: str = ""                          # photographs: what the picture shows (drawn figures make their own)
    ratio: float = 3 / 2                   # photographs: width / height, for the placeholder
    added: bool = False                    # not in the edition's source: printed without a number
    draw: Callable | None = None           # charts: {dataset: DataFrame} -> Drawing
    declaration: dict = field(default_factory=dict)   # timelines, maps, diagrams: their kind's declaration

    @property
    def drawn(self) -> bool:
        return self.kind in DRAWN

    def photo_files(self, images: Path) -> list[Path]:
        """Where a photograph may be: `<images>/<id>.jpg|jpeg|png|webp`."""
        return [images / f"{self.id}{s}" for s in PHOTO_SUFFIXES]


_declared: list[FigureSpec] | None = None
_module = ""


def _add(spec: FigureSpec) -> FigureSpec:
    if _declared is None:
        raise BuildError(f"figure {spec.id!r}: declared outside a file of the figures/ folder")
    _declared.append(spec)
    return spec


def photo(ident: str, caption: str = "", source: str = "", alt: str = "", ratio: float = 3 / 2,
          added: bool = False) -> FigureSpec:
    """A photograph slot: `<images>/<id>.jpg|png|webp` fills it; a draft build shows a placeholder."""
    return _add(FigureSpec(ident, "photo", _module, caption, source, alt=alt or caption, ratio=ratio, added=added))


def chart(ident: str, datasets: tuple[str, ...], caption: str = "", source: str = "", added: bool = False):
    """A data chart: decorates a function {dataset: DataFrame} -> Drawing."""
    def decorate(fn: Callable) -> Callable:
        _add(FigureSpec(ident, "chart", _module, caption, source, tuple(datasets), added=added, draw=fn))
        return fn
    return decorate


def _kind(kind: str):
    def declare(ident: str, datasets: tuple[str, ...], caption: str = "", source: str = "", added: bool = False,
                **declaration) -> FigureSpec:
        if kind == "timeline":
            declaration.setdefault("figure", ident)      # the events that list this figure's id
        return _add(FigureSpec(ident, kind, _module, caption, source, datasets, added=added,
                               declaration=declaration))
    declare.__name__ = kind
    declare.__doc__ = f"A {kind} drawn from data by dpaper.figures.kinds.{kind} (its docstring: the keys)."
    return declare


timeline, map, diagram = _kind("timeline"), _kind("map"), _kind("diagram")   # noqa: A001 (map: the kind's name)


def lost(ident: str, caption: str = "", source: str = "") -> FigureSpec:
    """A figure of the edition's source whose content is lost: it keeps its number and place as a lacuna mark
    ("Figure 2.10 [not preserved]"), with its caption and source where those survive. Never drawn."""
    return _add(FigureSpec(ident, "lost", _module, caption, source))


def table_figure(ident: str, table: str, caption: str = "", source: str = "", added: bool = False) -> FigureSpec:
    """A table printed as a figure (a source's figure that is a table): numbered as a figure, drawn as the
    table `table` declared in the tables/ folder (dpaper.tables) from its dataset."""
    return _add(FigureSpec(ident, "table", _module, caption, source, added=added, declaration={"table": table}))


def registry(directory: str | Path = "figures", roles: dict | None = None) -> dict[str, FigureSpec]:
    """Every figure declared in `directory`/*.py, by id (files in name order, figures in file order); a drawn
    figure's datasets include those its labels' placeholders read (dpaper.figures.bind; `roles`: config roles)."""
    global _declared, _module
    out: dict[str, FigureSpec] = {}
    problems = []
    for path in sorted(Path(directory).glob("*.py")):
        _declared, _module = [], path.stem
        try:
            runpy.run_path(str(path), run_name=f"figures.{path.stem}")
            for spec in _declared:
                if spec.declaration and spec.kind != "table":
                    spec = replace(spec, datasets=spec.datasets + tuple(
                        d for d in bind.needs(spec.declaration, roles) if d not in spec.datasets))
                if spec.id in out:
                    problems.append(f"{where(path)}: expected each figure id once, found {spec.id!r} again "
                                    f"(first in figures/{out[spec.id].module}.py)")
                out[spec.id] = spec
        finally:
            _declared, _module = None, ""
    if problems:
        raise BuildError(problems)
    return out
