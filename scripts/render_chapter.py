"""Snakemake: manuscript + data + figures -> chapter HTML, book part and web page (rule `chapter`)."""
from dpaper.config import Edition
from dpaper.errors import run
from dpaper.render.chapter import write_chapter

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    write_chapter(Edition(sm.config), sm.wildcards.chapter, sm.input, sm.output)


run(main, sm.log[0])
