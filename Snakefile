# The DAG of the discussion paper, by stage: raw tables -> clean datasets ->
# figures -> chapter HTML -> book HTML -> PDF. README.md ("How data flows")
# has the picture. Every file a job reads is an input (our library modules,
# templates, CSS, fonts, the bibliography, uv.lock for third-party code), so
# editing one raw table rebuilds exactly what depends on it and a no-op run
# does nothing.
import os
import sys

os.environ.update(DPAPER_ENGINE=workflow.basedir)   # set, not read: the engine is this Snakefile's folder (dpaper.ENGINE)


# The configuration is an editor's file, never code: read by dpaper's own loader only (dpaper.config.
# load_config), never by Snakemake's, which runs YTE templates before any check. Another edition of a
# paper: `--config edition_file=FILE`; another paper: `--directory papers/x` (its own config.yaml).
# docs/decisions/paper-folder.md says why.
from dpaper.config import load_config

CONFIG_FILE, _problems = load_config(config, workflow.config_settings.configfiles)
if _problems:
    sys.exit("\n".join(f"error: {line}" for line in _problems))


include: "rules/common.smk"     # the edition, its datasets and chapters, helpers
include: "rules/data.smk"       # raw tables -> clean datasets, data dictionary, check_data
include: "rules/figures.smk"    # clean datasets -> the figures of each chapter
include: "rules/chapters.smk"   # contents + manuscript -> labels, chapter parts and web pages
include: "rules/book.smk"       # parts -> book HTML and web index; assets; the PDF
include: "rules/changes.smk"    # two built editions -> what changed (config changes.since)


rule all:
    default_target: True
    input:
        ED.pdf,
        rules.publish.output,   # the web edition's folder, publishable as it is, replaced whole
        [CHANGES_REPORT] if CHANGES else [],   # the changes report's JSON (its page is in web/)


onsuccess:
    print_summary(ED.summary)
    if CHANGES:
        print_changes(CHANGES_REPORT)   # the changes report in one line (CI shows it on the run page)
