# The changes report (config `changes.since`: a previous edition, built): what changed from it, as
# JSON for CI, a page of the web edition and, with `changes.print`, an appendix of the PDF. It reads both
# editions as built (datasets, figures' plotted data, label index, web pages), never the PDF. The rule is
# always defined (`snakemake changes`); `all` asks for it when the config names a previous edition.
from dpaper.changes import print_summary as print_changes


rule changes:
    message:
        "Comparing this edition with the previous one (config changes.since): the changes report"
    input:
        pages=[str(ED.web(c)) for c in ED.chapters],
        labels=ED.labels,
        data=[str(ED.clean(d)) for d in DATASETS],
        figures=[str(ED.figure(f, e)) for f in DRAWN for e in ("csv", "svg")],
        schemas=[schema(d) for d in DATASETS],
        since=since_files,
        templates=["templates/changes.html.j2", "templates/changes-body.html.j2",
                   "templates/changes-part.html.j2", "templates/site.html.j2"],
        code=code("changes.py", "roles.py", "render/*.py", "yamlfile.py"),
    output:
        report=CHANGES_REPORT,
        page=ED.web("changes"),
        part=CHANGES_PART,
    params:
        since=CHANGES,            # another previous edition: a change reruns
    log:
        ED.log("changes"),
    script:
        "../scripts/changes_report.py"
