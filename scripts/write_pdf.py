"""Snakemake: book HTML -> PDF with WeasyPrint (rule `pdf`); a copy of it kept beside as the last good one."""
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

from dpaper.errors import run
from dpaper.fonts import FAMILIES
from dpaper.pdf import write_pdf

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    epoch = int(datetime.fromisoformat(sm.params.date).replace(tzinfo=timezone.utc).timestamp())
    archive = [Path(p) for p in sm.input.data] if sm.params.archive else None
    write_pdf(sm.input.book, sm.output[0], root=".", epoch=epoch, families=FAMILIES,
              document_id=sm.params.document_id, archive=archive, first_chapter=sm.params.first_chapter)
    last = Path(sm.params.last_good)       # outside Snakemake's outputs: a failed run never removes it
    last.parent.mkdir(parents=True, exist_ok=True)
    partial = last.with_name(f".{last.name}.partial")
    shutil.copyfile(sm.output[0], partial)
    os.replace(partial, last)


run(main, sm.log[0], sm.input)
