"""Snakemake: the web edition's pages -> its search page and the Pagefind index (rule `search`).

Pagefind's binary comes with the locked environment (PyPI `pagefind[extended]`) and runs offline; it
indexes the `data-pagefind-body` of every page and writes the index and its search UI to `pagefind/`.
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

from dpaper.config import Edition
from dpaper.errors import BuildError, run
from dpaper.render.pages import search_page

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    ed = Edition(sm.config)
    chapters = json.loads(Path(sm.input.labels).read_text(encoding="utf-8"))["chapters"]
    Path(sm.output.page).write_text(search_page(ed.web_meta, chapters, ed.templates), encoding="utf-8")
    site, index = Path(sm.output.page).parent, Path(sm.output.index[0]).parent
    shutil.rmtree(index, ignore_errors=True)   # no fragment of an earlier index stays
    out = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", index.name,
                          "--force-language", ed.meta["language"].split("-")[0]], capture_output=True, text=True)
    Path(sm.log[0]).write_text(out.stdout + out.stderr, encoding="utf-8")
    missing = [p for p in sm.output.index if not Path(p).is_file()]
    if out.returncode != 0 or missing:
        raise BuildError(f"pagefind: expected a search index in {index}, found exit code {out.returncode} "
                         f"({(out.stderr or out.stdout).strip().splitlines()[-1:]}), missing {missing}")


run(main, sm.log[0], sm.input)
