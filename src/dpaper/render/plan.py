"""What one chapter needs, read from its manuscript when the workflow loads.

The Snakefile turns this into the chapter job's inputs: the datasets it reads
(through data.<name>, fact(), or a table), the figures it places, the images
it shows. A manuscript that cannot be read yields an empty plan here; the
`labels` job then reports the problem with its file and line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dpaper.config import Edition
from dpaper.errors import BuildError
from dpaper.figures import REGISTRY as FIGURES
from dpaper.render import tables
from dpaper.render.manuscript import environment, read, scan


@dataclass
class Plan:
    datasets: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)


def plan_chapter(ed: Edition, chapter: str, known_datasets: set[str]) -> Plan:
    try:
        s = scan(read(ed.chapter_source(chapter)), environment())
    except BuildError:
        return Plan()
    datasets = set(s.datasets)
    figures, images = [], []
    for kind, ident, kwargs in s.placed:
        if kind == "table" and ident in tables.REGISTRY:
            datasets.add(tables.REGISTRY[ident].dataset)
        elif kind == "figure" and "image" in kwargs:
            path = ed.images / str(kwargs["image"])
            inside = path.resolve().is_relative_to(Path.cwd().resolve())
            if inside and path.is_file():
                images.append(str(path))
        elif kind == "figure" and ident in FIGURES:
            figures.append(ident)
    return Plan(sorted(datasets & known_datasets), figures, images)
