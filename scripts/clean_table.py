"""Snakemake: raw table -> clean dataset (rule `clean`)."""
from dpaper.data.clean import clean
from dpaper.errors import run

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    rows = clean(sm.input.raw, sm.input.schema, sm.output[0])
    print(f"{sm.input.raw}: {rows} rows valid")


run(main, sm.log[0])
