"""Snakemake: raw table -> clean dataset and its validation report (rule `clean`)."""
from pathlib import Path

from dpaper.data.clean import clean, resolve_references, write_report
from dpaper.data.read import one_raw_table
from dpaper.errors import run

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    raw = one_raw_table(sm.input.raw)
    paths = {("bibliography" if p.endswith((".yaml", ".yml")) else Path(p).stem): p for p in sm.input.references}
    references = resolve_references(sm.input.schema, paths.__getitem__)
    report = clean(raw, sm.input.schema, sm.output.data, references, sm.params.edition_year)
    write_report(report, sm.output.report)
    print(f"{raw}: {report['rows']} rows, {report['checks']} checks passed")


run(main, sm.log[0], sm.input)
