"""The figures of Chapter 4, on intercity cooperation in true "Kitakyushu Style" (Figures 4.1-4.5 of the 2018
edition), in the order they appear.

The 2018 figures do not survive. The two timelines are drawn from the events the chapter's text (and the case
studies) date; the three diagrams hold only what Chapter 4 states (line numbers of the 2018 text in the
comments), and take their numbers and dates from the data through the placeholders of dpaper.figures.bind
(`{number:KEY}`, `{year:ID}`), never typed here.
"""
from __future__ import annotations

from dpaper.figures.declare import diagram, timeline
from dpaper.render.values import spell

_REDRAWN = "Redrawn in outline from the text of this chapter; the 2018 figure does not survive"

# Chapter 4 §1, line 1550: the seven factors, in the order the chapter takes them.
FACTORS = ["Policy positioning", "Collaboration with a diverse set of stakeholders",
           "Creation and systematisation of the contents provided", "Utilisation of external funds",
           "Communication with cooperating cities", "Domestic and overseas assessment", "Benefits to the city"]

diagram("ks-seven-factors", datasets=("key_figures",),
        caption=f"{spell(len(FACTORS)).capitalize()} factors that shape the character of Kitakyushu's intercity "
                "cooperation",   # the number is the factors drawn: "Seven", as the 2018 caption has it
        source=_REDRAWN, title="the {number:ch4_factors} factors behind Kitakyushu's intercity cooperation",
        nodes=[{"id": "core", "label": "Intercity cooperation in Kitakyushu style: continuing, expanding and "
                                        "intensifying"}]
        + [{"id": f"f{i}", "label": f"Factor {i}\n{name}"} for i, name in enumerate(FACTORS, 1)],
        # four factors above the core, three below, each pointing at it
        links=[{"from": f"f{i}", "to": "core"} for i in range(1, 5)]
        + [{"from": "core", "to": f"f{i}", "direction": "back"} for i in range(5, len(FACTORS) + 1)],
        ranks=[[f"f{i}" for i in range(1, 5)], [f"f{i}" for i in range(5, len(FACTORS) + 1)]])

timeline("jp-national-policies", datasets=("events",),
         caption="Japan's national policies on local governments' international cooperation, and how they developed",
         source="Compiled by the editors from the 2018 edition, as this chapter and the case studies date the events. "
                "The 2018 figure showed more than its text describes; only what the text dates is drawn",
         title="Japan's national policies bearing on local governments' international cooperation",
         lane_column="sector", label_column="short", span=[1992, 2018], panels=1,   # twelve events: one panel
         lanes=[{"label": "Environment and aid", "values": ["environment", "policy", "cooperation"]},
                {"label": "Resource circulation", "values": ["waste"]},
                {"label": "Business and infrastructure exports", "values": ["business", "water"]},
                {"label": "Energy and low carbon", "values": ["energy"]}])

timeline("kk-intercity-policies", datasets=("events",),
         caption="Kitakyushu's policies and infrastructure for intercity cooperation over the years",
         source="Compiled by the editors from the 2018 edition, as this chapter, Chapter 2 and the case studies "
                "date the events; the 2018 figure does not survive",
         title="Kitakyushu's policies and institutions for intercity cooperation",
         lane_column="sector", label_column="short", span=[1979, 2018], earlier=True, panels=2,   # 1979–98, 1999–2018
         lanes=[{"label": "City plans and strategies", "values": ["policy", "business"]},
                {"label": "Environment, energy, waste", "values": ["environment", "energy", "waste"]},
                {"label": "Partners, networks, recognition", "values": ["cooperation", "awards"]},
                {"label": "Training and water", "values": ["human-resources", "water"]}])

# Chapter 4 §2, lines 1729-1731: the elements the city built up, linked through good governance.
diagram("ks-mechanism", datasets=("key_figures", "events"),
        caption="How intercity cooperation is kept continuing, expanding and intensifying", source=_REDRAWN,
        title="how Kitakyushu keeps its intercity cooperation continuing, expanding and intensifying",
        groups=[{"id": "city", "label": "Built up in Kitakyushu"}],
        nodes=[{"id": "policy", "group": "city",
                "label": "Policy positioning, with the city's own benefits in mind"},
               {"id": "stakeholders", "group": "city",
                "label": "A system in which diverse stakeholders work together"},
               {"id": "contents", "group": "city",
                "label": "Contents to share: the Kitakyushu Model and learning facilities; "
                         "{number:ch4_kita_trainees_2018} trainees received since {year:kk-1980-kita}"},
               {"id": "funds", "group": "city", "label": "Limited external funds, linked and used"},
               {"id": "governance", "label": "Good governance"},
               {"id": "partner", "label": "Support on site for the cooperating city's environmental problems"},
               {"id": "recognition", "label": "Recognition in Japan and abroad; benefits shown to citizens"},
               {"id": "growth", "label": "More resources, more varied; capabilities built up; residents' support"},
               {"id": "style", "label": "Effective, efficient cooperation fitted to each city, in many sectors"}],
        links=[{"from": n, "to": "governance"} for n in ("policy", "stakeholders", "contents", "funds")]
        + [{"from": "governance", "to": "partner"}, {"from": "partner", "to": "recognition"},
           {"from": "recognition", "to": "growth"}, {"from": "growth", "to": "style"},
           {"from": "style", "to": "governance", "label": "continuing, expanding, intensifying"}],
        ranks=[["policy", "stakeholders", "contents", "funds"], ["partner", "recognition", "growth", "style"]])

# Chapter 4 §2, lines 1727-1749: from one partner to many, and what the scale brings the city.
_CITIES = [("dalian", "Dalian", "dl-1979-friendship-city"), ("surabaya", "Surabaya", "sb-1997-official-start"),
           ("phnom-penh", "Phnom Penh", "pp-1999-jica-experts"),
           ("hai-phong", "Hai Phong", "hp-2009-friendship-exchange"), ("mandalay", "Mandalay", "md-2012-gegg-2")]
diagram("ks-scaling-up", datasets=("events",),
        caption="Scaling up intercity cooperation, and what it brings", source=_REDRAWN,
        title="the scaling up of Kitakyushu's intercity cooperation and its effects",
        groups=[{"id": "partners", "label": "Cooperating cities, by the year cooperation began"},
                {"id": "effects", "label": "Effects for Kitakyushu", "align": "right"}],   # clear of the links in
        nodes=[{"id": key, "group": "partners", "label": f"{name}\nfrom {{year:{event}}}"}
               for key, name, event in reversed(_CITIES)]      # dot sets this cluster right to left
        + [{"id": "scale", "label": "Scaled-up intercity cooperation: more cities, sectors and stakeholders"},
           {"id": "staff", "group": "effects", "label": "Wider perspectives for city staff and stakeholders"},
           {"id": "strengths", "group": "effects", "label": "The city's strengths brought into play"},
           {"id": "pass", "group": "effects",
            "label": "Technologies and know-how passed on by building infrastructure from the start"},
           {"id": "partnership", "group": "effects",
            "label": "Partnership of industry, government, academia and citizens strengthened"},
           {"id": "asset", "label": "Growing partnerships: an irreplaceable asset of the city"}],
        links=[{"from": key, "to": "scale"} for key, _, _ in _CITIES]
        + [{"from": "scale", "to": n} for n in ("staff", "strengths", "pass", "partnership")]
        + [{"from": n, "to": "asset"} for n in ("staff", "strengths", "pass", "partnership")],
        ranks=[[key for key, _, _ in _CITIES], ["staff", "strengths", "pass", "partnership"]])
