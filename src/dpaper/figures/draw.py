"""Draw the figures of one module: SVG, the data plotted (CSV) and alt text (JSON)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from dpaper.figures import REGISTRY


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


def draw_module(module: str, datasets: dict, out_dir: Path) -> list[str]:
    """Draw every registered figure of `module`; return the ids drawn."""
    mod = import_module(f"dpaper.figures.{module}")
    drawn = []
    for fig_id, spec in REGISTRY.items():
        if spec.module != module:
            continue
        drawing: Drawing = getattr(mod, spec.function)({k: datasets[k] for k in spec.datasets})
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / f"{fig_id}.svg").write_text(drawing.svg, encoding="utf-8")
        with open(out_dir / f"{fig_id}.csv", "w", encoding="utf-8", newline="") as fh:
            if drawing.table:
                w = csv.DictWriter(fh, fieldnames=list(drawing.table[0]), lineterminator="\n")
                w.writeheader()
                w.writerows(drawing.table)
        meta = {"id": fig_id, "alt": drawing.alt, "datasets": list(spec.datasets)}
        (out_dir / f"{fig_id}.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        drawn.append(fig_id)
    return drawn
