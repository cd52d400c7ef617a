# Clean datasets -> figures: one job per figure module (one module per
# chapter), since importing matplotlib costs more than drawing a chart.


for _module, _ids in figure_modules().items():

    rule:
        name:
            f"figures_{_module}"
        message:
            f"Drawing the figures of {_module}: {', '.join(_ids)}"
        input:
            data=sorted({str(ED.clean(d)) for i in _ids for d in FIGURES[i].datasets}),
            schemas=sorted({schema(d) for i in _ids for d in FIGURES[i].datasets}),
            code=code("data/*.py", "fonts.py", "figures/__init__.py", "figures/style.py",
                      "figures/draw.py", f"figures/{_module}.py"),
        output:
            [str(ED.figure(i, ext)) for i in _ids for ext in ("svg", "csv", "json")],
        params:
            module=_module,
        log:
            ED.log(f"figures/{_module}"),
        script:
            "../scripts/draw_figures.py"
