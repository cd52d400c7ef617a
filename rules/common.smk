# Set-up shared by every rule: the edition (config.yaml, validated), the
# datasets (one per schema), what each chapter reads (from its manuscript),
# and the helpers that turn these into inputs. Every path comes from Edition.
import os
import sys
from pathlib import Path

from dpaper import yamlfile
from snakemake.utils import validate

from dpaper.config import Edition, schema_problems
from dpaper.data.clean import referenced_resources
from dpaper.data.dictionary import print_summary
from dpaper.data.read import raw_table_paths
from dpaper.data.same import datasets_named, load_declarations
from dpaper.errors import BuildError
from dpaper.figures import modules as figure_modules, registry as figure_registry
from dpaper.fonts import face_paths, licence_paths
from dpaper.lock import hold as hold_output_lock
from dpaper.provenance import source_state
from dpaper.render.plan import missing_photographs, plan_chapter


def stop(problems):
    """Refuse to load the workflow: one `error:` line per problem, nothing run, nothing written."""
    if problems:
        sys.exit("\n".join(f"error: {line}" for line in problems))


_cli_configs = list(workflow.config_settings.configfiles)  # --configfile wins over config.yaml
_config_file = os.path.relpath(_cli_configs[-1]) if _cli_configs else "config.yaml"
stop(schema_problems(config, yamlfile.load("schemas/config.schema.yaml"), _config_file))
validate(config, "../schemas/config.schema.yaml")   # fills the defaults
ED = Edition(config)
stop(ED.problems(_config_file))
try:
    hold_output_lock(ED.out)   # one build per output folder at a time (dpaper.lock)
except BuildError as _exc:
    stop(_exc.problems)
SOURCE = source_state()   # the commit built from, and whether the tree had uncommitted changes (provenance)
CHANGES = ED.changes   # the previous edition the changes report compares with (config changes), or None
stop([p] if (p := ED.changes_problem(_config_file)) else [])
CHANGES_REPORT = ED.out / "changes" / "changes.json"
CHANGES_PART = ED.out / "changes" / "part.html"   # the report as an appendix of the book (changes.print)
DATASETS = sorted(p.stem for p in Path("schemas/datasets").glob("*.yaml"))
# without this, the clean data the last build left would be published as if it were current
stop([f"{raw}: expected the raw table of the dataset {d} (schemas/datasets/{d}.yaml), found none (deleted or renamed?)"
      for d in DATASETS if not (raw := raw_table_paths(ED.raw, d)[0]).exists()])
SAME_FACTS = "schemas/same-facts.yaml"   # facts two datasets hold: the build checks they agree
try:
    SAME_FACTS_DATASETS = [d for d in datasets_named(load_declarations(SAME_FACTS)) if d in DATASETS]
except BuildError as _exc:
    stop(_exc.problems)
REFERENCES = {d: referenced_resources(f"schemas/datasets/{d}.yaml") for d in DATASETS}
DECLARATIONS = sorted(str(p) for p in Path("figures").glob("*.py"))
try:
    FIGURES = figure_registry("figures")   # the declarations, figures/*.py
except BuildError as _exc:
    stop(_exc.problems)
PLAN = {ch: plan_chapter(ED, ch, set(DATASETS), FIGURES) for ch in ED.chapters}
if not ED.draft:
    stop(missing_photographs(ED, PLAN, FIGURES))

def schema(dataset):
    return f"schemas/datasets/{dataset}.yaml"


def raw_table(wildcards):
    """The raw table as editors keep it: CSV or Excel (both given: the job says which to keep)."""
    return [str(p) for p in raw_table_paths(ED.raw, wildcards.dataset)]


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


def since_files(wildcards):
    """The previous edition's files the report reads (none when the config names no previous edition)."""
    if not CHANGES:
        return []
    folder = CHANGES["folder"]
    return sorted(str(p) for p in folder.glob("**/*") if p.is_file() and p.suffix in (".csv", ".json", ".html", ".svg")
                  and p.relative_to(folder).parts[0] in ("data", "figures", "web", "labels.json"))
