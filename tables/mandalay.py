"""The table of Case Study 5, Mandalay: Figure 3.5.2 of the 2018 edition, a timeline matrix printed as a
figure (figures/mandalay.py places it); its 2011 row stays empty (editor_notes D9)."""
from __future__ import annotations

from dpaper.tables.declare import Matrix, table

table("md-timeline-matrix", "mandalay_timeline",
      matrix=Matrix("track", (("fund-and-scheme", "Fund and scheme"),
                              ("key-event", "Key starting points and events"),
                              ("water-and-sewerage", "Water and sewerage"),
                              ("waste-management", "Waste management"),
                              ("environmental-education", "Environmental education"),
                              ("energy-and-low-carbon", "Energy and low carbon")),
                    "year", (2011, 2017), "entry", letters="scheme_letter",
                    years=((2011, ("2011", "(Myanmar", "Reformation)")),)))
