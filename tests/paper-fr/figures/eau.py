"""Les figures du chapitre `eau` (ses tableaux : tables/eau.py)."""
from dpaper.figures.declare import chart, timeline


@chart("releves", datasets=("releves",), caption="Débit moyen par année")
def releves(data):
    """Le débit par année, en barres."""
    from dpaper.figures import style
    from dpaper.figures.draw import Drawing
    df = data["releves"]
    years, values = [int(y) for y in df["annee"]], [float(v) for v in df["debit"]]
    with style.figure(height_mm=45) as fig:
        ax = fig.add_axes((0.12, 0.18, 0.84, 0.76))
        ax.bar(years, values, color=style.SERIES[0])
        ax.set_xticks(years)
        drawing = Drawing.from_figure(fig)
    drawing.alt = f"Des barres qui montent de {values[0]:g} en {years[0]} à {values[-1]:g} en {years[-1]}."
    return drawing


timeline("frise-eau", datasets=("jalons",), caption="Les jalons de l’eau",
         title="les jalons de l’eau de la ville d’essai", lane_column="domaine",
         lanes=[{"label": "Eau", "values": ["eau"]}, {"label": "Assainissement", "values": ["assainissement"]}],
         span=[2014, 2022])
