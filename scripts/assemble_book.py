"""Snakemake: chapter parts -> the book HTML and the web edition's index (rule `book`)."""
from dpaper.config import Edition
from dpaper.errors import run
from dpaper.render.book import write_book

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    write_book(Edition(sm.config), sm.input, sm.output)


run(main, sm.log[0])
