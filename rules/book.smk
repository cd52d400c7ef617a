# Chapter parts -> the book HTML and the web index; fonts and stylesheets;
# WeasyPrint lays out the PDF (the slow step); the web edition's folder
# (build/<ed>/web: pages, assets, WOFF2 fonts, the PDF, the EPUB, the datasets, the
# photographs, the search index), built in web-next/ and published whole: rule
# `publish` puts it in place of web/ in one step, once everything (the PDF too)
# has succeeded, so a failed or killed build leaves web/ as the last good one.
from dpaper.webfonts import woff2_name

CSS = ("fonts.css", "print.css")
PAPER_CSS = "paper.css"   # the paper's own print stylesheet (config paths.stylesheet), copied beside them
WEB_FILES = ("screen.css", "web.js", "theme.js", "favicon.svg")   # templates/ -> web/assets/ as they are
PHOTOS = sorted({i for ch in ED.chapters for i in PLAN[ch].images})
DRAWN = sorted({f for ch in ED.chapters for f in PLAN[ch].figures})   # the drawings the chapters place
ARCHIVE = config.get("pdf", {}).get("archive", False)    # PDF/A-3 with the data attached (config pdf)
BASE_URL = config.get("web", {}).get("base_url")   # where the web edition is published (config web), if known
WEB_PAGES = ([str(ED.web(c)) for c in ED.chapters] + [str(ED.web("index")), str(ED.web("data"))]
             + ([str(ED.web("changes"))] if CHANGES else []))   # the changes report (rules/changes.smk)


rule book:
    message:
        "Assembling the book HTML"
    input:
        parts=[str(ED.part(c)) for c in ED.chapters],
        labels=ED.labels,
        publishers=role("publishers"),              # [clean CSV, schema] of the role's dataset (config roles), or []
        places=role("places"),                      # names never hyphenated in print
        countries=role("countries"),
        abbreviations=role("abbreviations"),
        validation=ED.summary,                       # the build's facts, in the PDF's metadata
        changes=[CHANGES_PART] if CHANGES and CHANGES["print"] else [],   # the changes report as an appendix
        templates=[template("book.html.j2")],
        words=WORD_FILES,
        code=code("render/*.py", "typography.py", "data/*.py", "provenance.py"),
    output:
        book=ED.book,
    params:
        edition=config["edition"],
        words=WORDS,
        stylesheet=PAPER_CSS if ED.stylesheet else None,   # the paper's own print rules, after the engine's
        print_log=ED.print_log,   # the log of editorial decisions in the PDF, or only in the web edition
    log:
        ED.log("book"),
    script:
        "../scripts/assemble_book.py"


rule assets:
    message:
        "Copying the PDF's fonts and stylesheets"
    input:
        css=[template(n) for n in CSS],
        fonts=[str(p) for p in face_paths().values()],
        licences=[str(p) for p in licence_paths().values()],
        paper_css=[str(ED.stylesheet)] if ED.stylesheet else [],
        code=code("fonts.py"),
    output:
        [ED.asset(n) for n in CSS] + [ED.asset(f"fonts/{n}") for n in face_paths()]
        + [ED.asset(f"fonts/{n}") for n in licence_paths()]
        + ([ED.asset(PAPER_CSS)] if ED.stylesheet else []),
    log:
        ED.log("assets"),
    script:
        "../scripts/copy_assets.py"


rule web_assets:
    message:
        "Making the web edition's WOFF2 font subsets; copying its stylesheet, script and icon"
    input:
        fonts_css=template("fonts.css"),
        fonts=[str(p) for p in face_paths().values()],
        licences=[str(p) for p in licence_paths().values()],
        files=[template(n) for n in WEB_FILES],
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


