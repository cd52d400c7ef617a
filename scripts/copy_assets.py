"""Snakemake: fonts (from their pinned packages) and stylesheets -> the edition's assets (rule `assets`)."""
import shutil

from dpaper.errors import run

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    pairs = list(zip(sm.input.css, sm.output.css)) + list(zip(sm.input.fonts, sm.output.fonts)) + \
        list(zip(sm.input.licences, sm.output.licences))
    for src, dst in pairs:
        shutil.copyfile(src, dst)


run(main, sm.log[0])
