"""The figures of Case Study 4, Hai Phong (Figures 3.4.1–3.4.11 of the 2018 edition), in the order they appear.

The 2018 figures are images lost from the text copy. Timelines chart the events tagged with their id; the
diagrams hold only what the case study's text states (line numbers of the 2018 text in the comments), and
every date or number in their boxes names its event or key figure ({date:…}, {fact:…}: dpaper.figures.bind)
instead of typing it. Figure 3.4.9 is a chart of the plan's sectors drawn from the dataset of Table 3.4.1.

Every chapter job reads these declarations: a chart imports pandas, matplotlib and Drawing inside its function.
"""
from __future__ import annotations

from dpaper.figures.declare import chart, diagram, photo, timeline

CITY = "Website of the City of Kitakyushu, Exchange with the City of Hai Phong, Viet Nam"
LOW_CARBON = "Asian Center for Low Carbon Society"


# Case Study 4 §1, lines 1108–1112, and §4.3, line 1239: the national strategies and the city's plans.
diagram("hp-environmental-policies", datasets=(),
        caption="Environmental policies of Viet Nam and Hai Phong",
        source="Redrawn by the editors from the text of the 2018 edition, with its dates and figures",
        title="the environmental policies of Viet Nam and of Hai Phong, from the national strategies to the "
              "city's plans",
        direction="TB",
        groups=[{"id": "vn", "label": "Viet Nam"}, {"id": "hp", "label": "Hai Phong"}],
        nodes=[{"id": "strategy", "group": "vn",
                "label": "National Strategy on Climate Change (MONRE): goals, priority projects, a long-term "
                         "vision\n{date:hp-2011-climate-strategy}"},
               {"id": "committee", "group": "vn",
                "label": "National Committee on Climate Change\n{date:hp-2012-climate-committee}"},
               {"id": "growth", "group": "vn",
                "label": "National Green Growth Strategy (MPI)\n{date:hp-2012-green-growth-strategy}"},
               {"id": "action", "group": "vn",
                "label": "National Green Growth Action Plan\n{date:hp-2014-national-green-growth-action-plan}"},
               {"id": "ghg", "group": "vn",
                "label": "GHG emissions: {fact:hp_vn_ghg_2010} in {fact.year:hp_vn_ghg_2010};\n"
                         "{fact:hp_vn_ghg_2030} expected by {fact.year:hp_vn_ghg_2030}"},
               {"id": "indc", "group": "vn", "wrap": 34,             # a clause a line
                "label": "INDC: {fact:hp_vn_indc_reduction_percent} below business as usual,\n"
                         "{fact:hp_vn_indc_conditional_reduction_percent} with international support"},
               {"id": "city-action", "group": "hp",
                "label": "Hai Phong Green Growth Action Plan\n{date:hp-2014-green-growth-action-plan}"},
               {"id": "ggp", "group": "hp",
                "label": "Green Growth Promotion Plan (GGP), with Kitakyushu\n"
                         "{date:hp-2015-green-growth-promotion-plan}"},
               {"id": "port", "group": "hp", "label": "Aim: a Green Port City"}],
        links=[{"from": "strategy", "to": "committee"},
               {"from": "strategy", "to": "growth", "label": "a means to green growth"},
               {"from": "strategy", "to": "ghg", "direction": "none"},
               {"from": "ghg", "to": "indc", "label": "target to the UNFCCC", "wrap": 14},   # clear of the border
               {"from": "growth", "to": "action"},
               {"from": "action", "to": "city-action"},
               {"from": "city-action", "to": "ggp", "label": "put into practice"},
               {"from": "ggp", "to": "port"}],
        ranks=[["city-action", "ggp"]])        # the city's plans side by side: a shorter figure

photo("hp-sister-city-signing", caption="Signing the sister city agreement", source=CITY, ratio=16 / 9,
      alt="Photograph of the ceremony at which Kitakyushu and Hai Phong signed their sister city agreement")

photo("hp-ggp-final-report", caption="The final report on the “Green Growth Promotion Plan of the City of Hai "
      "Phong”", source=CITY, ratio=16 / 9,
      alt="Photograph of the final report on Hai Phong's Green Growth Promotion Plan")

