"""The figures of the chapter `introduction` (one file per chapter; its tables are in tables/)."""
from dpaper.figures.declare import chart


@chart("observations", datasets=("observations",), caption="Observations by year")
def observations(data):
    """A line chart of the value by year."""
    from dpaper.figures import style
    from dpaper.figures.draw import Drawing
    df = data["observations"]
    years, values = [int(y) for y in df["year"]], [float(v) for v in df["value"]]
    with style.figure(height_mm=50) as fig:
        ax = fig.add_axes((0.1, 0.18, 0.86, 0.76))
        ax.plot(years, values, color=style.SERIES[0], marker="o")
        ax.set_xticks(years)
        drawing = Drawing.from_figure(fig)
    drawing.alt = "A line rising from " + f"{values[0]:g} in {years[0]} to {values[-1]:g} in {years[-1]}."
    return drawing
