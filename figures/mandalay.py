"""The figures of Case Study 5, Mandalay (Figures 3.5.1–3.5.9 of the 2018 edition), in the order they appear.

Figure 3.5.2 is the 2018 edition's timeline matrix, printed as a table (its declaration: `md-timeline-matrix` in
tables/mandalay.py); its notes are the manuscript's. The two timelines draw the events that list their
ids (data/raw/events.csv); the events tagged `md-collaboration-timeline` are those of the matrix.
"""
from __future__ import annotations

from dpaper.figures.declare import photo, table_figure, timeline

photo("md-peace-pagoda", ratio=16 / 9, caption="The World Peace Pagoda in Moji, Kitakyushu",
      alt="Photograph of the World Peace Pagoda, a Myanmar-style temple, in Moji, Kitakyushu")

table_figure("md-collaboration-timeline", "md-timeline-matrix",
             caption="Timeline of the city-to-city collaboration between Kitakyushu and Mandalay")

photo("md-mayors-and-waterworks", source="City of Kitakyushu", ratio=3 / 2,
      caption="The Mayor of Mandalay calls on the Mayor of Kitakyushu (above); a visit to water supply "
              "facilities in Kitakyushu (below)",
      alt="Two photographs: the Mayors of Mandalay and Kitakyushu meeting, and Mandalay visitors at a "
          "Kitakyushu water supply facility")

photo("md-planning-workshop", ratio=3 / 2,
      caption="Naming the main challenges (above) and the participants of the planning workshop (below)",
      alt="Two photographs of the waste management planning workshop in Mandalay: participants listing "
          "challenges, and the group of participants")

photo("md-gegg-forum", ratio=2 / 1,
      caption="Leaders (left) and participants (right) at the Myanmar Forum on GEGG",
      alt="Two photographs from the Myanmar Forum on Green Economy / Green Growth: the leaders on the "
          "platform, and the audience")

timeline("md-waste-management", datasets=("events",),
         caption="Schemes and actions that built the waste management collaboration",
         source="Compiled by the editors from the text of the 2018 edition",
         title="the schemes and actions of the Kitakyushu–Mandalay collaboration on waste management",
         lane_column="sector", span=[2011, 2017], label_column="short",
         lanes=[{"label": "Forums and ties", "values": ["cooperation"]},
                {"label": "Waste management", "values": ["waste"]},
                {"label": "Education and awareness", "values": ["education"]}])

photo("md-ecology-note", ratio=3 / 2,
      caption="The Mandalay edition of the “Ecology Note”",
      alt="The cover of the Mandalay edition of the Ecology Note, a learning book on waste for pupils")

photo("md-skype-exchange", ratio=3 / 2,
      caption="Pupils in Mandalay (above) and Kitakyushu (below) talking over Skype",
      alt="Two photographs of a classroom video call: pupils in Mandalay, and pupils in Kitakyushu")

timeline("md-environmental-education", datasets=("events",),
         caption="The phases of the collaboration on environmental education",
         source="Compiled by the editors from the text of the 2018 edition",
         title="the phases of the Kitakyushu–Mandalay collaboration on environmental education",
         lane_column="kind", span=[2015, 2017], label_column="short",
         lanes=[{"label": "Forums and exchanges", "values": ["event"]},
                {"label": "Studies and surveys", "values": ["survey"]},
                {"label": "Materials and training", "values": ["project", "training"]},
                {"label": "Policy", "values": ["policy"]}])
