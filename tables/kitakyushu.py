"""The tables of Chapter 2, Kitakyushu (Tables 2.1-2.3 of the 2018 edition)."""
from __future__ import annotations

from dpaper.tables.declare import Column, lost, table

table("kk-world-capital", "world_capital",
      columns=(Column("part", "Element"), Column("text", "Content")),
      group=("part", (("philosophy", "Basic philosophy"), ("pillar", "Three pillars supporting the philosophy"),
                      ("principle", "10 Principles of Environmental Action of the People of Kitakyushu"))),
      numbered=("principle",))

lost("kk-lost-table")    # Table 2.2, lost with Chapter 2 section 7 (editor_notes D1a)

table("kk-acclaim", "awards",
      columns=(Column("year", "Year", "year"), Column("award", "Recognition"),
               Column("organizer", "Organizer"), Column("summary", "What was recognised")),
      where=(("in_table_2_3", True),))
