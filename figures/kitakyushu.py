"""The figures of Chapter 2, Kitakyushu as a "Top-runner of Intercity Cooperation" (Figures 2.1-2.10 of the 2018
edition), in the order they appear. Figures 2.4 and 2.10 are lost (editor_notes D56, D1c): declared `lost`, they keep
their number and place as a lacuna mark.

The diagrams of the Kitakyushu Model (Figures 2.6-2.8) cannot be redrawn from the 2018 figures, which do not
survive; they show only what the text of section 6 states, and their captions say so."""
from __future__ import annotations

from dpaper.figures.declare import diagram, lost, map, photo, timeline  # noqa: A004 (map: the kind)

map("kk-location", datasets=("cities", "countries"), caption="Where Kitakyushu lies",
    source="Places compiled by the editors from the 2018 edition; outlines from Natural Earth (public domain). After "
           "Kitakyushu City Corporate Location Guide, “Introduction to Kitakyushu City”",
    title="Kitakyushu and the cities within 1,000 km of it", extent=[118.5, 143.5, 24.5, 43.5],
    places={"name": ["Kitakyushu", "Tokyo", "Seoul", "Busan", "Dalian", "Shanghai"]}, highlight=["Kitakyushu"],
    circle={"centre": "Kitakyushu", "radius_km": 1000}, shade=["Japan"],
    countries=["Japan", "China", "South Korea", "North Korea"])

timeline("kk-environmental-administration", datasets=("events",),
         caption="How Kitakyushu's environmental administration developed",
         source="Compiled by the editors from the 2018 edition. After City of Kitakyushu, "
                "“History of International Environmental Cooperation”",
         title="Kitakyushu's environmental administration", lane_column="sector", label_column="short",
         # the dense years; the events of 1901 and 1963 are listed under the chart
         span=[1985, 2018], panels=1, earlier=True, milestones=["milestone"],
         lanes=[{"label": "Industry and the economy", "values": ["business"]},
                {"label": "Pollution and its control", "values": ["air"]},
                {"label": "Waste and resources", "values": ["waste"]},
                {"label": "City policy and plans", "values": ["policy", "energy", "environment"]},
                {"label": "Cooperation and recognition", "values": ["cooperation", "awards"]}])

photo("kk-overcoming-pollution", caption="Photographs that stand for Kitakyushu's victory over pollution",
      source="City of Kitakyushu, “Efforts to overcome pollution”", ratio=5 / 2,   # four pictures side by side
      alt="Four photographs contrasting Kitakyushu's polluted sky and Dokai Bay with their state after the clean-up")

# Figure 2.4: a chart after a World Bank survey whose data do not survive (editor_notes D56): its caption only.
lost("kk-environment-economy", caption="Environmental policy and economic policy going hand in hand in Kitakyushu",
     source="World Bank, “Japan's Experience Survey”")

photo("kk-oecd-report", caption="Mayor Kenji Kitahashi with the OECD Green Cities Programme's report on "
                                "Kitakyushu",
      source="City of Kitakyushu, “OECD Green City Program”",
      alt="Photograph of Mayor Kenji Kitahashi with the OECD Green Cities Programme's Kitakyushu report")

_MODEL = "Kitakyushu Model for Exporting the Concept of Green Cities (Kitakyushu Model)"
_REDRAWN = ("Kitakyushu Asian Center for Low Carbon Society. Redrawn in outline from the text of this "
            "section; the 2018 figure does not survive")

# Figures 2.6-2.8: only what Chapter 2 section 6 states (the 2018 edition's text, lines 239-247).
diagram("kk-model-framework", datasets=(), caption="How the Kitakyushu Model is built up", source=_REDRAWN,
        title="the framework of the Kitakyushu Model",
        groups=[{"id": "city", "label": "City of Kitakyushu"}],
        nodes=[{"id": "problems", "group": "city",
                "label": "Environmental problems shared with other Japanese cities, met head on"},
               {"id": "measures", "group": "city", "label": "Measures of the city's own devising"},
               {"id": "knowhow", "group": "city",
                "label": "Know-how in urban environmental administration, built up over the years"},
               {"id": "model", "group": "city", "label": _MODEL}],
        links=[{"from": "problems", "to": "measures"}, {"from": "measures", "to": "knowhow"},
               {"from": "knowhow", "to": "model", "label": "put in order systematically"}])

diagram("kk-model-application", datasets=(), caption="How the Kitakyushu Model is applied", source=_REDRAWN,
        title="the application of the Kitakyushu Model", direction="LR",
        groups=[{"id": "city", "label": "Kitakyushu"}, {"id": "partner", "label": "Partner city"}],
        nodes=[{"id": "model", "group": "city", "label": _MODEL},
               {"id": "needs", "group": "partner", "label": "The partner city's needs"},
               {"id": "solutions", "label": "Comprehensive urban solutions fitted to those needs"}],
        links=[{"from": "model", "to": "solutions"}, {"from": "needs", "to": "solutions"}])

diagram("kk-model-outcomes", datasets=(), caption="What the Kitakyushu Model is expected to achieve",
        source=_REDRAWN, title="the expected results and outcomes of the Kitakyushu Model",
        nodes=[{"id": "solutions", "label": "Comprehensive urban solutions based on the Kitakyushu Model"},
               {"id": "green", "label": "Partner city: the Green City (eco-friendly city) concept exported"},
               {"id": "env", "label": "Kitakyushu: its own environment conserved through the global environment"},
               {"id": "econ", "label": "Kitakyushu: local economy promoted by international environmental business"},
               {"id": "policy", "label": "Kitakyushu: its policies developed by studying advanced policies together"},
               {"id": "welfare", "label": "Better welfare for Kitakyushu's residents"}],
        links=[{"from": "solutions", "to": "green"}, {"from": "solutions", "to": "env"},
               {"from": "solutions", "to": "econ"}, {"from": "solutions", "to": "policy"},
               {"from": "env", "to": "welfare"}, {"from": "econ", "to": "welfare"},
               {"from": "policy", "to": "welfare"}],
        ranks=[["green", "env", "econ", "policy"]])

photo("kk-doko-eco", caption="“Doko Eco!”, the guide to interactive environmental learning facilities",
      source="City of Kitakyushu, “Doko Eco!” (July 2015)", ratio=3 / 2,
      alt="The cover and pages of the Doko Eco! guide to Kitakyushu's environmental learning facilities")

# Figure 2.10, the city network of Southeast Asia: lost with most of section 7, caption and all (editor_notes D1c).
lost("kk-city-network")
