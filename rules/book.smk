# Chapter parts -> the book HTML and the web index; fonts and stylesheets;
# WeasyPrint lays out the PDF (the slow step); the web edition's folder
# (build/<ed>/web: pages, assets, WOFF2 fonts, the PDF, the datasets, the
# photographs, the search index), publishable as it is.
from dpaper.webfonts import woff2_name

CSS = ("fonts.css", "print.css")
WEB_FILES = ("screen.css", "web.js", "favicon.svg")   # templates/ -> web/assets/ as they are
PHOTOS = sorted({i for ch in ED.chapters for i in PLAN[ch].images})
ARCHIVE = config.get("pdf", {}).get("archive", False)    # PDF/A-3 with the data attached (config pdf)
WEB_PAGES = [str(ED.web(c)) for c in ED.chapters] + [str(ED.web("index")), str(ED.web("data"))]


rule book:
    message:
        "Assembling the book HTML"
    input:
        parts=[str(ED.part(c)) for c in ED.chapters],
        labels=ED.labels,
        publishers=ED.clean("publishers"),
        publishers_schema=schema("publishers"),
        cities=ED.clean("cities"),                   # names never hyphenated in print
        cities_schema=schema("cities"),
        abbreviations=ED.clean("abbreviations"),
        abbreviations_schema=schema("abbreviations"),
        validation=ED.summary,                       # the build's facts, in the PDF's metadata
        templates=["templates/book.html.j2", "templates/index.html.j2", "templates/site.html.j2"],
        code=code("render/*.py", "data/*.py"),
    output:
        book=ED.book,
        index=ED.web("index"),
    params:
        edition=config["edition"],
        print_log=ED.print_log,   # the log of editorial decisions in the PDF, or only in the web edition
    log:
        ED.log("book"),
    script:
        "../scripts/assemble_book.py"


rule assets:
    message:
        "Copying the PDF's fonts and stylesheets"
    input:
        css=[f"templates/{n}" for n in CSS],
        fonts=[str(p) for p in face_paths().values()],
        licences=[str(p) for p in licence_paths().values()],
        code=code("fonts.py"),
    output:
        [ED.asset(n) for n in CSS] + [ED.asset(f"fonts/{n}") for n in face_paths()]
        + [ED.asset(f"fonts/{n}") for n in licence_paths()],
    log:
        ED.log("assets"),
    script:
        "../scripts/copy_assets.py"


rule web_assets:
    message:
        "Making the web edition's WOFF2 font subsets; copying its stylesheet, script and icon"
    input:
        fonts_css="templates/fonts.css",
        fonts=[str(p) for p in face_paths().values()],
        licences=[str(p) for p in licence_paths().values()],
        files=[f"templates/{n}" for n in WEB_FILES],
        code=code("fonts.py", "webfonts.py"),
    output:
        fonts_css=ED.web_file("assets/fonts.css"),
        fonts=[ED.web_file(f"assets/fonts/{woff2_name(n)}") for n in face_paths()],
        licences=[ED.web_file(f"assets/fonts/{n}") for n in licence_paths()],
        files=[ED.web_file(f"assets/{n}") for n in WEB_FILES],
    log:
        ED.log("web_assets"),
    script:
        "../scripts/web_assets.py"


rule web_files:
    message:
        "Copying the PDF, the cleaned datasets and the photographs into the web edition"
    input:
        pdf=[ED.pdf],
        data=[str(ED.clean(d)) for d in DATASETS],
        photos=PHOTOS,
    output:
        [ED.web_file(ED.pdf.name)] + [ED.web_file(f"data/{d}.csv") for d in DATASETS]
        + [ED.web_file(f"images/{Path(p).relative_to(ED.images).as_posix()}") for p in PHOTOS],
    log:
        ED.log("web_files"),
    script:
        "../scripts/copy_assets.py"


rule search:
    message:
        "Indexing the web edition for search (Pagefind)"
    input:
        pages=WEB_PAGES,
        labels=ED.labels,
        templates=["templates/search.html.j2", "templates/site.html.j2"],
        code=code("render/*.py"),
    output:
        page=ED.web("search"),
        # Pagefind's fixed files; its hashed index and fragments beside them (the job clears the folder first)
        index=[ED.web_file(f"pagefind/{n}") for n in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css",
                                                      "pagefind-entry.json")],
    log:
        ED.log("search"),
    script:
        "../scripts/search_index.py"


rule pdf:
    message:
        "Laying out the PDF with WeasyPrint (the slow step, about 20 s): {output}"
    input:
        book=ED.book,
        assets=rules.assets.output,
        figures=[str(ED.figure(f)) for ch in ED.chapters for f in PLAN[ch].figures],
        images=PHOTOS,
        data=[str(ED.clean(d)) for d in DATASETS] if ARCHIVE else [],   # attached to an archival PDF
        code=code("pdf.py", "pdfpost.py", "hyphens.py", "fonts.py"),
    output:
        update(ensure(ED.pdf, non_empty=True)),
    params:
        date=config["edition"]["date"],
        document_id=f"{config['edition']['slug']}/{config['edition']['id']}",
        archive=ARCHIVE,
    log:
        ED.log("pdf"),
    script:
        "../scripts/write_pdf.py"
