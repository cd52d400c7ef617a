"""The figures of Case Study 4, Hai Phong (Figures 3.4.1–3.4.11 of the 2018 edition), in the order they appear.

The 2018 figures are images lost from the text copy. Timelines chart the events tagged with their id; the
diagrams hold only what the case study's text states (line numbers of the 2018 text in the comments), and
every date or number in their boxes names its event or key figure ({date:…}, {fact:…}: dpaper.figures.bind)
instead of typing it. Figure 3.4.9 is a chart drawn from the same dataset as Table 3.4.1.

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
               {"id": "indc", "group": "vn",
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
               {"from": "ghg", "to": "indc", "label": "target to the UNFCCC"},
               {"from": "growth", "to": "action"},
               {"from": "action", "to": "city-action"},
               {"from": "city-action", "to": "ggp", "label": "put into practice"},
               {"from": "ggp", "to": "port"}])

photo("hp-sister-city-signing", caption="Signing the sister city agreement", source=CITY, ratio=16 / 9,
      alt="Photograph of the ceremony at which Kitakyushu and Hai Phong signed their sister city agreement")

photo("hp-ggp-final-report", caption="Mayor Kitahashi presents the final report of Hai Phong's Green Growth "
      "Promotion Plan", source=CITY, ratio=16 / 9,
      alt="Photograph of the final report on Hai Phong's Green Growth Promotion Plan being presented")

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
        direction="LR",
        groups=[{"id": "kk", "label": "Kitakyushu"}, {"id": "hp", "label": "Hai Phong"}],
        nodes=[{"id": "city-kk", "label": "City of Kitakyushu", "group": "kk"},
               {"id": "kita", "label": "Kitakyushu International Techno-cooperative Association (KITA)",
                "group": "kk"},
               {"id": "firms-kk", "label": "Kitakyushu companies and experts", "group": "kk"},
               {"id": "jica", "label": "JICA Partnership Program (Regional Economy Revitalization Special Frame)"},
               {"id": "phase1",
                "label": "Plant management programme, fiscal years {period:hp-2011-plant-management}"},
               {"id": "phase2", "label": "Knowledge transfer programme, {period:hp-2013-knowledge-transfer}"},
               {"id": "city-hp", "label": "City of Hai Phong", "group": "hp"},
               {"id": "college", "label": "Hai Phong Industrial Polytechnic College", "group": "hp"},
               {"id": "firms-hp", "label": "Local manufacturing companies", "group": "hp"}],
        links=[{"from": "city-kk", "to": "city-hp", "direction": "both",
                "label": "friendship exchange agreement, {date:hp-2009-friendship-exchange}"},
               {"from": "jica", "to": "phase1", "direction": "none"},
               {"from": "jica", "to": "phase2", "direction": "none"},
               {"from": "kita", "to": "phase1", "label": "runs"},
               {"from": "kita", "to": "phase2", "label": "runs"},
               {"from": "phase1", "to": "college", "label": "instructors' skills, curricula"},
               {"from": "phase1", "to": "firms-hp", "label": "5S on the shop floor, production managers"},
               {"from": "phase2", "to": "firms-hp", "label": "guidance by Japanese experts"},
               {"from": "firms-kk", "to": "firms-hp", "direction": "both",
                "label": "technical exchange, business talks"}],
        ranks=[["phase1", "phase2"]])

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
        direction="LR",
        nodes=[{"id": "moe", "label": "Ministry of the Environment, Japan"},
               {"id": "team", "label": "Study team:\n" + "\n".join(MEMBERS)},
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


# Table 3.4.1's dataset: the plan's sectors and pilot projects, grouped as the editors decided (D7).
@chart("hp-ggp-sectors", datasets=("haiphong_pilot_projects",),
       caption="Target sectors and pilot projects of the “Green Growth Promotion Plan of the City of Hai Phong” "
               "(GGP)",
       source=f"{LOW_CARBON}; drawn here from the data of Table 3.4.1 (sector grouping: editors' decision)")
def ggp_sectors(data):
    """Seven tiles, one a sector, each listing its numbered pilot projects, in the data's order."""
    from dpaper.data.load import records
    from dpaper.figures import style
    from dpaper.figures.draw import Drawing
    from dpaper.figures.kinds import mm_figure, text_size, wrap_to

    rows = records(data["haiphong_pilot_projects"])
    sectors = list(dict.fromkeys(r["sector"] for r in rows))
    per_row = 4
    gap, pad, width = 3.0, 2.0, style.WIDTH_MM
    tile_w = (width - gap * (per_row - 1)) / per_row
    head_pt, item_pt = 8.0, 7.0
    line = text_size("Ag", item_pt)[1] * 1.25
    head_line = text_size("Ag", head_pt, "semibold")[1] * 1.25
    tiles = []
    for s in sectors:
        head = wrap_to(s, tile_w - 2 * pad, head_pt, "semibold")
        items = [(f"{r['number']:02d}", wrap_to(r["project"], tile_w - 2 * pad - 5, item_pt))
                 for r in rows if r["sector"] == s]
        tiles.append((s, head, items, pad * 2 + len(head) * head_line + 1.2
                      + sum(len(lines) for _, lines in items) * line + (len(items) - 1) * 0.8))
    bands = [tiles[i:i + per_row] for i in range(0, len(tiles), per_row)]
    heights = [max(t[3] for t in band) for band in bands]
    total = sum(heights) + gap * (len(bands) - 1) + 1
    with mm_figure(total) as (fig, ax):
        from matplotlib.patches import FancyBboxPatch
        y = 0.5
        for band, h in zip(bands, heights):
            x0 = (width - (len(band) * tile_w + (len(band) - 1) * gap)) / 2
            for k, (_, head, items, _) in enumerate(band):
                x = x0 + k * (tile_w + gap)
                ax.add_patch(FancyBboxPatch((x, y), tile_w, h, boxstyle="round,pad=0,rounding_size=1.5",
                                            fc="#e6f0f3", ec=style.PRIMARY, lw=0.8))
                ty = y + pad
                for hl in head:
                    ax.text(x + pad, ty, hl, fontsize=head_pt, fontweight="semibold", color=style.PRIMARY,
                            va="top", ha="left")
                    ty += head_line
                ty += 1.2
                for num, lines in items:
                    ax.text(x + pad, ty, num, fontsize=item_pt, fontweight="semibold", color=style.MUTED,
                            va="top", ha="left")
                    for ln in lines:
                        ax.text(x + pad + 5, ty, ln, fontsize=item_pt, color=style.INK, va="top", ha="left")
                        ty += line
                    ty += 0.8
            y += h + gap
        drawing = Drawing.from_figure(fig)
    drawing.alt = (f"The {len(sectors)} sectors of Hai Phong's Green Growth Promotion Plan and its {len(rows)} "
                   "pilot projects, grouped as the editors inferred them: "
                   + "; ".join(f"{s}: " + ", ".join(f"{r['number']:02d} {r['project']}" for r in rows
                                                    if r["sector"] == s) for s in sectors) + ".")
    drawing.table = [{"sector": r["sector"], "number": r["number"], "project": r["project"]} for r in rows]
    return drawing


photo("hp-ev-bus", caption="The EV bus demonstration project on Cat Ba Island", source=LOW_CARBON, ratio=16 / 9,
      alt="Photograph of the solar-powered electric bus on trial on Cat Ba Island")

photo("hp-composting-guidance", caption="Technical guidance on composting at the Trang Cat waste treatment plant",
      source="Provided by Koji Takakura", ratio=16 / 9,
      alt="Photograph of technical guidance on composting at the Trang Cat waste treatment plant in Hai Phong")
