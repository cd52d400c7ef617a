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
from dpaper.paths import outside
from dpaper.render.manuscript import environment, read, scan


@dataclass
class Plan:
    datasets: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)     # drawn figures placed
    images: list[str] = field(default_factory=list)      # photographs placed whose file is there
    photos: list[str] = field(default_factory=list)      # ids of the photograph slots placed


def plan_chapter(ed: Edition, chapter: str, known_datasets: set[str], figures_declared: dict,
                 tables_declared: dict) -> Plan:
    try:
        s = scan(read(ed.chapter_source(chapter), check=False), environment())
    except BuildError:
        return Plan()
    roles = ed.roles(known_datasets)
    datasets = set(s.datasets) | {roles[r] for r in s.roles if roles[r]}
    figures, images, photos = [], [], []
    for kind, ident, kwargs in s.placed:
        if kind == "table" and ident in tables_declared:
            datasets.add(tables_declared[ident].dataset)
        elif kind == "figure" and "image" in kwargs:
            path = ed.images / str(kwargs["image"])
            inside = path.resolve().is_relative_to(Path.cwd().resolve())
            if inside and path.is_file():
                images.append(str(path))
        elif kind == "figure" and ident in figures_declared and figures_declared[ident].kind == "photo":
            photos.append(ident)
            images += [str(p) for p in figures_declared[ident].photo_files(ed.images)
                       if p.is_file() and not outside(p)][:1]
        elif kind == "figure" and ident in figures_declared and figures_declared[ident].kind == "table":
            table = tables_declared.get(figures_declared[ident].declaration["table"])
            if table:
                datasets.add(table.dataset)
        elif kind == "figure" and ident in figures_declared and figures_declared[ident].kind != "lost":
            figures.append(ident)
    return Plan(sorted(datasets & known_datasets), figures, images, photos)


def missing_photographs(ed: Edition, plans: dict[str, Plan], figures_declared: dict,
                        tables_declared: dict) -> list[str]:
    """A release build's check: one line per placed photograph slot whose file is missing, with its number."""
    missing = [i for ch in ed.chapters for i in plans[ch].photos
               if not any(p.is_file() for p in figures_declared[i].photo_files(ed.images))]
    if not missing:
        return []
    from dpaper.render import labels
    try:
        index = labels.build([(u, ed.chapter_source(u.stem)) for u in ed.units], figures_declared, tables_declared,
                             ed.words)
        number = {i: index["labels"][f"fig:{i}"]["text"] for i in missing}
    except BuildError:
        number = {}        # the labels job will say what is wrong with the manuscript
    return [f"release build: {number.get(i, 'photograph')} ({i}): expected "
            f"{figures_declared[i].photo_files(ed.images)[0]} (or .jpeg, .png, .webp), found none" for i in missing]
