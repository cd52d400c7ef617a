"""Snakemake: files copied as they are, each input to the output of the same place in its list.

Rule `assets` (the PDF's fonts and stylesheets), rule `web_files` (the web edition's copies of the PDF,
the cleaned datasets, with no cell a spreadsheet would run as a formula, dpaper.publish, the
photographs and the drawings) and the stylesheet, script and icon of rule `web_assets`. A drawing
copied into the web edition (`figures/<id>.svg`, the "full size" link under each figure) takes the
edition's fonts (dpaper.render.images.standalone_svg).
"""
import shutil
from pathlib import Path

from dpaper.errors import run
from dpaper.publish import safe_csv
from dpaper.render.images import standalone_svg

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    sources = [str(p) for name in sm.input.keys() if name != "code" for p in getattr(sm.input, name)]
    targets = [str(p) for p in sm.output]
    assert len(sources) == len(targets), (sources, targets)
    for src, dst in zip(sources, targets):
        if Path(dst).parent.name == "figures" and dst.endswith(".svg"):
            Path(dst).write_text(standalone_svg(Path(src)), encoding="utf-8")
        elif dst.endswith(".csv"):      # a published dataset: no cell a spreadsheet would run as a formula
            Path(dst).write_bytes(safe_csv(Path(src).read_bytes()))
        else:
            shutil.copyfile(src, dst)


run(main, sm.log[0], sm.input)