timeline("hp-cooperation-areas", datasets=("events",),
         caption="How the areas of cooperation between Kitakyushu and Hai Phong grew and changed",
         source="Compiled by the editors from the text of the 2018 edition",
         title="the areas of cooperation between Kitakyushu and Hai Phong", lane_column="sector",
         span=[2009, 2018], label_column="short",
         lanes=[{"label": "Ties and visits", "values": ["cooperation"]},
                {"label": "Economy and industry", "values": ["business", "human-resources"]},
                {"label": "Water supply", "values": ["water"]},
                {"label": "Sewerage", "values": ["sewerage"]},
                {"label": "Environment and low carbon", "values": ["policy", "energy"]},
                {"label": "Citizens", "values": ["education"]}])


# Case Study 4 §4.1, lines 1175–1187: who worked with whom in the two JICA Partnership Programs.
diagram("hp-industry-academia-government", datasets=(),
        caption="Collaboration between industry, academia and government",
        source="Redrawn from the text; the 2018 figure came from KITA presentation materials, after the JICA "
               "Partnership Program “Knowledge transfer program to improve the technical and management capacity "
               "of manufacturing industries in Hai Phong”",
        title="collaboration between industry, academia and government in Kitakyushu and Hai Phong for "
              "Hai Phong's manufacturing industries",
        # Kitakyushu above, Hai Phong below, the two programmes between them with the JICA frame they share
        direction="TB", nodesep=0.12,
        groups=[{"id": "kk", "label": "Kitakyushu"}, {"id": "hp", "label": "Hai Phong", "align": "right"}],
        nodes=[{"id": "city-kk", "label": "City of Kitakyushu", "group": "kk"},
               {"id": "kita", "label": "Kitakyushu International Techno-cooperative Association (KITA)",
                "group": "kk"},
               {"id": "firms-kk", "label": "Kitakyushu companies and experts", "group": "kk"},
               {"id": "phase1",
                "label": "Plant management programme, fiscal years {period:hp-2011-plant-management}"},
               {"id": "jica", "label": "JICA Partnership Program (Regional Economy Revitalization Special Frame)"},
               {"id": "phase2", "label": "Knowledge transfer programme, {period:hp-2013-knowledge-transfer}"},
               {"id": "city-hp", "label": "City of Hai Phong", "group": "hp"},
               {"id": "college", "label": "Hai Phong Industrial Polytechnic College", "group": "hp"},
               {"id": "firms-hp", "label": "Local manufacturing companies", "group": "hp"}],
        links=[{"from": "city-kk", "to": "city-hp", "direction": "both",
                "label": "friendship exchange agreement, {date:hp-2009-friendship-exchange}"},
               # phase1 -> jica -> phase2: the order of a row's links is the order of its boxes
               {"from": "phase1", "to": "jica", "direction": "none"},
               {"from": "jica", "to": "phase2", "direction": "none"},
               {"from": "kita", "to": "phase1", "label": "runs"},
               {"from": "kita", "to": "phase2", "label": "runs"},
               {"from": "phase1", "to": "college", "label": "instructors' skills, curricula"},
               {"from": "phase1", "to": "firms-hp", "label": "5S on the shop floor, production managers"},
               {"from": "phase2", "to": "firms-hp", "label": "guidance by Japanese experts"},
               {"from": "firms-kk", "to": "firms-hp", "direction": "both",
                "label": "technical exchange, business talks"}],
        ranks=[["phase1", "jica", "phase2"]])

timeline("hp-waterworks-cooperation", datasets=("events",),
         caption="Cooperation between Hai Phong and Kitakyushu in the waterworks sector and the projects it led to",
         source="Compiled by the editors from the text of the 2018 edition",
         title="cooperation between Hai Phong and Kitakyushu on waterworks and the projects that grew from it",
         lane_column="kind", span=[2009, 2016], label_column="short",
         lanes=[{"label": "Agreements", "values": ["agreement"]},
                {"label": "Programmes and plants", "values": ["project"]},
                {"label": "Bodies founded", "values": ["institution"]}])

