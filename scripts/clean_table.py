"""Snakemake: raw table -> clean dataset and its validation report (rule `clean`)."""
from pathlib import Path

from dpaper.data.clean import clean, resolve_references, write_report
from dpaper.errors import BuildError, run

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    if len(sm.input.raw) > 1:
        raise BuildError(f"{sm.input.raw[0]}: expected one raw table per dataset, found both "
                         f"{' and '.join(sm.input.raw)} (keep one)")
    paths = {("bibliography" if p.endswith((".yaml", ".yml")) else Path(p).stem): p for p in sm.input.references}
    references = resolve_references(sm.input.schema, paths.__getitem__)
    report = clean(sm.input.raw[0], sm.input.schema, sm.output.data, references, sm.params.edition_year)
    write_report(report, sm.output.report)
    print(f"{sm.input.raw[0]}: {report['rows']} rows, {report['checks']} checks passed")


run(main, sm.log[0])
