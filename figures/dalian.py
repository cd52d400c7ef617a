"""The figures of Case Study 1, Dalian (Figures 3.1.1–3.1.8 of the 2018 edition), in the order they appear.

The diagrams hold only what the case study's text states (line numbers of the 2018 text in the comments);
the map draws the two local governments the text names and says what it lacks.
"""
from __future__ import annotations

from dpaper.figures.declare import diagram, map, photo, timeline  # noqa: A004 (map: the kind)

photo("dl-changing-skies", caption="Changing skies in Kitakyushu and Dalian", source="City of Kitakyushu", ratio=2 / 1,
      alt="Paired photographs of the sky over Kitakyushu and over Dalian, before and after pollution control")

timeline("dl-cooperation-by-sector", datasets=("events",),
         caption="The framework of the Kitakyushu–Dalian collaboration and what it achieved, field by field",
         source="Compiled by the editors from the text of the 2018 edition",
         title="the framework of collaboration between Kitakyushu and Dalian and its results by sector",
         # the years of cooperation, in two panels of one scale; 1929–1951 are listed under the chart
         lane_column="sector", span=[1972, 2018], label_column="short", panels=[1972, 1995], earlier=True,
         lanes=[{"label": "Ties, agreements, awards", "values": ["policy", "cooperation", "awards"]},
                {"label": "People and training", "values": ["human-resources"]},
                {"label": "Air and the model city", "values": ["air", "environment"]},
                {"label": "Water supply and sewerage", "values": ["water"]},
                {"label": "Resource circulation", "values": ["waste"]},
                {"label": "Energy conservation", "values": ["energy"]},
                {"label": "Business support", "values": ["business"]}])

# Case Study 1 §2.1.2, lines 415-421: from the city's proposal to the ODA projects.
diagram("dl-city-to-oda", datasets=(),
        caption="Linkages between intercity cooperation and intergovernmental cooperation (ODA)",
        source="Redrawn from the text; the 2018 figure came from the City of Kitakyushu website, "
               "“International environmental cooperation with the City of Dalian, China”",
        title="how intercity cooperation between Kitakyushu and Dalian led to intergovernmental cooperation (ODA)",
        # a staircase down: the cities, the governments, then the study, the plan and the loan
        direction="TB",
        groups=[{"id": "city", "label": "Between the cities", "align": "right"},
                {"id": "nations", "label": "Between the governments", "align": "right"}],
        nodes=[{"id": "kitakyushu", "label": "City of Kitakyushu and KITA", "group": "city"},
               {"id": "dalian", "label": "City of Dalian", "group": "city"},
               {"id": "china", "label": "Government of China", "group": "nations"},
               {"id": "japan", "label": "Government of Japan", "group": "nations"},
               {"id": "study", "label": "Development study by JICA with the City of Kitakyushu"},
               {"id": "plan", "label": "Environmental protection master plan for Dalian"},
               {"id": "oda", "label": "ODA projects: the yen loan for the Dalian Environmental Model City Project"}],
        links=[{"from": "kitakyushu", "to": "dalian", "label": "proposal: an environmental model district",
                "direction": "both"},
               {"from": "kitakyushu", "to": "china", "label": "proposal heard by state officials"},
               {"from": "china", "to": "japan", "label": "request for a development study under ODA"},
               {"from": "japan", "to": "study"},
               {"from": "study", "to": "plan"},
               {"from": "plan", "to": "oda"}],
        ranks=[["dalian", "kitakyushu"], ["china", "japan"], ["plan", "study"], ["oda"]])

photo("dl-signing-and-factory",
      caption="Signing ceremony for the study of the Dalian Environmental Model Area plan (left); an iron works in "
              "Dalian (right)",
      source="City of Kitakyushu", ratio=2 / 1,
      alt="Two photographs: officials signing the agreement on the model area study, and an iron works in Dalian")

