"""Snakemake: the shipped faces -> WOFF2 subsets and their @font-face rules; the screen stylesheet,
script and icon copied (rule `web_assets`)."""
import shutil
from pathlib import Path

from dpaper.errors import run
from dpaper.webfonts import subset, web_css

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    for src, dst in zip(sm.input.fonts, sm.output.fonts):
        subset(src, dst)
    for src, dst in zip(sm.input.licences, sm.output.licences):
        shutil.copyfile(src, dst)
    Path(sm.output.fonts_css).write_text(web_css(Path(sm.input.fonts_css).read_text(encoding="utf-8")),
                                         encoding="utf-8")
    for src, dst in zip(sm.input.files, sm.output.files):
        shutil.copyfile(src, dst)


run(main, sm.log[0], sm.input)
