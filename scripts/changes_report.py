"""Snakemake: two built editions -> the changes report as JSON, a web page and a book part (rule `changes`)."""
import json
from pathlib import Path

from dpaper.changes import Snapshot, compare
from dpaper.config import Edition
from dpaper.errors import BuildError, run
from dpaper.render.images import inline_svg
from dpaper.render.pages import changes_page, changes_part

sm = snakemake  # noqa: F821 (provided by Snakemake)


def main():
    ed = Edition(sm.config)
    since = ed.changes
    if since is None:
        raise BuildError("config changes.since: expected the previous edition to compare with (its built folder "
                         "or its config file), found none")
    old = Snapshot.of(since["folder"], ident=since["name"])
    new = Snapshot.of(ed.out, Path(sm.output.page).parent, ident=str(ed.meta["id"]))
    report = compare(old, new, {Path(p).stem: Path(p) for p in sm.input.schemas}, sm.config)
    drawings = {}
    for f in report["figures"]:
        before, after = old.root / "figures" / f"{f['id']}.svg", ed.figure(f["id"])
        drawings[f["id"]] = (inline_svg(before, f"{f['id']}-was") if before.is_file() else "",
                             inline_svg(after, f"{f['id']}-now") if after.is_file() else "")
    chapters = json.loads(Path(sm.input.labels).read_text(encoding="utf-8"))["chapters"]
    Path(sm.output.report).write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    page = changes_page(ed.web_meta, report, since["name"], drawings, chapters=chapters)
    Path(sm.output.page).write_text(page, encoding="utf-8")
    Path(sm.output.part).write_text(changes_part(report, since["name"]), encoding="utf-8")


run(main, sm.log[0], sm.input)
