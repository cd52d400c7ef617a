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
from dpaper.render.labels import chapter_anchor
from dpaper.render.environment import template_file
from dpaper.render.plan import missing_photographs, plan_chapter
from dpaper.render.units import UNITS_FILE
from dpaper.tables import registry as table_registry


# Snakemake compares each job's params with its last run's, and imports pandas to do so whenever pandas is
# installed (a third of a no-op run's time); no param of ours is a pandas object, and for anything else its
# plain serialiser is the one it uses anyway: the same records, without the import
# (docs/decisions/132-startup-without-pandas.md).
import snakemake.persistence as _persistence

_base = getattr(_persistence, "PersistenceBase", None)
if hasattr(_base, "_serialize_param_builtin") and hasattr(_base, "_serialize_param"):
    _base._serialize_param = property(lambda self: self._serialize_param_builtin)


def stop(problems):
    """Refuse to load the workflow: one `error:` line per problem, nothing run, nothing written."""
    if problems:
        sys.exit("\n".join(f"error: {line}" for line in problems))


from dpaper import ENGINE


def engine(rel):
    """A file of the engine (rules, scripts, templates, src), relative to the paper's folder being built."""
    return os.path.relpath(ENGINE / rel)


stop(schema_problems(config, yamlfile.load(ENGINE / "schemas/config.schema.yaml"), CONFIG_FILE))
validate(config, "../schemas/config.schema.yaml")   # fills the defaults
ED = Edition(config)
stop(ED.problems(CONFIG_FILE))
try:
    hold_output_lock(ED.out)   # one build per output folder at a time (dpaper.lock)
except BuildError as _exc:
    stop(_exc.problems)
SOURCE = source_state()   # the commit built from, and whether the tree had uncommitted changes (provenance)
CHANGES = ED.changes   # the previous edition the changes report compares with (config changes), or None
stop([p] if (p := ED.changes_problem(CONFIG_FILE)) else [])
CHANGES_REPORT = ED.out / "changes" / "changes.json"
CHANGES_PART = ED.out / "changes" / "part.html"   # the report as an appendix of the book (changes.print)
DATASETS = sorted(p.stem for p in ED.schemas.glob("*.yaml"))
stop(ED.role_problems(DATASETS, CONFIG_FILE))
ROLES = ED.roles(DATASETS)   # which dataset plays each part the engine knows (config roles), or None
try:
    WORDS = ED.words   # the edition's words: a change reruns every job that prints them
except BuildError as _exc:
    stop(_exc.problems)
WORD_FILES = [str(p) if not p.is_absolute() else os.path.relpath(p) for p in ED.word_files()]
# without this, the clean data the last build left would be published as if it were current
stop([f"{raw}: expected the raw table of the dataset {d} ({ED.schema(d)}), found none (deleted or renamed?)"
      for d in DATASETS if not (raw := raw_table_paths(ED.raw, d)[0]).exists()])
SAME_FACTS = str(ED.same_facts)   # facts two datasets hold: the build checks they agree
try:
    SAME_FACTS_DATASETS = ([d for d in datasets_named(load_declarations(SAME_FACTS)) if d in DATASETS]
                           if ED.same_facts.is_file() else [])
except BuildError as _exc:
    stop(_exc.problems)
REFERENCES = {d: referenced_resources(ED.schema(d)) for d in DATASETS}
DECLARATIONS = sorted(str(p) for p in ED.declarations.glob("*.py"))
try:
    FIGURES = figure_registry(ED.declarations, ROLES)   # the declarations, figures/*.py
except BuildError as _exc:
    stop(_exc.problems)
UNITS = [str(p) for p in [UNITS_FILE] if p.is_file()]   # the paper's units (dpaper.render.units)
TABLE_DECLARATIONS = sorted(str(p) for p in ED.table_declarations.glob("*.py"))
try:
    TABLES = table_registry(ED.table_declarations)   # the declarations, tables/*.py
except BuildError as _exc:
    stop(_exc.problems)
PLAN = {ch: plan_chapter(ED, ch, set(DATASETS), FIGURES, TABLES) for ch in ED.chapters}
if not ED.draft:
    stop(missing_photographs(ED, PLAN, FIGURES, TABLES))


def template(name):
    """A template or stylesheet: the paper's own (paths.templates) or the engine's."""
    return os.path.relpath(template_file(name, ED.templates))


def role(name):
    """The clean data and schema of the dataset playing `name` (config roles): [] if none does."""
    return [str(ED.clean(ROLES[name])), str(ED.schema(ROLES[name]))] if ROLES[name] else []


def schema(dataset):
    return str(ED.schema(dataset))


def raw_table(wildcards):
    """The raw table as editors keep it: CSV or Excel (both given: the job says which to keep)."""
    return [str(p) for p in raw_table_paths(ED.raw, wildcards.dataset)]


def referenced(wildcards):
    """Clean data (or the bibliography) that this dataset's foreign keys point into."""
    return [str(ED.bibliography) if r == "bibliography" else str(ED.clean(r))
            for r in REFERENCES[wildcards.dataset]]


def code(*parts):
    """Our modules a job imports, plus the lock file that pins everything else."""
    files = [engine(f) for f in ("uv.lock", "src/dpaper/__init__.py", "src/dpaper/errors.py",
                                 "src/dpaper/config.py", "src/dpaper/words.py")]
    for part in parts:
        files += sorted(os.path.relpath(p) for p in (ENGINE / "src/dpaper").glob(part))
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
