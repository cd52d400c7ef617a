"""The figures of Case Study 3, Surabaya (Figures 3.3.1-3.3.7 of the 2018 edition), in the order they appear:
five photograph slots, the timeline of initiatives by sector (3.3.2) and the Adipura chart (3.3.7).

Every chapter job reads these declarations: a chart imports pandas, matplotlib and Drawing inside its function.
"""
from __future__ import annotations

from dpaper.figures.declare import chart, photo, timeline

CREDIT = "City of Kitakyushu, “Initiatives with the City of Surabaya, Indonesia”"

photo("sb-green-sister-signing", source=CREDIT, ratio=2 / 1,
      caption="Signing the Memorandum of Understanding on Green Sister Cities",
      alt="Photograph of the signing ceremony of the Green Sister Cities memorandum between Kitakyushu and Surabaya")

timeline("sb-initiatives-by-sector", datasets=("events",),
         caption="How the main joint initiatives of Kitakyushu and Surabaya developed, sector by sector",
         source="Compiled by the editors from the 2018 edition, which showed the years of training only "
                "schematically, and this chart marks the training events the text dates",
         title="the major collaborative initiatives of Kitakyushu and Surabaya by sector", lane_column="sector",
         # one panel for the years the initiatives crowd (no period split across panels); 1993 and 1997 below it
         span=[2000, 2018], panels=1, earlier=True, label_column="short",
         lanes=[{"label": "Ties and agreements", "values": ["cooperation"]},
                {"label": "People and training", "values": ["human-resources", "policy"]},
                {"label": "Waste", "values": ["waste"]},
                {"label": "Water and sewage", "values": ["water", "sewerage"]},
                {"label": "Energy", "values": ["energy"]},
                {"label": "Public sanitation", "values": ["sanitation"]},
                {"label": "Other", "values": ["environment"]}])

photo("sb-takakura-explaining", caption="Mr. Takakura (centre) explains the Takakura Method of composting",
      alt="Photograph of Mr. Takakura, in the centre, explaining the Takakura Method of composting")

photo("sb-super-depo-wonorejo", source=CREDIT,
      caption="The Super Depo (top) and the Wonorejo composting centre (bottom)",
      alt="Two photographs: the Super Depo intermediate treatment facility above, the Wonorejo composting centre below")

photo("sb-water-purification", source=CREDIT,
      caption="A small water purification unit (top) and gallon bottles of water at a co-op shop in Surabaya (bottom)",
      alt="Two photographs: a small water purification unit above, gallon bottles of drinking water in a shop below")

photo("sb-mosnon-demonstration", source=CREDIT,
      caption="MOSNON on trial: the larvicide is put into a reservoir or other water where residents bathe",
      alt="Photograph of a demonstration of the MOSNON larvicide in a body of water used for bathing")

LEVELS = ["Adipura", "Adipura Kencana", "Adipura Paripurna"]     # the scheme's distinctions, in rising order
# Turning points the text ties to the awards (§4.2), charted beside the agreements: the official start of
# exchange and the composting work that led to the award won again in 2006.
MILESTONES = ("sb-1997-official-start", "sb-2004-pusudakota-composting")


@chart("sb-adipura-history", datasets=("adipura", "events"),
       caption="Surabaya's record in the Adipura Awards, with the milestones of its cooperation with Kitakyushu",
       source="Compiled by the editors from the 2018 edition; years its text does not mention are hatched")
def adipura_history(data):
    """Years of each Adipura distinction won (squares), the ASEAN award years (rings), the years the text names
    nothing for (hatched), and the agreements and MILESTONES of the Surabaya timeline (numbered diamonds, with a
    key below), from the same rows."""
    from dpaper.data.load import records
    from dpaper.figures import style
    from dpaper.figures.draw import Drawing

    rows = records(data["adipura"])
    won = [r for r in rows if r["award"] in LEVELS]
    years = [r["year"] for r in rows]
    first, last = min(years), max(years)
    unknown = [y for y in range(first, last + 1) if y not in years]
    agreements = sorted((r for r in records(data["events"])
                         if "sb-initiatives-by-sector" in (r["figures"] or [])
                         and (r["kind"] == "agreement" or r["id"] in MILESTONES)),
                        key=lambda r: r["date"])
    short = {r["id"]: r["short"] or _cut(r["label"]) for r in agreements}
    asean = sorted({r["year"] for r in rows if r["asean_esc"]})
    with style.figure(height_mm=70) as fig:
        ax = fig.add_axes((0.2, 0.2, 0.77, 0.76))
        for y in unknown:
            ax.axvspan(y - 0.5, y + 0.5, color=style.RULE, alpha=0.35, lw=0, hatch="////", fill=False)
        for i, level in enumerate(LEVELS):
            ys = [r["year"] for r in won if r["award"] == level]
            ax.scatter(ys, [i] * len(ys), marker="s", s=30, color=(style.BLUE, style.GREEN, style.INK)[i],
                       zorder=3)
        ax.scatter(asean, [len(LEVELS)] * len(asean), marker="o", s=34, facecolor="none",
                   edgecolor=style.BLUE, lw=1.2, zorder=3)
        row = len(LEVELS) + 1                                   # the agreements' row, numbered, with a key below
        for n, r in enumerate(agreements, start=1):
            ax.scatter([r["date_year"]], [row], marker="D", s=28, color=style.VERMILLION, zorder=3)
            ax.annotate(str(n), (r["date_year"], row), xytext=(0, 6), textcoords="offset points", ha="center",
                        fontsize=7, color=style.MUTED)
        key = " · ".join(f"{n} {short[r['id']]} ({r['date_year']})" for n, r in enumerate(agreements, start=1))
        fig.text(0.2, 0.02, key, fontsize=7, color=style.MUTED, wrap=True, linespacing=1.5)
        ax.set_yticks(range(len(LEVELS) + 2), LEVELS + ["ASEAN ESC City Award", "Milestones"])
        ax.set_ylim(len(LEVELS) + 1.7, -0.6)
        ax.set_xlim(first - 1, last + 1)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.grid(axis="x", color=style.RULE, lw=0.4)
        ax.set_axisbelow(True)
        drawing = Drawing.from_figure(fig)

    def span(ys: list[int]) -> str:
        ys, out, start = sorted(ys), [], None
        for i, y in enumerate(ys):
            start = y if start is None else start
            if i + 1 == len(ys) or ys[i + 1] != y + 1:
                out.append(str(start) if start == y else f"{start}–{y}")
                start = None
        return ", ".join(out)

    drawing.alt = ("Chart of Surabaya's Adipura Awards, " + f"{first} to {last}. "
                   + "; ".join(f"{level}: {span([r['year'] for r in won if r['award'] == level])}"
                               for level in LEVELS if any(r["award"] == level for r in won))
                   + f"; ASEAN Environmentally Sustainable City Award: {span(asean)}"
                   + (f". No award is recorded in {span([r['year'] for r in rows if r['award'] == 'none'])}"
                      if any(r["award"] == "none" for r in rows) else "")
                   + (f"; the text names no year in {span(unknown)}" if unknown else "")
                   + ". Cooperation milestones: "
                   + "; ".join(f"{r['date_year']}, {r['label']}" for r in agreements) + ".")
    drawing.table = ([{"year": r["year"], "award": r["award"], "asean_esc": r["asean_esc"]} for r in rows]
                     + [{"year": r["date_year"], "award": f"agreement: {r['label']}", "asean_esc": ""}
                        for r in agreements])
    return drawing


def _cut(text: str, limit: int = 44) -> str:
    """A milestone's label for the chart: its sentence cut at a word."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
