"""Snakemake: clean datasets -> the figures of one declaration file of figures/ (rules `figures_<file>`)."""
from pathlib import Path

from dpaper.data.load import load
from dpaper.errors import run
from dpaper.figures import registry
from dpaper.figures.draw import draw_module

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    datasets = {Path(p).stem: load(Path(p).stem, p, s) for p, s in zip(sm.input.data, sm.input.schemas)}
    specs = [s for s in registry(Path(sm.input.declarations).parent, sm.params.roles).values()
             if s.module == sm.params.module and s.drawn]
    drawn = draw_module(specs, datasets, Path(sm.output[0]).parent, sm.params.language, sm.params.roles)
    print(f"drew {', '.join(drawn)}")


run(main, sm.log[0], sm.input)
