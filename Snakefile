# The DAG of the discussion paper: raw tables -> clean datasets -> figures ->
# chapter HTML -> book HTML -> PDF. README.md ("How data flows") has the picture.
# Every file a job reads is an input (our library modules, templates, CSS,
# fonts, the bibliography, uv.lock for third-party code), so editing one raw
# table rebuilds exactly what depends on it and a no-op run does nothing.
import os
import sys
from pathlib import Path

from snakemake.utils import validate

from dpaper.config import Edition
from dpaper.data.clean import referenced_resources
from dpaper.data.dictionary import print_summary
from dpaper.figures import REGISTRY as FIGURES, modules as figure_modules
from dpaper.fonts import face_paths, licence_paths
from dpaper.render.plan import plan_chapter


configfile: "config.yaml"


validate(config, "schemas/config.schema.yaml")
ED = Edition(config)
_cli_configs = list(workflow.config_settings.configfiles)  # --configfile wins over config.yaml
if _missing := ED.missing_sources(os.path.relpath(_cli_configs[-1]) if _cli_configs else "config.yaml"):
    sys.exit("".join(f"error: {line}\n" for line in _missing).rstrip())
OUT = str(ED.out)
DATASETS = sorted(p.stem for p in Path("schemas/datasets").glob("*.yaml"))
REFERENCES = {d: referenced_resources(f"schemas/datasets/{d}.yaml") for d in DATASETS}
PLAN = {ch: plan_chapter(ED, ch, set(DATASETS)) for ch in ED.chapters}
EDITION_YEAR = int(config["edition"]["date"][:4])


def raw_table(wildcards):
    """The raw table as editors keep it: CSV or Excel (both given: the job says which to keep)."""
    found = [str(ED.raw / f"{wildcards.dataset}{ext}") for ext in (".csv", ".xlsx")
             if (ED.raw / f"{wildcards.dataset}{ext}").exists()]
    return found or [str(ED.raw / f"{wildcards.dataset}.csv")]


def referenced(wildcards):
    """Clean data (or the bibliography) that this dataset's foreign keys point into."""
    return [str(ED.bibliography) if r == "bibliography" else str(ED.clean(r))
            for r in REFERENCES[wildcards.dataset]]


def code(*parts):
    """Our modules a job imports, plus the lock file that pins everything else."""
    files = ["uv.lock", "src/dpaper/__init__.py", "src/dpaper/errors.py", "src/dpaper/config.py"]
    for part in parts:
        files += sorted(str(p) for p in Path("src/dpaper").glob(part))
    return files


wildcard_constraints:
    dataset="|".join(DATASETS) or "none",
    chapter="|".join(ED.chapters),


rule all:
    input:
        ED.pdf,
        f"{OUT}/web/index.html",
        f"{OUT}/web/data.html",


onsuccess:
    print_summary(f"{OUT}/validation.json")


rule clean:
    message:
        "Validating and cleaning {input.raw}"
    input:
        raw=raw_table,
        schema="schemas/datasets/{dataset}.yaml",
        references=referenced,
        code=code("data/*.py"),
    output:
        data=f"{OUT}/data/{{dataset}}.csv",
        report=f"{OUT}/validation/{{dataset}}.json",
    params:
        edition_year=EDITION_YEAR,
    log:
        f"{OUT}/logs/clean/{{dataset}}.log",
    script:
        "scripts/clean_table.py"


for _module, _ids in figure_modules().items():

    rule:
        name:
            f"figures_{_module}"
        message:
            f"Drawing the figures of {_module}: {', '.join(_ids)}"
        input:
            data=sorted({str(ED.clean(d)) for i in _ids for d in FIGURES[i].datasets}),
            schemas=sorted({f"schemas/datasets/{d}.yaml" for i in _ids for d in FIGURES[i].datasets}),
            code=code("data/*.py", "fonts.py", "figures/__init__.py", "figures/style.py",
                      "figures/draw.py", f"figures/{_module}.py"),
        output:
            [str(ED.figure(i, ext)) for i in _ids for ext in ("svg", "csv", "json")],
        params:
            module=_module,
        log:
            f"{OUT}/logs/figures/{_module}.log",
        script:
            "scripts/draw_figures.py"


