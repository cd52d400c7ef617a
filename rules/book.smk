# Chapter parts -> the book HTML and the web index; fonts and stylesheets;
# WeasyPrint lays out the PDF (the slow step).

CSS = ("fonts.css", "print.css", "screen.css")


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
        validation=ED.summary,
        templates=["templates/book.html.j2", "templates/index.html.j2"],
        code=code("render/*.py", "data/*.py"),
    output:
        book=ED.book,
        index=ED.web("index"),
    params:
        edition=config["edition"],
    log:
        ED.log("book"),
    script:
        "../scripts/assemble_book.py"


rule assets:
    message:
        "Copying fonts and stylesheets"
    input:
        css=[f"templates/{n}" for n in CSS],
        fonts=[str(p) for p in face_paths().values()],
        licences=[str(p) for p in licence_paths().values()],
        code=code("fonts.py"),
    output:
        css=[ED.asset(n) for n in CSS],
        fonts=[ED.asset(f"fonts/{n}") for n in face_paths()],
        licences=[ED.asset(f"fonts/{n}") for n in licence_paths()],
    log:
        ED.log("assets"),
    script:
        "../scripts/copy_assets.py"


rule pdf:
    message:
        "Laying out the PDF with WeasyPrint (the slow step, about 20 s): {output}"
    input:
        book=ED.book,
        assets=rules.assets.output,
        figures=[str(ED.figure(f)) for ch in ED.chapters for f in PLAN[ch].figures],
        images=[i for ch in ED.chapters for i in PLAN[ch].images],
        data=[str(ED.clean(d)) for d in DATASETS],   # attached to the archival PDF (pdf: archive)
        code=code("pdf.py", "pdfpost.py", "fonts.py"),
    output:
        update(ensure(ED.pdf, non_empty=True)),
    params:
        date=config["edition"]["date"],
        document_id=f"{config['edition']['slug']}/{config['edition']['id']}",
        archive=config.get("pdf", {}).get("archive", False),
    log:
        ED.log("pdf"),
    script:
        "../scripts/write_pdf.py"