# Case Study 1 §2.1.2, line 445: the five projects of the yen loan.
diagram("dl-model-city-projects", datasets=(),
        caption="Target factories under the Environmental Model City Project",
        source="Redrawn from the text; the 2018 figure came from the evaluation report of the Environmental "
               "Model City Project (Dalian), 2011",
        title="the five target projects of the Dalian Environmental Model City Project",
        direction="LR",
        nodes=[{"id": "loan",
                "label": "Dalian Environmental Model City Project (yen loan, {fact:dalian_oda_loan_jpy})"},
               {"id": "pharma", "label": "Pharmaceutical plant: environmental measures, new production line "
                                         "on relocation"},
               {"id": "yandao", "label": "New thermoelectric plant, Yandao chemical industrial zone"},
               {"id": "chunhai", "label": "Chunhai Thermoelectric Plant extension (funded by Dalian, at its "
                                          "request)"},
               {"id": "cement", "label": "Dust treatment at a Dalian cement plant"},
               {"id": "steel", "label": "Pollution control for the electric furnaces of Dalian Steel"}],
        links=[{"from": "loan", "to": n} for n in ("pharma", "yandao", "chunhai", "cement", "steel")])

# Case Study 1 §2.2.1, line 478.
diagram("dl-material-cycle", datasets=(),
        caption="Material-Cycle City Cooperation Project in Japan and China (Eco-Town Cooperation)",
        source="Redrawn from the text; the 2018 figure came from the Ministry of Economy, Trade and Industry "
               "and EX Research Institute Ltd. (2012), FY 2011 Intercity collaboration (Kitakyushu and Dalian)",
        title="Japan–China cooperation on material-cycle cities (Eco-Town cooperation)",
        # the MoU above; Japan's actors on one row, China's Eco-Towns on the row below, METI's links fanning down
        direction="TB",
        groups=[{"id": "japan", "label": "Japan"}, {"id": "china", "label": "China"}],
        nodes=[{"id": "mou", "label": "Memorandum of Understanding on Material-Cycle City Cooperation "
                                     "({date:dl-2008-material-cycle-mou})"},
               {"id": "companies", "label": "Japanese recycling companies (waste tyres, cars, waste paper, "
                                            "other waste)", "group": "japan"},
               {"id": "meti", "label": "METI", "group": "japan"},
               {"id": "kitakyushu", "label": "City of Kitakyushu", "group": "japan"},
               {"id": "qingdao", "label": "Qingdao Eco-Town", "group": "china"},
               {"id": "tianjin", "label": "Tianjin Eco-Town", "group": "china"},
               {"id": "dalian", "label": "Dalian Eco-Town", "group": "china"},
               {"id": "stakeholders", "label": "Chinese stakeholders: pay for building the Eco-Towns",
                "group": "china"}],
        links=[{"from": "mou", "to": "meti", "direction": "none"},
               {"from": "meti", "to": "companies", "label": "feasibility studies and support"},
               {"from": "meti", "to": "qingdao", "label": "support, {period:dl-2009-eco-town-qingdao}"},
               {"from": "meti", "to": "tianjin", "label": "support, {period:dl-2009-eco-town-tianjin}"},
               {"from": "meti", "to": "dalian",
                "label": "experts and technology transfer, {fact:dalian_meti_ecotown_support_jpy}"},
               {"from": "kitakyushu", "to": "dalian", "label": "intercity cooperation", "direction": "both"},
               {"from": "stakeholders", "to": "dalian", "direction": "none"}],
        ranks=[["companies", "meti", "kitakyushu"], ["qingdao", "tianjin", "dalian", "stakeholders"]])

photo("dl-xi-jinping-visit",
      caption="Xi Jinping, then Vice President of China, on his visit to Kitakyushu (December 2009)",
      source="City of Kitakyushu",
      alt="Photograph of China's then Vice President Xi Jinping during his visit to Kitakyushu in December 2009")

# Case Study 1 §4.2, line 611: 11 Japanese and 17 Chinese local governments, but only two are named.
map("dl-air-pollution-cities", datasets=("cities", "countries"),
    caption="Two of the local governments taking part in the Japan–China intercity cooperation on air pollution "
            "control: Kitakyushu and Dalian, the only ones the text names",
    source="The 2018 figure (Institute for Global Environmental Strategies, 2017) mapped every participant; its "
           "text names only these two, so only they are drawn here. Places compiled by the editors from the 2018 "
           "edition; outlines from Natural Earth (public domain)",
    title="Kitakyushu and Dalian, the two named participants of the Japan–China air pollution city cooperation",
    extent=[115, 137, 30, 44], places={"name": ["Kitakyushu", "Dalian"]}, highlight=["Kitakyushu", "Dalian"],
    shade=["Japan", "China"],
    countries=["China", "Japan", "South Korea", "North Korea"])
