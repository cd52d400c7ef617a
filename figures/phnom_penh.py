"""The figures of Case Study 2, Phnom Penh (Figures 3.2.1–3.2.7 of the 2018 edition), in the order they appear.

Every chapter job reads these declarations: a chart imports pandas, matplotlib (the house style) and
Drawing inside its function, not here.
"""
from __future__ import annotations

from dpaper.figures.declare import chart, diagram, map, photo, timeline  # noqa: A004 (map: the kind)
from dpaper.figures.numbers import percent

photo("pp-hun-sen-visit", caption="Prime Minister Hun Sen on his visit to Kitakyushu",
      alt="Photograph of Cambodia's Prime Minister Hun Sen during his visit to Kitakyushu")

photo("pp-technical-cooperation", caption="Technical cooperation at work in Phnom Penh",
      alt="Photograph of Kitakyushu and Phnom Penh staff at work on technical cooperation")

timeline("pp-cooperation-timeline", datasets=("events",),
         caption="How the cooperation framework between Kitakyushu and Phnom Penh developed",
         source="Compiled by the editors from the text of the 2018 edition",
         title="cooperation between Kitakyushu and Phnom Penh", lane_column="sector", span=[1999, 2018], panels=1,
         earlier=True,
         label_column="short",
         lanes=[{"label": "Water supply", "values": ["water"]},
                {"label": "Sewerage", "values": ["sewerage"]},
                {"label": "Waste, energy, environment", "values": ["waste", "energy", "environment"]},
                {"label": "People and industry", "values": ["human-resources", "education", "business"]},
                {"label": "Ties, awards, context", "values": ["cooperation", "awards", "policy"]}])

# Only what Case Study 2 §3.1 states (the 2018 edition's text, lines 727-729).
diagram("pp-sewerage-partnership", datasets=(),
        caption="Technical cooperation on sewerage under the JICA Partnership Program",
        source="Redrawn from the text of this section; the 2018 figure, from the press materials of the International "
               "Project Division, Kitakyushu Water and Sewer Bureau, on the sewerage MoU with Phnom Penh (February "
               "2017), does not survive",
        title="technical cooperation for sewerage systems under the JICA Partnership Program", direction="LR",
        groups=[{"id": "kitakyushu", "label": "Kitakyushu"}, {"id": "phnom-penh", "label": "Phnom Penh"}],
        nodes=[{"id": "bureau", "label": "Kitakyushu City Water and Sewer Bureau", "group": "kitakyushu"},
               {"id": "kowba", "label": "Kitakyushu Overseas Water Business Association (KOWBA)",
                "group": "kitakyushu"},
               {"id": "jica", "label": "JICA Partnership Program (Regional Economy Revitalization Special Frame)"},
               {"id": "dpwt", "label": "Department of Public Works and Transport, Phnom Penh Capital City (DPWT)",
                "group": "phnom-penh"},
               {"id": "practitioners", "group": "phnom-penh",
                "label": "Phnom Penh practitioners with experience of work with NPOs and universities"},
               {"id": "residents", "label": "Local residents", "group": "phnom-penh"},
               {"id": "manuals", "label": "Maintenance and management manuals for wastewater facilities"}],
        links=[{"from": "bureau", "to": "jica",
                "label": "project proposed; adopted {date:pp-2016-jica-sewerage-adopted}"},
               {"from": "bureau", "to": "dpwt", "direction": "both",
                "label": "MoU on technical cooperation in the sewerage field, {date:pp-2017-sewerage-mou}"},
               {"from": "kowba", "to": "bureau", "label": "in cooperation", "direction": "none"},
               {"from": "bureau", "to": "practitioners", "label": "training programmes; dispatch of experts"},
               {"from": "bureau", "to": "residents", "label": "awareness raising"},
               {"from": "bureau", "to": "manuals", "label": "development"}])

photo("pp-survey", caption="A survey under way in Phnom Penh",
      alt="Photograph of a survey carried out in Phnom Penh")

