# The contents and the manuscript -> the label index (every number of the
# book), then one job per chapter: its book part and its web page.


rule labels:
    message:
        "Numbering chapters, sections, tables, figures and boxes"
    input:
        chapters=[str(ED.chapter_source(c)) for c in ED.chapters],
        front_matter=engine("schemas/front-matter.schema.yaml"),
        declarations=DECLARATIONS,
        tables=TABLE_DECLARATIONS,
        words=WORD_FILES,
        code=code("render/*.py", "typography.py", "figures/__init__.py", "figures/declare.py", "figures/bind.py",
                  "tables/__init__.py", "tables/declare.py"),
    output:
        ED.labels,
    params:
        contents=config["contents"],   # the numbers follow the contents: a change renumbers
        words=WORDS,                   # "Table 3.2.1", "Tableau 3.2.1": a change of language or words relabels
        roles=ROLES,
    log:
        ED.log("labels"),
    script:
        "../scripts/index_labels.py"


rule chapter:
    message:
        "Rendering chapter {wildcards.chapter}"
    input:
        source=lambda w: str(ED.chapter_source(w.chapter)),
        front_matter=engine("schemas/front-matter.schema.yaml"),
        labels=ED.labels,
        data=lambda w: [str(ED.clean(d)) for d in PLAN[w.chapter].datasets],
        schemas=lambda w: [schema(d) for d in PLAN[w.chapter].datasets],
        # the drawing, its alt text, its plotted data (hashed under it on the web)
        figures=lambda w: [str(ED.figure(f, e)) for f in PLAN[w.chapter].figures for e in ("svg", "json", "csv")],
        images=lambda w: PLAN[w.chapter].images,
        declarations=DECLARATIONS,
        tables=TABLE_DECLARATIONS,
        units=UNITS,
        bibliography=ED.bibliography,
        notes=ED.notes,
        templates=[template(n) for n in ("part.html.j2", "web.html.j2", "site.html.j2", "blocks.html.j2",
                                         "table.html.j2")],
        words=WORD_FILES,
        code=code("data/*.py", "render/*.py", "typography.py", "figures/__init__.py", "figures/declare.py", "figures/bind.py",
                  "tables/*.py", "publish.py"),
    output:
        part=ED.part("{chapter}"),
        web=ED.web("{chapter}"),
    params:
        edition=config["edition"],   # the settings the pages read (language, copyright, slug...): a change reruns
        draft=ED.draft,
        base_url=config.get("web", {}).get("base_url"),   # the pages' canonical and Open Graph URLs
        print_log=ED.print_log,   # a reference to the log of editorial decisions gives its page when printed
        words=WORDS,              # the edition's words (language, paper, config): a change reruns
        roles=ROLES,              # which datasets fact() and event() read
    log:
        ED.log("chapter/{chapter}"),
    script:
        "../scripts/render_chapter.py"
