# Clean datasets -> figures: one job per declaration file of figures/ (one
# file per chapter or case study), since importing matplotlib costs more than
# drawing a chart. Photographs are not drawn: the chapter job takes them from
# the images directory.


for _module, _ids in figure_modules(FIGURES).items():

    rule:
        name:
            f"figures_{_module.replace('-', '_')}"
        message:
            f"Drawing the figures of {ED.declarations / _module}.py: {', '.join(_ids)}"
        input:
            declarations=str(ED.declarations / f"{_module}.py"),
            units=UNITS,   # a label's key figure with its unit
            geodata=sorted(str(p) for p in Path("geodata").glob("*.geojson")),   # the maps' outlines
            data=sorted({str(ED.clean(d)) for i in _ids for d in FIGURES[i].datasets}),
            schemas=sorted({schema(d) for i in _ids for d in FIGURES[i].datasets}),
            code=code("data/*.py", "fonts.py", "figures/*.py", "figures/kinds/*.py", "render/values.py",
                      "render/units.py", "typography.py"),
        output:
            [str(ED.figure(i, ext)) for i in _ids for ext in ("svg", "csv", "json")],
        params:
            module=_module,
            language=config["edition"]["language"],   # how its labels write numbers: a change redraws
            roles=ROLES,   # which datasets timelines, maps and labels' placeholders read
        log:
            ED.log(f"figures/{_module}"),
        script:
            "../scripts/draw_figures.py"