timeline("hp-sewerage-cooperation", datasets=("events",),
         caption="How cooperation between Hai Phong and Kitakyushu on sewage works developed",
         source="Compiled by the editors from the text of the 2018 edition",
         title="cooperation between Hai Phong and Kitakyushu on sewage works", lane_column="kind",
         span=[2010, 2016], label_column="short",
         lanes=[{"label": "Agreements", "values": ["agreement"]},
                {"label": "Capacity building", "values": ["training"]},
                {"label": "Contracts won", "values": ["project"]},
                {"label": "Bodies founded", "values": ["institution"]}])


# Case Study 4 §4.3, line 1241, and its fn 11 (the consortium that wrote the study's report).
MEMBERS = ["Institute for Global Environmental Strategies (IGES)", "City of Kitakyushu",
           "Nikken Sekkei Civil Engineering Ltd.", "NTT Data Institute of Management Consulting, Inc.",
           "Nishihara Corporation", "Amita Corporation", "Amita Institute for Sustainable Economies Co., Ltd."]


diagram("hp-ggp-support", datasets=(),
        caption="How the formulation of the Hai Phong Green Growth Plan was supported, in cooperation with "
                "Kitakyushu",
        source="Redrawn from the text and footnote 11; the 2018 figure came from IGES and others (2015)",
        title="the support for the formulation of Hai Phong's Green Growth Promotion Plan: a study of the "
              "Japanese Ministry of the Environment, carried out by a team that included Kitakyushu",
        direction="TB",      # the three parties above the study, the plan below it
        nodes=[{"id": "moe", "label": "Ministry of the Environment, Japan"},
               {"id": "team", "label": "Study team:\n" + "\n".join(MEMBERS), "wrap": 52},   # a member a line
               {"id": "study", "label": "JCM feasibility study on large-scale projects for low-carbon societies "
                                        "in Asia, fiscal year {year:hp-2014-jcm-study}"},
               {"id": "hp", "label": "City of Hai Phong"},
               {"id": "ggp", "label": "Green Growth Promotion Plan of the City of Hai Phong (GGP), final report "
                                      "{date:hp-2015-green-growth-promotion-plan}"}],
        links=[{"from": "moe", "to": "study", "label": "commissions"},
               {"from": "team", "to": "study", "label": "carries out"},
               {"from": "hp", "to": "study", "label": "asks for support"},
               {"from": "study", "to": "ggp", "label": "projects to cut emissions, JCM credits, local monitoring"}],
        ranks=[["moe", "team", "hp"]])


# Table 3.4.1's dataset: the plan's sectors and pilot projects, grouped as the editors decided (D7). The figure
# shows the plan's structure (its sectors, the key ones apart, and how many pilot projects each has); the table
# under it lists the projects (docs/decisions/, "Figure 3.4.9 and Table 3.4.1").
# Case Study 4 §4.3, line 1250: the key sectors, closely linked with GHG emissions.
KEY_SECTORS = ["Waste", "Energy", "Transportation", "Cat Ba Island"]


@chart("hp-ggp-sectors", datasets=("haiphong_pilot_projects",),
       caption="Target sectors of the “Green Growth Promotion Plan of the City of Hai Phong” (GGP) and the number "
               "of pilot projects in each",
       source=f"{LOW_CARBON}; drawn here from the data of Table 3.4.1 (sector grouping: editors' decision)")
