# The DAG of the discussion paper, by stage: raw tables -> clean datasets ->
# figures -> chapter HTML -> book HTML -> PDF. README.md ("How data flows")
# has the picture. Every file a job reads is an input (our library modules,
# templates, CSS, fonts, the bibliography, uv.lock for third-party code), so
# editing one raw table rebuilds exactly what depends on it and a no-op run
# does nothing.


configfile: "config.yaml"


include: "rules/common.smk"     # the edition, its datasets and chapters, helpers
include: "rules/data.smk"       # raw tables -> clean datasets, data dictionary, check_data
include: "rules/figures.smk"    # clean datasets -> the figures of each chapter
include: "rules/chapters.smk"   # contents + manuscript -> labels, chapter parts and web pages
include: "rules/book.smk"       # parts -> book HTML and web index; assets; the PDF


rule all:
    default_target: True
    input:
        ED.pdf,
        rules.web_index.output,   # the front page, 404 page, sitemap (with a base URL)
        ED.web("data"),
        rules.web_assets.output,   # the web edition's folder, publishable as it is
        rules.web_files.output,
        rules.search.output,


onsuccess:
    print_summary(ED.summary)
