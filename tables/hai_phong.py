"""The table of Case Study 4, Hai Phong (Table 3.4.1 of the 2018 edition)."""
from __future__ import annotations

from dpaper.tables.declare import Column, table

# The sector grouping is the editors' (editor_notes D7), in the data. The manuscript's caption counts the
# projects; the list of tables shows this one.
table("hp-pilot-projects", "haiphong_pilot_projects",
      caption="Pilot projects of the “Green Growth Promotion Plan of the City of Hai Phong” (GGP)",
      columns=(Column("sector", "Sector"), Column("project", "Pilot project")),
      group=("sector", ()), item_number="number")