rule data_dictionary:
    message:
        "Writing the data dictionary and the validation summary"
    input:
        schemas=[f"schemas/datasets/{d}.yaml" for d in DATASETS],
        reports=[f"{OUT}/validation/{d}.json" for d in DATASETS],
        key_figures=[str(ED.clean("key_figures"))] if "key_figures" in DATASETS else [],
        template="templates/data.html.j2",
        code=code("data/*.py", "render/chapter.py", "render/values.py", "render/units.py"),
    output:
        page=f"{OUT}/web/data.html",
        summary=f"{OUT}/validation.json",
    log:
        f"{OUT}/logs/data_dictionary.log",
    script:
        "scripts/data_dictionary.py"


rule labels:
    message:
        "Numbering chapters, sections, tables, figures and boxes"
    input:
        chapters=[str(ED.chapter_source(c)) for c in ED.chapters],
        code=code("render/*.py", "figures/__init__.py"),
    output:
        str(ED.labels),
    log:
        f"{OUT}/logs/labels.log",
    script:
        "scripts/index_labels.py"


rule chapter:
    message:
        "Rendering chapter {wildcards.chapter}"
    input:
        source=lambda w: str(ED.chapter_source(w.chapter)),
        labels=str(ED.labels),
        data=lambda w: [str(ED.clean(d)) for d in PLAN[w.chapter].datasets],
        schemas=lambda w: [f"schemas/datasets/{d}.yaml" for d in PLAN[w.chapter].datasets],
        figures=lambda w: [str(ED.figure(f, e)) for f in PLAN[w.chapter].figures for e in ("svg", "json")],
        images=lambda w: PLAN[w.chapter].images,
        bibliography=str(ED.bibliography),
        notes=str(ED.notes),
        templates=["templates/part.html.j2", "templates/web.html.j2"],
        code=code("data/*.py", "render/*.py"),
    output:
        part=f"{OUT}/parts/{{chapter}}.html",
        web=f"{OUT}/web/{{chapter}}.html",
    log:
        f"{OUT}/logs/chapter/{{chapter}}.log",
    script:
        "scripts/render_chapter.py"


rule assets:
    message:
        "Copying fonts and stylesheets"
    input:
        css=["templates/fonts.css", "templates/print.css", "templates/screen.css"],
        fonts=[str(p) for p in face_paths().values()],
        licences=[str(p) for p in licence_paths().values()],
        code=code("fonts.py"),
    output:
        css=[f"{OUT}/assets/{n}" for n in ("fonts.css", "print.css", "screen.css")],
        fonts=[f"{OUT}/assets/fonts/{n}" for n in face_paths()],
        licences=[f"{OUT}/assets/fonts/{n}" for n in licence_paths()],
    log:
        f"{OUT}/logs/assets.log",
    script:
        "scripts/copy_assets.py"


rule book:
    message:
        "Assembling the book HTML"
    input:
        parts=[str(ED.part(c)) for c in ED.chapters],
        labels=str(ED.labels),
        publishers=str(ED.clean("publishers")),
        publishers_schema="schemas/datasets/publishers.yaml",
        validation=f"{OUT}/validation.json",
        templates=["templates/book.html.j2", "templates/index.html.j2"],
        code=code("render/*.py", "data/*.py"),
    output:
        book=str(ED.book),
        index=f"{OUT}/web/index.html",
    params:
        edition=config["edition"],
    log:
        f"{OUT}/logs/book.log",
    script:
        "scripts/assemble_book.py"


rule pdf:
    message:
        "Laying out the PDF with WeasyPrint (the slow step, about 20 s): {output}"
    input:
        book=str(ED.book),
        assets=rules.assets.output,
        figures=[str(ED.figure(f)) for ch in ED.chapters for f in PLAN[ch].figures],
        images=[i for ch in ED.chapters for i in PLAN[ch].images],
        code=code("pdf.py", "fonts.py"),
    output:
        update(ensure(str(ED.pdf), non_empty=True)),
    params:
        date=config["edition"]["date"],
    log:
        f"{OUT}/logs/pdf.log",
    script:
        "scripts/write_pdf.py"