def ggp_sectors(data):
    """A tile a sector, in two bands (the key sectors, the others), each with its count of pilot projects and
    their numbers in Table 3.4.1, in the data's order."""
    from dpaper.data.load import records
    from dpaper.errors import BuildError
    from dpaper.figures import style
    from dpaper.figures.draw import Drawing
    from dpaper.figures.kinds import count, mm_figure, text_size, wrap_to

    rows = records(data["haiphong_pilot_projects"])
    sectors = list(dict.fromkeys(r["sector"] for r in rows))
    unknown = [s for s in KEY_SECTORS if s not in sectors]
    if unknown:
        raise BuildError(f"figures/hai_phong.py: hp-ggp-sectors: key sector {unknown[0]!r} is not a sector of "
                         f"haiphong_pilot_projects (expected one of {', '.join(sectors)})")
    bands = [("Key sectors, closely linked with GHG emissions", [s for s in sectors if s in KEY_SECTORS]),
             ("Other sectors", [s for s in sectors if s not in KEY_SECTORS])]
    numbers = {s: [f"{r['number']:02d}" for r in rows if r["sector"] == s] for s in sectors}
    per_row, gap, pad, edge = 4, 3.0, 2.2, 0.6              # edge: room for the tiles' strokes inside the panel
    width = style.WIDTH_MM - 2 * edge
    tile_w = (width - gap * (per_row - 1)) / per_row
    band_pt, head_pt, count_pt, item_pt = 8.0, 8.5, 16.0, 7.5
    band_h = text_size("Ag", band_pt, "semibold")[1] * 2.0
    head_line = text_size("Ag", head_pt, "semibold")[1] * 1.25
    heads = {s: wrap_to(s, tile_w - 2 * pad, head_pt, "semibold") for s in sectors}
    head_lines = max(len(h) for h in heads.values())
    count_h, item_h = text_size("0", count_pt, "semibold")[1], text_size("Ag", item_pt)[1] * 1.3
    tile_h = 2 * pad + head_lines * head_line + 1.5 + count_h + 2.2 + item_h
    total = sum(band_h + tile_h * -(-len(ss) // per_row) + gap for _, ss in bands) - gap + 2 * edge
    with mm_figure(total) as (fig, ax):
        from matplotlib.patches import FancyBboxPatch
        y = edge
        for title, band in bands:
            ax.text(edge, y + band_h * 0.6, title, fontsize=band_pt, fontweight="semibold", color=style.MUTED,
                    va="baseline", ha="left")
            y += band_h
            for k, s in enumerate(band):
                x = edge + (k % per_row) * (tile_w + gap)
                ty = y + (k // per_row) * tile_h
                ax.add_patch(FancyBboxPatch((x, ty), tile_w, tile_h - 0.01, boxstyle="round,pad=0,rounding_size=1.5",
                                            fc=style.TINT, ec=style.PRIMARY, lw=0.8))
                cy = ty + pad
                for line in heads[s]:
                    ax.text(x + pad, cy, line, fontsize=head_pt, fontweight="semibold", color=style.PRIMARY,
                            va="top", ha="left")
                    cy += head_line
                cy = ty + pad + head_lines * head_line + 1.5
                n, base = len(numbers[s]), cy + count_h          # the count and its words on one baseline
                ax.text(x + pad, base, str(n), fontsize=count_pt, fontweight="semibold", color=style.INK,
                        va="baseline", ha="left")
                ax.text(x + pad + text_size(str(n), count_pt, "semibold")[0] + 1.5, base,
                        "pilot project" if n == 1 else "pilot projects", fontsize=item_pt, color=style.INK,
                        va="baseline", ha="left")
                ax.text(x + pad, base + 2.2, ("No. " if n == 1 else "Nos. ") + ", ".join(numbers[s]),
                        fontsize=item_pt, color=style.MUTED, va="top", ha="left")
            y += tile_h * -(-len(band) // per_row) + gap
        drawing = Drawing.from_figure(fig)
    drawing.alt = (f"The {count(len(sectors), 'sector')} of Hai Phong's Green Growth Promotion Plan, with the number "
                   f"of its {len(rows)} pilot projects in each (grouping inferred by the editors). "
                   + " ".join(f"{title}: " + "; ".join(f"{s}, {count(len(numbers[s]), 'project')} "
                                                        f"(no. {', '.join(numbers[s])})" for s in band) + "."
                              for title, band in bands))
    drawing.table = [{"sector": r["sector"], "key_sector": r["sector"] in KEY_SECTORS, "number": r["number"],
                      "project": r["project"]} for r in rows]
    return drawing


photo("hp-ev-bus", caption="The EV bus demonstration project on Cat Ba Island", source=LOW_CARBON, ratio=16 / 9,
      alt="Photograph of the solar-powered electric bus on trial on Cat Ba Island")

photo("hp-composting-guidance", caption="Technical guidance on composting at the Trang Cat waste treatment facility",
      source="Provided by Koji Takakura", ratio=16 / 9,
      alt="Photograph of technical guidance on composting at the Trang Cat waste treatment plant in Hai Phong")
