"""Snakemake: clean datasets -> the figures of one module (rules `figures_<module>`)."""
from pathlib import Path

from dpaper.data.load import load
from dpaper.errors import run
from dpaper.figures.draw import draw_module

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    datasets = {Path(p).stem: load(Path(p).stem, p, s) for p, s in zip(sm.input.data, sm.input.schemas)}
    out_dir = Path(sm.output[0]).parent
    drawn = draw_module(sm.params.module, datasets, out_dir)
    print(f"drew {', '.join(drawn)}")


run(main, sm.log[0])
