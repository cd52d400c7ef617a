# Raw tables -> clean, validated datasets (one job per dataset); the data
# dictionary and validation summary; `check_data`, the target of `make check-data`.


rule clean:
    message:
        "Validating and cleaning {input.raw}"
    input:
        raw=raw_table,
        schema=schema("{dataset}"),
        references=referenced,
        fonts=[str(p) for p in face_paths().values()],   # cells the fonts cannot draw are refused
        code=code("data/*.py", "fonts.py"),
    output:
        data=ED.clean("{dataset}"),
        report=ED.validation("{dataset}"),
    params:
        edition_year=ED.year,
    log:
        ED.log("clean/{dataset}"),
    script:
        "../scripts/clean_table.py"


rule same_facts:
    message:
        "Checking that the facts two datasets hold agree"
    input:
        declarations=[SAME_FACTS] if ED.same_facts.is_file() else [],
        data=[str(ED.clean(d)) for d in SAME_FACTS_DATASETS],
        schemas=[schema(d) for d in SAME_FACTS_DATASETS],
        code=code("data/*.py"),
    output:
        report=ED.out / "validation" / "same-facts.json",
    params:
        clean_dir=ED.out / "data",
    log:
        ED.log("same_facts"),
    script:
        "../scripts/check_same_facts.py"


rule check_data:
    message:
        "Checked every raw table"
    input:
        [ED.validation(d) for d in DATASETS],
        rules.same_facts.output,


rule data_dictionary:
    message:
        "Writing the data dictionary and the validation summary"
    input:
        schemas=[schema(d) for d in DATASETS],
        units=UNITS,   # how each key figure prints
        reports=[ED.validation(d) for d in DATASETS],
        same_facts=rules.same_facts.output,   # the data page is not written while declared facts disagree
        key_figures=role("key_figures")[:1],   # listed as they print
        events=role("events")[:1],   # the text's values link to their rows
        labels=ED.labels,   # the book's contents, in the page's navigation
        data=[str(ED.clean(d)) for d in DATASETS],   # their hashes: which data this build is (provenance)
        template=[template("data.html.j2"), template("site.html.j2")],
        words=WORD_FILES,
        code=code("data/*.py", "render/*.py", "typography.py", "provenance.py"),
    output:
        page=ED.web("data"),
        summary=ED.summary,
    params:
        edition=config["edition"],   # the page's frame and the key figures' language: a change reruns
        words=WORDS,
        key_figures=ROLES["key_figures"],
        events=ROLES["events"],
        base_url=config.get("web", {}).get("base_url"),
        source=SOURCE,   # a new commit, or uncommitted changes, rerun: the page and the PDF name the build
    log:
        ED.log("data_dictionary"),
    script:
        "../scripts/data_dictionary.py"
