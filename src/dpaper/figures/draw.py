"""Draw the figures of one declaration file: SVG, the data plotted (CSV) and alt text (JSON)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from dpaper.errors import BuildError
from dpaper.figures import bind, numbers
from dpaper.typography import typographic_svg

KINDS = {"timeline": ("timeline", "timeline"), "map": ("maps", "map_figure"), "diagram": ("diagram", "diagram")}


@dataclass
class Drawing:
    svg: str
    alt: str = ""
    table: list[dict] = field(default_factory=list)

    @classmethod
    def from_figure(cls, fig) -> "Drawing":
        from dpaper.figures.style import save_svg
        buf = io.StringIO()
        save_svg(fig, buf)
        return cls(svg=buf.getvalue())


ROLES = {"timeline": ("events",), "map": ("places", "countries")}   # the roles (config roles) a kind reads


def drawing(spec, datasets: dict, roles: dict | None = None) -> Drawing:
    """The figure `spec` declares, drawn from its datasets: a chart by its function, the other kinds by theirs,
    which find the datasets they read under the names of their roles (`roles`: config roles)."""
    data = {k: datasets[k] for k in spec.datasets}
    if spec.kind == "chart":
        return spec.draw(data)
    roles = roles or {}
    module, function = KINDS[spec.kind]
    declaration = bind.fill(spec.declaration, data, spec.id, roles or None)
    data |= {r: data[roles.get(r, r)] for r in ROLES.get(spec.kind, ()) if roles.get(r, r) in data}
    return getattr(import_module(f"dpaper.figures.kinds.{module}"), function)(data, declaration)


def draw_module(specs: list, datasets: dict, out_dir: Path, language: str | None = None,
                roles: dict | None = None) -> list[str]:
    """Draw each of `specs` (the drawn figures of one declaration file) into `out_dir`, its numbers written as
    the edition `language` writes them (`roles`: config roles); return their ids."""
    drawn = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for spec in specs:
        with numbers.language(language):
            d = drawing(spec, datasets, roles)
        if not d.alt.strip():
            raise BuildError(f"{spec.module}.py: figure {spec.id!r}: expected alt text, found none")
        # its labels' quotes and apostrophes typographic, whatever drew it (print and web use this file)
        (out_dir / f"{spec.id}.svg").write_text(typographic_svg(d.svg), encoding="utf-8")
        with open(out_dir / f"{spec.id}.csv", "w", encoding="utf-8", newline="") as fh:
            if d.table:
                w = csv.DictWriter(fh, fieldnames=list(d.table[0]), lineterminator="\n")
                w.writeheader()
                w.writerows(d.table)
        meta = {"id": spec.id, "kind": spec.kind, "alt": d.alt, "datasets": list(spec.datasets)}
        (out_dir / f"{spec.id}.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
        drawn.append(spec.id)
    return drawn