rule epub:
    message:
        "Making the e-book (EPUB 3) from the web edition's chapter pages: {output}"
    input:
        pages=[str(ED.web(c)) for c in ED.chapters],
        labels=ED.labels,
        figures=sorted({str(ED.figure(f)) for ch in ED.chapters for f in PLAN[ch].figures}),
        images=PHOTOS,
        publishers=role("publishers"),
        css=template("epub.css"),
        words=WORD_FILES,
        code=code("epub.py", "render/*.py", "typography.py", "data/*.py"),
    output:
        ensure(ED.epub, non_empty=True),
    params:
        words=WORDS,   # written whole or not at all (dpaper.epub)
    log:
        ED.log("epub"),
    script:
        "../scripts/write_epub.py"


rule web_index:
    message:
        "Writing the web edition's front page (downloads with their sizes, the citation), 404 page and sitemap"
    input:
        labels=ED.labels,
        publishers=role("publishers"),
        pdf=ED.pdf,
        epub=ED.epub,
        templates=[template(n) for n in ("index.html.j2", "404.html.j2", "site.html.j2")],
        words=WORD_FILES,
        code=code("render/*.py", "typography.py", "data/*.py"),
    output:
        index=ED.web("index"),
        not_found=ED.web("404"),
        **({"sitemap": ED.web_file("sitemap.xml")} if BASE_URL else {}),   # a sitemap needs absolute URLs
    params:
        base_url=BASE_URL,
        words=WORDS,
        changes=CHANGES and CHANGES["name"],   # the front page links the changes report
    log:
        ED.log("web_index"),
    script:
        "../scripts/web_index.py"


rule web_files:
    message:
        "Copying the PDF, the e-book, the cleaned datasets, the photographs and the drawings (full size) into the web edition"
    input:
        pdf=[ED.pdf],
        epub=[ED.epub],
        data=[str(ED.clean(d)) for d in DATASETS],
        photos=PHOTOS,
        drawings=[str(ED.figure(f, e)) for f in DRAWN for e in ("svg", "csv")],
        code=code("render/images.py", "publish.py"),
    output:
        [ED.web_file(ED.pdf.name), ED.web_file(ED.epub.name)] + [ED.web_file(f"data/{d}.csv") for d in DATASETS]
        + [ED.web_file(f"images/{Path(p).relative_to(ED.images).as_posix()}") for p in PHOTOS]
        + [ED.web_file(f"figures/{f}.{e}") for f in DRAWN for e in ("svg", "csv")],   # drawings and their data
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
        templates=[template("search.html.j2"), template("site.html.j2")],
        words=WORD_FILES,
        code=code("render/*.py", "typography.py"),
    output:
        page=ED.web("search"),
        # Pagefind's fixed files; its hashed index and fragments beside them (the job clears the folder first)
        index=[ED.web_file(f"pagefind/{n}") for n in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css",
                                                      "pagefind-entry.json")],
    params:
        edition=config["edition"],   # the page's frame and the index's language: a change reruns
        words=WORDS,
        base_url=BASE_URL,   # the page's canonical and Open Graph URLs
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
        code=code("pdf.py", "pdfpost.py", "publish.py", "layout.py", "hyphens.py", "fonts.py"),
    output:
        # not update(): a PDF that failed or was killed is absent, never the old one looking current;
        # the last good one is kept beside it (ED.last_good_pdf) and in the published web/
        ensure(ED.pdf, non_empty=True),
    params:
        last_good=str(ED.last_good_pdf),
        date=config["edition"]["date"],
        document_id=f"{config['edition']['slug']}/{config['edition']['id']}",
        archive=ARCHIVE,
        # where page 1 is (arabic folios from there): the anchor of the first chapter (dpaper.render.labels)
        first_chapter=next((chapter_anchor(u.stem) for u in ED.units if u.kind == "chapter"), None),
    log:
        ED.log("pdf"),
    script:
        "../scripts/write_pdf.py"


rule publish:
    message:
        "Publishing the web edition: web-next/ replaces web/ in one step"
    input:
        pages=WEB_PAGES,
        search=rules.search.output,
        assets=rules.web_assets.output,
        files=rules.web_files.output,
        index=rules.web_index.output,
        code=code("publish.py"),
    output:
        ED.out / "web.published",   # what was published: each file and its SHA-256
    log:
        ED.log("publish"),
    script:
        "../scripts/publish_web.py"