map("pp-cambodian-cities", datasets=("cities", "countries"),
    caption="The eight Cambodian cities where Kitakyushu has cooperated, with Phnom Penh",
    source="Places compiled by the editors from the 2018 edition; outlines from Natural Earth (public domain)",
    title="Phnom Penh and the eight Cambodian cities where Kitakyushu has cooperated",
    extent=[102.2, 107.9, 10.2, 14.9], places=[{"name": "Phnom Penh"}, {"role": "cambodian-city"}],
    highlight=["Phnom Penh"], shade=["Cambodia"], **{"except": {"name": ["Kep", "Mondulkiri"]}},
    countries=["Cambodia", "Thailand", "Laos", "Viet Nam"])
photo("pp-young-trainees", caption="Young trainees learning about the “Phnom Penh Miracle”",
      alt="Photograph of young trainees at a course on the Phnom Penh Miracle")


@chart("nrw-cambodia", datasets=("nrw_cambodia",), added=True,
       caption="Non-revenue water of the provincial utilities, first and last year")
def nrw_cambodia(data):
    """Dumbbell chart: non-revenue water of each city, first and last year."""
    import pandas as pd

    from dpaper.data.load import plain
    from dpaper.figures import style
    from dpaper.figures.draw import Drawing
    df = data["nrw_cambodia"]
    first, last = int(df["year"].min()), int(df["year"].max())
    rate = df.assign(nrw_percent=pd.to_numeric(df["nrw_percent"]))       # plotted as floats
    wide = rate.pivot(index="city", columns="year", values="nrw_percent").reindex(pd.unique(df["city"]))
    order = list(dict.fromkeys([last, first]))          # highest latest rate first, then highest first rate
    wide = wide.loc[wide[order].fillna(0).sort_values(order, ascending=False, kind="stable").index]
    rows = [(city, plain(a), plain(b)) for city, a, b in zip(wide.index, wide[first], wide[last])]
    top = max(v for _, a, b in rows for v in (a, b) if v is not None)
    latest, earlier = style.SERIES[:2]                  # blue and vermillion: apart for every reader
    with style.figure(height_mm=18 + 7 * len(rows)) as fig:
        ax = fig.add_axes((0.2, 0.16, 0.76, 0.70))
        for i, (city, a, b) in enumerate(rows):
            if a is not None and b is not None:
                ax.plot([a, b], [i, i], color=style.RULE, lw=2.2, zorder=1, solid_capstyle="round")
            if a is not None:
                ax.scatter([a], [i], s=34, color=earlier, zorder=2, label=str(first) if i == 0 else None)
                ax.annotate(percent(a), (a, i), xytext=(5, 0), textcoords="offset points",
                            va="center", ha="left", fontsize=7.5, color=style.MUTED)
            if b is not None:
                ax.scatter([b], [i], s=34, color=latest, zorder=3, label=str(last) if i == 0 else None)
                ax.annotate(percent(b), (b, i), xytext=(-5, 0), textcoords="offset points",
                            va="center", ha="right", fontsize=7.5, color=latest, fontweight="semibold")
        ax.set_yticks(range(len(rows)), [c for c, _, _ in rows])
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.15)
        ax.set_xlabel("Non-revenue water (% of water supplied)", color=style.MUTED)
        ax.xaxis.set_major_formatter(lambda v, _: percent(v))
        ax.grid(axis="x", color=style.RULE, lw=0.5)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), frameon=False, ncols=2, handletextpad=0.3,
                  fontsize=8, borderaxespad=0.2)
        drawing = Drawing.from_figure(fig)
    falls = [a - b for _, a, b in rows if a is not None and b is not None]
    trend = (f"Every city's rate fell, by {min(falls):g} to {max(falls):g} percentage points. "
             if falls and min(falls) > 0 else "")
    alt = (f"Dot chart of non-revenue water in {len(rows)} Cambodian cities, {first} and {last}. {trend}"
           + "; ".join(f"{c}: {_pct(a)} to {_pct(b)}" for c, a, b in rows) + ".")
    drawing.alt = alt
    drawing.table = [{"city": c, f"nrw_percent_{first}": a, f"nrw_percent_{last}": b} for c, a, b in rows]
    return drawing


def _pct(v) -> str:
    return "no figure" if v is None else f"{v:g}%"
